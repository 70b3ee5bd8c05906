// The one interface through which leakhound reads a repository's object database. Two engines
// implement it: cli-reader.ts (git binary, fast, default) and iso-reader.ts (isomorphic-git).
// Sources (sources/history.ts, range.ts, staged.ts) depend on this interface only.

export type EngineName = 'git' | 'isomorphic';

export interface RefInfo {
  /** Full name, e.g. refs/heads/main, refs/tags/v1, refs/remotes/origin/dev. */
  name: string;
  /** The commit the ref points at (tags peeled). */
  commit: string;
}

export interface HeadInfo {
  /** null in an empty repository. */
  commit: string | null;
  /** Symbolic ref HEAD points at, null when detached. */
  ref: string | null;
}

export interface CommitRecord {
  sha: string;
  tree: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** ISO 8601. */
  authorDate: string;
}

/** A commit a walk could not read: missing from the object database, corrupt, or not a commit. */
export interface UnreadableCommit {
  sha: string;
  /** `missing`, `corrupt (<why>)`, `not a commit (a blob)`. */
  reason: string;
  /** A walked commit naming it as a parent; null when a walk start (a ref tip) names it. */
  child: string | null;
  /**
   * true when the walk still went through it to its parents (git walked it from its commit-graph
   * file), false when what only it reaches was not walked.
   */
  ancestorsWalked: boolean;
}

export interface CommitWalkOptions {
  /**
   * Called for each commit of the walk that cannot be read; the walk goes on without it. Without
   * this callback an unreadable commit makes the walk throw a GitError naming it.
   */
  onUnreadable?: (commit: UnreadableCommit) => void;
}

export type TreeEntryType = 'blob' | 'tree' | 'commit' /* submodule */;

export interface TreeEntry {
  /** Octal mode as git prints it: 100644, 100755, 120000 (symlink), 040000, 160000. */
  mode: string;
  type: TreeEntryType;
  oid: string;
  /** Name bytes decoded as UTF-8 (invalid bytes become U+FFFD). */
  name: string;
}

export type BlobRead =
  | { oid: string; data: Buffer }
  | { oid: string; error: string }
  /** Only when the caller passed `maxSize`: the blob is bigger, its bytes were not kept. */
  | { oid: string; tooLarge: true; size: number };

export interface ReadOptions {
  /** Blobs larger than this come back as `{ tooLarge, size }` without their bytes. */
  maxSize?: number;
}

/** One entry of the index (`git ls-files -s`). */
export interface IndexEntry {
  path: string;
  /** Canonical octal mode, as in TreeEntry. */
  mode: string;
  oid: string;
  /** 0 normally; 1-3 for the sides of an unresolved merge conflict. */
  stage: number;
}

export interface GitReader {
  readonly engine: EngineName;
  /** Absolute path of the git directory. */
  readonly gitDir: string;
  /** Absolute path of the work tree, null for a bare repository. */
  readonly workTree: string | null;
  /** 'sha1' or 'sha256'. */
  readonly objectFormat: 'sha1' | 'sha256';

  head(): Promise<HeadInfo>;
  refs(): Promise<RefInfo[]>;
  /**
   * Names of the refs under `prefixes` (e.g. `refs/heads/`) that reach any of `commits`, when the engine can answer in one pass (git's
   * `for-each-ref --contains`). Optional: callers fall back to walking from each ref.
   */
  refsContaining?(commits: readonly string[], prefixes: readonly string[]): Promise<string[]>;
  isShallow(): Promise<boolean>;
  /**
   * Commits reachable from `include` but not from `exclude`, parents before children
   * (oldest first), streamed. A shallow clone's boundary ends the walk quietly; any other commit
   * that cannot be read goes to `options.onUnreadable` (the rest is still walked) or, without
   * it, fails the walk with a GitError.
   */
  commits(include: string[], exclude?: string[], options?: CommitWalkOptions): AsyncIterable<CommitRecord>;
  /** One commit; null when the object is missing (shallow boundary, partial or damaged repo). */
  readCommit(sha: string): Promise<CommitRecord | null>;
  /**
   * A revision (sha, short sha, ref or short ref name, HEAD, with `~n` / `^n` suffixes) to the
   * commit id it names; null when it names nothing.
   */
  resolve(rev: string): Promise<string | null>;
  /** One level of a tree. Rejects when the tree is missing or malformed. */
  tree(oid: string): Promise<TreeEntry[]>;
  /** Size of a blob without reading it; null if the object is missing. */
  blobSize(oid: string): Promise<number | null>;
  /**
   * One blob. Concurrent calls are pipelined (the cli engine writes every request to its
   * long-lived `cat-file --batch` at once), so issue many before awaiting when reading many.
   */
  readBlob(oid: string, options?: ReadOptions): Promise<BlobRead>;
  /** Reads blobs in order, streaming; a missing or corrupt object yields an error entry. */
  readBlobs(oids: Iterable<string> | AsyncIterable<string>, options?: ReadOptions): AsyncIterable<BlobRead>;
  /** Entries of the index (all stages); empty when there is none (bare repository). */
  index(): Promise<IndexEntry[]>;
  close(): Promise<void>;
}
