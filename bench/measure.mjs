// Running the things being measured: a leakhound scan in a child process (bench/child.mjs), and
// git commands with their output thrown away. Wall time is measured around the work only.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./child.mjs', import.meta.url));

/**
 * One scan in a fresh process; resolves to the child's JSON line, or rejects with its error.
 * `nodeArgs` go to node itself (e.g. the profiler's flags).
 */
export function runLeakhound(request, nodeArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, CHILD, JSON.stringify(request)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks = [];
    const started = performance.now();
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const processMs = performance.now() - started;
      const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n');
      let report;
      try {
        report = JSON.parse(lines[lines.length - 1] ?? '');
      } catch {
        reject(new Error(`bench child exited (${signal ?? code}) without a result line`));
        return;
      }
      if (!report.ok) reject(new Error(`leakhound scan failed: ${report.error}`));
      else resolve({ ...report, processMs });
    });
  });
}

/**
 * Runs `git args...` with stdout to /dev/null (spawned with its stdout ignored, so git writes
 * into the null device) and resolves to its wall time in ms. A non-zero exit rejects.
 */
export function timeGit(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('git', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`git ${args.join(' ')} exited with ${signal ?? code}`));
    });
  });
}

/** Runs `measure` once to warm caches, then `runs` times; returns every timed result. */
export async function warmThenTime(runs, measure, { warm = true } = {}) {
  if (warm) await measure();
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measure());
  return results;
}

export function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The result whose `key` is the median one (for an even count, the upper middle). */
export function medianBy(results, key) {
  const sorted = [...results].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor(sorted.length / 2)];
}
