// Groups matches into findings by content (findingId = sha256(ruleId, secret)), keeping every
// occurrence. Pure: the scan feeds it matches with their provenance.
import { findingId } from '../policy/fingerprint.js';
import type { Finding, FindingStatus, Match, Occurrence, Provenance, RuleInfo } from '../types.js';

export class FindingCollector {
  private readonly findings = new Map<string, Finding>();
  /** Occurrences already recorded, so a blob met twice at the same place is counted once. */
  private readonly occurrenceKeys = new Set<string>();
  /** Commits (with findings) that HEAD can reach, as the sources said. */
  private readonly headCommits = new Set<string>();

  constructor(private readonly rulesById: ReadonlyMap<string, RuleInfo>) {}

  add(match: Match, provenance: Provenance, blobId: string): void {
    const rule = this.rulesById.get(match.ruleId);
    if (!rule) return;
    const id = findingId(match.ruleId, match.secret);
    const commit = provenance.kind === 'commit' ? provenance.commit : null;
    if (provenance.kind === 'commit' && provenance.onHead) this.headCommits.add(provenance.commit.sha);
    const key = `${id}\0${provenance.kind}\0${commit?.sha ?? ''}\0${provenance.path}\0${match.line}\0${match.column}`;
    if (this.occurrenceKeys.has(key)) return;
    this.occurrenceKeys.add(key);
    const occurrence: Occurrence = {
      path: provenance.path,
      line: match.line,
      column: match.column,
      endLine: match.endLine,
      endColumn: match.endColumn,
      commit,
      source: provenance.kind,
      blobId,
      ...(match.snippet !== undefined ? { snippet: match.snippet } : {}),
      ...(match.allow !== undefined ? { allow: match.allow } : {}),
      ...(match.encoding !== undefined ? { encoding: match.encoding } : {}),
    };
    const existing = this.findings.get(id);
    if (existing) {
      existing.occurrences.push(occurrence);
      return;
    }
    this.findings.set(id, {
      id,
      ruleId: rule.id,
      ruleName: rule.name,
      severity: match.severity ?? rule.severity,
      tags: rule.tags,
      secret: match.secret,
      status: 'present',
      occurrences: [occurrence],
      ...(match.details ? { details: match.details } : {}),
    });
  }

  isOnHead(sha: string): boolean {
    return this.headCommits.has(sha);
  }

  /** Findings with occurrences in report order: commits oldest first, then files on disk. */
  findingsList(): Finding[] {
    return [...this.findings.values()].map((f) => ({ ...f, occurrences: orderOccurrences(f.occurrences) }));
  }
}

function orderOccurrences(occurrences: Occurrence[]): Occurrence[] {
  // Arrival order is already oldest-first for commits (sources walk parents before children);
  // a stable sort only moves work-tree and index occurrences after them.
  return [...occurrences].sort((a, b) => Number(a.commit === null) - Number(b.commit === null));
}

export interface StatusFacts {
  /** Blob ids in HEAD's tree (null when no history was read). */
  headBlobs: ReadonlySet<string> | null;
  /** Commits reachable from HEAD, by sha. */
  onHead: (sha: string) => boolean;
}

/**
 * `present`: on disk (a scanned file) or in HEAD's tree; `history-only`: only in commits HEAD
 * can reach; `other-refs`: only in commits of other branches or tags.
 */
export function findingStatus(finding: Finding, facts: StatusFacts): FindingStatus {
  const inHead = finding.occurrences.some(
    (o) => o.commit === null || (facts.headBlobs !== null && o.blobId !== undefined && facts.headBlobs.has(o.blobId)),
  );
  if (inHead) return 'present';
  return finding.occurrences.some((o) => o.commit !== null && facts.onHead(o.commit.sha)) ? 'history-only' : 'other-refs';
}
