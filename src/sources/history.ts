// Every commit of every ref, oldest first. Each commit's tree is walked, skipping a subtree
// already walked at the same path (its (path, blob) pairs are all known), so the walk costs one
// read per distinct (tree, path) in history. Each (path, blob) pair met for the first time is
// an item; each blob id is read once (see BlobItems). Memory holds sets of ids and the commit
// list, never trees of more than one level or blobs beyond a bounded look-ahead.
import { describeUnreadableCommit } from '../git/commit-walk.js';
import type { CommitRecord, GitReader, TreeEntry, UnreadableCommit } from '../git/reader.js';
import { refGlobMatcher } from '../git/reader-helpers.js';
import type { Provenance } from '../types.js';
import { errorMessage } from '../errors.js';
import { PathIdSet } from './path-id-set.js';
import {
  BlobItems,
  commitInfo,
  emptyFacts,
  joinPath,
  listTree,
  SlotQueue,
  trackedItems,
  type HistoryFacts,
  type HistoryScan,
} from './git-items.js';

export type { HistoryFacts, HistoryScan } from './git-items.js';

/** How many commits ahead of the walk their trees are fetched. */
const PREFETCH_COMMITS = 16;
/** Prefetched trees kept before the oldest unused ones are dropped. */
const TREE_CACHE_ENTRIES = 8192;

type TreeResult = TreeEntry[] | { error: string };

export interface HistoryOptions {
  /** Glob(s) on ref names, comma-separated: `refs/heads/*`, `main`, `v*`. Default: all refs but refs/stash. */
  refs?: string;
  maxFileSize: number;
  seen: Set<string>;
}

export function historySource(reader: GitReader, options: HistoryOptions): HistoryScan {
  const facts = emptyFacts();
  const queue = new SlotQueue();
  const blobs = new BlobItems(reader, queue, options);
  const produce = async (): Promise<void> => {
    const head = await reader.head();
    facts.headCommit = head.commit;
    facts.shallow = await reader.isShallow();
    if (facts.shallow) {
      facts.notes.push('shallow clone: commits before the clone depth are not in the repository and were not scanned');
    }

    const tips = await selectTips(reader, options.refs, head.commit);
    const commits: CommitRecord[] = [];
    // A commit that cannot be read costs only itself (and what only it reaches): the walk goes
    // around it and the scan reports it, incomplete.
    const unreadable: UnreadableCommit[] = [];
    const walkOptions = { onUnreadable: (u: UnreadableCommit) => unreadable.push(u) };
    if (tips.length > 0) for await (const c of reader.commits(tips, [], walkOptions)) commits.push(c);
    for (const u of unreadable) {
      const message = describeUnreadableCommit(u);
      await queue.push(() => ({ kind: 'error', message }));
    }
    const onHead = await reachableFromHead(reader, commits, head.commit);

    const walker = new HistoryWalker(reader);
    for (let i = 0; i < commits.length; i++) {
      const commit = commits[i] as CommitRecord;
      // Trees of the next commits are requested while this one is walked: the walk waits on
      // one pipe round trip per tree level, and the look-ahead keeps the pipe busy meanwhile.
      for (let k = i === 0 ? 0 : PREFETCH_COMMITS; k <= PREFETCH_COMMITS; k++) {
        const ahead = commits[i + k];
        if (ahead) void walker.prefetch(ahead.tree);
      }
      facts.commitsScanned++;
      const info = commitInfo(commit);
      const isOnHead = onHead.has(commit.sha);
      const provenance = (path: string): Provenance => ({ kind: 'commit', path, commit: info, onHead: isOnHead });
      await walker.walk(
        commit.tree,
        (entry, path) => queue.push(blobs.slotFor(entry, provenance(path))),
        (path, message) => queue.push(() => ({ kind: 'error', provenance: provenance(path), message })),
      );
    }

    if (head.commit) await recordHeadTree(reader, head.commit, facts);
  };
  return { items: trackedItems(queue, blobs, produce), facts: () => facts };
}

/** Tips of the walk: matching refs (peeled), and HEAD itself unless a ref glob narrows the scan. */
async function selectTips(reader: GitReader, glob: string | undefined, head: string | null): Promise<string[]> {
  const match = glob ? refGlobMatcher(glob) : (name: string) => name !== 'refs/stash';
  const tips = new Set<string>();
  for (const ref of await reader.refs()) if (match(ref.name)) tips.add(ref.commit);
  if (!glob && head) tips.add(head);
  return [...tips];
}

/** Commits of the walk that HEAD reaches (through parents inside the walk, or a walk of its own). */
async function reachableFromHead(reader: GitReader, commits: CommitRecord[], head: string | null): Promise<Set<string>> {
  const reachable = new Set<string>();
  if (!head) return reachable;
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  if (!bySha.has(head)) {
    // Only HEAD's status flag depends on this walk; the main walk reports what is unreadable.
    for await (const c of reader.commits([head], [], { onUnreadable: () => {} })) reachable.add(c.sha);
    return reachable;
  }
  const stack = [head];
  while (stack.length > 0) {
    const sha = stack.pop() as string;
    if (reachable.has(sha)) continue;
    reachable.add(sha);
    for (const p of bySha.get(sha)?.parents ?? []) if (bySha.has(p) && !reachable.has(p)) stack.push(p);
  }
  return reachable;
}

async function recordHeadTree(reader: GitReader, head: string, facts: HistoryFacts): Promise<void> {
  const commit = await reader.readCommit(head);
  if (!commit) return;
  const { files, errors } = await listTree(reader, commit.tree);
  facts.headTree = files;
  if (errors.length > 0) facts.notes.push(`HEAD's tree could not be read completely (${errors.length} trees missing)`);
}

/**
 * Walks commit trees level by level (all trees of a level requested at once), remembering
 * every (tree, path) walked and every (path, blob) pair reported across commits. prefetch()
 * reads ahead (same rules, nothing claimed or reported) into a bounded cache that walk() uses.
 */
class HistoryWalker {
  private readonly walkedTrees = new PathIdSet();
  private readonly reportedPairs = new PathIdSet();
  private readonly cache = new Map<string, Promise<TreeResult>>();

  constructor(private readonly reader: GitReader) {}

  async prefetch(root: string): Promise<void> {
    let level = [{ oid: root, path: '' }].filter((d) => !this.walkedTrees.has(d.path, d.oid));
    while (level.length > 0) {
      const trees = await Promise.all(level.map((d) => this.fetch(d.oid)));
      const next: { oid: string; path: string }[] = [];
      level.forEach((dir, i) => {
        const entries = trees[i];
        if (!entries || 'error' in entries) return;
        for (const e of entries) {
          if (e.type !== 'tree') continue;
          const path = joinPath(dir.path, e.name);
          if (!this.walkedTrees.has(path, e.oid)) next.push({ oid: e.oid, path });
        }
      });
      level = next;
    }
  }

  async walk(
    root: string,
    onEntry: (entry: TreeEntry, path: string) => Promise<void>,
    onError: (path: string, message: string) => Promise<void>,
  ): Promise<void> {
    let level = this.claim([{ oid: root, path: '' }]);
    while (level.length > 0) {
      const trees = await Promise.all(level.map((d) => this.take(d.oid)));
      const next: { oid: string; path: string }[] = [];
      for (let i = 0; i < level.length; i++) {
        const dir = level[i] as { oid: string; path: string };
        const entries = trees[i];
        if (!entries || 'error' in entries) {
          await onError(dir.path || '.', entries?.error ?? `cannot read tree ${dir.oid}`);
          continue;
        }
        for (const entry of entries) {
          const path = joinPath(dir.path, entry.name);
          if (entry.type === 'tree') {
            next.push({ oid: entry.oid, path });
            continue;
          }
          if (!this.reportedPairs.add(path, entry.oid)) continue;
          await onEntry(entry, path);
        }
      }
      level = this.claim(next);
    }
  }

  private fetch(oid: string): Promise<TreeResult> {
    let pending = this.cache.get(oid);
    if (!pending) {
      pending = this.reader.tree(oid).catch((err: unknown) => ({ error: errorMessage(err) }));
      this.cache.set(oid, pending);
      if (this.cache.size > TREE_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    }
    return pending;
  }

  private take(oid: string): Promise<TreeResult> {
    const pending = this.fetch(oid);
    this.cache.delete(oid);
    return pending;
  }

  private claim(dirs: { oid: string; path: string }[]): { oid: string; path: string }[] {
    return dirs.filter((d) => this.walkedTrees.add(d.path, d.oid));
  }
}
