// Builds real git repositories for tests, in temp dirs removed after each test.
//
//   const temp = useTempDirs();                 // once per test file: cleans up after each test
//   const repo = temp.repo();                   // `git init` (branch main), deterministic identity
//   repo.write('src/a.ts', 'x').commit('add a');  // dates advance one minute per commit
//   repo.branch('dev').checkout('dev').write('b', 'y').commit('on dev');
//   repo.checkout('main').merge('dev');
//   const clone = temp.clone(repo, { depth: 1 });
//
// Every commit gets a fixed author/committer (overridable per commit) and a date from a
// per-repo clock, so shas are identical from run to run. The builder runs plain git (it
// builds trusted repos); code under test goes through src/git/hardening.ts.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import type { HistoryFacts, HistoryScan } from '../../src/sources/git-items.js';
import type { SourceItem } from '../../src/types.js';

export interface Identity {
  name: string;
  email: string;
}

export interface CommitOptions {
  author?: Identity;
  committer?: Identity;
  /** ISO 8601 date for author and committer; default: the repo clock (2024-01-01T00:00Z + 1 min per commit). */
  date?: string;
  allowEmpty?: boolean;
}

export const DEFAULT_AUTHOR: Identity = { name: 'Ada Tester', email: 'ada@example.test' };
const CLOCK_START = Date.parse('2024-01-01T00:00:00Z');

/** Environment for plain git in tests: no user/system config, no inherited GIT_* variables. */
export function testGitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && v !== undefined) env[k] = v;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C', ...extra };
}

const BASE_CONFIG = [
  '-c', 'init.defaultBranch=main',
  '-c', 'commit.gpgsign=false',
  '-c', 'tag.gpgsign=false',
  '-c', 'core.autocrlf=false',
  '-c', 'protocol.file.allow=always',
  '-c', 'advice.detachedHead=false',
];

/** Runs plain git in `cwd`; returns stdout (trimmed). Throws with git's stderr on failure. */
export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', [...BASE_CONFIG, ...args], {
    cwd,
    env: testGitEnv(env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export class TestRepo {
  private clock = 0;

  /** `dir` is the work tree (or the git dir of a bare repo). */
  constructor(
    readonly dir: string,
    readonly bare = false,
  ) {}

  /** Absolute path of the git directory. */
  get gitDir(): string {
    return this.bare ? this.dir : join(this.dir, '.git');
  }

  /** Plain git in this repo. */
  git(...args: string[]): string {
    return git(this.dir, args);
  }

  /** Writes a file (parents created) and stages it. */
  write(path: string, content: string | Buffer, options: { executable?: boolean } = {}): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    if (options.executable) chmodSync(file, 0o755);
    this.git('add', '--', path);
    return this;
  }

  /** Writes a file without staging it. */
  writeUnstaged(path: string, content: string | Buffer): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return this;
  }

  /** A symlink `path` -> `target`, staged. */
  symlink(path: string, target: string): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    try {
      unlinkSync(file);
    } catch {
      /* not there yet */
    }
    symlinkSync(target, file);
    this.git('add', '--', path);
    return this;
  }

  /** A submodule entry (gitlink, mode 160000) pointing at `commit`, staged; no .gitmodules needed. */
  gitlink(path: string, commit: string): this {
    this.git('update-index', '--add', '--cacheinfo', `160000,${commit},${path}`);
    return this;
  }

  rm(path: string): this {
    this.git('rm', '-q', '-r', '--', path);
    return this;
  }

  mv(from: string, to: string): this {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    this.git('mv', '--', from, to);
    return this;
  }

  /** Commits what is staged; returns this for chaining. Use `head()` for the sha. */
  commit(message: string, options: CommitOptions = {}): this {
    this.gitCommitting(['commit', '-q', '--no-verify', ...(options.allowEmpty ? ['--allow-empty'] : []), '-m', message], options);
    return this;
  }

  /** The env-driven variant used by commit(): deterministic identity and dates. */
  private commitEnv(options: CommitOptions): Record<string, string> {
    const date = options.date ?? new Date(CLOCK_START + this.clock++ * 60_000).toISOString();
    const author = options.author ?? DEFAULT_AUTHOR;
    const committer = options.committer ?? options.author ?? DEFAULT_AUTHOR;
    return {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: date,
    };
  }

  /** Runs a commit-creating git command with the deterministic identity and clock. */
  gitCommitting(args: string[], options: CommitOptions = {}): string {
    return git(this.dir, args, this.commitEnv(options));
  }

  branch(name: string, start = 'HEAD'): this {
    this.git('branch', name, start);
    return this;
  }

  checkout(ref: string): this {
    this.git('checkout', '-q', ref);
    return this;
  }

  /** Merges `ref` with a merge commit (--no-ff); conflicts throw. */
  merge(ref: string, message = `merge ${ref}`, options: CommitOptions = {}): this {
    this.gitCommitting(['merge', '-q', '--no-ff', '--no-edit', '-m', message, ref], options);
    return this;
  }

  /** Lightweight tag, or annotated with `message`. */
  tag(name: string, options: { message?: string; ref?: string } = {}): this {
    const ref = options.ref ?? 'HEAD';
    if (options.message) this.gitCommitting(['tag', '-a', '-m', options.message, name, ref]);
    else this.git('tag', name, ref);
    return this;
  }

  /** Commit id of `rev` (default HEAD). */
  head(rev = 'HEAD'): string {
    return this.git('rev-parse', '--verify', `${rev}^{commit}`);
  }

  /** Blob id of `rev:path`. */
  blob(path: string, rev = 'HEAD'): string {
    return this.git('rev-parse', '--verify', `${rev}:${path}`);
  }

  /** Blob id git would give `content`. */
  hashObject(content: string | Buffer): string {
    return execFileSync('git', ['hash-object', '--stdin'], { cwd: this.dir, env: testGitEnv(), input: content, encoding: 'utf8' }).trim();
  }

  /** Sets a config key in this repo's own config file. */
  config(key: string, value: string): this {
    this.git('config', key, value);
    return this;
  }

  /** Path of a loose object file, for tests that damage a repo. */
  looseObjectPath(oid: string): string {
    return join(this.gitDir, 'objects', oid.slice(0, 2), oid.slice(2));
  }
}

export interface CloneOptions {
  depth?: number;
  /** e.g. 'blob:none' (a partial clone; the source gets uploadpack.allowFilter). */
  filter?: string;
  bare?: boolean;
  noCheckout?: boolean;
}

export interface TempDirs {
  /** A fresh empty directory (realpath'd). */
  dir(prefix?: string): string;
  /** `git init` in a fresh directory. */
  repo(options?: { bare?: boolean }): TestRepo;
  /** `git clone file://<source>` into a fresh directory. */
  clone(source: TestRepo, options?: CloneOptions): TestRepo;
  /** `git worktree add` of `branch` (created from HEAD when missing) in a fresh directory. */
  worktree(source: TestRepo, branch: string): TestRepo;
  /** Removes everything made so far (also done after each test). */
  cleanup(): void;
}

/** Call once at the top of a test file (or describe block): dirs are removed after each test. */
export function useTempDirs(): TempDirs {
  const made: string[] = [];
  const dir = (prefix = 'leakhound-test-'): string => {
    const path = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
    made.push(path);
    return path;
  };
  const temp: TempDirs = {
    dir,
    repo(options = {}) {
      const path = dir('leakhound-repo-');
      git(path, ['init', '-q', ...(options.bare ? ['--bare'] : []), '.']);
      return new TestRepo(path, options.bare ?? false);
    },
    clone(source, options = {}) {
      if (options.filter) source.config('uploadpack.allowFilter', 'true');
      const path = dir('leakhound-clone-');
      git(path, [
        'clone',
        '-q',
        ...(options.depth ? [`--depth=${options.depth}`] : []),
        ...(options.filter ? [`--filter=${options.filter}`] : []),
        ...(options.bare ? ['--bare'] : []),
        ...(options.noCheckout ? ['--no-checkout'] : []),
        `file://${source.dir}`,
        '.',
      ]);
      return new TestRepo(path, options.bare ?? false);
    },
    worktree(source, branch) {
      const path = join(dir('leakhound-wt-'), 'wt');
      const exists = source.git('branch', '--list', branch) !== '';
      source.git('worktree', 'add', '-q', ...(exists ? [path, branch] : ['-b', branch, path]));
      return new TestRepo(path, false);
    },
    cleanup() {
      for (const path of made.splice(0)) rmSync(path, { recursive: true, force: true });
    },
  };
  afterEach(() => temp.cleanup());
  return temp;
}

/** Drains a git source (history, range, staged): all items, then its facts. */
export async function drain(scan: HistoryScan): Promise<{ items: SourceItem[]; facts: HistoryFacts }> {
  const items: SourceItem[] = [];
  for await (const item of scan.items) items.push(item);
  return { items, facts: scan.facts() };
}

/** Items as sorted one-line tuples (`kind blobId path commit onHead [reason] [prev=...]`), for comparisons. */
export function itemTuples(items: SourceItem[]): string[] {
  return items.map(itemTuple).sort();
}

export function itemTuple(item: SourceItem): string {
  const p = item.provenance;
  const commit = p?.kind === 'commit' ? `${p.commit.sha} ${p.onHead ? 'head' : 'side'}` : '-';
  const previous = p?.kind === 'commit' && p.previous ? ` prev=${p.previous.join(',')}` : '';
  const blobId = 'blobId' in item && item.blobId ? item.blobId : '-';
  const reason = item.kind === 'skipped' ? ` ${item.reason}` : '';
  return `${item.kind} ${blobId} ${p?.path ?? '-'} ${commit}${reason}${previous}`;
}
