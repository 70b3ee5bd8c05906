// The suppression chain, in the order DESIGN.md gives: allowlist -> inline allow -> baseline.
// Each step is a small pure filter that returns what it hid, so nothing disappears silently.
import type { Finding, Suppression, SuppressionKind } from '../types.js';
import { partitionByAllowlist, suppressionOf, type Allowlist } from './allowlist.js';
import { partitionByBaseline, type Baseline, type BaselineEntry } from './baseline.js';

export interface SuppressOptions {
  allowlist: Allowlist;
  baseline: Baseline | null;
  /** YYYY-MM-DD (UTC): baseline entries that expired before this day no longer apply. */
  today: string;
}

export interface Suppressed {
  findings: Finding[];
  suppressed: Suppression[];
  /** Baseline entries that matched a finding but had expired (the finding is reported). */
  expired: BaselineEntry[];
}

export function applySuppressions(findings: Finding[], options: SuppressOptions): Suppressed {
  const allowed = partitionByAllowlist(findings, options.allowlist);
  const inline = partitionByInlineAllow(allowed.kept);
  const base = options.baseline
    ? partitionByBaseline(inline.kept, options.baseline, options.today)
    : { kept: inline.kept, suppressed: [], expired: [] };
  return { findings: base.kept, suppressed: [...allowed.suppressed, ...inline.suppressed, ...base.suppressed], expired: base.expired };
}

/**
 * Occurrences covered by an inline allow are dropped; a finding with none left is suppressed. A
 * secret that also appears without the comment (another file, an older commit) stays reported.
 */
export function partitionByInlineAllow(findings: Finding[]): { kept: Finding[]; suppressed: Suppression[] } {
  const kept: Finding[] = [];
  const suppressed: Suppression[] = [];
  for (const finding of findings) {
    const open = finding.occurrences.filter((o) => o.allow === undefined);
    if (open.length === finding.occurrences.length) kept.push(finding);
    else if (open.length > 0) kept.push({ ...finding, occurrences: open });
    else suppressed.push(suppressionOf(finding, 'inline', finding.occurrences[0]!.allow!.reason));
  }
  return { kept, suppressed };
}

export function countSuppressions(suppressed: readonly Suppression[]): Record<SuppressionKind, number> {
  const counts: Record<SuppressionKind, number> = { inline: 0, baseline: 0, allowlist: 0 };
  for (const s of suppressed) counts[s.how]++;
  return counts;
}
