// The two kinds of analyzer: checks that need structure, not one regex.
//
// - A BlobAnalyzer looks at one text at a time, like a pattern rule, and runs wherever the
//   detector runs (worker threads included). It must be pure and deterministic.
// - A FindingsAnalyzer runs once after the walk over everything the scan found (raw secrets,
//   before allowlist and redaction), e.g. to relate findings across files.
// Both declare the rules they report (ids are permanent); config can disable or re-grade them
// like pattern rules.
import type { Finding, Match, RuleInfo, ScanMode } from '../types.js';

export interface BlobAnalyzer {
  /** Unique, for messages. */
  name: string;
  rules: readonly RuleInfo[];
  /**
   * Lower-case words (3+ chars) the analyzer looks for, in any case. The detector's keyword pass,
   * which reads every text anyway, records where they occur and hands them over as `hits`: a
   * pass of the analyzer's own (a regex with `i` or a leading alternation, even `indexOf`)
   * costs more than most analyses.
   */
  words?: readonly string[];
  /**
   * Cheap gate on the path and the text, so analyze() runs only where it can find something:
   * path tests and `hits` of its words. Without `hits` (a direct call), look the words up.
   */
  applies(path: string, text: string, hits?: WordHits): boolean;
  /** Matches of this analyzer's rules only. */
  analyze(text: string, path: string, data?: AnalyzerData, hits?: WordHits): Match[];
}

/** Where words occur in one text: ascending offsets of a lower-case word, in any ASCII case. */
export interface WordHits {
  at(word: string): readonly number[];
}

/**
 * Data files analyzers consult (e.g. patterns/jwt-known-secrets.txt). Loaded once by the scan,
 * outside the pure stages, and handed to every thread, so analyzers stay free of I/O.
 */
export interface AnalyzerData {
  /** Known default / tutorial JWT secrets, compared as is and lower-cased. */
  knownJwtSecrets: ReadonlySet<string>;
}

export interface FindingsContext {
  mode: ScanMode;
  /** Every finding of the scan so far, secrets unredacted. */
  findings: readonly Finding[];
  /** Ids of the rules in force (after config). */
  enabledRules: ReadonlySet<string>;
  /** Shared analyzer data (absent: analyzers fall back to no data). */
  data?: AnalyzerData;
}

export interface FindingsAnalyzer {
  name: string;
  rules: readonly RuleInfo[];
  /** New findings (of this analyzer's rules) derived from the others. */
  analyze(context: FindingsContext): Finding[];
}

/**
 * Cross-file checks, first half: pure facts about one text (e.g. which imported value it hands a
 * JWT library, which string literals it exports), extracted wherever the detector runs (worker
 * threads included). Facts travel as Matches with an internal `fact:` rule id, so positions and
 * inline allows come with them; they never become findings by themselves. The second half runs
 * in the scan's thread after the walk and relates the facts of all files (jwt-cross-file.ts).
 */
export interface FactExtractor {
  name: string;
  /** Ids of the rules the facts can lead to: the extractor runs only when one of them is enabled. */
  feeds: readonly string[];
  /** Lower-case words found for it by the detector's keyword pass, like BlobAnalyzer.words. */
  words?: readonly string[];
  /** Cheap gate, like BlobAnalyzer.applies. */
  applies(path: string, text: string, hits?: WordHits): boolean;
  extract(text: string, path: string, hits?: WordHits): Match[];
}
