// `bench/run.mjs worktree`: scan the synthetic tree, warm once, time N runs, report the median,
// and check the planted secrets: the visible ones found, the gitignored ones not.
import { relative } from 'node:path';
import { fmt, keyValues, topRules } from './format.mjs';
import { ensureWorktree } from './gen-worktree.mjs';
import { medianBy, runLeakhound, warmThenTime } from './measure.mjs';

export const WORKTREE_TARGET_MBPS = 60;

/** How much slower the shipped rules may scan than the baseline rule set (issue 8: at most 30%). */
export const MAX_RULESET_SLOWDOWN = 0.3;

export async function worktreeBench({ repoRoot, files, mb, runs, log, nodeArgs = [], baselinePatterns }) {
  const tree = ensureWorktree(repoRoot, { files, mb }, log);
  const watch = [...tree.planted.map((p) => p.path), 'build/'];
  log(`scanning ${relative(repoRoot, tree.root)}: 1 warm-up + ${runs} timed runs ...`);
  const results = [];
  const baseline = [];
  // with a baseline rule set, its runs alternate with the shipped rules' runs, so that a change
  // in the machine's load falls on both
  await warmThenTime(runs, async () => {
    if (baselinePatterns) baseline.push(await runLeakhound({ path: tree.root, watch, patternsDir: baselinePatterns }, nodeArgs));
    const result = await runLeakhound({ path: tree.root, watch }, nodeArgs);
    results.push(result);
    return result;
  });
  // the warm-up pair is not timed
  results.shift();
  baseline.shift();
  const median = medianBy(results, (r) => r.durationMs);
  const s = median.summary;
  const peakRssKiB = Math.max(...results.map((r) => r.maxRssKiB));
  const mbps = s.bytesScanned / 1e6 / (median.durationMs / 1000);
  const comparison = baselinePatterns ? compareWithBaseline(baselinePatterns, baseline, mbps) : null;
  return {
    mode: 'worktree',
    tree: { path: relative(repoRoot, tree.root), files: tree.visibleFiles, bytes: tree.textBytes + tree.binaryBytes, ignoredFiles: tree.ignoredFiles, ignoredBytes: tree.ignoredBytes, textBytes: tree.textBytes },
    runs: results.length,
    scanMs: median.durationMs,
    scanMsRuns: results.map((r) => r.durationMs),
    processMs: median.processMs,
    bytesScanned: s.bytesScanned,
    filesScanned: s.filesScanned,
    mbPerSecond: mbps,
    filesPerSecond: s.filesScanned / (median.durationMs / 1000),
    peakRssKiB,
    findings: s.findings,
    bySeverity: s.bySeverity,
    skippedCounts: s.skippedCounts,
    errors: s.errors,
    rulesLoaded: median.rulesLoaded,
    byRule: median.byRule,
    checks: [...worktreeChecks(tree, median, mbps), ...(comparison ? [comparison.check] : [])],
    ...(comparison ? { baseline: comparison } : {}),
  };
}

/** The baseline rule set's median throughput, and how far the shipped rules fall behind it. */
function compareWithBaseline(dir, results, mbps) {
  const median = medianBy(results, (r) => r.durationMs);
  const baselineMbps = median.summary.bytesScanned / 1e6 / (median.durationMs / 1000);
  const slowdown = 1 - mbps / baselineMbps;
  return {
    patterns: dir,
    rulesLoaded: median.rulesLoaded,
    scanMsRuns: results.map((r) => r.durationMs),
    mbPerSecond: baselineMbps,
    slowdown,
    check: {
      level: slowdown <= MAX_RULESET_SLOWDOWN ? 'PASS' : 'FAIL',
      text: `shipped rules ${mbps.toFixed(1)} MB/s vs baseline rules ${baselineMbps.toFixed(1)} MB/s: ${(slowdown * 100).toFixed(1)}% slower (at most ${MAX_RULESET_SLOWDOWN * 100}%)`,
    },
  };
}

function worktreeChecks(tree, result, mbps) {
  const at = (target) => result.watched.find((w) => w.target === target)?.findings ?? [];
  const checks = tree.planted.map((p) => {
    const found = at(p.path);
    const rules = [...new Set(found.map((f) => f.ruleId))].join(', ');
    return p.expect === 'found'
      ? { level: found.length ? 'PASS' : 'FAIL', text: `planted ${p.kind} in ${p.path} ${found.length ? `found (${rules})` : 'NOT found'}` }
      : { level: found.length ? 'FAIL' : 'PASS', text: `planted ${p.kind} in gitignored ${p.path} ${found.length ? `reported (${rules}) although ignored` : 'not reported (ignored)'}` };
  });
  const inBuild = at('build/').length;
  checks.push({ level: inBuild ? 'FAIL' : 'PASS', text: `gitignored folder build/: ${inBuild} findings (expected 0)` });
  const s = result.summary;
  checks.push({
    level: s.bytesScanned === tree.uniqueTextBytes ? 'PASS' : 'WARN',
    text: `bytes scanned ${fmt.count(s.bytesScanned, 'B')} vs unique text bytes generated outside ignored paths ${fmt.count(tree.uniqueTextBytes, 'B')}`,
  });
  checks.push({ level: s.complete && s.errors === 0 ? 'PASS' : 'FAIL', text: `scan complete (${s.errors} errors${s.firstErrors.length ? `: ${s.firstErrors.join('; ')}` : ''})` });
  checks.push({ level: mbps >= WORKTREE_TARGET_MBPS ? 'PASS' : 'SLOW', text: `throughput ${mbps.toFixed(1)} MB/s, target >= ${WORKTREE_TARGET_MBPS} MB/s` });
  return checks;
}

export function formatWorktree(r) {
  const sev = Object.entries(r.bySeverity).map(([k, v]) => `${k} ${v}`).join(', ');
  const skips = Object.entries(r.skippedCounts).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return [
    'leakhound bench: worktree',
    keyValues([
      ['tree', `${r.tree.path}: ${fmt.count(r.tree.files, 'files')}, ${fmt.mb(r.tree.bytes)} (+ ${fmt.count(r.tree.ignoredFiles, 'gitignored files')}, ${fmt.mb(r.tree.ignoredBytes)})`],
      ['runs', `1 warm-up + ${r.runs} timed, each in a fresh process; median shown`],
      ['scan wall time', `${fmt.seconds(r.scanMs)} (runs: ${r.scanMsRuns.map(fmt.seconds).join(', ')}; whole process ${fmt.seconds(r.processMs)})`],
      ['bytes scanned', `${fmt.mb(r.bytesScanned)} in ${fmt.count(r.filesScanned, 'files')}`],
      ['throughput', `${r.mbPerSecond.toFixed(1)} MB/s (bytes scanned / scan wall time; MB = 10^6 B)`],
      ['files/s', `${fmt.count(Math.round(r.filesPerSecond), 'files/s')}`],
      ['peak RSS', `${fmt.mibFromKiB(r.peakRssKiB)} (max over timed runs)`],
      ['findings', `${fmt.count(r.findings)} (${sev}); ${r.rulesLoaded} rules loaded`],
      ['findings by rule', topRules(r.byRule)],
      ['skipped', skips],
      ...(r.baseline
        ? [['baseline rules', `${r.baseline.patterns}: ${r.baseline.rulesLoaded} rules, ${r.baseline.mbPerSecond.toFixed(1)} MB/s (runs: ${r.baseline.scanMsRuns.map(fmt.seconds).join(', ')})`]]
        : []),
    ]),
    'checks',
    ...r.checks.map((c) => `  ${c.level.padEnd(4)} ${c.text}`),
  ].join('\n');
}
