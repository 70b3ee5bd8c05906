// `.leakhound.yaml`: read, validate (every problem at once, with its line), and turn into the
// typed Config the scan uses. Custom rules go through the same parser as patterns/*.yaml.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { ConfigError, errorMessage } from '../errors.js';
import { parseRules } from '../rules/load.js';
import { checkRules } from '../rules/check.js';
import type { Allowlist } from '../policy/allowlist.js';
import { DEFAULT_INLINE_ALLOW, type InlineAllowOptions } from '../policy/inline-allow.js';
import { DEFAULT_ALLOWLIST_LINE_REGEXES, DEFAULT_ALLOWLIST_PATHS } from './defaults.js';
import { SEVERITIES, type Rule, type Severity } from '../types.js';

export const CONFIG_FILE_NAME = '.leakhound.yaml';

export interface Config {
  /** Absolute path of the file, or null for the built-in defaults. */
  file: string | null;
  /** `default` keeps the built-in rules; `none` uses only the config's own rules. */
  extend: 'default' | 'none';
  rules: Rule[];
  /** Rule ids or tags. */
  disable: string[];
  severity: Record<string, Severity>;
  allowlist: Allowlist;
  maxFileSize?: number;
  /** Absolute path of the baseline file (`baseline:`, relative to the config file). */
  baseline?: string;
  /** Which inline allow markers count (`inline_allow:`). */
  inlineAllow?: InlineAllowOptions;
  /** Levels of base64/hex/percent encoding the detector looks inside (`decode.depth`; 0: none). */
  decodeDepth?: number;
}

export const DEFAULT_CONFIG: Config = {
  file: null,
  extend: 'default',
  rules: [],
  disable: [],
  severity: {},
  allowlist: defaultAllowlist(),
  inlineAllow: DEFAULT_INLINE_ALLOW,
};

/** The built-in allowlist (config/defaults.ts), which every config starts from. */
function defaultAllowlist(): Allowlist {
  return {
    paths: [...DEFAULT_ALLOWLIST_PATHS],
    regexes: [],
    stopwords: [],
    commits: [],
    lineRegexes: [...DEFAULT_ALLOWLIST_LINE_REGEXES],
  };
}

/** Every key the loader accepts (the JSON Schema test checks schema/leakhound.schema.json agrees). */
export const TOP_KEYS = ['extend', 'rules', 'disable', 'severity', 'allowlist', 'max_file_size', 'baseline', 'inline_allow', 'decode'] as const;
export const ALLOWLIST_KEYS = ['paths', 'regexes', 'stopwords', 'commits', 'defaults'] as const;
export const INLINE_ALLOW_KEYS = ['gitleaks'] as const;
export const DECODE_KEYS = ['depth'] as const;
/** `decode.depth` above this buys nothing but time: real data is not encoded deeper. */
export const MAX_DECODE_DEPTH = 5;
export const REGEX_ENTRY_KEYS = ['regex', 'target'] as const;

/** The explicit `--config` file, else `.leakhound.yaml` in the scanned directory, else defaults. */
export function loadConfig(explicitPath: string | undefined, scanRoot: string): Config {
  if (explicitPath !== undefined) {
    if (!existsSync(explicitPath)) throw new ConfigError(explicitPath, ['file not found']);
    return parseConfig(readConfigText(explicitPath), explicitPath);
  }
  const implicit = join(scanRoot, CONFIG_FILE_NAME);
  return existsSync(implicit) ? parseConfig(readConfigText(implicit), implicit) : DEFAULT_CONFIG;
}

function readConfigText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read: ${errorMessage(err)}`]);
  }
}

export function parseConfig(text: string, file: string): Config {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems: string[] = [];
  const at = (node: Node | null | undefined): string => {
    const offset = node?.range?.[0];
    return offset === undefined ? '' : `line ${lines.linePos(offset).line}: `;
  };
  for (const err of doc.errors) problems.push(`line ${lines.linePos(err.pos[0]).line}: ${err.message.split('\n')[0]}`);
  if (problems.length > 0) throw new ConfigError(file, problems);

  const config: Config = { ...DEFAULT_CONFIG, file, allowlist: defaultAllowlist(), inlineAllow: { ...DEFAULT_INLINE_ALLOW } };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return config;
  if (!isMap(root)) throw new ConfigError(file, [`${at(root)}the top level must be a mapping`]);

  for (const pair of root.items as Pair<Node, Node>[]) {
    const key = keyName(pair);
    const value = pair.value;
    switch (key) {
      case 'extend': {
        const v = scalarString(value);
        if (v === 'default' || v === 'none') config.extend = v;
        else problems.push(`${at(value)}extend must be "default" or "none"`);
        break;
      }
      case 'disable':
        config.disable = stringList(value, 'disable', problems, at);
        break;
      case 'severity':
        config.severity = severityMap(value, problems, at);
        break;
      case 'allowlist':
        readAllowlist(value, config.allowlist, problems, at);
        break;
      case 'max_file_size': {
        const v = isScalar(value) ? value.value : undefined;
        if (typeof v === 'number' && Number.isInteger(v) && v > 0) config.maxFileSize = v;
        else problems.push(`${at(value)}max_file_size must be a positive whole number of bytes`);
        break;
      }
      case 'rules': {
        if (!isSeq(value)) {
          problems.push(`${at(value)}rules must be a list`);
          break;
        }
        const parsed = parseRules(`rules:\n${indentYaml(String(value))}`, file);
        config.rules = parsed.rules;
        problems.push(...parsed.problems);
        // Custom rules pass the same checks as patterns/*.yaml: examples, negative examples, speed.
        if (parsed.problems.length === 0) {
          for (const p of checkRules(parsed.rules)) problems.push(`${at(value)}rule ${p.ruleId}: ${p.message}`);
        }
        break;
      }
      case 'baseline': {
        const v = scalarString(value);
        if (v === undefined || v === '') problems.push(`${at(value)}baseline must be the path of a baseline file`);
        else config.baseline = resolve(dirname(resolve(file)), v);
        break;
      }
      case 'inline_allow':
        readInlineAllow(value, config, problems, at);
        break;
      case 'decode':
        readDecode(value, config, problems, at);
        break;
      default:
        problems.push(`${at(pair.key as Node)}unknown key "${key}" (expected one of: ${TOP_KEYS.join(', ')})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
  return config;
}

type At = (node: Node | null | undefined) => string;

function keyName(pair: Pair<Node, Node>): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function scalarString(node: Node | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function stringList(node: Node | null | undefined, name: string, problems: string[], at: At): string[] {
  if (!isSeq(node)) {
    problems.push(`${at(node)}${name} must be a list of strings`);
    return [];
  }
  const out: string[] = [];
  for (const item of node.items as Node[]) {
    const v = scalarString(item);
    if (v === undefined || v === '') problems.push(`${at(item)}${name}: each entry must be a non-empty string`);
    else out.push(v);
  }
  return out;
}

function severityMap(node: Node | null | undefined, problems: string[], at: At): Record<string, Severity> {
  if (!isMap(node)) {
    problems.push(`${at(node)}severity must map rule ids to critical|high|medium|low`);
    return {};
  }
  const out: Record<string, Severity> = {};
  for (const pair of (node as YAMLMap<Node, Node>).items) {
    const v = scalarString(pair.value);
    if (v && (SEVERITIES as readonly string[]).includes(v)) out[keyName(pair)] = v as Severity;
    else problems.push(`${at(pair.value)}severity of "${keyName(pair)}" must be one of ${SEVERITIES.join(', ')}`);
  }
  return out;
}

function readAllowlist(node: Node | null | undefined, into: Allowlist, problems: string[], at: At): void {
  if (!isMap(node)) {
    problems.push(`${at(node)}allowlist must be a mapping`);
    return;
  }
  for (const pair of (node as YAMLMap<Node, Node>).items) {
    const key = keyName(pair);
    if (key === 'paths') {
      // User globs add to the built-in ones (images, fonts) unless `defaults: false`.
      into.paths.push(...stringList(pair.value, 'allowlist.paths', problems, at));
    } else if (key === 'stopwords' || key === 'commits') {
      into[key] = stringList(pair.value, `allowlist.${key}`, problems, at);
    } else if (key === 'regexes') {
      readRegexes(pair.value, into, problems, at);
    } else if (key === 'defaults') {
      const v = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof v !== 'boolean') problems.push(`${at(pair.value)}allowlist.defaults must be true or false`);
      else if (!v) removeDefaults(into);
    } else {
      problems.push(`${at(pair.key as Node)}unknown key "allowlist.${key}" (expected one of: ${ALLOWLIST_KEYS.join(', ')})`);
    }
  }
}

function indentYaml(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function removeDefaults(allowlist: Allowlist): void {
  allowlist.paths = allowlist.paths.filter((p) => !DEFAULT_ALLOWLIST_PATHS.includes(p));
  allowlist.lineRegexes = (allowlist.lineRegexes ?? []).filter((re) => !DEFAULT_ALLOWLIST_LINE_REGEXES.includes(re));
}

/** Each entry is a regex on the secret, or `{ regex, target: secret | line }`. */
function readRegexes(node: Node | null | undefined, into: Allowlist, problems: string[], at: At): void {
  if (!isSeq(node)) {
    problems.push(`${at(node)}allowlist.regexes must be a list`);
    return;
  }
  for (const item of node.items as Node[]) {
    let source: string | undefined;
    let target: 'secret' | 'line' = 'secret';
    if (isMap(item)) {
      for (const pair of (item as YAMLMap<Node, Node>).items) {
        const key = keyName(pair);
        const v = scalarString(pair.value);
        if (key === 'regex') source = v;
        else if (key === 'target' && (v === 'secret' || v === 'line')) target = v;
        else if (key === 'target') problems.push(`${at(pair.value)}allowlist.regexes: target must be "secret" or "line"`);
        else problems.push(`${at(pair.key as Node)}unknown key "allowlist.regexes.${key}" (expected one of: ${REGEX_ENTRY_KEYS.join(', ')})`);
      }
      if (source === undefined) {
        problems.push(`${at(item)}allowlist.regexes: an entry with options needs "regex"`);
        continue;
      }
    } else {
      source = scalarString(item);
      if (source === undefined || source === '') {
        problems.push(`${at(item)}allowlist.regexes: each entry must be a regex string or { regex, target }`);
        continue;
      }
    }
    try {
      const re = new RegExp(source);
      if (target === 'line') (into.lineRegexes ??= []).push(re);
      else into.regexes.push(re);
    } catch (err) {
      problems.push(`${at(item)}allowlist.regexes: invalid regular expression: ${errorMessage(err)}`);
    }
  }
}

function readInlineAllow(node: Node | null | undefined, config: Config, problems: string[], at: At): void {
  if (!isMap(node)) {
    problems.push(`${at(node)}inline_allow must be a mapping, e.g. { gitleaks: false }`);
    return;
  }
  const options: InlineAllowOptions = { ...DEFAULT_INLINE_ALLOW };
  for (const pair of (node as YAMLMap<Node, Node>).items) {
    const key = keyName(pair);
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (key !== 'gitleaks') {
      problems.push(`${at(pair.key as Node)}unknown key "inline_allow.${key}" (expected one of: ${INLINE_ALLOW_KEYS.join(', ')})`);
    } else if (typeof v !== 'boolean') problems.push(`${at(pair.value)}inline_allow.gitleaks must be true or false`);
    else options.gitleaks = v;
  }
  config.inlineAllow = options;
}

/** `decode: { depth: N }`: how many levels of encoding the detector looks inside (0 turns it off). */
function readDecode(node: Node | null | undefined, config: Config, problems: string[], at: At): void {
  if (!isMap(node)) {
    problems.push(`${at(node)}decode must be a mapping, e.g. { depth: 2 }`);
    return;
  }
  for (const pair of (node as YAMLMap<Node, Node>).items) {
    const key = keyName(pair);
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (key !== 'depth') {
      problems.push(`${at(pair.key as Node)}unknown key "decode.${key}" (expected one of: ${DECODE_KEYS.join(', ')})`);
    } else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_DECODE_DEPTH) {
      problems.push(`${at(pair.value)}decode.depth must be a whole number from 0 to ${MAX_DECODE_DEPTH}`);
    } else config.decodeDepth = v;
  }
}
