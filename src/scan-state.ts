// Counters and caches of one scan: the per-item half of scan() (detection via the pool, then
// in-order recording of findings, skips and errors). Only scan.ts uses it.
import { CrossFileJwtKeys } from './analyzers/jwt-cross-file.js';
import { DetectPool, type DetectPoolOptions, type PoolVerdict } from './detect-pool/pool.js';
import type { WorkerInit } from './detect-pool/protocol.js';
import { errorMessage } from './errors.js';
import { FindingCollector } from './findings/collector.js';
import type { GitReader } from './git/reader.js';
import type { ScanProgress } from './scan.js';
import { fileStructures } from './detect/key-file-structure.js';
import { keyFileMatches } from './detect/path-rules.js';
import type { Finding, Match, PathRule, Provenance, RuleInfo, ScanSummary, SkipReason, SourceItem } from './types.js';

/** The in-order second half of handling one item (recording what detection found). */
export type Apply = (reader: GitReader | null) => Promise<void>;
const NOTHING: Apply = async () => {};
const NO_STRUCTURE: ReadonlySet<string> = new Set();

/** Content rules tagged `private-key` (patterns/private-keys.yaml: `private-key.openssh`, `private-key.putty`...), path rules aside. */
function privateKeyContentRules(rules: readonly RuleInfo[], pathRules: readonly PathRule[]): Set<string> {
  const byName = new Set(pathRules.map((r) => r.id));
  return new Set(rules.filter((r) => r.tags.includes('private-key') && !byName.has(r.id)).map((r) => r.id));
}

/** Counters and caches of one scan. Matches are cached per blob id: a blob is scanned once. */
export class ScanState {
  readonly collector: FindingCollector;
  readonly errors: ScanSummary['errors'] = [];
  private readonly pool: DetectPool;
  /** Facts of cross-file JWT key checks, resolved after the walk (addCrossFileFindings). */
  private readonly crossFile: CrossFileJwtKeys;
  private readonly matchesByBlob = new Map<string, Match[]>();
  /**
   * Key-file structures of scanned blobs that have any (path rules are judged per path, so `seen`
   * items need them); null for a blob met over the size cap (bytes not read: structure unknown).
   */
  private readonly structuresByBlob = new Map<string, ReadonlySet<string> | null>();
  /** Content rules that report a whole private key: a key file they matched is not reported again by name. */
  private readonly privateKeyRules: ReadonlySet<string>;
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

  constructor(
    rules: RuleInfo[],
    init: WorkerInit,
    poolOptions: DetectPoolOptions,
    /** File-level rules (key files by name), run here per path: binary files never reach the detector. */
    private readonly pathRules: readonly PathRule[] = [],
  ) {
    this.collector = new FindingCollector(new Map(rules.map((r) => [r.id, r])));
    this.privateKeyRules = privateKeyContentRules(rules, pathRules);
    this.pool = new DetectPool(init, poolOptions);
    this.crossFile = new CrossFileJwtKeys({ enabledRules: new Set(init.enabledAnalyzerRules), knownJwtSecrets: new Set(init.knownJwtSecrets ?? []) });
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
      // A key file over the size cap is still reported by its name (its bytes were not read).
      if (item.reason === 'too-large' && item.blobId !== undefined && this.pathRules.length > 0) {
        // A later `seen` item of these bytes (another path) is judged the same way: by name.
        this.structuresByBlob.set(item.blobId, null);
        this.recordKeyFile(item.blobId, item.provenance);
      }
      return NOTHING;
    }
    if (item.kind === 'seen') {
      this.blobsDeduplicated++;
      return (reader) => {
        this.crossFile.observe(item.blobId, item.provenance);
        this.recordKeyFile(item.blobId, item.provenance);
        return this.record(this.matchesByBlob.get(item.blobId), item.provenance, item.blobId, reader);
      };
    }
    if (this.pathRules.length > 0) {
      // Cheap (a few leading bytes per check), and needed for every blob: a later `seen` item may
      // name the same bytes `id_rsa`. Before detection: the bytes may move to a worker.
      const structures = fileStructures(item.data);
      if (structures.size > 0) this.structuresByBlob.set(item.blobId, structures);
    }
    let verdict: PoolVerdict;
    // A file read for this scan is held by nothing else: it may be moved to a worker, not copied.
    const size = item.data.length;
    try {
      verdict = await this.pool.analyze(item.data, item.provenance.path, { transfer: item.provenance.kind === 'worktree' });
    } catch (err) {
      this.errors.push({ path: item.provenance.path, message: `detection failed: ${errorMessage(err)}` });
      return NOTHING;
    }
    return async (reader) => {
      if ('timedOut' in verdict) {
        this.recordSkip({ kind: 'skipped', provenance: item.provenance, reason: 'timeout', size, blobId: item.blobId });
        // Not scanned: a secret in it would be missed, so the scan is incomplete (exit 2).
        this.errors.push({
          path: item.provenance.path,
          ...(item.provenance.kind === 'commit' ? { commit: item.provenance.commit.sha } : {}),
          message: `not scanned: detection ran over its time budget (${verdict.budgetMs} ms)`,
        });
        this.recordKeyFile(item.blobId, item.provenance);
        return;
      }
      if (verdict.binary) {
        this.recordSkip({ kind: 'skipped', provenance: item.provenance, reason: 'binary', blobId: item.blobId });
        this.recordKeyFile(item.blobId, item.provenance);
        return;
      }
      this.filesScanned++;
      this.blobsScanned++;
      this.bytesScanned += size;
      if (verdict.matches.length > 0) this.matchesByBlob.set(item.blobId, verdict.matches);
      this.crossFile.observe(item.blobId, item.provenance, verdict.facts);
      this.recordKeyFile(item.blobId, item.provenance);
      await this.record(verdict.matches, item.provenance, item.blobId, reader);
    };
  }

  /**
   * Path rules for one (path, blob): a key file by name, unless a private-key content rule already
   * reported these bytes as a key (one problem, one finding). Any other match in the file (a
   * generic one, say, later allowlisted) does not stand for the key file. Structures null: bytes not read.
   */
  private recordKeyFile(blobId: string, provenance: Provenance): void {
    if (this.pathRules.length === 0) return;
    if (this.matchesByBlob.get(blobId)?.some((m) => this.privateKeyRules.has(m.ruleId))) return;
    const structures = this.structuresByBlob.has(blobId) ? this.structuresByBlob.get(blobId)! : NO_STRUCTURE;
    for (const match of keyFileMatches(this.pathRules, provenance.path, blobId, structures)) this.collector.add(match, provenance, blobId);
  }

  private async record(matches: Match[] | undefined, provenance: Provenance, blobId: string, reader: GitReader | null): Promise<void> {
    if (!matches || matches.length === 0) return;
    const fresh = reader ? await this.notInPrevious(matches, provenance, reader) : matches;
    for (const match of fresh) this.collector.add(match, provenance, blobId);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** After the walk: JWT keys read from another file, reported where their literal is (jwt-cross-file.ts). */
  async addCrossFileFindings(reader: GitReader | null): Promise<void> {
    const before = new Map<string, Set<string>>();
    for (const { match, provenance, blobId } of this.crossFile.resolve()) {
      // Range semantics, as for matches: a literal the parent's version of the file already exported is not new.
      if (reader && provenance.kind === 'commit' && provenance.previous?.length) {
        const key = `${provenance.path}\0${provenance.previous.join(',')}`;
        if (!before.has(key)) before.set(key, await this.exportedBefore(provenance.path, provenance.previous, reader));
        if (before.get(key)!.has(match.secret)) continue;
      }
      this.collector.add(match, provenance, blobId);
    }
  }

  private async exportedBefore(path: string, previous: string[], reader: GitReader): Promise<Set<string>> {
    const values = new Set<string>();
    for await (const read of reader.readBlobs(previous)) {
      if (!('data' in read)) continue;
      const verdict = this.pool.analyzeNow(read.data, path);
      if ('timedOut' in verdict || verdict.binary) continue;
      for (const fact of verdict.facts ?? []) values.add(fact.secret);
    }
    return values;
  }

  /** Range semantics: a secret already in the parent's version of the same file is not new. */
  private async notInPrevious(matches: Match[], provenance: Provenance, reader: GitReader): Promise<Match[]> {
    if (provenance.kind !== 'commit' || !provenance.previous?.length) return matches;
    const before = new Set<string>();
    for await (const read of reader.readBlobs(provenance.previous)) {
      if (!('data' in read)) continue;
      const verdict = this.pool.analyzeNow(read.data, provenance.path);
      // A parent version over the time budget proves nothing: the secret counts as new.
      if ('timedOut' in verdict || verdict.binary) continue;
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
