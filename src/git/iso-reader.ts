// The pure-JS engine, for machines without git (or `--engine isomorphic`). isomorphic-git only
// inflates objects (loose and packed, deltas resolved); everything else (parsing, the commit
// walk and order, refs, HEAD, the index) is leakhound's own code shared with or mirroring the
// cli engine, so both engines report the same things. Slower than git (about 26 MiB/s of blobs
// against 500 on express), and it cannot read SHA-256 repositories.
import { promises as fsp } from 'node:fs';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { expandOid, readObject } from 'isomorphic-git';
import { GitError, errorMessage } from '../errors.js';
import { orderOldestFirst } from './commit-order.js';
import { commitFromObject, reportUnreadable, walkCommits, type CommitRead } from './commit-walk.js';
import { readFsRefs, readHeadFile, readShallow, refCandidates, type RepoLocation } from './fs-repo.js';
import { indexFilePath } from './index-file-path.js';
import { parseIndexFile } from './index-file.js';
import { isOid, parseTree } from './objects.js';
import { peelRefTip, peelToCommit, windowedReads, type RawObject } from './reader-helpers.js';
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

/** Commits read at once while walking history (isomorphic-git reads are async file I/O). */
const WALK_BATCH = 32;
/** Object reads in flight at once: enough to overlap file I/O, few enough to never exhaust fds. */
const MAX_CONCURRENT_READS = 64;

export class IsoGitReader implements GitReader {
  readonly engine = 'isomorphic' as const;
  readonly gitDir: string;
  readonly workTree: string | null;
  readonly objectFormat = 'sha1' as const;
  private readonly commonDir: string;
  /** isomorphic-git's cache of pack indexes and packs, shared by every read of this reader. */
  private readonly cache: object = {};
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(location: RepoLocation, objectFormat: 'sha1' | 'sha256') {
    if (objectFormat !== 'sha1') {
      throw new GitError(`${location.gitDir}: SHA-256 repositories need the git engine (isomorphic-git reads SHA-1 only); install git >= 2.30`);
    }
    this.gitDir = location.gitDir;
    this.workTree = location.workTree;
    this.commonDir = location.commonDir;
  }

  async head(): Promise<HeadInfo> {
    const stored = await readHeadFile(this.gitDir);
    if (stored.oid) return { ref: null, commit: await peelToCommit(stored.oid, (o) => this.readRaw(o)) };
    if (!stored.ref) return { ref: null, commit: null };
    const oid = (await readFsRefs(this.commonDir)).get(stored.ref);
    return { ref: stored.ref, commit: oid ? await peelToCommit(oid, (o) => this.readRaw(o)) : null };
  }

  async refs(): Promise<RefInfo[]> {
    const stored = [...(await readFsRefs(this.commonDir))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const peeled = await Promise.all(stored.map(([, oid]) => peelRefTip(oid, (o) => this.readRaw(o))));
    const refs: RefInfo[] = [];
    stored.forEach(([name], i) => {
      const commit = peeled[i];
      if (commit) refs.push({ name, commit });
    });
    return refs;
  }

  async isShallow(): Promise<boolean> {
    return (await readShallow(this.commonDir)).size > 0;
  }

  async *commits(include: string[], exclude: string[] = [], options: CommitWalkOptions = {}): AsyncIterable<CommitRecord> {
    const walk = await walkCommits({
      include: include.filter((o) => isOid(o, 'sha1')),
      exclude: exclude.filter((o) => isOid(o, 'sha1')),
      shallow: await readShallow(this.commonDir),
      read: (sha) => this.readCommitResult(sha),
      batch: WALK_BATCH,
    });
    reportUnreadable(walk.unreadable, options);
    yield* orderOldestFirst(walk.records);
  }

  private async readCommitResult(sha: string): Promise<CommitRead> {
    const object = await this.readObject(sha);
    if ('error' in object) return { error: object.missing ? 'missing' : `corrupt (${object.error})` };
    return commitFromObject(sha, object.type, object.data);
  }

  async readCommit(sha: string): Promise<CommitRecord | null> {
    const read = await this.readCommitResult(sha);
    return 'error' in read ? null : read;
  }

  async resolve(rev: string): Promise<string | null> {
    const m = /^(.*?)((?:~\d*|\^\d*|\^\{(?:commit)?\})*)$/.exec(rev);
    if (!m || !m[1] || rev.startsWith('-')) return null;
    let sha = await this.resolveBase(m[1]);
    const suffixes = (m[2] ?? '').match(/~\d*|\^\{(?:commit)?\}|\^\d*/g) ?? [];
    for (const suffix of suffixes) {
      if (!sha) return null;
      if (suffix.startsWith('^{')) continue; // already peeled to a commit
      const n = suffix.length > 1 ? Number(suffix.slice(1)) : 1;
      if (suffix.startsWith('~')) {
        for (let i = 0; i < n && sha; i++) sha = (await this.readCommit(sha))?.parents[0] ?? null;
      } else if (n > 0) {
        sha = (await this.readCommit(sha))?.parents[n - 1] ?? null;
      }
    }
    return sha;
  }

  private async resolveBase(name: string): Promise<string | null> {
    const peel = (oid: string): Promise<string | null> => peelToCommit(oid, (o) => this.readRaw(o));
    if (name === 'HEAD' || name === '@') return (await this.head()).commit;
    if (isOid(name, 'sha1')) return peel(name);
    const refs = await readFsRefs(this.commonDir);
    for (const candidate of refCandidates(name)) {
      const oid = refs.get(candidate);
      if (oid) return peel(oid);
    }
    if (/^[0-9a-f]{4,39}$/.test(name)) {
      const full = await expandOid({ fs, gitdir: this.commonDir, oid: name, cache: this.cache }).catch(() => null);
      if (full) return peel(full);
    }
    return null;
  }

  async tree(oid: string): Promise<TreeEntry[]> {
    const object = await this.readObject(oid);
    if ('error' in object) throw new Error(object.missing ? `missing tree ${oid}` : object.error);
    if (object.type !== 'tree') throw new Error(`object ${oid} is a ${object.type}, not a tree`);
    return parseTree(object.data, 'sha1');
  }

  async blobSize(oid: string): Promise<number | null> {
    const object = await this.readObject(oid);
    return 'error' in object || object.type !== 'blob' ? null : object.data.length;
  }

  async readBlob(oid: string, options?: ReadOptions): Promise<BlobRead> {
    const object = await this.readObject(oid);
    if ('error' in object) return { oid, error: object.error };
    if (object.type !== 'blob') return { oid, error: `object ${oid} is a ${object.type}, not a blob` };
    if (options?.maxSize !== undefined && object.data.length > options.maxSize) return { oid, tooLarge: true, size: object.data.length };
    return { oid, data: object.data };
  }

  readBlobs(oids: Iterable<string> | AsyncIterable<string>, options?: ReadOptions): AsyncIterable<BlobRead> {
    return windowedReads(oids, (oid, o) => this.readBlob(oid, o), options, 8);
  }

  async index(): Promise<IndexEntry[]> {
    const data = await fsp.readFile(indexFilePath(this.gitDir)).catch(() => null);
    if (!data) return [];
    try {
      return parseIndexFile(data, 'sha1');
    } catch (err) {
      throw new GitError(`cannot read the index of ${this.gitDir}: ${errorMessage(err)}`);
    }
  }

  async close(): Promise<void> {
    /* nothing held open */
  }

  private async readRaw(oid: string): Promise<RawObject> {
    const object = await this.readObject(oid);
    return 'error' in object ? null : object;
  }

  private async readObject(oid: string): Promise<{ type: string; data: Buffer } | { error: string; missing: boolean }> {
    if (!isOid(oid, 'sha1')) return { error: `not an object id: ${JSON.stringify(oid)}`, missing: false };
    while (this.active >= MAX_CONCURRENT_READS) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const result = await readObject({ fs, gitdir: this.commonDir, oid, format: 'content', cache: this.cache });
      const bytes = result.object as Uint8Array;
      return { type: result.type, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    } catch (err) {
      const code = (err as { code?: string }).code;
      return code === 'NotFoundError'
        ? { error: `missing object ${oid}`, missing: true }
        : { error: `cannot read object ${oid}: ${isoErrorMessage(err)}`, missing: false };
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** isomorphic-git wraps some failures in a paragraph asking for a bug report; the cause is in `data.message`. */
function isoErrorMessage(err: unknown): string {
  const inner = (err as { data?: { message?: unknown } } | null)?.data?.message;
  return (typeof inner === 'string' ? inner : errorMessage(err)).replace(/\s+/g, ' ').trim();
}
