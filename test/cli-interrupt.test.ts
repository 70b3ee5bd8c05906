// Ctrl-C during a scan: what was found so far is reported, marked incomplete, exit 130.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { CLI, REPO_ROOT, tempDir } from './helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

it('SIGINT prints the partial report as incomplete and exits 130', async () => {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const stripe = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets[4] as string;
  // ~120 MB: long enough to still be scanning when the signal arrives, even on a fast machine.
  const filler = 'const value = compute(input, options) + offset; // ordinary code\n'.repeat(1600);
  writeFileSync(join(dir.path, 'a-first.py'), `KEY = "${stripe}"\n`);
  for (let i = 0; i < 1200; i++) {
    mkdirSync(join(dir.path, `d${i % 30}`), { recursive: true });
    writeFileSync(join(dir.path, `d${i % 30}`, `f${i}.js`), `${filler}// ${i}\n`);
  }
  const child = spawn(process.execPath, [CLI, 'scan', dir.path, '--format', 'json'], { env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  setTimeout(() => child.kill('SIGINT'), 400);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code).toBe(130);
  const report = JSON.parse(stdout);
  expect(report.summary.complete).toBe(false);
  expect(report.summary.notes.join(' ')).toMatch(/interrupted/);
  expect(report.summary.bytesScanned).toBeLessThan(120 * 1024 * 1024);
  expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('stripe.secret-key');
  expect(stderr).toMatch(/interrupted/);
});
