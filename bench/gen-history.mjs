// Synthetic git histories in three sizes, written as a `git fast-import` stream (thousands of
// commits in seconds, where `git commit` in a loop would take minutes). Each history has:
//   - a main line of N commits editing a few of M files each, adding and deleting files;
//   - large files (a JSON catalogue, a minified bundle) rewritten often, each rewrite a new blob;
//   - feature branches, half merged back, half left open; tags, lightweight and annotated;
//   - planted fake secrets: removed later (history-only), still in HEAD (present), only on an
//     unmerged branch or only under a tag (other-refs).
// Generated once per size into .bench/ (bare repository + manifest written last) and reused.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineOf, linesOfSize, sentenceOf } from './gen-text.mjs';
import { plantedLine, plantedSecret } from './planted.mjs';
import { createRng, seedOf } from './prng.mjs';

/** Bump when the generated history changes, so stale caches are regenerated, not measured. */
const GENERATOR_VERSION = 1;

export const HISTORY_SIZES = {
  small: { commits: 500, files: 150, bigFiles: 2, bigBytes: 150_000, bigRewriteChance: 1 / 6, branches: 4, tagEvery: 50 },
  medium: { commits: 2000, files: 400, bigFiles: 3, bigBytes: 250_000, bigRewriteChance: 1 / 6, branches: 10, tagEvery: 100 },
  large: { commits: 5000, files: 800, bigFiles: 4, bigBytes: 300_000, bigRewriteChance: 1 / 6, branches: 20, tagEvery: 200 },
};

const FILE_KINDS = ['js', 'js', 'ts', 'ts', 'py', 'go', 'json', 'yaml', 'md'];
const EXTENSIONS = { js: 'js', ts: 'ts', py: 'py', go: 'go', json: 'json', yaml: 'yaml', md: 'md' };
const FOLDERS = ['src/api', 'src/web', 'src/jobs', 'src/lib', 'src/models', 'services/billing', 'services/search', 'docs', 'deploy', 'config', 'scripts'];
const AUTHORS = ['Ada Quill', 'Bo Lindqvist', 'Chidi Okafor', 'Dana Reyes', 'Eun-ji Park', 'Farid Haddad', 'Greta Holm', 'Hiro Tanaka', 'Ines Duarte', 'Jonas Weber', 'Kiri Ngata', 'Lena Novak'];
const EPOCH = 1_600_000_000;

export function historyCachePaths(repoRoot, size) {
  const base = join(repoRoot, '.bench', `history-v${GENERATOR_VERSION}-${size}`);
  return { gitDir: `${base}.git`, manifest: `${base}.json` };
}

/** The bare repository for `size`, generated if absent. Returns its manifest (with `gitDir`). */
export async function ensureHistory(repoRoot, size, log) {
  const params = HISTORY_SIZES[size];
  if (!params) throw new Error(`unknown history size: ${size} (small, medium, large)`);
  const paths = historyCachePaths(repoRoot, size);
  if (existsSync(paths.manifest) && existsSync(paths.gitDir)) {
    return { ...JSON.parse(readFileSync(paths.manifest, 'utf8')), gitDir: paths.gitDir };
  }
  const started = performance.now();
  log(`generating synthetic history '${size}' (${params.commits} commits on main) in ${paths.gitDir} ...`);
  const tmp = `${paths.gitDir}.tmp`;
  rmSync(paths.manifest, { force: true });
  rmSync(paths.gitDir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
  git(['init', '--bare', '-q', '-b', 'main', tmp]);
  const facts = await importHistory(tmp, createRng(seedOf('history', GENERATOR_VERSION, size)), params);
  git(['--git-dir', tmp, 'repack', '-a', '-d', '-q']);
  renameSync(tmp, paths.gitDir);
  const manifest = { generatorVersion: GENERATOR_VERSION, size, params, ...facts };
  writeFileSync(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { ...manifest, gitDir: paths.gitDir };
}

function git(args) {
  const run = spawnSync('git', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed (${run.signal ?? run.status})`);
}

/** Streams the whole history into `git fast-import` and returns what was planted and counted. */
async function importHistory(gitDir, rng, params) {
  const importer = spawn('git', ['--git-dir', gitDir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = once(importer, 'close');
  const stream = createStream(importer.stdin);
  const facts = await writeHistory(stream, rng, params);
  await stream.send('done\n');
  importer.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`git fast-import exited with ${code}`);
  return facts;
}

/** fast-import commands with backpressure and marks; all state is local to one import. */
function createStream(stdin) {
  let nextMark = 1;
  const send = async (data) => {
    if (!stdin.write(data)) await once(stdin, 'drain');
  };
  const ident = (author, time) => `${author} <${author.toLowerCase().replace(/[^a-z]+/g, '.')}@example.test> ${time} +0000`;
  return {
    send,
    async blob(text) {
      const mark = nextMark++;
      const data = Buffer.from(text, 'utf8');
      await send(`blob\nmark :${mark}\ndata ${data.length}\n`);
      await send(data);
      await send('\n');
      return mark;
    },
    /** changes: [{ path, mark }] to write, [{ path, delete: true }] to remove. */
    async commit({ ref, from, merge, changes, time, author, message }) {
      const mark = nextMark++;
      const msg = Buffer.from(`${message}\n`, 'utf8');
      let out = `commit ${ref}\nmark :${mark}\nauthor ${ident(author, time)}\ncommitter ${ident(author, time)}\ndata ${msg.length}\n${msg}`;
      if (from) out += `from :${from}\n`;
      if (merge) out += `merge :${merge}\n`;
      for (const change of changes) out += change.delete ? `D ${change.path}\n` : `M 100644 :${change.mark} ${change.path}\n`;
      await send(`${out}\n`);
      return mark;
    },
    async lightweightTag(name, commitMark) {
      await send(`reset refs/tags/${name}\nfrom :${commitMark}\n\n`);
    },
    async annotatedTag(name, commitMark, time) {
      const msg = Buffer.from(`Release ${name}\n`, 'utf8');
      await send(`tag ${name}\nfrom :${commitMark}\ntagger ${ident(AUTHORS[0], time)}\ndata ${msg.length}\n${msg}\n`);
    },
  };
}

/** A file in the generator's model of a tree: lines, how they join, and the blob mark of this version. */
const serialize = (file) => `${file.lines.join(file.joiner)}\n`;

async function writeHistory(stream, rng, params) {
  const counts = { mainCommits: 0, branchCommits: 0, mergeCommits: 0, tagOnlyCommits: 0, blobsWritten: 0, blobBytesWritten: 0, tags: 0, branches: 0 };
  const blobOf = async (file) => {
    const text = serialize(file);
    counts.blobsWritten++;
    counts.blobBytesWritten += Buffer.byteLength(text);
    return { ...file, mark: await stream.blob(text) };
  };
  const main = { files: new Map(), tip: null };
  const ordinary = []; // paths random edits may touch (not the big files, not planted ones)
  const big = [];
  const planted = [];
  const plan = plantPlan(params.commits);
  const branchAt = new Map(spread(params.branches, params.commits, 0.05, 0.9).map((at, i) => [at, i]));
  const mergeAt = new Map();

  // The initial import: ordinary files, big files, and the file a later commit plants a secret in.
  const initial = [];
  for (let i = 0; i < params.files; i++) {
    const kind = rng.pick(FILE_KINDS);
    const path = `${rng.pick(FOLDERS)}/${sentenceOf(rng, 2, 3).toLowerCase().replace(/ /g, '-')}-${i}.${EXTENSIONS[kind]}`;
    const file = await blobOf({ kind, joiner: '\n', lines: linesOfSize(kind, rng, Math.min(60_000, Math.round(rng.logNormal(4000, 0.9)))) });
    main.files.set(path, file);
    ordinary.push(path);
    initial.push({ path, mark: file.mark });
  }
  for (let i = 0; i < params.bigFiles; i++) {
    const bundle = i % 2 === 1;
    const path = bundle ? `public/assets/bundle-${i}.min.js` : `data/catalog-${i}.json`;
    const kind = bundle ? 'min.js' : 'json';
    const file = await blobOf({ kind, joiner: bundle ? '' : '\n', lines: linesOfSize(kind, rng, params.bigBytes, 2048) });
    main.files.set(path, file);
    big.push(path);
    initial.push({ path, mark: file.mark });
  }
  const settings = await blobOf({ kind: 'py', joiner: '\n', lines: linesOfSize('py', rng, 3000) });
  main.files.set(plan.stripeInSettings.path, settings);
  initial.push({ path: plan.stripeInSettings.path, mark: settings.mark });
  main.tip = await stream.commit({ ref: 'refs/heads/main', changes: initial, time: EPOCH, author: AUTHORS[0], message: 'Initial import' });
  counts.mainCommits++;

  for (let c = 1; c < params.commits; c++) {
    const time = EPOCH + c * 3600 + rng.int(0, 1800);
    const changes = [];
    const put = async (path, file) => {
      const written = await blobOf(file);
      main.files.set(path, written);
      changes.push({ path, mark: written.mark });
    };
    for (let k = rng.int(1, 4); k > 0; k--) {
      const path = rng.pick(ordinary);
      if (main.files.has(path)) await put(path, edited(main.files.get(path), rng));
    }
    if (rng.chance(params.bigRewriteChance)) {
      const path = rng.pick(big);
      await put(path, rewritten(main.files.get(path), rng));
    }
    if (rng.chance(0.05)) {
      const kind = rng.pick(FILE_KINDS);
      const path = `${rng.pick(FOLDERS)}/added-${c}.${EXTENSIONS[kind]}`;
      ordinary.push(path);
      await put(path, { kind, joiner: '\n', lines: linesOfSize(kind, rng, Math.round(rng.logNormal(3000, 0.8))) });
    }
    if (rng.chance(0.015)) {
      const path = rng.pick(ordinary);
      if (main.files.delete(path)) changes.push({ path, delete: true });
    }
    await applyPlantedEvent(plan, c, { main, rng, put, changes, planted });

    const branch = branchAt.get(c);
    const message = `${sentenceOf(rng, 3, 9)}`;
    const merging = mergeAt.get(c);
    if (merging) {
      for (const [path, file] of merging.changed) {
        main.files.set(path, file);
        changes.push({ path, mark: file.mark });
      }
    }
    main.tip = await stream.commit({
      ref: 'refs/heads/main',
      from: main.tip,
      ...(merging ? { merge: merging.tip } : {}),
      changes,
      time,
      author: rng.pick(AUTHORS),
      message: merging ? `Merge branch '${merging.name}'` : message,
    });
    counts.mainCommits++;
    if (merging) counts.mergeCommits++;

    if (branch !== undefined) {
      const made = await writeBranch(stream, rng, { index: branch, from: main.tip, files: main.files, ordinary, time, blobOf, planted, plan });
      counts.branchCommits += made.commits;
      counts.branches++;
      // The first branch carries a planted secret and stays unmerged; of the rest, every other one merges.
      if (branch > 0 && branch % 2 === 0) {
        let at = c + rng.int(5, 60);
        while (mergeAt.has(at)) at++;
        if (at < params.commits) mergeAt.set(at, made);
      }
    }
    if (c === plan.tagOnlyAt) {
      await writeTagOnlyCommit(stream, rng, { from: main.tip, time, blobOf, planted, plan });
      counts.tagOnlyCommits++;
      counts.tags++;
    }
    if (c % params.tagEvery === 0) {
      const name = `v0.${c / params.tagEvery}.0`;
      if ((c / params.tagEvery) % 2) await stream.annotatedTag(name, main.tip, time);
      else await stream.lightweightTag(name, main.tip);
      counts.tags++;
    }
  }
  return { ...counts, commits: counts.mainCommits + counts.branchCommits + counts.tagOnlyCommits, planted };
}

/** Where each planted secret goes, at fixed fractions of the history. */
function plantPlan(commits) {
  const at = (fraction) => Math.max(1, Math.round(commits * fraction));
  return {
    awsFile: { path: 'config/aws-upload.js', addAt: at(0.1), deleteAt: at(0.3) },
    stripeInSettings: { path: 'services/billing/settings.py', addAt: at(0.4), removeAt: at(0.45) },
    postgresInDeploy: { path: 'deploy/production/database.yaml', addAt: at(0.6) },
    branchOnly: { path: 'scripts/debug-upload.sh' },
    tagOnly: { path: 'hotfix/patch_payments.py' },
    tagOnlyAt: at(0.7),
  };
}

async function applyPlantedEvent(plan, c, { main, rng, put, changes, planted }) {
  if (c === plan.awsFile.addAt) {
    const lines = linesOfSize('js', rng, 2500);
    lines.splice(8, 0, plantedLine('aws-access-key-id', 'js', plantedSecret('aws-access-key-id', rng)));
    await put(plan.awsFile.path, { kind: 'js', joiner: '\n', lines });
    planted.push({ kind: 'aws-access-key-id', path: plan.awsFile.path, expectStatus: 'history-only', how: 'file added, deleted later' });
  }
  if (c === plan.awsFile.deleteAt && main.files.delete(plan.awsFile.path)) changes.push({ path: plan.awsFile.path, delete: true });
  if (c === plan.stripeInSettings.addAt) {
    const file = main.files.get(plan.stripeInSettings.path);
    const lines = file.lines.slice();
    lines.splice(5, 0, plantedLine('stripe-live-key', 'py', plantedSecret('stripe-live-key', rng)));
    await put(plan.stripeInSettings.path, { ...file, lines });
    planted.push({ kind: 'stripe-live-key', path: plan.stripeInSettings.path, expectStatus: 'history-only', how: 'line added, removed later' });
  }
  if (c === plan.stripeInSettings.removeAt) {
    const file = main.files.get(plan.stripeInSettings.path);
    await put(plan.stripeInSettings.path, { ...file, lines: file.lines.filter((_, i) => i !== 5) });
  }
  if (c === plan.postgresInDeploy.addAt) {
    const lines = linesOfSize('yaml', rng, 1500);
    lines.push(plantedLine('postgres-uri', 'yaml', plantedSecret('postgres-uri', rng)));
    await put(plan.postgresInDeploy.path, { kind: 'yaml', joiner: '\n', lines });
    planted.push({ kind: 'postgres-uri', path: plan.postgresInDeploy.path, expectStatus: 'present', how: 'still in HEAD' });
  }
}

/** A feature branch of a few commits off `from`; returns its tip and the files it changed. */
async function writeBranch(stream, rng, { index, from, files, ordinary, time, blobOf, planted, plan }) {
  const name = `feature/${sentenceOf(rng, 2, 3).toLowerCase().replace(/ /g, '-')}-${index}`;
  const changed = new Map();
  const n = rng.int(3, 8);
  let tip = from;
  for (let j = 0; j < n; j++) {
    const changes = [];
    for (let k = rng.int(1, 3); k > 0; k--) {
      const path = rng.pick(ordinary);
      const current = changed.get(path) ?? files.get(path);
      if (!current) continue;
      const written = await blobOf(edited(current, rng));
      changed.set(path, written);
      changes.push({ path, mark: written.mark });
    }
    if (index === 0 && j === 1) {
      const lines = linesOfSize('md', rng, 800);
      lines.push(plantedLine('aws-access-key-id', 'sh', plantedSecret('aws-access-key-id', rng)));
      const written = await blobOf({ kind: 'sh', joiner: '\n', lines });
      changes.push({ path: plan.branchOnly.path, mark: written.mark });
      planted.push({ kind: 'aws-access-key-id', path: plan.branchOnly.path, expectStatus: 'other-refs', how: `only on unmerged branch ${name}` });
    }
    tip = await stream.commit({ ref: `refs/heads/${name}`, from: tip, changes, time: time + (j + 1) * 600, author: rng.pick(AUTHORS), message: sentenceOf(rng, 3, 8) });
  }
  return { name, tip, changed, commits: n };
}

/** A commit reachable only through a tag (a hotfix tagged but never merged). */
async function writeTagOnlyCommit(stream, rng, { from, time, blobOf, planted, plan }) {
  const lines = linesOfSize('py', rng, 2000);
  lines.splice(3, 0, plantedLine('stripe-live-key', 'py', plantedSecret('stripe-live-key', rng)));
  const written = await blobOf({ kind: 'py', joiner: '\n', lines });
  await stream.commit({ ref: 'refs/tags/hotfix-payments', from, changes: [{ path: plan.tagOnly.path, mark: written.mark }], time: time + 300, author: AUTHORS[3], message: 'Hotfix: payments timeout' });
  planted.push({ kind: 'stripe-live-key', path: plan.tagOnly.path, expectStatus: 'other-refs', how: 'only under tag hotfix-payments' });
}

/** A small edit: a few lines replaced, inserted or removed (copy-on-write). */
function edited(file, rng) {
  const lines = file.lines.slice();
  for (let n = rng.int(1, 6); n > 0; n--) {
    const at = rng.int(0, Math.max(0, lines.length - 1));
    const op = rng.int(0, 2);
    if (op === 0 && lines.length > 0) lines[at] = lineOf(file.kind, rng);
    else if (op === 1 || lines.length < 6) lines.splice(at, 0, lineOf(file.kind, rng), lineOf(file.kind, rng));
    else lines.splice(at, 1);
  }
  return { ...file, lines };
}

/** A rewrite of a big generated file: about 3% of its lines (or bundle chunks) replaced. */
function rewritten(file, rng) {
  const lines = file.lines.slice();
  const chunk = () => linesOfSize(file.kind, rng, file.kind === 'min.js' ? 2048 : 1, 2048)[0];
  for (let n = Math.max(1, Math.round(lines.length * 0.03)); n > 0; n--) lines[rng.int(0, lines.length - 1)] = chunk();
  return { ...file, lines };
}

/** `count` commit numbers spread evenly between two fractions of the history. */
function spread(count, commits, from, to) {
  return Array.from({ length: count }, (_, i) => Math.round(commits * (from + ((to - from) * i) / Math.max(1, count - 1))));
}
