// `bench/run.mjs pre-push`: what a developer waits for at `git push`. A 10,000-commit repository
// (generated once with git fast-import, cached under .bench/), a bare remote holding it, and a
// clone with 10 new commits; then `leakhound hook pre-push` is run the way git runs the hook
// (a fresh process, git's stdin line, the clone as working directory), end to end, timed.
// Target: under 1 s. The planted variant checks the same push is blocked when the last commit
// adds a secret.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, keyValues } from './format.mjs';
import { median } from './measure.mjs';
import { plantedLine, plantedSecret } from './planted.mjs';
import { createRng, seedOf } from './prng.mjs';

const GENERATOR_VERSION = 1;
const BASE_COMMITS = 10_000;
const NEW_COMMITS = 10;
const FILES = 50;
const TARGET_SECONDS = 1;
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };

export async function prePushBench({ repoRoot, runs, log }) {
  const dir = join(repoRoot, '.bench', `pre-push-v${GENERATOR_VERSION}`);
  const remote = join(dir, 'remote.git');
  if (!existsSync(join(dir, 'ready'))) generateRemote(dir, remote, log);
  const cli = join(repoRoot, 'bin', 'leakhound.js');
  const clean = freshClone(dir, remote, 'clean', false);
  const leaky = freshClone(dir, remote, 'leaky', true);
  const times = [];
  for (let i = 0; i < runs + 1; i++) {
    const run = runHook(cli, clean);
    if (i > 0) times.push(run.ms); // the first run warms the page cache
    if (run.code !== 0) return { mode: 'pre-push', times, checks: [{ level: 'FAIL', text: `clean push was blocked (exit ${run.code}): ${run.stderr.trim().split('\n')[0]}` }] };
  }
  const blocked = runHook(cli, leaky);
  const ms = median(times);
  return {
    mode: 'pre-push',
    baseCommits: BASE_COMMITS,
    newCommits: NEW_COMMITS,
    times,
    medianMs: ms,
    blockedMs: blocked.ms,
    checks: [
      { level: ms / 1000 < TARGET_SECONDS ? 'PASS' : 'SLOW', text: `${NEW_COMMITS}-commit push on a ${BASE_COMMITS}-commit repository: ${fmt.seconds(ms)} end to end, target < ${TARGET_SECONDS} s` },
      { level: blocked.code === 1 ? 'PASS' : 'FAIL', text: `the same push with a planted secret in its last commit is blocked (exit ${blocked.code}, ${fmt.seconds(blocked.ms)})` },
    ],
  };
}

export function formatPrePush(r) {
  const lines = ['leakhound bench: pre-push (`leakhound hook pre-push` as git runs it: fresh process, stdin line, clone as cwd)'];
  if (r.medianMs !== undefined) {
    lines.push(
      keyValues([
        ['repository', `${fmt.count(r.baseCommits, 'commits')} on the remote, ${r.newCommits} new commits pushed`],
        ['runs', r.times.map((t) => fmt.seconds(t)).join(', ')],
        ['median', fmt.seconds(r.medianMs)],
        ['blocked push', fmt.seconds(r.blockedMs)],
      ]),
    );
  }
  lines.push('checks', ...r.checks.map((c) => `  ${c.level} ${c.text}`));
  return lines.join('\n');
}

function git(cwd, args, input) {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, env: GIT_ENV, input, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
}

/** The remote: BASE_COMMITS commits touching FILES small source files, written with fast-import. */
function generateRemote(dir, remote, log) {
  log(`generating a ${BASE_COMMITS}-commit repository with git fast-import (once) ...`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(remote, { recursive: true });
  git(remote, ['init', '-q', '--bare']);
  const chunks = [];
  for (let n = 1; n <= BASE_COMMITS; n++) {
    const when = 1_600_000_000 + n * 60;
    const message = `change ${n}\n`;
    const content = `// module ${n % FILES}\nexport const value${n} = ${n};\nexport function compute${n}(x) {\n  return x * ${n % 97} + ${n};\n}\n`;
    chunks.push(
      `commit refs/heads/main\nmark :${n}\nauthor Bench <bench@example.test> ${when} +0000\ncommitter Bench <bench@example.test> ${when} +0000\n`,
      `data ${Buffer.byteLength(message)}\n${message}`,
      n > 1 ? `from :${n - 1}\n` : '',
      `M 100644 inline src/module${n % FILES}.js\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    );
  }
  git(remote, ['fast-import', '--quiet'], chunks.join(''));
  writeFileSync(join(dir, 'ready'), `${BASE_COMMITS}\n`);
}

/** A clone of the remote with NEW_COMMITS local commits; the last one adds a secret if `plant`. */
function freshClone(dir, remote, name, plant) {
  const clone = join(dir, name);
  rmSync(clone, { recursive: true, force: true });
  git(dir, ['clone', '-q', remote, clone]);
  const rng = createRng(seedOf('pre-push', name));
  for (let i = 1; i <= NEW_COMMITS; i++) {
    const secret = plant && i === NEW_COMMITS ? `${plantedLine('stripe-live-key', 'js', plantedSecret('stripe-live-key', rng))}\n` : '';
    writeFileSync(join(clone, `src/feature${i}.js`), `export const feature${i} = ${i};\n${secret}`);
    git(clone, ['add', '.']);
    git(clone, ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.test', 'commit', '-q', '-m', `feature ${i}`]);
  }
  return { dir: clone, local: git(clone, ['rev-parse', 'HEAD']), remoteTip: git(clone, ['rev-parse', 'origin/main']), url: remote };
}

function runHook(cli, clone) {
  const input = `refs/heads/main ${clone.local} refs/heads/main ${clone.remoteTip}\n`;
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, 'hook', 'pre-push', 'origin', clone.url], { cwd: clone.dir, input, encoding: 'utf8', env: { ...GIT_ENV, NO_COLOR: '1' } });
  return { ms: performance.now() - started, code: run.status, stderr: run.stderr };
}
