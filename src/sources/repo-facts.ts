// Facts about a repository's ignore rules and tracked files, for the repo-level checks in
// src/analyzers/gitignore.ts and src/analyzers/env-committed.ts: every .gitignore git would read
// (ignored directories are not entered, as git does not), .git/info/exclude, the directories
// holding env files or a package.json, the tracked files. A plain directory (no repository)
// has .gitignore files and nothing else.
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { IgnoreFacts } from '../analyzers/gitignore.js';
import { baseName, dirName, isEnvFileName } from '../analyzers/env-names.js';
import { locateRepository, type RepoLocation } from '../git/fs-repo.js';
import { openRepository } from '../git/open.js';
import type { GitReader } from '../git/reader.js';
import { IgnoreStack } from './ignore-rules.js';

export interface RepoFacts extends IgnoreFacts {
  /** Absolute root the paths are relative to (the work tree, or the plain directory). */
  root: string;
  /** null for a plain directory. */
  location: RepoLocation | null;
  /** A user-level excludes file exists (it protects one machine, so it does not count). */
  userExcludesFile: string | null;
}

/** Directories never entered when looking for env files and package.json (dependencies). */
const NOT_ENTERED = new Set(['.git', 'node_modules']);

/**
 * Reads the ignore rules and the tree under `root`. `reader` (when the root is a repository's
 * work tree) gives the tracked files; `historyPaths` adds env files met in history. null for a
 * directory inside a work tree (not its root).
 */
/**
 * `excluded` is the config's path allowlist: env files there (test fixtures, say) are meant to be
 * committed, so they neither name env files to cover nor make a directory one to check.
 */
export async function gatherRepoFacts(
  root: string,
  reader: GitReader | null,
  historyPaths: readonly string[] = [],
  excluded: (path: string) => boolean = () => false,
): Promise<RepoFacts | null> {
  const location = await locateRepository(root).catch(() => null);
  // A directory inside a work tree: the rules of the directories above it apply too, and the
  // checks belong to a scan of the whole work tree.
  if (location?.workTree && location.workTree !== root) return null;
  const inRepo = location !== null && location.workTree === root;
  const rules = new Map<string, string>();
  const directories = new Set<string>();
  const envNames = new Set<string>();
  const exclude = inRepo ? readText(join(location.commonDir, 'info', 'exclude')) : '';
  const matcher = new IgnoreMatcher(exclude, rules);

  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir === '' ? root : join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    const gitignore = entries.find((e) => e.name === '.gitignore' && e.isFile());
    if (gitignore) rules.set(dir, readText(join(root, dir, '.gitignore')));
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (excluded(path)) continue;
      if (entry.isDirectory()) {
        if (!NOT_ENTERED.has(entry.name) && !matcher.isIgnored(path, true)) walk(path);
      } else if (entry.name === 'package.json' || isEnvFileName(entry.name)) {
        directories.add(dir);
        if (isEnvFileName(entry.name)) envNames.add(entry.name);
      }
    }
  };
  walk('');

  const tracked = inRepo && reader ? [...new Set((await reader.index()).map((e) => e.path))] : inRepo ? await trackedWithoutReader(root) : [];
  for (const path of [...tracked, ...historyPaths]) {
    if (!isEnvFileName(baseName(path)) || excluded(path)) continue;
    envNames.add(baseName(path));
    directories.add(dirName(path));
  }
  return {
    root,
    location: inRepo ? location : null,
    isIgnored: (path) => matcher.isIgnored(path, false),
    directories: [...directories].sort(),
    envNames: [...envNames].sort(),
    gitignoreFiles: new Set([...rules.keys()].map((d) => (d === '' ? '.gitignore' : `${d}/.gitignore`))),
    tracked: tracked.sort(),
    userExcludesFile: userExcludesFile(),
    mentionsEnv: [exclude, ...rules.values()].some((text) => /\.env\b|\benv\*/.test(text)),
  };
}

/** The index of a work tree without an open reader (worktree scans): opened just for this. */
async function trackedWithoutReader(root: string): Promise<string[]> {
  const reader = await openRepository(root);
  try {
    return [...new Set((await reader.index()).map((e) => e.path))];
  } finally {
    await reader.close();
  }
}

/**
 * Whether a path is ignored, as `git check-ignore --no-index` decides: each leading directory
 * in turn (an ignored one ignores everything below), then the path, with the .gitignore files
 * of the directories on the way. Uses the same IgnoreStack as the worktree walker.
 */
export class IgnoreMatcher {
  private readonly stacks = new Map<string, IgnoreStack | 'ignored'>();

  constructor(
    exclude: string,
    /** .gitignore texts by directory ('' for the root); read lazily as directories are met. */
    private readonly rules: ReadonlyMap<string, string>,
  ) {
    this.exclude = IgnoreStack.empty().with('', exclude);
  }

  private readonly exclude: IgnoreStack;

  isIgnored(path: string, isDirectory: boolean): boolean {
    const dir = dirName(path);
    const stack = this.stackFor(dir);
    return stack === 'ignored' || stack.isIgnored(path, isDirectory);
  }

  /** The rules that apply to the entries of `dir`, or 'ignored' when `dir` itself is. */
  private stackFor(dir: string): IgnoreStack | 'ignored' {
    const known = this.stacks.get(dir);
    if (known) return known;
    let stack: IgnoreStack | 'ignored';
    if (dir === '') {
      stack = this.exclude.with('', this.rules.get('') ?? '');
    } else {
      const parent = this.stackFor(dirName(dir));
      stack =
        parent === 'ignored' || parent.isIgnored(dir, true) ? 'ignored' : parent.enter(dir).with(dir, this.rules.get(dir) ?? '');
    }
    // Only cache once the rules of this directory are known (the walk reads them top-down).
    if (this.rules.has(dir) || stack === 'ignored') this.stacks.set(dir, stack);
    return stack;
  }
}

/** git's user-level excludes file: core.excludesFile in ~/.gitconfig, or the XDG default. */
function userExcludesFile(): string | null {
  const home = process.env['HOME'] ?? homedir();
  const xdg = process.env['XDG_CONFIG_HOME'] || join(home, '.config');
  for (const config of [join(home, '.gitconfig'), join(xdg, 'git', 'config')]) {
    const value = /^\s*excludesfile\s*=\s*(.+?)\s*$/im.exec(readText(config))?.[1];
    if (value) return value.replace(/^"|"$/g, '');
  }
  const xdgIgnore = join(xdg, 'git', 'ignore');
  return readText(xdgIgnore) ? xdgIgnore : null;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
