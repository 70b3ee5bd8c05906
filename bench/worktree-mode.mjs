// `bench/run.mjs worktree`: scan the synthetic tree, warm once, time N runs, report the median,
// and check the planted secrets: the visible ones found, the gitignored ones not.
import { relative } from 'node:path';
import { fmt, keyValues, topRules } from './format.mjs';
import { ensureWorktree } from './gen-worktree.mjs';
import { medianBy, runLeakhound, warmThenTime } from './measure.mjs';

export const WORKTREE_TARGET_MBPS = 60;

export async function worktreeBench({ repoRoot, files, mb, runs, log, nodeArgs = [] }) {
  const tree = ensureWorktree(repoRoot, { files, mb }, log);
  const watch = [...tree.planted.map((p) => p.path), 'build/'];
  log(`scanning ${relative(repoRoot, tree.root)}: 1 warm-up + ${runs} timed runs ...`);
  const results = await warmThenTime(runs, () => runLeakhound({ path: tree.root, watch }, nodeArgs));
  const median = medianBy(results, (r) => r.durationMs);
  const s = median.summary;
  const peakRssKiB = Math.max(...results.map((r) => r.maxRssKiB));
  const mbps = s.bytesScanned / 1e6 / (median.durationMs / 1000);
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
    checks: worktreeChecks(tree, median, mbps),
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
    ]),
    'checks',
    ...r.checks.map((c) => `  ${c.level.padEnd(4)} ${c.text}`),
  ].join('\n');
}
