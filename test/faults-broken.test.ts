// Big and broken input through the built CLI: a 2 GB sparse file is skipped without being read
// (peak RSS stays small), a truncated pack gives per-object errors while the rest is reported
// (exit 2), the git subprocess dying mid-scan is reported the same way, and partial and shallow
// clones scan.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT, runCli, tempDir } from './helpers/cli.js';
import { testGitEnv, useTempDirs } from './helpers/git-repo.js';

const temp = useTempDirs();
const STRIPE = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets[4] as string;

/** A distinct (still rule-matching) key per file: keys of the same format differ in their tail. */
const keyFor = (i: number) => `${STRIPE.slice(0, -4)}${String(i).padStart(4, '0').replace(/\d/g, (d) => 'QRSTUVWXYZ'[Number(d)]!)}`;

interface Report {
  findings: { ruleId: string; secret: string; occurrences: { path: string }[] }[];
  summary: { complete: boolean; filesScanned: number; errors: { path?: string; message: string }[]; notes: string[]; skipped: { path: string; reason: string; size?: number }[] };
}

function json(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

const paths = (r: Report) => r.findings.flatMap((f) => f.occurrences.map((o) => o.path)).sort();

describe('big input', () => {
  it('a 2 GB sparse file is skipped as too large, named, and never read', () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, 'config.py'), `KEY = "${STRIPE}"\n`);
      writeFileSync(join(dir.path, 'huge.log'), '');
      truncateSync(join(dir.path, 'huge.log'), 2 * 1024 ** 3);
      // The CLI in this process, so its own peak RSS can be read when it exits.
      const probe = `process.on('exit', () => require('fs').writeSync(3, String(process.resourceUsage().maxRSS)));
process.argv = [process.argv[0], ${JSON.stringify(CLI)}, 'scan', ${JSON.stringify(dir.path)}, '--format', 'json'];
import(${JSON.stringify(CLI)});`;
      const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 24 });
      expect(run.status).toBe(1);
      const report = json(run.stdout);
      expect(report.summary.skipped).toEqual([{ path: 'huge.log', reason: 'too-large', size: 2 * 1024 ** 3 }]);
      expect(report.summary.complete).toBe(true);
      expect(paths(report)).toEqual(['config.py']);
      const maxRssKiB = Number(run.output[3]);
      expect(maxRssKiB).toBeGreaterThan(0);
      expect(maxRssKiB).toBeLessThan(300 * 1024);
    } finally {
      dir.cleanup();
    }
  }, 60_000);
});

describe('broken repositories', () => {
  it('a truncated pack gives per-object errors; the other blobs are still scanned; exit 2', () => {
    const repo = temp.repo();
    for (let i = 1; i <= 3; i++) repo.write(`f${i}.py`, `KEY = "${keyFor(i)}"\n${'filler line\n'.repeat(200 * i)}`).commit(`add f${i}`);
    // f2's blob goes into a pack of its own (and out of the loose objects); then the pack is cut.
    const lost = repo.blob('f2.py');
    const packDir = join(repo.gitDir, 'objects', 'pack');
    const hash = execFileSync('git', ['pack-objects', '-q', join(packDir, 'pack')], { cwd: repo.dir, input: `${lost}\n`, env: testGitEnv(), encoding: 'utf8' }).trim();
    unlinkSync(repo.looseObjectPath(lost));
    const pack = join(packDir, `pack-${hash}.pack`);
    truncateSync(pack, Math.floor(statSync(pack).size / 2));

    const run = runCli(['scan', '.', '--history', '--no-worktree', '--format', 'json'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    const report = json(run.stdout);
    expect(paths(report)).toEqual(['f1.py', 'f3.py']);
    expect(report.summary.complete).toBe(false);
    expect(report.summary.errors).toEqual([expect.objectContaining({ path: 'f2.py', message: expect.stringContaining(lost) })]);
    expect(run.stderr).not.toMatch(/\n\s+at /); // a report, not a stack trace
  }, 60_000);

  it('git cat-file killed mid-scan: the blobs it did not deliver are errors, the scan finishes, exit 2', async () => {
    const repo = temp.repo();
    // Enough blobs that the scan is still reading when the subprocess is found and killed.
    for (let d = 0; d < 40; d++) mkdirSync(join(repo.dir, `d${d}`));
    for (let i = 0; i < 1500; i++) writeFileSync(join(repo.dir, `d${i % 40}`, `f${i}.txt`), `${i}\n${'ordinary text, nothing secret here\n'.repeat(120)}`);
    repo.git('add', '-A');
    repo.write('config.py', `KEY = "${STRIPE}"\n`).commit('many files');
    const child = spawn(process.execPath, [CLI, 'scan', '.', '--history', '--no-worktree', '--format', 'json', '--engine', 'git'], {
      cwd: repo.dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    let killed: number | null = null;
    for (let tries = 0; tries < 2000 && killed === null && child.exitCode === null; tries++) {
      killed = catFileChildOf(child.pid!);
      if (killed !== null) process.kill(killed, 'SIGKILL');
      else await new Promise((r) => setTimeout(r, 5));
    }
    const code = await closed;
    expect(killed).not.toBeNull();
    expect(stderr).not.toMatch(/\n\s+at /); // a report, not a crash
    const report = json(stdout);
    // Either the dead process held requests — each is a named error, exit 2 — or it died between
    // them and the restarted one delivered everything. Never a complete-looking report with less.
    if (report.summary.errors.length > 0) {
      expect(code).toBe(2);
      expect(report.summary.complete).toBe(false);
      expect(report.summary.errors.map((e) => e.message).join('\n')).toMatch(/cat-file/);
    } else {
      expect(code).toBe(1);
      expect(report.summary.complete).toBe(true);
      expect(report.summary.filesScanned).toBe(1501);
      expect(paths(report)).toEqual(['config.py']);
    }
  }, 120_000);
});

/** The pid of a `git cat-file` process whose parent is `parent`, if one runs now. */
function catFileChildOf(parent: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.includes('cat-file')) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return null;
}

describe('partial and shallow clones', () => {
  it('a --filter=blob:none clone scans what it has and names what it lacks, fetching nothing', () => {
    const origin = temp.repo();
    origin.write('old.py', `KEY = "${keyFor(1)}"\n`).commit('old secret');
    origin.rm('old.py').commit('remove it');
    origin.write('app.py', `KEY = "${keyFor(2)}"\n`).commit('current secret');
    const clone = temp.clone(origin, { filter: 'blob:none' });
    const objectsBefore = execFileSync('git', ['count-objects', '-v'], { cwd: clone.dir, env: testGitEnv(), encoding: 'utf8' });
    const run = runCli(['scan', '.', '--history', '--format', 'json'], { cwd: clone.dir });
    const report = json(run.stdout);
    expect(paths(report)).toContain('app.py');
    // The old blob was never fetched: it is an error naming it (exit 2), not a silent gap.
    expect(run.code).toBe(2);
    expect(report.summary.errors.map((e) => e.path)).toEqual(['old.py']);
    expect(execFileSync('git', ['count-objects', '-v'], { cwd: clone.dir, env: testGitEnv(), encoding: 'utf8' })).toBe(objectsBefore);
  }, 60_000);

  it('a --depth 1 clone scans its one commit and says the history is cut', () => {
    const origin = temp.repo();
    origin.write('old.py', `KEY = "${keyFor(1)}"\n`).commit('old secret');
    origin.rm('old.py').commit('remove it');
    origin.write('app.py', `KEY = "${keyFor(2)}"\n`).commit('current secret');
    const clone = temp.clone(origin, { depth: 1 });
    const run = runCli(['scan', '.', '--history', '--format', 'json'], { cwd: clone.dir });
    const report = json(run.stdout);
    expect(run.code).toBe(1);
    expect(paths(report)).toEqual(['app.py', 'app.py']);
    expect(report.summary.notes.join(' ')).toMatch(/shallow/i);
  }, 60_000);
});
