// One blob's bytes -> matches, or "binary". The unit of work a detection worker (or the scan
// itself, when it runs without workers) performs: pattern rules, then blob analyzers.
import type { FactExtractor } from '../analyzers/analyzer.js';
import type { BlobAnalyzers } from '../analyzers/run-blob-analyzers.js';
import type { Detector } from '../detect/detect-text.js';
import { withInlineAllows, type InlineAllowOptions } from '../policy/inline-allow.js';
import { decodeBlob } from '../sources/decode.js';
import type { Match } from '../types.js';

/** `facts`: what cross-file checks learned from the blob (internal `fact:` matches, never findings). */
export type BlobVerdict = { binary: true } | { binary: false; matches: Match[]; facts?: Match[] };

export interface BlobScanner {
  detector: Detector;
  analyzers: BlobAnalyzers;
  /** Ids of generic rules (pattern or analyzer): any more precise match on the same characters wins. */
  genericRuleIds: ReadonlySet<string>;
  /** Which inline allow markers count (decided here, where the full text is at hand). */
  inlineAllow?: InlineAllowOptions;
  /** Cross-file checks' per-blob halves, only those feeding an enabled rule. */
  extractors?: readonly FactExtractor[];
}

export function analyzeBlob(scanner: BlobScanner, data: Buffer, path: string): BlobVerdict {
  const decoded = decodeBlob(data);
  if (decoded.kind === 'binary') return { binary: true };
  const keywordScan = scanner.detector.scanKeywords(decoded.text);
  const found = scanner.detector.detect(decoded.text, { path, keywordScan });
  const analyzed = scanner.analyzers.run(decoded.text, path, keywordScan);
  const matches = analyzed.length === 0 ? found : withoutShadowedGeneric(found, analyzed, scanner.genericRuleIds).sort(byPosition);
  const facts = (scanner.extractors ?? []).flatMap((e) => (e.applies(path, decoded.text, keywordScan) ? e.extract(decoded.text, path, keywordScan) : []));
  return {
    binary: false,
    matches: withInlineAllows(decoded.text, matches, scanner.inlineAllow),
    ...(facts.length > 0 ? { facts: withInlineAllows(decoded.text, facts, scanner.inlineAllow) } : {}),
  };
}

/**
 * A generic rule is a fallback: where a provider pattern or a specific analyzer reports the same
 * characters, the generic match would only be a second finding for one problem. Between two
 * generic ones, the analyzer's wins: it understands the file's format (env.secret-value knows
 * templates; generic.password does not).
 */
function withoutShadowedGeneric(found: Match[], analyzed: Match[], generic: ReadonlySet<string>): Match[] {
  const all = [...found, ...analyzed];
  const specific = all.filter((m) => !generic.has(m.ruleId));
  // Two matches found by decoding one segment share its position, not their characters: neither shadows the other.
  const shadowed = (m: Match, by: Match[]) => by.some((s) => overlaps(s, m) && !(s.encoding && m.encoding));
  return [
    ...found.filter((m) => !generic.has(m.ruleId) || (!shadowed(m, specific) && !shadowed(m, analyzed))),
    ...analyzed.filter((m) => !generic.has(m.ruleId) || !shadowed(m, specific)),
  ];
}

function overlaps(a: Match, b: Match): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 < c2);
  return before(a.line, a.column, b.endLine, b.endColumn) && before(b.line, b.column, a.endLine, a.endColumn);
}

function byPosition(a: Match, b: Match): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
