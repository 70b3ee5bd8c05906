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
   * Cheap gate on the path and the text, so analyze() runs only where it can find something.
   * Keep it to path tests and `includes` of a few keywords.
   */
  applies(path: string, text: string): boolean;
  /** Matches of this analyzer's rules only. */
  analyze(text: string, path: string, data?: AnalyzerData): Match[];
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
