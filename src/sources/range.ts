// Commits in A..B (a pull request, a push): each blob a commit introduces, i.e. at a path whose
// content differs from every parent's (one parent normally; all of them for a merge, so a
// merge reports only what it adds itself). Each item carries `previous`, the path's blob ids in
// the parents, so the scan can drop secrets that were already there.
import { GitError } from '../errors.js';
import { describeUnreadableCommit } from '../git/commit-walk.js';
import type { CommitRecord, GitReader, TreeEntry, UnreadableCommit } from '../git/reader.js';
import type { Provenance } from '../types.js';
import { BlobItems, commitInfo, emptyFacts, joinPath, readTrees, SlotQueue, trackedItems, type HistoryScan } from './git-items.js';

/** Commits reachable from every `include` revision and from no `exclude` one (pre-push: local tips minus what the remote has). */
export interface RangeSpec {
  include: string[];
  exclude: string[];
}

export interface RangeOptions {
  /** `A..B`; `A..` means A..HEAD and `..B` means HEAD..B. */
  range?: string;
  /** Instead of `range`: several tips and several bases. */
  spec?: RangeSpec;
  maxFileSize: number;
  seen: Set<string>;
}

export function parseRange(range: string): { from: string; to: string } {
  if (range.includes('...')) throw new GitError(`symmetric ranges are not supported: ${range} (use A..B)`);
  const parts = range.split('..');
  if (parts.length !== 2) throw new GitError(`invalid range: ${JSON.stringify(range)} (expected A..B)`);
  const [from = '', to = ''] = parts.map((p) => p.trim());
  if (!from && !to) throw new GitError(`invalid range: ${JSON.stringify(range)} (expected A..B)`);
  return { from: from || 'HEAD', to: to || 'HEAD' };
}

function specOfRange(range: string): RangeSpec {
  const { from, to } = parseRange(range);
  return { include: [to], exclude: [from] };
}

function describeSpec(spec: RangeSpec): string {
  return [...spec.include, ...spec.exclude.map((e) => `^${e}`)].join(' ');
}

async function resolveAll(reader: GitReader, revs: string[], described: string): Promise<string[]> {
  const shas = await Promise.all(revs.map((rev) => reader.resolve(rev)));
  return shas.map((sha, i) => {
    if (!sha) throw new GitError(`unknown revision "${revs[i]}" in range ${described}`);
    return sha;
  });
}

export function rangeSource(reader: GitReader, options: RangeOptions): HistoryScan {
  const facts = emptyFacts();
  const queue = new SlotQueue();
  const blobs = new BlobItems(reader, queue, options);
  const produce = async (): Promise<void> => {
    const spec = options.spec ?? specOfRange(options.range ?? '');
    const described = options.range ?? describeSpec(spec);
    const [includeShas, excludeShas, head] = await Promise.all([
      resolveAll(reader, spec.include, described),
      resolveAll(reader, spec.exclude, described),
      reader.head(),
    ]);
    facts.headCommit = head.commit;
    facts.shallow = await reader.isShallow();
    if (facts.shallow) facts.notes.push('shallow clone: parents beyond the clone depth are missing; their files count as new');

    const commits: CommitRecord[] = [];
    // As in a history scan, an unreadable commit in the range costs only itself (and what only it
    // reaches): it is named, the scan is incomplete, the other commits are still scanned.
    const unreadable: UnreadableCommit[] = [];
    const walkOptions = { onUnreadable: (u: UnreadableCommit) => unreadable.push(u) };
    if (includeShas.length > 0) for await (const c of reader.commits(includeShas, excludeShas, walkOptions)) commits.push(c);
    for (const u of unreadable) {
      const message = describeUnreadableCommit(u);
      await queue.push(() => ({ kind: 'error', message }));
    }
    const onHead = new Set<string>();
    // only the status flag depends on this walk; the walk above reports what is unreadable
    if (head.commit) for await (const c of reader.commits([head.commit], excludeShas, { onUnreadable: () => {} })) onHead.add(c.sha);

    let missingParents = 0;
    for (const commit of commits) {
      facts.commitsScanned++;
      const info = commitInfo(commit);
      const isOnHead = onHead.has(commit.sha);
      const parents = await Promise.all(commit.parents.map((p) => reader.readCommit(p)));
      missingParents += parents.filter((p) => p === null).length;
      const parentTrees = parents.filter((p): p is CommitRecord => p !== null).map((p) => p.tree);
      await walkChanges(reader, commit.tree, parentTrees, async (entry, path, previous) => {
        const provenance: Provenance = {
          kind: 'commit',
          path,
          commit: info,
          onHead: isOnHead,
          ...(previous.length > 0 ? { previous } : {}),
        };
        await queue.push(blobs.slotFor(entry, provenance));
      }, async (path, message) => {
        await queue.push(() => ({ kind: 'error', provenance: { kind: 'commit', path, commit: info, onHead: isOnHead }, message }));
      });
    }
    if (missingParents > 0 && !facts.shallow) {
      facts.notes.push(`${missingParents} parent commit(s) are missing from the repository; their children's files count as new`);
    }
  };
  return { items: trackedItems(queue, blobs, produce), facts: () => facts };
}

interface DiffDir {
  path: string;
  oid: string;
  /** The same path's tree id in each parent that has a tree there. */
  parents: string[];
}

/**
 * Compares a commit's tree with its parents' trees level by level and reports each non-tree
 * entry that matches no parent's entry at the same path. A subtree equal to any parent's is
 * skipped whole.
 */
async function walkChanges(
  reader: GitReader,
  root: string,
  parentRoots: string[],
  onEntry: (entry: TreeEntry, path: string, previous: string[]) => Promise<void>,
  onError: (path: string, message: string) => Promise<void>,
): Promise<void> {
  if (parentRoots.includes(root)) return;
  let level: DiffDir[] = [{ path: '', oid: root, parents: parentRoots }];
  while (level.length > 0) {
    const wanted = [...new Set(level.flatMap((d) => [d.oid, ...d.parents]))];
    const read = await readTrees(reader, wanted);
    const trees = new Map(wanted.map((oid, i) => [oid, read[i]]));
    const next: DiffDir[] = [];
    for (const dir of level) {
      const own = trees.get(dir.oid);
      if (!own || 'error' in own) {
        await onError(dir.path || '.', own && 'error' in own ? own.error : `cannot read tree ${dir.oid}`);
        continue;
      }
      const parentEntries = dir.parents.map((oid) => {
        const entries = trees.get(oid);
        return new Map(entries && !('error' in entries) ? entries.map((e) => [e.name, e]) : []);
      });
      for (const entry of own) {
        const before = parentEntries.map((m) => m.get(entry.name)).filter((e): e is TreeEntry => e !== undefined);
        if (before.some((e) => e.oid === entry.oid)) continue; // unchanged against some parent
        const path = joinPath(dir.path, entry.name);
        if (entry.type === 'tree') {
          next.push({ path, oid: entry.oid, parents: before.filter((e) => e.type === 'tree').map((e) => e.oid) });
        } else {
          const previous = before.filter((e) => e.type === 'blob' && e.mode !== '120000').map((e) => e.oid);
          await onEntry(entry, path, [...new Set(previous)]);
        }
      }
    }
    level = next;
  }
}
