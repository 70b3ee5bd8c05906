// Loads rules from YAML (patterns/*.yaml or a config file's custom rules), validates every field
// and compiles each pattern. Problems are collected, never thrown one by one: a rule author sees
// every mistake of a file in one run.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { ConfigError } from '../errors.js';
import { SEVERITIES, type PathRule, type Rule, type Severity } from '../types.js';
import { STRUCTURES } from '../detect/key-file-structure.js';
import { VALIDATORS } from '../detect/validators.js';
import { MIN_KEYWORD_LENGTH } from '../detect/prefilter.js';

export const RULE_ID_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
/** Tags every rule carries (SARIF consumers filter on them). */
export const BASE_TAGS = ['security', 'secret'] as const;
/** The documented example file in patterns/, never loaded as rules. */
export const TEMPLATE_FILE = '_template.yaml';

const KNOWN_KEYS = new Set([
  'id', 'name', 'description', 'fix', 'pattern', 'flags', 'keywords', 'entropy', 'validator',
  'placeholder_filter', 'severity', 'tags', 'examples', 'negative_examples',
]);
/** A path rule (`path:` instead of `pattern:`) names key files; it has no content pattern. */
const PATH_RULE_KEYS = new Set(['id', 'name', 'description', 'fix', 'path', 'flags', 'structure', 'severity', 'tags', 'examples', 'negative_examples']);
const PATH_RULE_REQUIRED = ['id', 'name', 'description', 'fix', 'path', 'structure', 'severity'] as const;
const REQUIRED_KEYS = ['id', 'name', 'description', 'fix', 'pattern', 'keywords', 'severity'] as const;
/** `g` and `d` are added by the loader; `y` would anchor every search at lastIndex. */
const ALLOWED_FLAGS = /^[imsuv]*$/;

/**
 * The `patterns/` folder shipped with the package: walk up from this module until a folder has
 * both package.json and patterns/ (works from src/rules/ under vitest and from dist/*.js).
 */
export function defaultPatternsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'patterns'))) {
      return join(dir, 'patterns');
    }
    const parent = dirname(dir);
    if (parent === dir) throw new ConfigError('patterns', ['cannot find the patterns/ folder next to package.json']);
    dir = parent;
  }
}

type Problems = string[];

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Compiles the pattern or explains why it cannot be used. */
function compilePattern(pattern: string, flags: string, say: (message: string) => void): RegExp | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, `gd${flags}`);
  } catch (err) {
    say(`invalid regex: ${(err as Error).message}`);
    return undefined;
  }
  // An alternation with the empty string always matches, so `groups` lists every named group.
  const probe = new RegExp(`(?:${pattern})|`, flags).exec('');
  if (!probe?.groups || !('secret' in probe.groups)) {
    say('pattern has no named group `(?<secret>...)`');
    return undefined;
  }
  return regex;
}

/** Reads one rule mapping's fields, counting every problem it reports. */
function fieldReader(raw: Record<string, unknown>, say: (message: string) => void) {
  let problems = 0;
  const report = (message: string): void => {
    problems++;
    say(message);
  };
  const text = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      report(`\`${key}\` must be a non-empty string`);
      return undefined;
    }
    return value;
  };
  const list = (key: string): string[] | undefined => {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (!isStringArray(value)) {
      report(`\`${key}\` must be a list of strings`);
      return undefined;
    }
    return value;
  };
  return { report, text, list, problems: () => problems };
}

/** The fields every rule has, pattern or path rule: id, texts, severity, tags and examples. */
function commonFields(raw: Record<string, unknown>, fields: ReturnType<typeof fieldReader>, idExample: string) {
  const { report, text, list } = fields;
  const id = text('id');
  if (id !== undefined && !RULE_ID_PATTERN.test(id)) {
    report(`bad id "${id}": use lowercase words joined by "." or "-" (e.g. ${idExample})`);
  }
  const severity = raw.severity;
  if (severity !== undefined && severity !== null && !SEVERITIES.includes(severity as Severity)) {
    report(`bad severity "${String(severity)}" (use ${SEVERITIES.join(', ')})`);
  }
  return {
    id,
    name: text('name'),
    description: text('description'),
    fix: text('fix'),
    severity: severity as Severity,
    tags: list('tags') ?? [],
    examples: list('examples') ?? [],
    negativeExamples: list('negative_examples') ?? [],
  };
}

/** Validates one rule mapping; returns the rule only if it has no problems. */
function toRule(raw: Record<string, unknown>, source: string, say: (message: string) => void): Rule | undefined {
  const fields = fieldReader(raw, say);
  const { report, text, list } = fields;
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) report(`unknown key \`${key}\``);
  }
  for (const key of REQUIRED_KEYS) {
    if (raw[key] === undefined || raw[key] === null) report(`missing \`${key}\``);
  }
  const { id, name, description, fix, severity, tags, examples, negativeExamples } = commonFields(raw, fields, 'github.pat');
  const pattern = text('pattern');
  let flags = '';
  if (raw.flags !== undefined && raw.flags !== null) {
    if (typeof raw.flags !== 'string') report('`flags` must be a string such as "i"');
    else flags = raw.flags;
  }
  if (!ALLOWED_FLAGS.test(flags) || new Set(flags).size !== flags.length) {
    report(`bad flags "${flags}": only i, m, s, u, v (g and d are added by the loader)`);
  }
  const keywords = list('keywords');
  for (const keyword of keywords ?? []) {
    if (keyword.length < MIN_KEYWORD_LENGTH || !/^[\x20-\x7e]+$/.test(keyword)) {
      report(`keyword "${keyword}" must be at least ${MIN_KEYWORD_LENGTH} printable ASCII characters`);
    }
  }

  let entropy: number | undefined;
  if (raw.entropy !== undefined) {
    if (typeof raw.entropy !== 'number' || !(raw.entropy >= 0 && raw.entropy <= 8)) {
      report('`entropy` must be a number of bits per char between 0 and 8');
    } else entropy = raw.entropy;
  }
  const validator = text('validator');
  if (validator !== undefined && !VALIDATORS.has(validator)) {
    report(`unknown validator "${validator}" (known: ${[...VALIDATORS.keys()].join(', ')})`);
  }
  let placeholderFilter = false;
  if (raw.placeholder_filter !== undefined) {
    if (typeof raw.placeholder_filter !== 'boolean') report('`placeholder_filter` must be true or false');
    else placeholderFilter = raw.placeholder_filter;
  }
  const regex = pattern !== undefined && ALLOWED_FLAGS.test(flags) ? compilePattern(pattern, flags, report) : undefined;

  if (fields.problems() > 0 || !id || !name || !description || !fix || !pattern || !regex || !keywords) return undefined;
  return {
    id,
    name,
    description: description.trim(),
    fix: fix.trim(),
    pattern,
    regex,
    keywords: [...new Set(keywords.map((keyword) => keyword.toLowerCase()))],
    ...(entropy !== undefined ? { entropy } : {}),
    severity,
    tags: [...new Set([...BASE_TAGS, ...tags])],
    ...(validator !== undefined ? { validator } : {}),
    placeholderFilter,
    examples,
    negativeExamples,
    source,
  };
}

/** Validates one path rule mapping (`path:` + `structure:`); returns it only if it has no problems. */
function toPathRule(raw: Record<string, unknown>, source: string, say: (message: string) => void): PathRule | undefined {
  const fields = fieldReader(raw, say);
  const { report, text, list } = fields;
  for (const key of Object.keys(raw)) if (!PATH_RULE_KEYS.has(key)) report(`unknown key \`${key}\` (a path rule has no content pattern)`);
  for (const key of PATH_RULE_REQUIRED) if (raw[key] === undefined || raw[key] === null) report(`missing \`${key}\``);
  const { id, name, description, fix, severity, tags, examples, negativeExamples } = commonFields(raw, fields, 'keyfile.pkcs12');
  const path = text('path');
  const flags = raw.flags === undefined || raw.flags === null ? '' : raw.flags;
  if (typeof flags !== 'string' || !/^[isuv]*$/.test(flags) || new Set(flags).size !== flags.length) {
    report(`bad flags "${String(flags)}": a path rule takes only i, s, u, v`);
  }
  const structure = list('structure');
  if (structure !== undefined && structure.length === 0) report('`structure` must name at least one check');
  for (const check of structure ?? []) {
    if (!STRUCTURES.has(check)) report(`unknown structure "${check}" (known: ${[...STRUCTURES.keys()].join(', ')})`);
  }
  let pathRegex: RegExp | undefined;
  if (path !== undefined && typeof flags === 'string') {
    try {
      pathRegex = new RegExp(path, flags);
    } catch (err) {
      report(`invalid path regex: ${(err as Error).message}`);
    }
  }
  if (fields.problems() > 0 || !id || !name || !description || !fix || !path || !pathRegex || !structure) return undefined;
  return {
    id,
    name,
    description: description.trim(),
    fix: fix.trim(),
    severity,
    tags: [...new Set([...BASE_TAGS, 'key-file', ...tags])],
    path,
    pathRegex,
    structure,
    examples,
    negativeExamples,
    source,
  };
}

/**
 * Parses one rule file's text. `source` names the file in messages and in `Rule.source`.
 * Every problem found is returned (as `source:line: message`); only flawless rules are returned.
 */
export function parseRules(
  text: string,
  source: string,
  options: { pathRules?: boolean } = {},
): { rules: Rule[]; pathRules: PathRule[]; problems: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems: Problems = [];
  const at = (offset: number | undefined): string =>
    offset === undefined ? source : `${source}:${lineCounter.linePos(offset).line}`;

  for (const error of doc.errors) problems.push(`${at(error.pos[0])}: ${error.message.split('\n')[0]}`);
  if (doc.errors.length > 0) return { rules: [], pathRules: [], problems };

  const root = doc.contents;
  if (!isMap(root)) {
    problems.push(`${source}: expected a mapping with a \`rules\` list`);
    return { rules: [], pathRules: [], problems };
  }
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
    if (key !== 'rules') problems.push(`${at((pair.key as unknown as { range?: [number] } | null)?.range?.[0])}: unknown top-level key \`${key}\``);
  }
  const list = root.get('rules', true);
  if (!isSeq(list)) {
    problems.push(`${source}: expected a \`rules\` list`);
    return { rules: [], pathRules: [], problems };
  }

  const rules: Rule[] = [];
  const pathRules: PathRule[] = [];
  const seenIds = new Map<string, number>();
  list.items.forEach((item, index) => {
    const line = lineCounter.linePos((item as unknown as { range?: [number] } | null)?.range?.[0] ?? 0).line;
    if (!isMap(item)) {
      problems.push(`${source}:${line}: rule #${index + 1} must be a mapping`);
      return;
    }
    const raw = (item as YAMLMap).toJSON() as Record<string, unknown>;
    const label = typeof raw.id === 'string' ? `rule "${raw.id}"` : `rule #${index + 1}`;
    const say = (message: string): number => problems.push(`${source}:${line}: ${label}: ${message}`);
    const isPathRule = raw.path !== undefined && raw.pattern === undefined;
    if (isPathRule && !options.pathRules) say('path rules (`path:`) are only supported in the patterns/ folder');
    const rule = isPathRule ? undefined : toRule(raw, source, say);
    const pathRule = isPathRule && options.pathRules ? toPathRule(raw, source, say) : undefined;
    if (typeof raw.id === 'string') {
      const first = seenIds.get(raw.id);
      if (first !== undefined) problems.push(`${source}:${line}: ${label}: duplicate id (first defined on line ${first})`);
      else seenIds.set(raw.id, line);
    }
    if (rule) rules.push(rule);
    if (pathRule) pathRules.push(pathRule);
  });
  return { rules, pathRules, problems };
}

/** Problems of ids defined in more than one file. */
function crossFileDuplicates(rules: readonly (Rule | PathRule)[]): string[] {
  const firstSource = new Map<string, string>();
  const problems: string[] = [];
  for (const rule of rules) {
    const first = firstSource.get(rule.id);
    if (first !== undefined && first !== rule.source) {
      problems.push(`${rule.source}: rule "${rule.id}": duplicate id (also defined in ${first})`);
    } else firstSource.set(rule.id, rule.source);
  }
  return problems;
}

/**
 * Loads every `*.yaml` rule file of the folder (default: the packaged patterns/), sorted by
 * file name, `_template.yaml` excepted: pattern rules and path rules. Throws one ConfigError
 * listing every problem.
 */
export function loadRuleSet(options: { dir?: string } = {}): { rules: Rule[]; pathRules: PathRule[] } {
  const dir = options.dir ?? defaultPatternsDir();
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml') && name !== TEMPLATE_FILE)
      .sort();
  } catch (err) {
    throw new ConfigError(dir, [`cannot read the rules folder: ${(err as Error).message}`]);
  }
  const rules: Rule[] = [];
  const pathRules: PathRule[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const parsed = parseRules(readFileSync(join(dir, file), 'utf8'), file, { pathRules: true });
    rules.push(...parsed.rules);
    pathRules.push(...parsed.pathRules);
    problems.push(...parsed.problems);
  }
  problems.push(...crossFileDuplicates([...rules, ...pathRules]));
  if (problems.length > 0) throw new ConfigError(dir, problems);
  return { rules, pathRules };
}

/** The pattern rules of the folder (see loadRuleSet). */
export function loadRules(options: { dir?: string } = {}): Rule[] {
  return loadRuleSet(options).rules;
}

/** The path rules (key files by name) of the folder (see loadRuleSet). */
export function loadPathRules(options: { dir?: string } = {}): PathRule[] {
  return loadRuleSet(options).pathRules;
}
