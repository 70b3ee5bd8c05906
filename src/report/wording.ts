// Phrases shared by the reports meant for people (text) and for code-scanning UIs (SARIF
// messages), so both describe a finding the same way.
import { SEVERITIES, type CommitInfo, type Finding, type FindingStatus, type ScanSummary, type Severity, type SkipReason } from '../types.js';

const STATUS_WORDS: Record<FindingStatus, string> = {
  present: 'still present in HEAD',
  'history-only': 'removed from HEAD but still in history: rotate the secret, then rewrite history',
  'other-refs': 'only on other branches/tags: rotate the secret, then delete or rewrite those refs',
};

export function statusWords(status: FindingStatus): string {
  return STATUS_WORDS[status];
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** `2024-03-05` from an ISO 8601 date; anything else is shown as given. */
export function dayOf(isoDate: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(isoDate) ? isoDate.slice(0, 10) : isoDate;
}

/** `a1b2c3d by Ada Lovelace on 2024-03-05` */
export function commitPhrase(commit: CommitInfo): string {
  return `${shortSha(commit.sha)} by ${commit.authorName} on ${dayOf(commit.authorDate)}`;
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

export function severityOrder(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

const SKIP_WORDS: Record<SkipReason, string> = {
  binary: 'binary',
  'too-large': 'too large',
  'symlink-outside': 'symlink outside the target',
  submodule: 'submodule',
  'special-file': 'special file',
  timeout: 'over the time budget',
};

export function skipWords(reason: SkipReason): string {
  return SKIP_WORDS[reason];
}

/** `17 binary, 1 too large`: every reason with a count, binary files included, in a fixed order. */
export function skipCounts(summary: Pick<ScanSummary, 'skippedCounts'>): { total: number; byReason: string } {
  const counted = (Object.keys(SKIP_WORDS) as SkipReason[])
    .map((reason) => [reason, summary.skippedCounts[reason] ?? 0] as const)
    .filter(([, n]) => n > 0);
  return {
    total: counted.reduce((sum, [, n]) => sum + n, 0),
    byReason: counted.map(([reason, n]) => `${n} ${skipWords(reason)}`).join(', '),
  };
}

/**
 * Where a finding stands, in words: for history findings the status; for findings without a
 * commit (files on disk, the index, stdin) simply where it was seen.
 */
export function stateWords(finding: Finding): string {
  const first = finding.occurrences[0];
  if (first?.commit) return statusWords(finding.status);
  switch (first?.source) {
    case 'staged':
      return 'staged for commit';
    case 'stdin':
      return 'in standard input';
    default:
      return 'in the working tree';
  }
}
