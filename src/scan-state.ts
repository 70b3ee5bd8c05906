// Counters and caches of one scan: the per-item half of scan() (detection via the pool, then
// in-order recording of findings, skips and errors). Only scan.ts uses it.
import { DetectPool, type DetectPoolOptions, type PoolVerdict } from './detect-pool/pool.js';
import type { WorkerInit } from './detect-pool/protocol.js';
import { errorMessage } from './errors.js';
import { FindingCollector } from './findings/collector.js';
import type { GitReader } from './git/reader.js';
import type { ScanProgress } from './scan.js';
import type { Finding, Match, Provenance, RuleInfo, ScanSummary, SkipReason, SourceItem } from './types.js';

/** The in-order second half of handling one item (recording what detection found). */
export type Apply = (reader: GitReader | null) => Promise<void>;
const NOTHING: Apply = async () => {};

/** Counters and caches of one scan. Matches are cached per blob id: a blob is scanned once. */
export class ScanState {
  readonly collector: FindingCollector;
  readonly errors: ScanSummary['errors'] = [];
  private readonly pool: DetectPool;
  private readonly matchesByBlob = new Map<string, Match[]>();
  private readonly skipped: ScanSummary['skipped'] = [];
  private readonly skippedCounts: Record<SkipReason, number> = {
    binary: 0,
    'too-large': 0,
    'symlink-outside': 0,
    submodule: 0,
    'special-file': 0,
    timeout: 0,
  };
  private filesScanned = 0;
  private blobsScanned = 0;
  private blobsDeduplicated = 0;
  private bytesScanned = 0;

  constructor(rules: RuleInfo[], init: WorkerInit, poolOptions: DetectPoolOptions) {
    this.collector = new FindingCollector(new Map(rules.map((r) => [r.id, r])));
    this.pool = new DetectPool(init, poolOptions);
  }

  /** Starts the work for one item; the returned Apply records its results, called in order. */
  async prepare(item: SourceItem, excluded: (path: string) => boolean): Promise<Apply> {
    if (item.kind === 'error') {
      this.errors.push({
        message: item.message,
        ...(item.provenance ? { path: item.provenance.path } : {}),
        ...(item.provenance?.kind === 'commit' ? { commit: item.provenance.commit.sha } : {}),
      });
      return NOTHING;
    }
    if (excluded(item.provenance.path)) return NOTHING;
    if (item.kind === 'skipped') {
      this.recordSkip(item);
      return NOTHING;
    }
    if (item.kind === 'seen') {
      this.blobsDeduplicated++;
      return (reader) => this.record(this.matchesByBlob.get(item.blobId), item.provenance, item.blobId, reader);
    }
    let verdict: PoolVerdict;
    try {
      verdict = await this.pool.analyze(item.data, item.provenance.path);
    } catch (err) {
      this.errors.push({ path: item.provenance.path, message: `detection failed: ${errorMessage(err)}` });
      return NOTHING;
    }
    return async (reader) => {
      if ('timedOut' in verdict) {
        this.recordSkip({ kind: 'skipped', provenance: item.provenance, reason: 'timeout', size: item.data.length, blobId: item.blobId });
        return;
      }
      if (verdict.binary) {
        this.recordSkip({ kind: 'skipped', provenance: item.provenance, reason: 'binary', blobId: item.blobId });
        return;
      }
      this.filesScanned++;
      this.blobsScanned++;
      this.bytesScanned += item.data.length;
      if (verdict.matches.length > 0) this.matchesByBlob.set(item.blobId, verdict.matches);
      await this.record(verdict.matches, item.provenance, item.blobId, reader);
    };
  }

  private async record(matches: Match[] | undefined, provenance: Provenance, blobId: string, reader: GitReader | null): Promise<void> {
    if (!matches || matches.length === 0) return;
    const fresh = reader ? await this.notInPrevious(matches, provenance, reader) : matches;
    for (const match of fresh) this.collector.add(match, provenance, blobId);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** Range semantics: a secret already in the parent's version of the same file is not new. */
  private async notInPrevious(matches: Match[], provenance: Provenance, reader: GitReader): Promise<Match[]> {
    if (provenance.kind !== 'commit' || !provenance.previous?.length) return matches;
    const before = new Set<string>();
    for await (const read of reader.readBlobs(provenance.previous)) {
      if (!('data' in read)) continue;
      const verdict = this.pool.analyzeNow(read.data, provenance.path);
      if (verdict.binary) continue;
      for (const m of verdict.matches) before.add(`${m.ruleId}\0${m.secret}`);
    }
    return matches.filter((m) => !before.has(`${m.ruleId}\0${m.secret}`));
  }

  private recordSkip(item: Extract<SourceItem, { kind: 'skipped' }>): void {
    this.skippedCounts[item.reason]++;
    if (item.reason === 'binary' || item.reason === 'submodule' || item.reason === 'special-file') return;
    this.skipped.push({
      path: item.provenance.path,
      reason: item.reason,
      ...(item.size !== undefined ? { size: item.size } : {}),
      ...(item.provenance.kind === 'commit' ? { commit: item.provenance.commit.sha } : {}),
    });
  }

  progress(): Omit<ScanProgress, 'elapsedMs' | 'commitsScanned'> {
    return { filesScanned: this.filesScanned, bytesScanned: this.bytesScanned };
  }

  summary(
    findings: Finding[],
    extra: Pick<ScanSummary, 'commitsScanned' | 'notes' | 'complete' | 'durationMs'>,
  ): ScanSummary {
    const bySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
    const byStatus = { present: 0, 'history-only': 0, 'other-refs': 0 };
    for (const f of findings) {
      bySeverity[f.severity]++;
      byStatus[f.status]++;
    }
    return {
      findings: findings.length,
      bySeverity,
      byStatus,
      filesScanned: this.filesScanned,
      blobsScanned: this.blobsScanned,
      blobsDeduplicated: this.blobsDeduplicated,
      bytesScanned: this.bytesScanned,
      skipped: this.skipped,
      skippedCounts: this.skippedCounts,
      errors: this.errors,
      ...extra,
    };
  }
}
