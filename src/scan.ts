// Orchestration: the ONE place where sources, detection, findings and policy meet (the per-item
// bookkeeping lives in scan-state.ts).
//   source -> decode -> detect -> collect findings -> allowlist -> status -> redact
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { selectRules } from './config/apply.js';
import { loadConfig, type Config } from './config/load.js';
import { analyzerRules, FINDINGS_ANALYZERS } from './analyzers/index.js';
import { GitError, UsageError } from './errors.js';
import { findingStatus } from './findings/collector.js';
import { openRepository } from './git/open.js';
import type { EngineName, GitReader } from './git/reader.js';
import { pathMatcher } from './policy/allowlist.js';
import { loadBaselineFile } from './config/baseline-file.js';
import { isoDay, type Baseline } from './policy/baseline.js';
import { applySuppressions, countSuppressions } from './policy/suppress.js';
import { tagTestPaths } from './policy/test-path.js';
import { redactResult } from './policy/redact.js';
import { loadRuleSet } from './rules/load.js';
import { pathRulesFor } from './detect/path-rules.js';
import { loadKnownJwtSecrets } from './rules/known-secrets.js';
import { historySource, type HistoryFacts } from './sources/history.js';
import { rangeSource, type RangeSpec } from './sources/range.js';
import { stagedSource } from './sources/staged.js';
import { worktreeSource } from './sources/worktree.js';
import { EnvFileTracker } from './analyzers/env-committed.js';
import { runRepoChecks, type RepoCheckResult } from './sources/repo-checks.js';
import { ScanState, type Apply } from './scan-state.js';
import { SEVERITIES, type Finding, type PathRule, type Rule, type RuleInfo, type ScanMode, type ScanResult, type SourceItem } from './types.js';

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ScanOptions {
  /** Directory (or file) to scan; for git modes, any path inside the repository. */
  path: string;
  /** Every commit of every ref, plus the files on disk unless `worktree: false`. */
  history?: boolean;
  worktree?: boolean;
  /** Narrow the refs of a history scan (glob on ref names). */
  refs?: string;
  /** Only the commits in `A..B`; only secrets they introduce. */
  range?: string;
  /** Shorthand for the range `REV..HEAD`. */
  since?: string;
  /** Range scan of the commits reachable from `include` and from no `exclude` revision (pre-push). */
  rangeSpec?: RangeSpec;
  /** The index (pre-commit). */
  staged?: boolean;
  engine?: EngineName;
  maxFileSize?: number;
  /** Mask secrets in the result (default true). */
  redact?: boolean;
  /** Path of a config file; default `.leakhound.yaml` in the scanned directory. */
  configPath?: string;
  /** An already loaded config (wins over configPath). */
  config?: Config;
  /** Baseline file: report only findings not in it (default: the config's `baseline:`). */
  baselinePath?: string;
  /** An already loaded baseline (wins over baselinePath); `false` ignores any baseline. */
  baseline?: Baseline | false;
  /** "Today" for baseline expiry (default: now). */
  now?: Date;
  /** Rules to use instead of the built-in ones (config still applies); path rules (key files by name) included. */
  rules?: (Rule | PathRule)[];
  /** Detection worker threads for big scans (default: one per core; 0: detect in-thread only). */
  workers?: number;
  /** Time one blob's detection may take before it is skipped as `timeout` (default 5000 ms, plus 1 s per MiB; in the scan's own thread only when custom rules are in use). */
  blobTimeoutMs?: number;
  /** Levels of base64/hex/percent encoding looked inside (default: the config's `decode.depth`, else 2; 0: none). */
  decodeDepth?: number;
  onProgress?: (progress: ScanProgress) => void;
  signal?: AbortSignal;
}

export interface ScanProgress {
  filesScanned: number;
  bytesScanned: number;
  commitsScanned: number;
  elapsedMs: number;
}

const PROGRESS_INTERVAL_MS = 250;
/** Blobs whose detection may run ahead of the in-order bookkeeping. */
const DETECT_AHEAD = 32;


export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const target = resolve(options.path);
  const targetStat = statOrThrow(target);
  const mode = scanMode(options);
  const config = options.config ?? loadConfig(options.configPath, targetStat.isDirectory() ? target : dirname(target));
  const rules = selectRules<RuleInfo>([...(options.rules ?? builtInRules()), ...analyzerRules()], config);
  const patternRules = rules.filter(isPatternRule);
  const pathRules = rules.filter(isPathRule);
  const enabledRules = new Set(rules.map((r) => r.id));
  const maxFileSize = options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const knownJwtSecrets = loadKnownJwtSecrets();
  const baseline = baselineOf(options, config);

  const state = new ScanState(
    rules,
    { rules: patternRules, enabledAnalyzerRules: rules.filter((r) => !isPatternRule(r)).map((r) => r.id), knownJwtSecrets, ...(config.inlineAllow ? { inlineAllow: config.inlineAllow } : {}), ...decodeDepthOf(options, config) },
    {
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.blobTimeoutMs !== undefined ? { blobTimeoutMs: options.blobTimeoutMs } : {}),
      // Built-in rules are held to linear time by `rules check`; a user's own rules get the time budget in-thread too.
      inThreadBudget: options.rules !== undefined || config.rules.length > 0,
    },
    pathRules,
  );
  // A key file over the size cap is still hashed (not scanned): its finding is keyed by content.
  const hashTooLarge = (path: string): boolean => pathRulesFor(pathRules, path).length > 0;
  const seen = new Set<string>();
  const excluded = pathMatcher(config.allowlist.paths);
  let facts: HistoryFacts | null = null;
  let reader: GitReader | null = null;
  let lastProgress = started;
  // Env files met in the walk (issue 5): observed here, judged after it, no second walk.
  const envFiles = new EnvFileTracker();
  let repoChecks: RepoCheckResult = { findings: [], notes: [] };

  // Detection runs ahead of the bookkeeping (on worker threads for big scans); results are
  // applied strictly in source order, so a `seen` item always finds its blob's matches.
  const consume = async (items: AsyncIterable<SourceItem>): Promise<boolean> => {
    const inFlight: Promise<Apply>[] = [];
    try {
      for await (const item of items) {
        if (options.signal?.aborted) return false;
        envFiles.observe(item);
        inFlight.push(state.prepare(item, excluded));
        if (inFlight.length >= DETECT_AHEAD) await (await inFlight.shift()!)(reader);
        if (options.onProgress && performance.now() - lastProgress > PROGRESS_INTERVAL_MS) {
          lastProgress = performance.now();
          options.onProgress({ ...state.progress(), commitsScanned: 0, elapsedMs: lastProgress - started });
        }
      }
    } finally {
      for (const pending of inFlight) await (await pending)(reader);
    }
    return true;
  };

  // A history that cannot be walked to the end (a commit in a damaged pack) is an error of the
  // scan, not its end: what was read is reported, the files on disk are still scanned, exit 2.
  const consumeGit = async (items: AsyncIterable<SourceItem>): Promise<boolean> => {
    try {
      return await consume(items);
    } catch (err) {
      if (!(err instanceof GitError)) throw err;
      state.errors.push({ message: err.message });
      return true;
    }
  };

  let finished = true;
  try {
    if (mode === 'worktree') {
      finished = await consume(worktreeSource({ root: target, maxFileSize, seen, exclude: excluded, hashTooLarge }));
      repoChecks = await runRepoChecks({ mode, directory: targetStat.isDirectory() ? target : null, reader: null, envFiles, enabledRules, excluded });
    } else {
      const repo = await openRepository(target, options.engine ? { engine: options.engine } : {});
      reader = repo;
      const git =
        mode === 'history'
          ? historySource(repo, { maxFileSize, seen, ...(options.refs ? { refs: options.refs } : {}) })
          : mode === 'range'
            ? rangeSource(repo, { ...rangeOf(options), maxFileSize, seen })
            : stagedSource(repo, { maxFileSize, seen });
      // In history mode a failing walk is a damaged repository; in range and staged modes a git
      // error is the user's (an unknown revision) and ends the scan with a one-line message.
      finished = mode === 'history' ? await consumeGit(git.items) : await consume(git.items);
      facts = git.facts();
      if (finished && mode === 'history' && options.worktree !== false && repo.workTree) {
        finished = await consume(worktreeSource({ root: repo.workTree, maxFileSize, seen, exclude: excluded, hashTooLarge }));
      }
      repoChecks = await runRepoChecks({ mode, directory: null, reader: repo, envFiles, enabledRules, excluded });
    }
    // JWT keys read from another file (needs every file's facts, and the reader for range scans)
    await state.addCrossFileFindings(reader);
  } finally {
    await reader?.close();
    await state.close();
  }

  const found = [...state.collector.findingsList(), ...repoChecks.findings];
  for (const analyzer of FINDINGS_ANALYZERS) {
    if (analyzer.rules.some((r) => enabledRules.has(r.id))) found.push(...analyzer.analyze({ mode, findings: found, enabledRules, data: { knownJwtSecrets: new Set(knownJwtSecrets) } }));
  }
  // Policy: allowlist -> inline allow -> baseline; whatever is hidden is reported as suppressed.
  const policy = applySuppressions(tagTestPaths(found), { allowlist: config.allowlist, baseline, today: isoDay(options.now ?? new Date()) });
  const findings = policy.findings;
  const headBlobs = facts && mode === 'history' ? new Set<string>(facts.headTree.values()) : null;
  // Range and staged scans report what is about to be pushed, merged or committed: present.
  if (mode === 'history') {
    for (const f of findings) f.status = findingStatus(f, { headBlobs, onHead: (sha) => state.collector.isOnHead(sha) || envFiles.isOnHead(sha) });
  }
  findings.sort(compareFindings);

  const notes = [...(facts?.notes ?? []), ...repoChecks.notes];
  if (!finished) notes.push('interrupted: the scan stopped before it read everything');
  if (policy.expired.length > 0) notes.push(`${policy.expired.length} baseline entr${policy.expired.length === 1 ? 'y has' : 'ies have'} expired: those findings are reported again`);
  const summary = state.summary(findings, {
    commitsScanned: facts?.commitsScanned ?? 0,
    notes,
    complete: finished && state.errors.length === 0,
    durationMs: Math.round(performance.now() - started),
  });
  summary.suppressed = countSuppressions(policy.suppressed);
  const result: ScanResult = { target, mode, findings, summary, rules, redacted: false, suppressed: policy.suppressed };
  return options.redact === false ? result : redactResult(result);
}

function rangeOf(options: ScanOptions): { range: string } | { spec: RangeSpec } {
  return options.rangeSpec ? { spec: options.rangeSpec } : { range: options.range ?? `${options.since}..HEAD` };
}

function baselineOf(options: ScanOptions, config: Config): Baseline | null {
  if (options.baseline === false) return null;
  if (options.baseline !== undefined) return options.baseline;
  const path = options.baselinePath ?? config.baseline;
  return path === undefined ? null : loadBaselineFile(path);
}

function isPatternRule(rule: RuleInfo): rule is Rule {
  return 'regex' in rule;
}

function isPathRule(rule: RuleInfo): rule is PathRule {
  return 'pathRegex' in rule;
}

function builtInRules(): (Rule | PathRule)[] {
  const { rules, pathRules } = loadRuleSet();
  return [...rules, ...pathRules];
}

function scanMode(options: ScanOptions): ScanMode {
  const ranged = [options.range, options.since, options.rangeSpec].filter((r) => r !== undefined).length;
  const modes = [options.history, ranged > 0, options.staged].filter(Boolean);
  if (modes.length > 1) throw new UsageError('choose one of --history, --range/--since, --staged');
  if (ranged > 1) throw new UsageError('choose one of --range and --since');
  if (options.history) return 'history';
  if (ranged > 0) return 'range';
  if (options.staged) return 'staged';
  return 'worktree';
}

function statOrThrow(path: string) {
  try {
    return statSync(path);
  } catch {
    throw new UsageError(`no such file or directory: ${path}`);
  }
}

const SEVERITY_ORDER = new Map(SEVERITIES.map((s, i) => [s, i]));

function compareFindings(a: Finding, b: Finding): number {
  const first = (f: Finding) => f.occurrences[0]!;
  return (
    SEVERITY_ORDER.get(a.severity)! - SEVERITY_ORDER.get(b.severity)! ||
    first(a).path.localeCompare(first(b).path) ||
    first(a).line - first(b).line ||
    first(a).column - first(b).column ||
    a.id.localeCompare(b.id)
  );
}

/** `--decode-depth` wins over the config's `decode.depth`; neither set: the detector's default. */
function decodeDepthOf(options: ScanOptions, config: Config): { decodeDepth?: number } {
  const depth = options.decodeDepth ?? config.decodeDepth;
  return depth === undefined ? {} : { decodeDepth: depth };
}
