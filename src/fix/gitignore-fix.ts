// `leakhound fix gitignore`: makes a repository's own ignore rules cover its env files. Appends
// the lines src/analyzers/gitignore.ts plans to the right .gitignore files (created when
// absent; existing content and line endings kept; idempotent), and with `untrack` runs
// `git rm --cached` on tracked env files through the hardened runner (files stay on disk).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { additionLines, appendGitignoreLines, planGitignore } from '../analyzers/gitignore.js';
import { baseName, isEnvFilePath, isSecretEnvFileName } from '../analyzers/env-names.js';
import { UsageError } from '../errors.js';
import { locateRepository } from '../git/fs-repo.js';
import { runGit, runGitOk } from '../git/run.js';
import { gatherRepoFacts, type RepoFacts } from '../sources/repo-facts.js';

export interface FixGitignoreOptions {
  path: string;
  dryRun?: boolean;
  untrack?: boolean;
}

export interface GitignoreChange {
  gitignore: string;
  created: boolean;
  lines: string[];
}

export interface FixGitignoreResult {
  /** Work tree root (or plain directory) the paths are relative to. */
  root: string;
  changes: GitignoreChange[];
  /** Tracked env files untracked (or, in a dry run, to untrack). */
  untracked: string[];
  /** Names still not covered after the change (should be empty). */
  remaining: string[];
}

const HEADER = '# env files: never commit them (added by leakhound fix gitignore)';

export async function fixGitignore(options: FixGitignoreOptions): Promise<FixGitignoreResult> {
  const root = await rootOf(options.path);
  const historyPaths = await historyEnvPaths(root);
  const facts = await factsAt(root, historyPaths);
  const changes: GitignoreChange[] = [];
  for (const addition of planGitignore(facts)) {
    const file = join(root, addition.gitignore);
    const created = !existsSync(file);
    const before = created ? '' : readFileSync(file, 'utf8');
    const after = appendGitignoreLines(before, additionLines(addition), HEADER);
    if (after === before) continue;
    const lines = additionLines(addition).filter((l) => !before.split(/\r?\n/).some((b) => b.trim() === l));
    changes.push({ gitignore: addition.gitignore, created, lines });
    if (!options.dryRun) writeFileSync(file, after);
  }

  const toUntrack = facts.tracked.filter((p) => isSecretEnvFileName(baseName(p)));
  if (options.untrack && toUntrack.length > 0) {
    if (!facts.location) throw new UsageError(`not a git repository: ${root} (nothing is tracked)`);
    if (!options.dryRun) await runGitOk(facts.location.gitDir, ['rm', '--cached', '-q', '--', ...toUntrack], { cwd: root });
  }

  const after = options.dryRun ? facts : await factsAt(root, historyPaths);
  const remaining = options.dryRun ? [] : planGitignore(after).flatMap((a) => a.ignore.map((i) => `${a.gitignore}: ${i.name}`));
  return { root, changes, untracked: options.untrack ? toUntrack : [], remaining };
}

/** The work tree root of the repository holding `path`, or `path` itself (a plain directory). */
async function rootOf(path: string): Promise<string> {
  const dir = resolve(path);
  if (!existsSync(dir)) throw new UsageError(`no such directory: ${path}`);
  const location = await locateRepository(dir).catch(() => null);
  if (location && !location.workTree) throw new UsageError(`${path} is a bare repository: there is no work tree to protect`);
  return location?.workTree ?? dir;
}

async function factsAt(root: string, historyPaths: string[]): Promise<RepoFacts> {
  const facts = await gatherRepoFacts(root, null, historyPaths);
  if (!facts) throw new UsageError(`cannot read the ignore rules of ${root}`);
  return facts;
}

/** Env files in any commit of any ref (names only), so their names get covered too. */
async function historyEnvPaths(root: string): Promise<string[]> {
  const location = await locateRepository(root).catch(() => null);
  if (!location) return [];
  const paths = new Set<string>();
  const run = await runGit(location.gitDir, ['log', '--all', '--format=', '--name-only', '-z', '--no-renames'], {
    cwd: root,
    terminator: '\0',
    onLine: (line) => {
      const path = line.trim();
      if (path && isEnvFilePath(path)) paths.add(path);
    },
  }).catch(() => null);
  return run?.code === 0 ? [...paths] : [];
}
