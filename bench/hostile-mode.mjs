// `bench/run.mjs hostile`: inputs built to hurt a scanner — one 100 MB line of minified code and a
// file of 10 million short lines — each scanned in a fresh process: wall time and peak RSS, and a
// check that the secret planted deep inside is still found. Not part of the test suite (too big).
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { once } from 'node:events';
import { fmt, keyValues } from './format.mjs';
import { linesOfSize } from './gen-text.mjs';
import { runLeakhound } from './measure.mjs';
import { plantedLine, plantedSecret } from './planted.mjs';
import { createRng, seedOf } from './prng.mjs';

const GENERATOR_VERSION = 1;
const MINIFIED_BYTES = 100 * 1024 * 1024;
const SHORT_LINES = 10_000_000;
/** Bounds a hostile input must stay within (a FAIL beyond them: they mean a hang or a blow-up). */
export const HOSTILE_LIMITS = { seconds: 120, rssMiB: 1024 };

export async function hostileBench({ repoRoot, log, nodeArgs = [] }) {
  const dir = join(repoRoot, '.bench', `hostile-v${GENERATOR_VERSION}`);
  mkdirSync(dir, { recursive: true });
  const inputs = [await minifiedFile(dir, log), await shortLinesFile(dir, log)];
  const results = [];
  for (const input of inputs) {
    log(`scanning ${relative(repoRoot, input.path)} ...`);
    // The cap is raised so that the file is really scanned (the default cap would skip it).
    const run = await runLeakhound({ path: input.path, maxFileSize: 2 * input.bytes, watch: [input.name] }, nodeArgs);
    results.push({ ...input, path: relative(repoRoot, input.path), scanMs: run.durationMs, peakRssKiB: run.maxRssKiB, summary: run.summary, found: run.watched[0]?.findings ?? [] });
  }
  return { mode: 'hostile', inputs: results, checks: results.flatMap(hostileChecks) };
}

function hostileChecks(r) {
  const rules = [...new Set(r.found.map((f) => f.ruleId))];
  const rssMiB = r.peakRssKiB / 1024;
  return [
    { level: rules.includes('stripe.secret-key') ? 'PASS' : 'FAIL', text: `${r.name}: planted stripe-live-key ${rules.length ? `found (${rules.join(', ')})` : 'NOT found'}` },
    { level: r.summary.complete && r.summary.errors === 0 && r.summary.bytesScanned === r.bytes ? 'PASS' : 'FAIL', text: `${r.name}: scanned whole and complete (${fmt.count(r.summary.bytesScanned, 'B')} of ${fmt.count(r.bytes, 'B')}, ${r.summary.errors} errors)` },
    { level: r.scanMs / 1000 <= HOSTILE_LIMITS.seconds ? 'PASS' : 'FAIL', text: `${r.name}: ${fmt.seconds(r.scanMs)}, bound ${HOSTILE_LIMITS.seconds} s` },
    { level: rssMiB <= HOSTILE_LIMITS.rssMiB ? 'PASS' : 'FAIL', text: `${r.name}: peak RSS ${fmt.mibFromKiB(r.peakRssKiB)}, bound ${HOSTILE_LIMITS.rssMiB} MiB` },
  ];
}

/** ~100 MB of minified code on ONE line, the planted secret in the middle of it. */
async function minifiedFile(dir, log) {
  const rng = createRng(seedOf('hostile', 'minified', GENERATOR_VERSION));
  const chunk = linesOfSize('min.js', rng, 1024 * 1024, 1024 * 1024).join('');
  const secretLine = plantedLine('stripe-live-key', 'js', plantedSecret('stripe-live-key', rng)).replace(/;$/, '');
  const count = Math.ceil(MINIFIED_BYTES / chunk.length);
  return generated(dir, 'minified.min.js', log, function* () {
    for (let i = 0; i < count; i++) {
      yield chunk;
      yield i === count >> 1 ? `;${secretLine};` : ';';
    }
  });
}

/** 10 million short lines (`k=v` style, a few bytes each), the planted secret near the end. */
function shortLinesFile(dir, log) {
  const rng = createRng(seedOf('hostile', 'lines', GENERATOR_VERSION));
  const secretLine = plantedLine('stripe-live-key', 'py', plantedSecret('stripe-live-key', rng));
  const block = Array.from({ length: 10_000 }, (_, i) => `k${i % 97}=${i}`).join('\n') + '\n';
  const blocks = SHORT_LINES / 10_000;
  return generated(dir, 'short-lines.txt', log, function* () {
    for (let i = 0; i < blocks; i++) {
      yield block;
      if (i === blocks - 2) yield `${secretLine}\n`;
    }
  });
}

/** Writes the file once (cached under .bench/; a temp name until complete). */
async function generated(dir, name, log, parts) {
  const path = join(dir, name);
  if (!existsSync(path)) {
    log(`generating ${name} ...`);
    const temp = `${path}.partial`;
    const out = createWriteStream(temp);
    for (const part of parts()) if (!out.write(part)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    renameSync(temp, path);
  }
  return { name, path, bytes: statSync(path).size };
}

export function formatHostile(r) {
  return [
    'leakhound bench: hostile inputs (each scanned once, in a fresh process)',
    keyValues(
      r.inputs.map((i) => [i.name, `${fmt.mb(i.bytes)}: scan ${fmt.seconds(i.scanMs)} (${fmt.mbps(i.bytes, i.scanMs)}), peak RSS ${fmt.mibFromKiB(i.peakRssKiB)}, ${fmt.count(i.summary.findings)} findings`]),
    ),
    'checks',
    ...r.checks.map((c) => `  ${c.level.padEnd(4)} ${c.text}`),
  ].join('\n');
}
