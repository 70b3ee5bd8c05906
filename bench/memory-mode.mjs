// `bench/run.mjs memory`: does a history scan's memory grow with the number of commits when the
// blobs do not? Histories of 1,000, 5,000 and 20,000 commits over the SAME fixed set of blobs
// (500 files, two versions each, three of them with planted secrets): the first commit writes
// every file's version A, the second every file's version B, and each later commit flips three
// files between their two versions, so no commit after the second adds a blob or a (path, blob)
// pair. Each history is scanned (`--history --no-worktree`) in a fresh process; peak RSS per size
// and the ratio largest / smallest are reported.
//
// What may grow: what a history walk must keep per commit to go oldest first — the commit record
// (ids, author, date) and the (tree, path) pairs walked (a new root tree and a subtree or two per
// commit). What must not: blobs, matches and occurrences, which are per (path, blob) pair and so
// the same in every size (checked). The bound is on the live heap (sampled after forced full
// collections in a second run): at most 1 KiB per commit. Peak RSS is reported too, but it also
// holds the garbage V8 lets pile up between collections, which grows with the heap, so its ratio
// is a note, not a verdict (measured: live heap 0.8 KiB per commit; peak RSS 1.7x for 20x commits).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fmt, table } from './format.mjs';
import { linesOfSize } from './gen-text.mjs';
import { runLeakhound } from './measure.mjs';
import { plantedLine, plantedSecret } from './planted.mjs';
import { createRng, seedOf } from './prng.mjs';
import { commitCount, uniqueBlobs } from './repo-facts.mjs';

const GENERATOR_VERSION = 1;
export const MEMORY_COMMITS = [1_000, 5_000, 20_000];
const FILES = 500;
const FLIPS_PER_COMMIT = 3;
const FOLDERS = ['src/api', 'src/web', 'src/jobs', 'src/lib', 'services/billing', 'services/search', 'docs', 'deploy', 'config', 'scripts'];
const KINDS = ['js', 'ts', 'py', 'go', 'yaml', 'md'];
/** Peak RSS of the largest history over the smallest's: above it, memory grows with commits. */
export const MEMORY_GROWTH_LIMIT = 1.5;
/** Live heap the scan may hold per commit of history: its commit record and the subtrees walked. */
export const LIVE_HEAP_PER_COMMIT_LIMIT_KIB = 1;
export const MEMORY_RSS_LIMIT_MIB = 1024;
/** Where secrets are planted: in both versions (one finding, two occurrences), in B only, in A only. */
const PLANTED = [
  { index: 0, kind: 'stripe-live-key', lang: 'py', versions: 'AB' },
  { index: 1, kind: 'aws-access-key-id', lang: 'sh', versions: 'B' },
  { index: 2, kind: 'postgres-uri', lang: 'yaml', versions: 'A' },
];

export async function memoryBench({ repoRoot, commits = MEMORY_COMMITS, log, nodeArgs = [] }) {
  const files = fixedFiles(createRng(seedOf('memory', GENERATOR_VERSION, 'files')));
  const sizes = [];
  for (const n of [...commits].sort((a, b) => a - b)) {
    const gitDir = await ensureRepo(repoRoot, files, n, log);
    const blobs = await uniqueBlobs(gitDir);
    log(`${n} commits: scan --history --no-worktree ...`);
    const request = { path: gitDir, history: true, worktree: false, watch: PLANTED.map((p) => files[p.index].path) };
    const run = await runLeakhound(request, nodeArgs);
    log(`${n} commits: again, with a full collection every 100 ms (live heap) ...`);
    const sampled = await runLeakhound({ ...request, sampleLiveHeap: true }, [...nodeArgs, '--expose-gc']);
    sizes.push({
      commits: n,
      gitDir: relative(repoRoot, gitDir),
      revListCount: commitCount(gitDir),
      uniqueBlobs: blobs.blobs,
      uniqueBlobBytes: blobs.bytes,
      scanMs: run.durationMs,
      peakRssKiB: run.maxRssKiB,
      heapUsedKiB: run.heapUsedKiB,
      liveHeapKiB: sampled.maxLiveHeapKiB,
      summary: run.summary,
      occurrences: run.occurrences,
      plantedFound: run.watched.filter((w) => w.findings.length > 0).length,
    });
  }
  return { mode: 'memory', files: FILES, sizes, checks: memoryChecks(sizes) };
}

function memoryChecks(sizes) {
  const smallest = sizes[0];
  const largest = sizes[sizes.length - 1];
  const ratio = largest.peakRssKiB / smallest.peakRssKiB;
  const same = (key) => sizes.every((s) => JSON.stringify(key(s)) === JSON.stringify(key(smallest)));
  const checks = [
    {
      level: same((s) => [s.uniqueBlobs, s.uniqueBlobBytes]) ? 'PASS' : 'FAIL',
      text: `every history holds the same blobs (${sizes.map((s) => `${fmt.count(s.uniqueBlobs)} / ${fmt.mb(s.uniqueBlobBytes)}`).join(', ')})`,
    },
    {
      level: same((s) => [s.summary.findings, s.occurrences, s.summary.blobsScanned, s.summary.bytesScanned]) ? 'PASS' : 'FAIL',
      text: `same findings, occurrences and blobs scanned in every size (${sizes.map((s) => `${s.summary.findings} findings / ${s.occurrences} occurrences / ${s.summary.blobsScanned} blobs`).join(', ')})`,
    },
    {
      level: sizes.every((s) => s.plantedFound === PLANTED.length) ? 'PASS' : 'FAIL',
      text: `every planted secret is found in every size (${sizes.map((s) => `${s.plantedFound} of ${PLANTED.length}`).join(', ')})`,
    },
  ];
  for (const s of sizes) {
    const ok = s.summary.complete && s.summary.errors === 0 && s.summary.commitsScanned === s.revListCount;
    checks.push({ level: ok ? 'PASS' : 'FAIL', text: `${fmt.count(s.commits, 'commits')}: complete, ${fmt.count(s.summary.commitsScanned)} commits scanned of ${fmt.count(s.revListCount)}` });
  }
  checks.push({
    level: largest.peakRssKiB / 1024 <= MEMORY_RSS_LIMIT_MIB ? 'PASS' : 'FAIL',
    text: `largest history: peak RSS ${fmt.mibFromKiB(largest.peakRssKiB)}, bound ${MEMORY_RSS_LIMIT_MIB} MiB`,
  });
  const livePerCommit = (largest.liveHeapKiB - smallest.liveHeapKiB) / (largest.commits - smallest.commits);
  checks.push({
    level: livePerCommit <= LIVE_HEAP_PER_COMMIT_LIMIT_KIB ? 'PASS' : 'FAIL',
    text: `live heap ${fmt.count(smallest.commits)} -> ${fmt.count(largest.commits)} commits: ${(smallest.liveHeapKiB / 1024).toFixed(1)} -> ${(largest.liveHeapKiB / 1024).toFixed(1)} MiB = ${(livePerCommit * 1024).toFixed(0)} B per commit (the commit list), bound ${LIVE_HEAP_PER_COMMIT_LIMIT_KIB * 1024} B`,
  });
  checks.push({
    // peak RSS also holds the garbage V8 lets pile up between collections (more on a bigger heap): reported, not a pass/fail
    level: ratio < MEMORY_GROWTH_LIMIT ? 'PASS' : 'NOTE',
    text: `peak RSS ${fmt.count(largest.commits)} / ${fmt.count(smallest.commits)} commits = ${ratio.toFixed(2)}x for ${(largest.commits / smallest.commits).toFixed(0)}x the commits (${MEMORY_GROWTH_LIMIT}x or less would need no garbage between collections)`,
  });
  return checks;
}

export function formatMemory(r) {
  const first = r.sizes[0];
  const headers = ['commits', 'unique blobs', 'blob MB', 'findings', 'occurrences', 'scan s', 'peak RSS MiB', 'vs smallest', 'live heap MiB', 'heap after MiB'];
  const rows = r.sizes.map((s) => [
    fmt.count(s.commits),
    fmt.count(s.uniqueBlobs),
    (s.uniqueBlobBytes / 1e6).toFixed(1),
    s.summary.findings,
    s.occurrences,
    (s.scanMs / 1000).toFixed(2),
    (s.peakRssKiB / 1024).toFixed(1),
    fmt.ratio(s.peakRssKiB, first.peakRssKiB),
    (s.liveHeapKiB / 1024).toFixed(1),
    (s.heapUsedKiB / 1024).toFixed(1),
  ]);
  const last = r.sizes[r.sizes.length - 1];
  const slope = r.sizes.length > 1 ? (last.peakRssKiB - first.peakRssKiB) / ((last.commits - first.commits) / 1000) : 0;
  return [
    `leakhound bench: memory (scan --history --no-worktree; ${r.files} files x 2 versions, every later commit flips ${FLIPS_PER_COMMIT} files: the blobs are the same in every size)`,
    table(headers, rows),
    `growth: ${(slope / 1024).toFixed(2)} MiB of peak RSS per 1,000 commits (live heap = most heap in use after a full collection, sampled every 100 ms in a second run; heap after = V8 heap in use when scan() returned)`,
    'checks',
    ...r.checks.map((c) => `  ${c.level.padEnd(4)} ${c.text}`),
  ].join('\n');
}

/** The 500 files, each with versions A and B; some carry planted secrets (see PLANTED). */
function fixedFiles(rng) {
  const files = [];
  for (let i = 0; i < FILES; i++) {
    const planted = PLANTED.find((p) => p.index === i);
    const kind = planted ? planted.lang : KINDS[i % KINDS.length];
    const ext = kind === 'sh' ? 'sh' : kind;
    const path = `${FOLDERS[i % FOLDERS.length]}/module-${i}.${ext}`;
    const lineKind = kind === 'sh' ? 'md' : kind;
    const base = linesOfSize(lineKind, rng, 2000 + (i % 7) * 700);
    const a = [...base, `# version A of ${i}`];
    const b = [...base.slice(0, -2), `# version B of ${i}`];
    if (planted) {
      const line = plantedLine(planted.kind, planted.lang, plantedSecret(planted.kind, rng));
      if (planted.versions.includes('A')) a.splice(3, 0, line);
      if (planted.versions.includes('B')) b.splice(7, 0, line);
    }
    files.push({ path, versions: [`${a.join('\n')}\n`, `${b.join('\n')}\n`] });
  }
  return files;
}

/** The bare repository with `commits` commits over `files`, generated once under .bench/. */
async function ensureRepo(repoRoot, files, commits, log) {
  const gitDir = join(repoRoot, '.bench', `memory-v${GENERATOR_VERSION}-${commits}.git`);
  if (existsSync(gitDir)) return gitDir;
  const started = performance.now();
  log(`generating a ${fmt.count(commits)}-commit history over ${FILES * 2} fixed blobs with git fast-import ...`);
  const tmp = `${gitDir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const init = spawnSync('git', ['init', '--bare', '-q', '-b', 'main', tmp], { stdio: 'inherit' });
  if (init.status !== 0) throw new Error('git init failed');
  await fastImport(tmp, historyStream(files, commits, createRng(seedOf('memory', GENERATOR_VERSION, 'flips'))));
  const repack = spawnSync('git', ['--git-dir', tmp, 'repack', '-a', '-d', '-q'], { stdio: 'inherit' });
  if (repack.status !== 0) throw new Error('git repack failed');
  renameSync(tmp, gitDir);
  log(`generated in ${fmt.seconds(performance.now() - started)}`);
  return gitDir;
}

/**
 * The fast-import stream: blobs once (marks 1..2*FILES), then commits that only point at them.
 * The flips come from one seeded generator, so the first 1,000 commits of every size are the same.
 */
function* historyStream(files, commits, rng) {
  const mark = (file, version) => 1 + file * 2 + version;
  for (let f = 0; f < files.length; f++) {
    for (let v = 0; v < 2; v++) {
      const data = Buffer.from(files[f].versions[v], 'utf8');
      yield `blob\nmark :${mark(f, v)}\ndata ${data.length}\n`;
      yield data;
      yield '\n';
    }
  }
  const current = files.map(() => 0);
  for (let c = 1; c <= commits; c++) {
    const when = 1_600_000_000 + c * 600;
    const message = `change ${c}\n`;
    let changes = '';
    if (c <= 2) {
      // Commit 1 writes every version A, commit 2 every version B: all blobs exist from here on.
      for (let f = 0; f < files.length; f++) {
        current[f] = c - 1;
        changes += `M 100644 :${mark(f, current[f])} ${files[f].path}\n`;
      }
    } else {
      for (let k = 0; k < FLIPS_PER_COMMIT; k++) {
        const f = rng.int(0, files.length - 1);
        current[f] = 1 - current[f];
        changes += `M 100644 :${mark(f, current[f])} ${files[f].path}\n`;
      }
    }
    yield `commit refs/heads/main\nmark :${2 * files.length + c}\nauthor Bench <bench@example.test> ${when} +0000\ncommitter Bench <bench@example.test> ${when} +0000\n`;
    yield `data ${Buffer.byteLength(message)}\n${message}`;
    if (c > 1) yield `from :${2 * files.length + c - 1}\n`;
    yield `${changes}\n`;
  }
  yield 'done\n';
}

async function fastImport(gitDir, parts) {
  const importer = spawn('git', ['--git-dir', gitDir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = once(importer, 'close');
  for (const part of parts) if (!importer.stdin.write(part)) await once(importer.stdin, 'drain');
  importer.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`git fast-import exited with ${code}`);
}
