// The JSON report is a contract other tools read (CI gates, dashboards, baselines): every field
// is picked by name here rather than spread from the internal types, so an internal change can
// never silently change the document. Bump `version` for any incompatible change.
import type {
  CommitInfo,
  Encoding,
  FindingStatus,
  Finding,
  Occurrence,
  ScanMode,
  ScanResult,
  Severity,
  SkipReason,
  Suppression,
  SuppressionKind,
} from '../types.js';
import { TOOL_NAME, type ReportMeta } from './meta.js';

export interface JsonOccurrence {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** null for files on disk, the index or stdin. */
  commit: { sha: string; authorName: string; authorEmail: string; authorDate: string } | null;
  source: 'worktree' | 'commit' | 'staged' | 'stdin';
  /** Present when the secret was found by decoding: the encodings undone, outermost first. */
  encoding?: Encoding[];
}

export interface JsonFinding {
  /** sha256(ruleId + "\0" + secret), hex: stable across moved lines and rebases. */
  id: string;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  status: FindingStatus;
  /** Redacted unless the scan was asked for raw secrets. */
  secret: string;
  /** path/line/column/commit of the first (introducing) occurrence. */
  path: string;
  line: number;
  column: number;
  commit: string | null;
  /** The first occurrence's encoding chain, when it was found by decoding (e.g. ["base64"]). */
  encoding?: Encoding[];
  tags: string[];
  occurrences: JsonOccurrence[];
  details?: Record<string, unknown>;
}

export interface JsonSummary {
  findings: number;
  bySeverity: Record<Severity, number>;
  byStatus: Record<FindingStatus, number>;
  filesScanned: number;
  blobsScanned: number;
  blobsDeduplicated: number;
  bytesScanned: number;
  commitsScanned: number;
  /** Named skips (too large, symlinks leaving the root, ...); binary files are only counted. */
  skipped: { path: string; reason: SkipReason; size?: number; commit?: string }[];
  /** Every skip counted by reason, binary files included. */
  skippedCounts: Record<SkipReason, number>;
  errors: { path?: string; commit?: string; message: string }[];
  complete: boolean;
  notes: string[];
  durationMs: number;
  /** Findings hidden by policy, by how (present whenever the result came from scan()). */
  suppressed?: Record<SuppressionKind, number>;
}

/** A finding the policy hid: reported, never silent. The secret is redacted like any other. */
export interface JsonSuppression {
  id: string;
  ruleId: string;
  secret: string;
  path: string;
  line: number;
  commit: string | null;
  how: SuppressionKind;
  reason: string | null;
  expires?: string;
}

export interface JsonReport {
  version: 1;
  tool: { name: 'leakhound'; version: string };
  scan: { target: string; mode: ScanMode };
  findings: JsonFinding[];
  /** Present whenever the result came from scan() (possibly empty). */
  suppressed?: JsonSuppression[];
  summary: JsonSummary;
}

/** The JSON document as an object (for callers that embed it rather than print it). */
export function buildJsonReport(result: ScanResult, meta: ReportMeta): JsonReport {
  const s = result.summary;
  return {
    version: 1,
    tool: { name: TOOL_NAME, version: meta.toolVersion },
    scan: { target: result.target, mode: result.mode },
    findings: result.findings.map(jsonFinding),
    ...(result.suppressed !== undefined && { suppressed: result.suppressed.map(jsonSuppression) }),
    summary: {
      findings: s.findings,
      bySeverity: { ...s.bySeverity },
      byStatus: { ...s.byStatus },
      filesScanned: s.filesScanned,
      blobsScanned: s.blobsScanned,
      blobsDeduplicated: s.blobsDeduplicated,
      bytesScanned: s.bytesScanned,
      commitsScanned: s.commitsScanned,
      skipped: s.skipped.map((k) => ({
        path: k.path,
        reason: k.reason,
        ...(k.size !== undefined && { size: k.size }),
        ...(k.commit !== undefined && { commit: k.commit }),
      })),
      skippedCounts: { ...s.skippedCounts },
      errors: s.errors.map((e) => ({
        ...(e.path !== undefined && { path: e.path }),
        ...(e.commit !== undefined && { commit: e.commit }),
        message: e.message,
      })),
      complete: s.complete,
      notes: [...s.notes],
      durationMs: s.durationMs,
      ...(s.suppressed !== undefined && { suppressed: { ...s.suppressed } }),
    },
  };
}

/** Pretty-printed (2 spaces) JSON report with a trailing newline. */
export function formatJson(result: ScanResult, meta: ReportMeta): string {
  return `${JSON.stringify(buildJsonReport(result, meta), null, 2)}\n`;
}

function jsonFinding(finding: Finding): JsonFinding {
  const first = finding.occurrences[0];
  return {
    id: finding.id,
    ruleId: finding.ruleId,
    ruleName: finding.ruleName,
    severity: finding.severity,
    status: finding.status,
    secret: finding.secret,
    // A finding always has an occurrence; the fallbacks only keep the document well-formed.
    path: first?.path ?? '',
    line: first?.line ?? 0,
    column: first?.column ?? 0,
    commit: first?.commit?.sha ?? null,
    ...(first?.encoding !== undefined && { encoding: [...first.encoding] }),
    tags: [...finding.tags],
    occurrences: finding.occurrences.map(jsonOccurrence),
    ...(finding.details !== undefined && { details: finding.details }),
  };
}

function jsonOccurrence(o: Occurrence): JsonOccurrence {
  return {
    path: o.path,
    line: o.line,
    column: o.column,
    endLine: o.endLine,
    endColumn: o.endColumn,
    commit: o.commit === null ? null : jsonCommit(o.commit),
    source: o.source,
    ...(o.encoding !== undefined && { encoding: [...o.encoding] }),
  };
}

function jsonCommit(c: CommitInfo): NonNullable<JsonOccurrence['commit']> {
  return { sha: c.sha, authorName: c.authorName, authorEmail: c.authorEmail, authorDate: c.authorDate };
}

function jsonSuppression(s: Suppression): JsonSuppression {
  return {
    id: s.id,
    ruleId: s.ruleId,
    secret: s.secret,
    path: s.path,
    line: s.line,
    commit: s.commit,
    how: s.how,
    reason: s.reason,
    ...(s.expires !== undefined && { expires: s.expires }),
  };
}
