// `gitignore.env-not-ignored` and `env.tracked-but-ignored`: whether a repository's own ignore
// rules (every .gitignore and .git/info/exclude, as git applies them) cover its env files.
// Pure judgement over facts gathered by src/sources/repo-facts.ts; `fix gitignore` applies the
// same plan. A user-level core.excludesFile protects one machine only, so it is not part of
// `isIgnored` here.
import { findingId } from '../policy/fingerprint.js';
import type { Finding, RuleInfo, Severity } from '../types.js';
import { baseName, isEnvTemplateName, isSecretEnvFileName, REQUIRED_ENV_NAMES } from './env-names.js';

export const GITIGNORE_ENV_NOT_IGNORED: RuleInfo = {
  id: 'gitignore.env-not-ignored',
  name: 'Env file name not covered by .gitignore',
  description:
    "The repository's ignore rules do not cover an env-file name, so `git add .` commits the file with every secret in it. Only the repository's own .gitignore files and .git/info/exclude protect every clone; a user-level core.excludesFile protects one machine.",
  fix: 'Add the lines in `details.linesToAdd` to the named .gitignore (`leakhound fix gitignore` does it), keeping templates such as `.env.example` committable.',
  severity: 'medium',
  tags: ['env', 'gitignore', 'hygiene'],
};

export const ENV_TRACKED_BUT_IGNORED: RuleInfo = {
  id: 'env.tracked-but-ignored',
  name: 'Tracked file matched by the ignore rules',
  description:
    'A file is tracked although the ignore rules now match it: it was committed before the rule was added, and ignoring it later does not untrack it or remove it from history.',
  fix: 'Untrack it with `git rm --cached <path>` (the file stays on disk; `leakhound fix gitignore --untrack` does it for env files), rotate any secret it held, and rewrite history if the repository is or was public.',
  severity: 'medium',
  tags: ['env', 'gitignore'],
};

export const GITIGNORE_RULES: readonly RuleInfo[] = [GITIGNORE_ENV_NOT_IGNORED, ENV_TRACKED_BUT_IGNORED];

/** What the judgement needs to know about a repository (paths relative, `/`-separated). */
export interface IgnoreFacts {
  /** Whether the repository's own ignore rules ignore this file path. */
  isIgnored(path: string): boolean;
  /** Directories to check: '' (the root) plus those holding env files or a package.json. */
  directories: readonly string[];
  /** Basenames of env files met in the tree, the index or history. */
  envNames: readonly string[];
  /** `.gitignore` files that exist. */
  gitignoreFiles: ReadonlySet<string>;
  /** Tracked files (the index), for `env.tracked-but-ignored`. */
  tracked: readonly string[];
  /** Some ignore file already names env files (the project has them in mind). */
  mentionsEnv: boolean;
}

/**
 * Whether the project uses env files at all: it has one (or a package.json: dotenv is the norm
 * there) somewhere, or its ignore rules already name them. A repository with none of these
 * (a Go library, a docs site) is not asked to ignore names it never uses; `fix gitignore` still
 * adds them when asked.
 */
export function usesEnvFiles(facts: IgnoreFacts): boolean {
  return facts.directories.length > 0 || facts.envNames.length > 0 || facts.mentionsEnv;
}

/** Lines one .gitignore needs: names to ignore, templates to un-ignore, and where each applies. */
export interface GitignoreAddition {
  /** The .gitignore to append to (may not exist yet). */
  gitignore: string;
  /** Env-file names to add, each with the directories where it is not ignored now. */
  ignore: { name: string; directories: string[] }[];
  /** Template names a rule catches now or would catch: kept committable with `!name`. */
  unignore: string[];
}

/** The names every checked directory must ignore: the usual ones plus every env-like name met. */
export function requiredNames(envNames: readonly string[]): string[] {
  const names = new Set(REQUIRED_ENV_NAMES);
  for (const n of envNames) if (isSecretEnvFileName(n)) names.add(n);
  return [...names].sort();
}

/** Template names to keep committable: `.env.example` and every template met. */
export function templateNames(envNames: readonly string[]): string[] {
  return [...new Set(['.env.example', ...envNames.filter(isEnvTemplateName)])].sort();
}

/** The .gitignore that should cover `dir`: the deepest existing one at or above it, else the root's. */
export function targetGitignore(dir: string, existing: ReadonlySet<string>): string {
  for (let d: string | null = dir; d !== null; d = parentDir(d)) {
    const candidate = d === '' ? '.gitignore' : `${d}/.gitignore`;
    if (existing.has(candidate)) return candidate;
  }
  return '.gitignore';
}

function parentDir(dir: string): string | null {
  if (dir === '') return null;
  const slash = dir.lastIndexOf('/');
  return slash === -1 ? '' : dir.slice(0, slash);
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** Every .gitignore that needs lines, with the lines; empty when the rules cover everything. */
export function planGitignore(facts: IgnoreFacts): GitignoreAddition[] {
  const names = requiredNames(facts.envNames);
  const templates = templateNames(facts.envNames);
  const plans = new Map<string, { ignore: Map<string, string[]>; unignore: Set<string> }>();
  const planFor = (gitignore: string) => {
    let plan = plans.get(gitignore);
    if (!plan) plans.set(gitignore, (plan = { ignore: new Map(), unignore: new Set() }));
    return plan;
  };
  for (const dir of [...new Set(['', ...facts.directories])].sort()) {
    const target = targetGitignore(dir, facts.gitignoreFiles);
    for (const name of names) {
      if (facts.isIgnored(join(dir, name))) continue;
      const plan = planFor(target);
      plan.ignore.set(name, [...(plan.ignore.get(name) ?? []), dir]);
    }
    // The lines added are exact names, so only a rule already there can catch a template.
    for (const template of templates) {
      if (facts.isIgnored(join(dir, template)) && !parentIgnored(facts, dir)) planFor(target).unignore.add(template);
    }
  }
  return [...plans.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([gitignore, plan]) => ({
      gitignore,
      ignore: [...plan.ignore.entries()].map(([name, directories]) => ({ name, directories })),
      unignore: [...plan.unignore].sort(),
    }));
}

/** A directory that is itself ignored: nothing below it can be un-ignored. */
function parentIgnored(facts: IgnoreFacts, dir: string): boolean {
  return dir !== '' && facts.isIgnored(dir);
}

/** The text lines an addition appends, in order. */
export function additionLines(addition: GitignoreAddition): string[] {
  return [...addition.ignore.map((i) => i.name), ...addition.unignore.map((t) => `!${t}`)];
}

/** Findings of both rules (only those enabled). */
export function gitignoreFindings(facts: IgnoreFacts, enabledRules: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  if (enabledRules.has(GITIGNORE_ENV_NOT_IGNORED.id) && usesEnvFiles(facts)) {
    for (const addition of planGitignore(facts)) {
      for (const { name, directories } of addition.ignore) {
        findings.push(
          repoFinding(
            GITIGNORE_ENV_NOT_IGNORED,
            addition.gitignore,
            `${addition.gitignore}\0${name}`,
            {
              name,
              gitignore: addition.gitignore,
              exists: facts.gitignoreFiles.has(addition.gitignore),
              directories: directories.map((d) => d || '.'),
              linesToAdd: [name],
            },
            undefined,
            `${name} is not ignored in ${directories.map((d) => d || '.').join(', ')}: add the line "${name}"`,
          ),
        );
      }
    }
  }
  if (enabledRules.has(ENV_TRACKED_BUT_IGNORED.id)) {
    for (const path of facts.tracked) {
      if (!facts.isIgnored(path)) continue;
      const envFile = isSecretEnvFileName(baseName(path));
      const untrack = `git rm --cached -- ${path}`;
      findings.push(repoFinding(ENV_TRACKED_BUT_IGNORED, path, path, { envFile, untrack }, envFile ? 'high' : 'low', `tracked although ignored: ${untrack}`));
    }
  }
  return findings;
}

/** A finding about the repository rather than a secret: `key` identifies it (never shown as a secret). */
export function repoFinding(
  rule: RuleInfo,
  path: string,
  key: string,
  details: Record<string, unknown>,
  severity?: Severity,
  /** One line for the reports, in place of a secret's snippet. */
  snippet?: string,
): Finding {
  return {
    id: findingId(rule.id, key),
    ruleId: rule.id,
    ruleName: rule.name,
    severity: severity ?? rule.severity,
    tags: rule.tags,
    secret: `${rule.id}:${key.replace(/\0/g, ':')}`,
    status: 'present',
    occurrences: [{ path, line: 1, column: 1, endLine: 1, endColumn: 1, commit: null, source: 'worktree', ...(snippet ? { snippet } : {}) }],
    details,
  };
}

/**
 * `text` with `lines` appended: existing content untouched, a missing final newline added, the
 * file's own line ending (CRLF when it uses CRLF) for the new lines. A line already present
 * (trimmed) is not added again, so applying a plan twice changes nothing.
 */
export function appendGitignoreLines(text: string, lines: readonly string[], header?: string): string {
  const present = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = [...new Set(lines)].filter((l) => !present.has(l));
  if (missing.length === 0) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = [...(header ? [header] : []), ...missing].join(eol) + eol;
  if (text === '') return block;
  const endsWithNewline = text.endsWith('\n');
  return `${text}${endsWithNewline ? '' : eol}${block}`;
}
