// `npm run bench -- <mode> [options]`: leakhound's performance harness (see bench/README.md).
// Progress goes to stderr, the report to stdout; `--json` adds one machine-readable line at the end.
// Exit code: 0 all checks passed (a SLOW line does not fail), 1 a check failed, 2 the bench broke.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatHistory, historyBench } from './history-mode.mjs';
import { HISTORY_SIZES } from './gen-history.mjs';
import { formatHostile, hostileBench } from './hostile-mode.mjs';
import { formatMemory, memoryBench, MEMORY_COMMITS } from './memory-mode.mjs';
import { formatPrePush, prePushBench } from './pre-push-mode.mjs';
import { formatProfile, newestProfile, profilerArgs, topSelfTime } from './profile.mjs';
import { formatWorktree, worktreeBench } from './worktree-mode.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIBRARY = fileURLToPath(new URL('../dist/index.js', import.meta.url));

const USAGE = `usage: node bench/run.mjs <mode> [options]
  worktree [--files N] [--mb M] [--runs R]   synthetic tree (default 20000 files, 200 MB, 3 runs after 1 warm-up)
           [--baseline-patterns DIR|REV]    also scan with the pattern rules of a folder or of a commit of this
                                            repository (e.g. 276ba6f, the 64 rules before issue 8), runs
                                            alternating, and check the shipped rules are at most 30% slower
  history [--size small|medium|large|all]    synthetic histories (comma-separated sizes allowed; default all)
  history PATH                               an existing repository, bare or not
  hostile                                    a 100 MB single-line minified file and 10 million short lines
  memory [--commits 1000,5000,20000]        peak RSS of history scans with the same blobs and more and more commits
  pre-push [--runs R]                        \`hook pre-push\` end to end: 10 new commits on a 10,000-commit repository
  common: --runs R (timed runs; history default 1), --json (one JSON line at the end),
          --profile (scan under node --cpu-prof; prints the functions with the most self time)`;

/** A patterns folder: the one named, or `patterns/` of a commit of this repository, extracted once. */
function patternsFolder(folderOrRevision, log) {
  if (existsSync(folderOrRevision)) return resolve(folderOrRevision);
  const target = join(REPO_ROOT, '.bench', `patterns-${folderOrRevision.replace(/[^\w.-]/g, '_')}`);
  if (!existsSync(join(target, 'patterns'))) {
    log(`extracting patterns/ of ${folderOrRevision} into ${target}`);
    mkdirSync(target, { recursive: true });
    const archive = spawnSync('git', ['-C', REPO_ROOT, 'archive', folderOrRevision, 'patterns'], { maxBuffer: 64 * 1024 * 1024 });
    if (archive.status !== 0) throw new Error(`no folder or commit ${folderOrRevision}: ${archive.stderr.toString().trim()}`);
    const untar = spawnSync('tar', ['-x', '-C', target], { input: archive.stdout });
    if (untar.status !== 0) throw new Error(`cannot unpack patterns/ of ${folderOrRevision}: ${untar.stderr.toString().trim()}`);
  }
  return join(target, 'patterns');
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      files: { type: 'string', default: '20000' },
      mb: { type: 'string', default: '200' },
      runs: { type: 'string' },
      size: { type: 'string', default: 'all' },
      commits: { type: 'string', default: MEMORY_COMMITS.join(',') },
      json: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'baseline-patterns': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [mode, target, ...extra] = positionals;
  if (values.help || !mode) return usage(values.help ? 0 : 2);
  if (extra.length) return usage(2, `unexpected arguments: ${extra.join(' ')}`);
  if (!existsSync(LIBRARY)) return usage(2, `${LIBRARY} is missing: run \`node scripts/build.mjs\` (npm run bench does it)`);
  const log = (line) => process.stderr.write(`bench: ${line}\n`);
  const machine = machineFacts();
  const profileDir = values.profile ? join(REPO_ROOT, '.bench', 'profiles', `${mode}-${Date.now()}`) : null;
  const nodeArgs = profileDir ? profilerArgs(profileDir) : [];

  let result;
  let text;
  if (mode === 'worktree') {
    if (target) return usage(2, `worktree takes no path (it generates its own tree): ${target}`);
    result = await worktreeBench({
      repoRoot: REPO_ROOT,
      files: positiveInt(values.files, '--files'),
      mb: positiveInt(values.mb, '--mb'),
      runs: positiveInt(values.runs ?? '3', '--runs'),
      log,
      nodeArgs,
      ...(values['baseline-patterns'] ? { baselinePatterns: patternsFolder(values['baseline-patterns'], log) } : {}),
    });
    text = formatWorktree(result);
  } else if (mode === 'history') {
    result = await historyBench({ repoRoot: REPO_ROOT, sizes: target ? [] : sizesOf(values.size), path: target, runs: positiveInt(values.runs ?? '1', '--runs'), log, nodeArgs });
    text = formatHistory(result);
  } else if (mode === 'hostile') {
    if (target) return usage(2, `hostile takes no path (it generates its own inputs): ${target}`);
    result = await hostileBench({ repoRoot: REPO_ROOT, log, nodeArgs });
    text = formatHostile(result);
  } else if (mode === 'memory') {
    if (target) return usage(2, `memory takes no path (it generates its own histories): ${target}`);
    const commits = values.commits.split(',').map((n) => positiveInt(n.trim(), '--commits'));
    if (commits.length < 2) return usage(2, '--commits needs at least two sizes to compare');
    result = await memoryBench({ repoRoot: REPO_ROOT, commits, log, nodeArgs });
    text = formatMemory(result);
  } else if (mode === 'pre-push') {
    if (target) return usage(2, `pre-push takes no path (it generates its own repository): ${target}`);
    result = await prePushBench({ repoRoot: REPO_ROOT, runs: positiveInt(values.runs ?? '3', '--runs'), log });
    text = formatPrePush(result);
  } else {
    return usage(2, `unknown mode: ${mode}`);
  }

  process.stdout.write(`${text}\n${describeMachine(machine)}\n`);
  const profile = profileDir && newestProfile(profileDir);
  if (profile) process.stdout.write(`${formatProfile(profile, topSelfTime(profile, REPO_ROOT), REPO_ROOT)}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify({ ...result, machine })}\n`);
  return allChecks(result).some((c) => c.level === 'FAIL') ? 1 : 0;
}

/** What the figures depend on; the load average shows whether the machine was shared meanwhile. */
function machineFacts() {
  const git = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? 'git: not found';
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, git, loadAverage1mAtStart: loadavg()[0] };
}

function describeMachine(m) {
  return `machine: ${m.cpus} x ${m.cpuModel}, node ${m.node}, ${m.git}; load average (1 min) at start ${m.loadAverage1mAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}`;
}

function allChecks(result) {
  return result.checks ?? result.repos.flatMap((r) => r.checks);
}

function sizesOf(value) {
  const sizes = value === 'all' ? Object.keys(HISTORY_SIZES) : value.split(',').map((s) => s.trim());
  const unknown = sizes.filter((s) => !HISTORY_SIZES[s]);
  if (unknown.length) throw new UsageProblem(`unknown --size ${unknown.join(', ')} (small, medium, large, all)`);
  return sizes;
}

function positiveInt(value, name) {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageProblem(`${name} must be a positive integer, got ${value}`);
  return n;
}

class UsageProblem extends Error {}

function usage(code, problem) {
  if (problem) process.stderr.write(`bench: ${problem}\n`);
  (code === 0 ? process.stdout : process.stderr).write(`${USAGE}\n`);
  return code;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageProblem || err?.code?.startsWith?.('ERR_PARSE_ARGS')) process.exitCode = usage(2, err.message);
  else {
    process.stderr.write(`bench: FAIL ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
