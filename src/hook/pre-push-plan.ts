// Turns the refs being pushed into the commits to scan: reachable from what is pushed, not
// from anything the remote is known to have. One range for the whole push (the union of the
// bases only ever removes commits the remote already has).
import type { GitReader, RefInfo } from '../git/reader.js';
import type { RangeSpec } from '../sources/range.js';
import { pushKind, remoteIsUrl, type PushUpdate } from './pre-push-input.js';

export interface PushTarget {
  /** The remote's name as git passed it (or its URL when pushing to a URL). */
  remote?: string;
  url?: string;
}

export interface PushPlan {
  /** null: nothing to scan (only deletions, or only non-commit objects). */
  spec: RangeSpec | null;
  /** Why some refs were not scanned, or which fallback was used (for --verbose). */
  notes: string[];
}

/**
 * - deletion: skipped;
 * - update whose old remote tip is a commit we have: that tip is the base (`remote..local`);
 * - new ref, or a force-push over commits we do not have: the remote-tracking refs of that
 *   remote are the bases (all remotes' when the remote is a URL).
 */
export async function planPrePush(reader: GitReader, updates: PushUpdate[], target: PushTarget): Promise<PushPlan> {
  const include = new Set<string>();
  const exclude = new Set<string>();
  const notes: string[] = [];
  let needTracking = false;
  for (const update of updates) {
    const kind = pushKind(update);
    if (kind === 'delete') continue;
    const local = await reader.resolve(update.localOid);
    if (!local) {
      notes.push(`${update.localRef}: ${update.localOid} is not a commit; not scanned`);
      continue;
    }
    include.add(local);
    const base = kind === 'update' ? await reader.resolve(update.remoteOid) : null;
    if (base) exclude.add(base);
    else needTracking = true;
  }
  if (include.size === 0) return { spec: null, notes };
  if (needTracking) {
    const bases = trackingRefs(await reader.refs(), target);
    notes.push(`base: ${bases.length} remote-tracking ref(s) of ${remoteIsUrl(target.remote, target.url) ? 'all remotes' : target.remote}`);
    for (const ref of bases) exclude.add(ref.commit);
  }
  return { spec: { include: [...include], exclude: [...exclude] }, notes };
}

/** refs/remotes/<remote>/*, or every refs/remotes/* when the remote is a URL. */
export function trackingRefs(refs: RefInfo[], target: PushTarget): RefInfo[] {
  const prefix = remoteIsUrl(target.remote, target.url) ? 'refs/remotes/' : `refs/remotes/${target.remote}/`;
  return refs.filter((r) => r.name.startsWith(prefix) && !r.name.endsWith('/HEAD'));
}
