// `bench/run.mjs history`: scan every commit of every ref (no work tree) of synthetic histories
// in three sizes, or of an existing repository, and set the time against two git baselines on
// the same repository: `git log -p --all` (what a naive history scanner reads) and
// `git cat-file --batch-all-objects --batch` (reading every object once, the floor).
import { relative } from 'node:path';
import { fmt, table, topRules } from './format.mjs';
import { ensureHistory } from './gen-history.mjs';
import { median, medianBy, runLeakhound, timeGit, warmThenTime } from './measure.mjs';
import { commitCount, gitDirOf, uniqueBlobs } from './repo-facts.mjs';

export async function historyBench({ repoRoot, sizes, path, runs, log, nodeArgs = [] }) {
  const repos = [];
  if (path) {
    repos.push(await measureRepo({ label: path, path, manifest: null, runs, log, nodeArgs }));
  } else {
    for (const size of sizes) {
      const manifest = await ensureHistory(repoRoot, size, log);
      repos.push(await measureRepo({ label: size, path: manifest.gitDir, manifest, runs, log, nodeArgs, shown: relative(repoRoot, manifest.gitDir) }));
    }
  }
  return { mode: 'history', runs, repos };
}

async function measureRepo({ label, path, manifest, runs, log, nodeArgs, shown = path }) {
  const gitDir = gitDirOf(path);
  const commits = commitCount(gitDir);
  const blobs = await uniqueBlobs(gitDir);
  const git = (...args) => () => timeGit(['--git-dir', gitDir, ...args]);
  log(`${label}: ${commits} commits, ${blobs.blobs} unique blobs (${fmt.mb(blobs.bytes)}); warming the page cache ...`);
  await git('cat-file', '--batch-all-objects', '--batch')();

  log(`${label}: leakhound scan --history --no-worktree, ${runs} run(s) ...`);
  const watch = manifest ? manifest.planted.map((p) => p.path) : [];
  const scans = await warmThenTime(runs, () => runLeakhound({ path, history: true, worktree: false, watch }, nodeArgs), { warm: false });
  log(`${label}: git log -p --all, git cat-file --batch-all-objects --batch, ${runs} run(s) each ...`);
  const logMs = median(await warmThenTime(runs, git('log', '-p', '--all'), { warm: false }));
  const catFileMs = median(await warmThenTime(runs, git('cat-file', '--batch-all-objects', '--batch'), { warm: false }));

  const scan = medianBy(scans, (r) => r.durationMs);
  const s = scan.summary;
  return {
    label,
    path: shown,
    commits,
    uniqueBlobs: blobs.blobs,
    uniqueBlobBytes: blobs.bytes,
    scanMs: scan.durationMs,
    scanMsRuns: scans.map((r) => r.durationMs),
    processMs: scan.processMs,
    mbPerSecond: blobs.bytes / 1e6 / (scan.durationMs / 1000),
    peakRssKiB: Math.max(...scans.map((r) => r.maxRssKiB)),
    findings: s.findings,
    byStatus: s.byStatus,
    byRule: scan.byRule,
    commitsScanned: s.commitsScanned,
    blobsScanned: s.blobsScanned,
    bytesScanned: s.bytesScanned,
    skippedCounts: s.skippedCounts,
    errors: s.errors,
    complete: s.complete,
    gitLogMs: logMs,
    catFileMs,
    ratioVsGitLog: scan.durationMs / logMs,
    ratioVsCatFile: scan.durationMs / catFileMs,
    checks: historyChecks({ manifest, scan, commits }),
  };
}

function historyChecks({ manifest, scan, commits }) {
  const s = scan.summary;
  const checks = [];
  for (const p of manifest?.planted ?? []) {
    const found = scan.watched.find((w) => w.target === p.path)?.findings ?? [];
    const statuses = [...new Set(found.map((f) => f.status))];
    const rules = [...new Set(found.map((f) => f.ruleId))].join(', ');
    const level = found.length === 0 ? 'FAIL' : statuses.includes(p.expectStatus) ? 'PASS' : 'FAIL';
    const what = found.length === 0 ? 'NOT found' : `found (${rules}), status ${statuses.join('/')}, expected ${p.expectStatus}`;
    checks.push({ level, text: `planted ${p.kind} in ${p.path} (${p.how}): ${what}` });
  }
  checks.push({ level: s.commitsScanned === commits ? 'PASS' : 'WARN', text: `commits scanned ${s.commitsScanned} vs git rev-list --all --count ${commits}` });
  checks.push({ level: s.complete && s.errors === 0 ? 'PASS' : 'FAIL', text: `scan complete (${s.errors} errors${s.firstErrors.length ? `: ${s.firstErrors.join('; ')}` : ''}${s.notes.length ? `; notes: ${s.notes.join('; ')}` : ''})` });
  return checks;
}

export function formatHistory(result) {
  const headers = [
    'repo', 'commits', 'unique blobs', 'unique blob MB', 'leakhound s', 'MB/s', 'peak RSS MiB', 'findings',
    'git log -p --all s', 'cat-file --batch s', 'lh / log', 'lh / cat-file',
  ];
  const rows = result.repos.map((r) => [
    r.label,
    fmt.count(r.commits),
    fmt.count(r.uniqueBlobs),
    (r.uniqueBlobBytes / 1e6).toFixed(1),
    (r.scanMs / 1000).toFixed(2),
    r.mbPerSecond.toFixed(1),
    (r.peakRssKiB / 1024).toFixed(1),
    fmt.count(r.findings),
    (r.gitLogMs / 1000).toFixed(2),
    (r.catFileMs / 1000).toFixed(2),
    fmt.ratio(r.scanMs, r.gitLogMs),
    fmt.ratio(r.scanMs, r.catFileMs),
  ]);
  const details = result.repos.flatMap((r) => [
    r.path === r.label ? r.label : `${r.label} (${r.path})`,
    `  leakhound: ${fmt.count(r.commitsScanned, 'commits')}, ${fmt.count(r.blobsScanned, 'blobs')} / ${fmt.mb(r.bytesScanned)} scanned as text, ` +
      `runs ${r.scanMsRuns.map(fmt.seconds).join(', ')} (whole process ${fmt.seconds(r.processMs)}); ` +
      `findings by status: ${Object.entries(r.byStatus).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  findings by rule: ${topRules(r.byRule)}`,
    ...r.checks.map((c) => `  ${c.level.padEnd(4)} ${c.text}`),
  ]);
  return [
    'leakhound bench: history (scan --history --no-worktree; median of ' + `${result.runs} run(s); MB = 10^6 B; MB/s = unique blob bytes / leakhound wall time)`,
    table(headers, rows),
    '',
    ...details,
  ].join('\n');
}
