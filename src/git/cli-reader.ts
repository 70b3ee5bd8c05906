// The fast engine: the git binary (>= 2.30). One long-lived `cat-file --batch` serves every
// object read (commits, trees, blobs, tags), pipelined; `rev-list`, `for-each-ref`,
// `rev-parse` and `ls-files` answer the questions that need git's own walk. Every invocation
// goes through hardening.ts.
import { indexFilePath } from './index-file-path.js';
import { CatFileBatch, type BatchResult } from './cat-file.js';
import { orderOldestFirst } from './commit-order.js';
import { commitFromObject, reportUnreadable, walkCommits, type CommitRead, type CommitWalk } from './commit-walk.js';
import { hasLooseObject, readShallow, type RepoLocation } from './fs-repo.js';
import { canonicalMode, isOid, parseTree } from './objects.js';
import { peelRefTip, windowedReads, type RawObject } from './reader-helpers.js';
import type {
  BlobRead,
  CommitRecord,
  CommitWalkOptions,
  GitReader,
  HeadInfo,
  IndexEntry,
  ReadOptions,
  RefInfo,
  TreeEntry,
} from './reader.js';
import { runGit, runGitOk } from './run.js';
import { versionAtLeast } from './version.js';

/** Commits our own walk requests at once (one pipelined cat-file round trip per group). */
const OWN_WALK_BATCH = 1024;

export class CliGitReader implements GitReader {
  readonly engine = 'git' as const;
  readonly gitDir: string;
  readonly workTree: string | null;
  private readonly commonDir: string;
  private readonly batch: CatFileBatch;

  /** `gitVersion` ("2.39.5") picks the fastest cat-file protocol that git offers. */
  constructor(
    location: RepoLocation,
    readonly objectFormat: 'sha1' | 'sha256',
    gitVersion = '2.30.0',
  ) {
    this.gitDir = location.gitDir;
    this.workTree = location.workTree;
    this.commonDir = location.commonDir;
    this.batch = new CatFileBatch(location.gitDir, versionAtLeast(gitVersion, '2.36.0'));
  }

  async head(): Promise<HeadInfo> {
    const [sym, commit] = await Promise.all([
      runGit(this.gitDir, ['symbolic-ref', '-q', 'HEAD']),
      runGit(this.gitDir, ['rev-parse', '-q', '--verify', 'HEAD^{commit}']),
    ]);
    return {
      commit: commit.code === 0 ? commit.stdout.toString('utf8').trim() || null : null,
      ref: sym.code === 0 ? sym.stdout.toString('utf8').trim() || null : null,
    };
  }

  async refsContaining(commits: readonly string[], prefixes: readonly string[]): Promise<string[]> {
    if (commits.length === 0) return [];
    // Several --contains are OR'ed: one pass over the refs for all the commits.
    const args = ['for-each-ref', '--format=%(refname)', ...commits.map((c) => `--contains=${c}`), '--', ...prefixes];
    const out = await runGitOk(this.gitDir, args);
    return out.toString('utf8').split('\n').filter((name) => name !== '');
  }

  async refs(): Promise<RefInfo[]> {
    // No %(objecttype): for-each-ref would then read every tip and die on the first one missing.
    const out = await runGitOk(this.gitDir, ['for-each-ref', '--format=%(objectname) %(refname)']);
    const listed: { name: string; oid: string }[] = [];
    for (const line of out.toString('utf8').split('\n')) {
      const m = /^([0-9a-f]+) (.+)$/.exec(line);
      if (m?.[1] && m[2]) listed.push({ oid: m[1], name: m[2] });
    }
    const peeled = await Promise.all(listed.map((r) => peelRefTip(r.oid, (o) => this.readRaw(o))));
    const refs: RefInfo[] = [];
    listed.forEach((r, i) => {
      const commit = peeled[i];
      if (commit) refs.push({ name: r.name, commit });
    });
    return refs;
  }

  async isShallow(): Promise<boolean> {
    return (await readShallow(this.commonDir)).size > 0;
  }

  async *commits(include: string[], exclude: string[] = [], options: CommitWalkOptions = {}): AsyncIterable<CommitRecord> {
    const wanted = include.filter((o) => isOid(o, this.objectFormat));
    if (wanted.length === 0) return;
    const unwanted = exclude.filter((o) => isOid(o, this.objectFormat));
    // rev-list is the fast path; it stops at the first commit it cannot read, and then our own
    // walk (slower, but it goes around the damage) finds every commit still reachable.
    const walk =
      (await this.revList(wanted, unwanted)) ??
      (await walkCommits({
        include: wanted,
        exclude: unwanted,
        shallow: await readShallow(this.commonDir),
        read: (sha) => this.readCommitResult(sha),
        batch: OWN_WALK_BATCH,
      }));
    reportUnreadable(walk.unreadable, options);
    yield* orderOldestFirst(walk.records);
  }

  /** The commits `git rev-list` walks, read through cat-file while it walks; null when rev-list fails. */
  private async revList(wanted: string[], unwanted: string[]): Promise<CommitWalk | null> {
    const pending: Promise<CommitRead>[] = [];
    const listed: string[] = [];
    const run = await runGit(this.gitDir, ['rev-list', '--stdin'], {
      input: [...wanted, ...unwanted.map((o) => `^${o}`)].join('\n') + '\n',
      // Commit objects are requested while rev-list is still walking: both run at once.
      onLine: (line) => {
        const sha = line.trim();
        if (!sha) return;
        listed.push(sha);
        pending.push(this.readListedCommit(sha));
      },
    });
    const reads = await Promise.all(pending);
    if (run.code !== 0) return null;
    const walk: CommitWalk = { records: [], unreadable: [] };
    const failed: { sha: string; reason: string }[] = [];
    reads.forEach((read, i) => {
      if ('error' in read) failed.push({ sha: listed[i] as string, reason: read.error });
      else walk.records.push(read);
    });
    if (failed.length > 0) {
      // rev-list walked them (from the commit-graph file) though their objects cannot be read:
      // their parents were listed too, only their own trees are lost.
      const childOf = new Map<string, string>();
      for (const r of walk.records) for (const p of r.parents) if (!childOf.has(p)) childOf.set(p, r.sha);
      for (const f of failed) walk.unreadable.push({ ...f, child: childOf.get(f.sha) ?? null, ancestorsWalked: true });
    }
    return walk;
  }

  /** One retry: a cat-file process that died on a damaged object is restarted by the next request. */
  private async readListedCommit(sha: string): Promise<CommitRead> {
    const first = await this.readCommitResult(sha);
    return 'error' in first ? this.readCommitResult(sha) : first;
  }

  private async readCommitResult(sha: string): Promise<CommitRead> {
    const result = await this.get(sha);
    if (result.kind === 'object') return commitFromObject(sha, result.type, result.data);
    if (result.kind === 'missing') {
      return (await hasLooseObject(this.commonDir, sha)) ? { error: 'corrupt (git cannot read its loose object)' } : { error: 'missing' };
    }
    return { error: `corrupt (${result.kind === 'failed' ? result.message : 'unreadable'})` };
  }

  async readCommit(sha: string): Promise<CommitRecord | null> {
    const read = await this.readCommitResult(sha);
    return 'error' in read ? null : read;
  }

  async resolve(rev: string): Promise<string | null> {
    if (!rev || rev.startsWith('-') || /[\s\0]/.test(rev)) return null;
    const run = await runGit(this.gitDir, ['rev-parse', '-q', '--verify', `${rev}^{commit}`]);
    const sha = run.stdout.toString('utf8').trim();
    return run.code === 0 && isOid(sha, this.objectFormat) ? sha : null;
  }

  async tree(oid: string): Promise<TreeEntry[]> {
    const result = await this.get(oid);
    if (result.kind !== 'object') throw new Error(describeFailure('tree', oid, result));
    if (result.type !== 'tree') throw new Error(`object ${oid} is a ${result.type}, not a tree`);
    return parseTree(result.data, this.objectFormat);
  }

  async blobSize(oid: string): Promise<number | null> {
    const result = await this.get(oid, -1);
    return result.kind === 'too-large' ? result.size : null;
  }

  async readBlob(oid: string, options?: ReadOptions): Promise<BlobRead> {
    const result = await this.get(oid, options?.maxSize);
    if (result.kind === 'too-large') {
      return result.type === 'blob' ? { oid, tooLarge: true, size: result.size } : { oid, error: `object ${oid} is a ${result.type}, not a blob` };
    }
    if (result.kind !== 'object') return { oid, error: describeFailure('blob', oid, result) };
    if (result.type !== 'blob') return { oid, error: `object ${oid} is a ${result.type}, not a blob` };
    return { oid, data: result.data };
  }

  readBlobs(oids: Iterable<string> | AsyncIterable<string>, options?: ReadOptions): AsyncIterable<BlobRead> {
    return windowedReads(oids, (oid, o) => this.readBlob(oid, o), options);
  }

  async index(): Promise<IndexEntry[]> {
    const out = await runGitOk(this.gitDir, ['ls-files', '--stage', '-z'], { env: { GIT_INDEX_FILE: indexFilePath(this.gitDir) } });
    const entries: IndexEntry[] = [];
    for (const record of out.toString('utf8').split('\0')) {
      const m = /^(\d+) ([0-9a-f]+) (\d)\t([\s\S]+)$/.exec(record);
      if (!m?.[1] || !m[2] || !m[3] || !m[4]) continue;
      entries.push({ mode: canonicalMode(m[1]).mode, oid: m[2], stage: Number(m[3]), path: m[4] });
    }
    return entries;
  }

  close(): Promise<void> {
    return this.batch.close();
  }

  private get(oid: string, maxSize?: number): Promise<BatchResult> {
    if (!isOid(oid, this.objectFormat)) return Promise.resolve({ kind: 'failed', message: `not an object id: ${JSON.stringify(oid)}` });
    return this.batch.get(oid, maxSize);
  }

  private async readRaw(oid: string): Promise<RawObject> {
    const result = await this.get(oid);
    return result.kind === 'object' ? { type: result.type, data: result.data } : null;
  }
}

function describeFailure(what: string, oid: string, result: BatchResult): string {
  if (result.kind === 'missing') return `missing ${what} ${oid}`;
  if (result.kind === 'failed') return result.message;
  return `cannot read ${what} ${oid}`;
}
