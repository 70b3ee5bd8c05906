// One blob's bytes -> matches, or "binary". The unit of work a detection worker (or the scan
// itself, when it runs without workers) performs: pattern rules, then blob analyzers.
import type { BlobAnalyzers } from '../analyzers/run-blob-analyzers.js';
import type { Detector } from '../detect/detect-text.js';
import { withInlineAllows, type InlineAllowOptions } from '../policy/inline-allow.js';
import { decodeBlob } from '../sources/decode.js';
import type { Match } from '../types.js';

export type BlobVerdict = { binary: true } | { binary: false; matches: Match[] };

export interface BlobScanner {
  detector: Detector;
  analyzers: BlobAnalyzers;
  /** Ids of generic pattern rules: a more precise analyzer match on the same characters wins. */
  genericRuleIds: ReadonlySet<string>;
  /** Which inline allow markers count (decided here, where the full text is at hand). */
  inlineAllow?: InlineAllowOptions;
}

export function analyzeBlob(scanner: BlobScanner, data: Buffer, path: string): BlobVerdict {
  const decoded = decodeBlob(data);
  if (decoded.kind === 'binary') return { binary: true };
  const found = scanner.detector.detect(decoded.text, { path });
  const analyzed = scanner.analyzers.run(decoded.text, path);
  const kept =
    analyzed.length === 0 ? found : found.filter((m) => !scanner.genericRuleIds.has(m.ruleId) || !analyzed.some((a) => overlaps(a, m)));
  const matches = analyzed.length === 0 ? kept : [...kept, ...analyzed].sort(byPosition);
  return { binary: false, matches: withInlineAllows(decoded.text, matches, scanner.inlineAllow) };
}

function overlaps(a: Match, b: Match): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 < c2);
  return before(a.line, a.column, b.endLine, b.endColumn) && before(b.line, b.column, a.endLine, a.endColumn);
}

function byPosition(a: Match, b: Match): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
