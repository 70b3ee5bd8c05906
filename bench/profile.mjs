// `--profile`: the scan child runs under V8's sampling profiler (`node --cpu-prof`); this reads
// the newest .cpuprofile and names the functions where the time went (self time), so a slow
// figure comes with its first lead. Open the file in Chrome DevTools for the full picture.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Node flags that make the child write its profile into `dir`. */
export function profilerArgs(dir) {
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', '--cpu-prof-dir', dir];
}

export function newestProfile(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return null;
  return files.map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** Functions by self time, heaviest first: [{ name, where, ms, share }]. */
export function topSelfTime(profilePath, repoRoot, limit = 15) {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const msByFunction = new Map();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = nodeById.get(id)?.callFrame;
    if (!frame) return;
    const key = `${frame.functionName || '(anonymous)'}\u0000${frameLocation(frame, repoRoot)}`;
    msByFunction.set(key, (msByFunction.get(key) ?? 0) + ms);
    totalMs += ms;
  });
  return [...msByFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, ms]) => {
      const [name, where] = key.split('\u0000');
      return { name, where, ms, share: totalMs ? ms / totalMs : 0 };
    });
}

function frameLocation(frame, repoRoot) {
  if (!frame.url) return '(native)';
  const path = frame.url.startsWith('file:') ? relative(repoRoot, fileURLToPath(frame.url)) : frame.url;
  return `${path}:${frame.lineNumber + 1}`;
}

export function formatProfile(profilePath, rows, repoRoot) {
  return [
    `cpu profile (self time, heaviest first): ${relative(repoRoot, profilePath)}`,
    ...rows.map((r) => `  ${(r.share * 100).toFixed(1).padStart(5)}%  ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${r.name}  ${r.where}`),
  ].join('\n');
}
