// What to scan for the event that started the workflow. Pure: event name + payload in, plan out.
//   pull_request:               base.sha..head.sha (the PR's own commits, not the merge commit)
//   push:                       before..after; an all-zero `before` (new branch): the pushed commits
//   schedule, workflow_dispatch: the full history (every ref) plus the files
import { UsageError } from '../errors.js';
import { isZeroOid } from '../hook/pre-push-input.js';
import type { ActionMode } from './inputs.js';

export type ScanPlan =
  | {
      kind: 'range';
      base: string;
      head: string;
      /** Commits the range holds (from the payload), for deepening a shallow checkout. */
      commits: number;
      /** Where the range came from, for the log. */
      origin: string;
    }
  /** A new branch: `head` minus whatever the remote-tracking refs hold. */
  | { kind: 'new-branch'; head: string; commits: number; ref: string }
  | { kind: 'full' };

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

export function planForEvent(eventName: string, payload: unknown, mode: ActionMode): ScanPlan {
  if (mode === 'full') return { kind: 'full' };
  const event = (payload ?? {}) as Record<string, unknown>;
  if (PR_EVENTS.has(eventName)) {
    const pr = event.pull_request as { base?: { sha?: unknown }; head?: { sha?: unknown }; commits?: unknown } | undefined;
    const base = pr?.base?.sha;
    const head = pr?.head?.sha;
    if (typeof base !== 'string' || typeof head !== 'string') throw new UsageError(`the ${eventName} event has no pull_request.base.sha / head.sha`);
    return { kind: 'range', base, head, commits: count(pr?.commits), origin: `pull request base..head` };
  }
  if (eventName === 'push') {
    const before = event.before;
    const after = event.after;
    const pushed = Array.isArray(event.commits) ? event.commits.length : 0;
    if (typeof after !== 'string' || isZeroOid(after)) {
      if (mode === 'range') throw new UsageError('mode range: this push deleted its ref; there is nothing to scan');
      return { kind: 'full' };
    }
    if (typeof before !== 'string' || isZeroOid(before)) return { kind: 'new-branch', head: after, commits: pushed, ref: String(event.ref ?? '') };
    return { kind: 'range', base: before, head: after, commits: pushed, origin: 'push before..after' };
  }
  if (mode === 'range') throw new UsageError(`mode range needs a pull_request or push event (got ${eventName || 'none'})`);
  return { kind: 'full' };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}
