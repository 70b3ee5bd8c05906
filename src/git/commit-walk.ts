// leakhound's own commit walk, shared by both engines: breadth-first over parents from the
// walk's starts, reading each commit through the engine. Unlike `git rev-list`, which stops at
// the first commit it cannot read, it records that commit and goes on with every other line of
// history, so a damaged repository loses only what nothing else reaches. The cli engine uses it
// when rev-list fails; the iso engine always (it has no rev-list).
import { GitError, errorMessage } from '../errors.js';
import { parseCommit } from './objects.js';
import type { CommitRecord, CommitWalkOptions, UnreadableCommit } from './reader.js';

/** One commit read by an engine: its record, or why it could not be read. */
export type CommitRead = CommitRecord | { error: string };

export interface CommitWalkSpec {
  include: readonly string[];
  exclude: readonly string[];
  /** The shallow clone's boundary commits: their parents are absent on purpose, not walked. */
  shallow: ReadonlySet<string>;
  read: (sha: string) => Promise<CommitRead>;
  /** Commits read at once per step (the engine pipelines them). */
  batch: number;
}

export interface CommitWalk {
  /** In walk order; callers order them (commit-order.ts). */
  records: CommitRecord[];
  unreadable: UnreadableCommit[];
}

interface Pending {
  sha: string;
  child: string | null;
}

/**
 * Commits reachable from `include` and not from `exclude`. What `exclude` reaches is walked
 * first; a commit unreadable on that side only makes the exclusion smaller (more is scanned,
 * nothing is lost), so it is not reported.
 */
export async function walkCommits(spec: CommitWalkSpec): Promise<CommitWalk> {
  const visited = new Set<string>();
  await breadthFirst(spec, spec.exclude, visited, () => {}, () => {});
  const walk: CommitWalk = { records: [], unreadable: [] };
  await breadthFirst(
    spec,
    spec.include,
    visited,
    (r) => walk.records.push(r),
    (u) => walk.unreadable.push(u),
  );
  return walk;
}

async function breadthFirst(
  spec: CommitWalkSpec,
  starts: readonly string[],
  visited: Set<string>,
  onCommit: (record: CommitRecord) => void,
  onUnreadable: (commit: UnreadableCommit) => void,
): Promise<void> {
  let frontier: Pending[] = [];
  for (const sha of starts) {
    if (visited.has(sha)) continue;
    visited.add(sha);
    frontier.push({ sha, child: null });
  }
  while (frontier.length > 0) {
    const next: Pending[] = [];
    for (let i = 0; i < frontier.length; i += spec.batch) {
      const group = frontier.slice(i, i + spec.batch);
      const reads = await Promise.all(group.map((p) => spec.read(p.sha)));
      reads.forEach((read, k) => {
        const { sha, child } = group[k] as Pending;
        if ('error' in read) {
          onUnreadable({ sha, reason: read.error, child, ancestorsWalked: false });
          return;
        }
        onCommit(read);
        if (spec.shallow.has(sha)) return;
        for (const parent of read.parents) {
          if (visited.has(parent)) continue;
          visited.add(parent);
          next.push({ sha: parent, child: sha });
        }
      });
    }
    frontier = next;
  }
}

/** One line for the scan's errors: which commit, why, and what its loss costs. */
export function describeUnreadableCommit(u: UnreadableCommit): string {
  const where = u.child ? `parent of ${u.child}` : 'named by a ref';
  const cost = u.ancestorsWalked ? 'its files were not scanned' : 'its files and the ancestors reachable only through it were not scanned';
  return `commit ${u.sha}: ${u.reason} (${where}); ${cost}`;
}

/** Hands unreadable commits to the caller's callback, or fails the walk when there is none. */
export function reportUnreadable(unreadable: readonly UnreadableCommit[], options: CommitWalkOptions): void {
  const first = unreadable[0];
  if (!first) return;
  if (options.onUnreadable) {
    for (const u of unreadable) options.onUnreadable(u);
    return;
  }
  const more = unreadable.length > 1 ? ` (and ${unreadable.length - 1} more unreadable commit(s))` : '';
  throw new GitError(`${describeUnreadableCommit(first)}${more}`);
}

/** A commit read from a raw object both engines hand over; a malformed one is corrupt, not a crash. */
export function commitFromObject(sha: string, type: string, data: Buffer): CommitRead {
  if (type !== 'commit') return { error: `not a commit (a ${type})` };
  try {
    return parseCommit(sha, data);
  } catch (err) {
    return { error: `corrupt (${errorMessage(err)})` };
  }
}
