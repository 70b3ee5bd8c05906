// Interruption and concurrency: `--output` is written atomically (kill -9 mid-scan leaves no
// partial report and no temp file, and an older report stays whole), and two scans of one
// repository at the same time give the same report.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CLI, REPO_ROOT } from './helpers/cli.js';
import { useTempDirs } from './helpers/git-repo.js';

const temp = useTempDirs();
const STRIPE = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets[4] as string;

function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout })),
  );
  return { child, done };
}

it('kill -9 during a scan with --output leaves the old report whole and no temp file', async () => {
  const dir = temp.dir();
  const tree = join(dir, 'tree');
  const filler = 'const value = compute(input, options) + offset; // ordinary code\n'.repeat(1600);
  for (let i = 0; i < 600; i++) {
    mkdirSync(join(tree, `d${i % 20}`), { recursive: true });
    writeFileSync(join(tree, `d${i % 20}`, `f${i}.js`), `${filler}// ${i}\n`);
  }
  writeFileSync(join(tree, 'key.py'), `KEY = "${STRIPE}"\n`);
  const out = join(dir, 'out');
  mkdirSync(out);
  const report = join(out, 'report.json');
  writeFileSync(report, '{"previous": true}\n');

  const { child, done } = start(['scan', tree, '--format', 'json', '--output', report], dir);
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGKILL');
  const end = await done;
  expect(end.signal).toBe('SIGKILL');
  expect(readdirSync(out)).toEqual(['report.json']);
  expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual({ previous: true });

  // Left to finish, the same command replaces the report in one piece.
  const full = await start(['scan', tree, '--format', 'json', '--output', report], dir).done;
  expect(full.code).toBe(1);
  expect(readdirSync(out)).toEqual(['report.json']);
  expect(JSON.parse(readFileSync(report, 'utf8')).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['stripe.secret-key']);
}, 60_000);

it('two history scans of one repository at once give identical reports', async () => {
  const repo = temp.repo();
  for (let i = 0; i < 30; i++) repo.write(`src/m${i % 5}.ts`, `export const n = ${i};\n${'// line\n'.repeat(i * 20)}`).commit(`c${i}`);
  repo.write('pay.py', `KEY = "${STRIPE}"\n`).commit('secret');
  repo.rm('pay.py').commit('remove secret');
  const args = ['scan', '.', '--history', '--format', 'json'];
  const [a, b] = await Promise.all([start(args, repo.dir).done, start(args, repo.dir).done]);
  expect([a.code, b.code]).toEqual([1, 1]);
  const stable = (stdout: string) => {
    const parsed = JSON.parse(stdout);
    delete parsed.summary.durationMs;
    return parsed;
  };
  expect(stable(a.stdout)).toEqual(stable(b.stdout));
  expect(stable(a.stdout).findings).toHaveLength(1);
}, 60_000);
