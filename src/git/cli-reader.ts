// The fast engine: the git binary (>= 2.30). One long-lived `cat-file --batch` serves every
// object read (commits, trees, blobs, tags), pipelined; `rev-list`, `for-each-ref`,
// `rev-parse` and `ls-files` answer the questions that need git's own walk. Every invocation
// goes through hardening.ts.
import { indexFilePath } from './index-file-path.js';
import { CatFileBatch, type BatchResult } from './cat-file.js';
import { orderOldestFirst } from './commit-order.js';
import { readShallow, type RepoLocation } from './fs-repo.js';
import { canonicalMode, isOid, parseCommit, parseTree } from './objects.js';
import { peelToCommit, windowedReads, type RawObject } from './reader-helpers.js';
import type {
  BlobRead,
  CommitRecord,
  GitReader,
  HeadInfo,
  IndexEntry,
  ReadOptions,
  RefInfo,
  TreeEntry,
} from './reader.js';
import { runGit, runGitOk } from './run.js';
import { versionAtLeast } from './version.js';
import { GitError } from '../errors.js';

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
    const out = await runGitOk(this.gitDir, ['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)']);
    const listed: { name: string; oid: string; type: string }[] = [];
    for (const line of out.toString('utf8').split('\n')) {
      const m = /^([0-9a-f]+) (\w+) (.+)$/.exec(line);
      if (m?.[1] && m[2] && m[3]) listed.push({ oid: m[1], type: m[2], name: m[3] });
    }
    const peeled = await Promise.all(
      listed.map((r) => (r.type === 'commit' ? Promise.resolve(r.oid) : r.type === 'tag' ? peelToCommit(r.oid, (o) => this.readRaw(o)) : null)),
    );
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

  async *commits(include: string[], exclude: string[] = []): AsyncIterable<CommitRecord> {
    const wanted = include.filter((o) => isOid(o, this.objectFormat));
    if (wanted.length === 0) return;
    const unwanted = exclude.filter((o) => isOid(o, this.objectFormat));
    const pending: Promise<CommitRecord>[] = [];
    const run = await runGit(this.gitDir, ['rev-list', '--stdin'], {
      input: [...wanted, ...unwanted.map((o) => `^${o}`)].join('\n') + '\n',
      // Commit objects are requested while rev-list is still walking: both run at once.
      onLine: (line) => {
        const sha = line.trim();
        if (sha) pending.push(this.readListedCommit(sha));
      },
    });
    if (run.code !== 0) {
      const why = run.stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${run.code}`;
      throw new GitError(`git rev-list failed: ${why}`);
    }
    const records: CommitRecord[] = [];
    for (const p of pending) records.push(await p);
    yield* orderOldestFirst(records);
  }

  /**
   * A commit rev-list walked exists, so failing to read it is a fault, never a reason to drop it
   * silently (a scan missing commits must not look complete). One retry: a cat-file process
   * that died is restarted by the next request.
   */
  private async readListedCommit(sha: string): Promise<CommitRecord> {
    const record = (await this.readCommit(sha)) ?? (await this.readCommit(sha));
    if (!record) throw new GitError(`cannot read commit ${sha} (git rev-list listed it)`);
    return record;
  }

  async readCommit(sha: string): Promise<CommitRecord | null> {
    const object = await this.readRaw(sha);
    if (!object || object.type !== 'commit') return null;
    return parseCommit(sha, object.data);
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
