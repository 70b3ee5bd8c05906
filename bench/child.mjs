// One measured leakhound scan in its own process, so its peak RSS is the scan's alone.
// Usage: node bench/child.mjs '<json>' with { path, history?, worktree?, maxFileSize?, watch? }.
// `watch` lists paths (or folder prefixes ending in `/`) whose findings the parent asks about.
// Prints exactly one JSON line on stdout: timings, maxRSS and counts. Never a secret: findings
// are described by rule id, status and path only, and the scan runs with default redaction.

const request = JSON.parse(process.argv[2] ?? '{}');

try {
  const { scan, loadRules } = await import('../dist/index.js');
  const options = { path: request.path };
  // an A/B of rule sets: scan with the pattern rules of another folder (e.g. an older release's)
  if (request.patternsDir) options.rules = loadRules({ dir: request.patternsDir });
  if (request.history) options.history = true;
  if (request.worktree === false) options.worktree = false;
  if (request.maxFileSize) options.maxFileSize = request.maxFileSize;

  // `sampleLiveHeap` (with node --expose-gc): every 100 ms a full collection, then the heap in
  // use: what the scan holds, without the garbage V8 lets pile up between collections
  let maxLiveHeap = 0;
  const sampler = request.sampleLiveHeap && typeof globalThis.gc === 'function'
    ? setInterval(() => {
        globalThis.gc();
        maxLiveHeap = Math.max(maxLiveHeap, process.memoryUsage().heapUsed);
      }, 100)
    : null;
  const started = performance.now();
  const result = await scan(options);
  const durationMs = performance.now() - started;
  if (sampler) clearInterval(sampler);

  const heapUsedKiB = Math.round(process.memoryUsage().heapUsed / 1024);
  const live = sampler ? { maxLiveHeapKiB: Math.round(maxLiveHeap / 1024) } : {};
  process.stdout.write(`${JSON.stringify({ ok: true, durationMs, maxRssKiB: process.resourceUsage().maxRSS, heapUsedKiB, ...live, ...describe(result, request.watch ?? []) })}\n`);
} catch (err) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) })}\n`);
  process.exitCode = 1;
}

function describe(result, watch) {
  const s = result.summary;
  return {
    redacted: result.redacted,
    summary: {
      findings: s.findings,
      bySeverity: s.bySeverity,
      byStatus: s.byStatus,
      filesScanned: s.filesScanned,
      blobsScanned: s.blobsScanned,
      blobsDeduplicated: s.blobsDeduplicated,
      bytesScanned: s.bytesScanned,
      commitsScanned: s.commitsScanned,
      skippedCounts: s.skippedCounts,
      errors: s.errors.length,
      firstErrors: s.errors.slice(0, 3).map((e) => e.message),
      complete: s.complete,
      notes: s.notes,
      durationMs: s.durationMs,
    },
    rulesLoaded: result.rules.length,
    occurrences: result.findings.reduce((n, f) => n + f.occurrences.length, 0),
    byRule: countByRule(result.findings),
    watched: watch.map((target) => ({ target, findings: findingsAt(result.findings, target) })),
  };
}

/** Findings per rule id, most frequent first (ids and counts only). */
function countByRule(findings) {
  const counts = new Map();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

/** Rule ids and statuses of the findings with an occurrence at `target` (a path, or a folder ending in `/`). */
function findingsAt(findings, target) {
  const hit = (path) => (target.endsWith('/') ? path.startsWith(target) : path === target);
  return findings.filter((f) => f.occurrences.some((o) => hit(o.path))).map((f) => ({ ruleId: f.ruleId, status: f.status }));
}
