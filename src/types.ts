// The nouns of leakhound. Every stage speaks in these types; nothing here does I/O.

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * What every rule has, whether a pattern (patterns/*.yaml) or an analyzer (src/analyzers/) finds
 * it: the reports' view of a rule.
 */
export interface RuleInfo {
  /** Permanent id: lowercase, dot-separated (baselines depend on it). */
  id: string;
  name: string;
  /** What it is and why a leak matters. */
  description: string;
  /** Exactly what to do about it. */
  fix: string;
  severity: Severity;
  tags: string[];
}

/** A pattern rule as loaded from patterns/*.yaml (or a config file), validated and compiled. */
export interface Rule extends RuleInfo {
  /** Source text of the pattern; must contain a named `secret` group. */
  pattern: string;
  /** Compiled with flags `gd` (global + match indices) plus any the rule asks for. */
  regex: RegExp;
  /** Lower-case keywords; the rule runs only on text containing one of them. Empty = always. */
  keywords: string[];
  /** Minimum Shannon entropy (bits per char) of the secret, if set. */
  entropy?: number;
  /** Named validator (e.g. `github-crc32`) run on the secret; a failing secret is dropped. */
  validator?: string;
  /** Drop secrets that look like placeholders (`changeme`, `<...>`, `${VAR}`, `xxxx`). */
  placeholderFilter: boolean;
  examples: string[];
  negativeExamples: string[];
  /** File the rule came from, relative to the patterns folder or config path (for messages). */
  source: string;
}

/**
 * A file-level rule (a `path:` rule in patterns/*.yaml): reports a key store or key file by its
 * name, confirmed by its structure, even when the file is binary. The secret of its findings is
 * the file's git blob id, so the same file at two paths is one finding.
 */
export interface PathRule extends RuleInfo {
  /** Source text of the path regex, tested against the repository-relative path (`/`-separated). */
  path: string;
  pathRegex: RegExp;
  /** Named structure checks (src/detect/key-file-structure.ts); the file must pass one of them. */
  structure: string[];
  /** Paths that must match. */
  examples: string[];
  /** Paths that must not match. */
  negativeExamples: string[];
  source: string;
}

/** One hit of a rule in one text. Lines and columns are 1-based; columns count UTF-16 units. */
export interface Match {
  ruleId: string;
  secret: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Extra facts an analyzer wants in the report (e.g. decoded JWT header). Never the secret. */
  details?: Record<string, unknown>;
  /** Severity override decided by the detector (e.g. a weaker variant of a rule). */
  severity?: Severity;
  /** The matched line (at most ~200 chars around the secret). Redacted before it leaves scan(). */
  snippet?: string;
  /** An inline `leakhound:allow` comment on (or above) the line; decided where the full text is at hand. */
  allow?: InlineAllow;
  /**
   * Set when the secret was found by decoding: the encodings undone, outermost first. The position
   * is then that of the encoded segment in the text, the secret the decoded one.
   */
  encoding?: Encoding[];
}

/** An encoding the detector undoes to look inside (issue 8: `decode.depth`). */
export type Encoding = 'base64' | 'hex' | 'percent';

/** An inline allow comment: which marker and the reason written after it (null if none). */
export interface InlineAllow {
  marker: string;
  reason: string | null;
}

/** How a finding was suppressed: an inline comment, a baseline entry or the config allowlist. */
export type SuppressionKind = 'inline' | 'baseline' | 'allowlist';

/** A finding the policy hid. Reported (JSON `suppressed`), never silent; the secret is redacted. */
export interface Suppression {
  id: string;
  ruleId: string;
  secret: string;
  path: string;
  line: number;
  commit: string | null;
  how: SuppressionKind;
  reason: string | null;
  /** Baseline entries: the expiry date (YYYY-MM-DD), if any. */
  expires?: string;
}

export interface CommitInfo {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** ISO 8601 author date. */
  authorDate: string;
}

/** Where a blob was seen. A tagged union: each source adds its own kind. */
export type Provenance =
  | { kind: 'worktree'; path: string }
  | {
      kind: 'commit';
      path: string;
      commit: CommitInfo;
      /** The commit is reachable from HEAD. */
      onHead: boolean;
      /** Range scans: blob ids of the same path in the commit's parents (a secret already there is not new). */
      previous?: string[];
    }
  | { kind: 'staged'; path: string }
  | { kind: 'stdin'; path: string };

/** Why a file was not scanned. Skips are counted and named, never silent. */
export type SkipReason = 'binary' | 'too-large' | 'symlink-outside' | 'submodule' | 'special-file' | 'timeout';

/**
 * What a source yields. `blob` carries bytes to scan; `seen` is a blob already scanned in this
 * scan (only its new provenance is recorded); `skipped` and `error` keep the account complete.
 */
export type SourceItem =
  | { kind: 'blob'; blobId: string; provenance: Provenance; data: Buffer }
  | { kind: 'seen'; blobId: string; provenance: Provenance }
  | { kind: 'skipped'; provenance: Provenance; reason: SkipReason; size?: number; blobId?: string }
  | { kind: 'error'; provenance?: Provenance; message: string };

export interface Occurrence {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** null for files on disk (or the index). */
  commit: CommitInfo | null;
  source: Provenance['kind'];
  /** Git blob id of the content the secret was found in (worktree files: git's hash of the bytes). */
  blobId?: string;
  /** The line around the secret, redacted unless the caller asked for raw secrets. */
  snippet?: string;
  /** Set when an inline allow comment covers this occurrence (the policy then drops it). */
  allow?: InlineAllow;
  /** The secret was encoded here: the encodings undone to find it, outermost first. */
  encoding?: Encoding[];
}

export type FindingStatus = 'present' | 'history-only' | 'other-refs';

export interface Finding {
  /** sha256(ruleId + "\0" + secret), hex. Content-based: survives moved lines and rebases. */
  id: string;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  tags: string[];
  /** Redacted unless the caller asked for raw secrets. */
  secret: string;
  status: FindingStatus;
  /** Oldest first; occurrences[0] is the introducing one. */
  occurrences: Occurrence[];
  details?: Record<string, unknown>;
}

export interface SkippedFile {
  path: string;
  reason: SkipReason;
  size?: number;
  commit?: string;
}

export interface ScanError {
  path?: string;
  commit?: string;
  message: string;
}

export type ScanMode = 'worktree' | 'history' | 'range' | 'staged' | 'stdin';

export interface ScanSummary {
  findings: number;
  bySeverity: Record<Severity, number>;
  byStatus: Record<FindingStatus, number>;
  filesScanned: number;
  /** Unique blobs whose bytes were scanned. */
  blobsScanned: number;
  /** Items that pointed at a blob already scanned in this scan. */
  blobsDeduplicated: number;
  bytesScanned: number;
  commitsScanned: number;
  /** Named skips: files over the size cap, symlinks leaving the root, ... (binary files are only counted). */
  skipped: SkippedFile[];
  /** Every skip counted by reason, binary files included. */
  skippedCounts: Record<SkipReason, number>;
  errors: ScanError[];
  /** false when anything could not be read: the exit code is then 2. */
  complete: boolean;
  /** Why the scan is partial beyond per-file errors (e.g. shallow clone). */
  notes: string[];
  durationMs: number;
  /** Findings suppressed by the policy, by how (set by scan()). */
  suppressed?: Record<SuppressionKind, number>;
}

export interface ScanResult {
  target: string;
  mode: ScanMode;
  findings: Finding[];
  summary: ScanSummary;
  /** Rules in force for this scan, pattern and analyzer rules (for SARIF tool.driver.rules). */
  rules: RuleInfo[];
  redacted: boolean;
  /** Findings the policy hid (inline allow, baseline, allowlist); set by scan(). */
  suppressed?: Suppression[];
}
