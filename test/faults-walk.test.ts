// A history whose commits cannot all be read (a commit object lost from a damaged repository):
// the walk's failure is reported, the files on disk are still scanned and reported, exit 2.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { useTempDirs } from './helpers/git-repo.js';

const temp = useTempDirs();
const [, , GITHUB_TOKEN, , STRIPE_KEY] = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets as string[];

it('a commit that cannot be read is an error of the scan; the work tree is still reported; exit 2', () => {
  const repo = temp.repo();
  repo.write('old.py', `STRIPE = "${STRIPE_KEY}"\n`).commit('one');
  const lostCommit = repo.head();
  repo.write('README.md', '# app\n').commit('two');
  rmSync(repo.looseObjectPath(lostCommit));
  writeFileSync(join(repo.dir, 'notes.txt'), `token ${GITHUB_TOKEN}\n`);

  const run = runCli(['scan', '.', '--history', '--format', 'json'], { cwd: repo.dir });
  expect(run.code).toBe(2);
  const report = JSON.parse(run.stdout);
  expect(report.summary.complete).toBe(false);
  expect(report.summary.errors.length).toBeGreaterThanOrEqual(1);
  // git names the commit whose parents it could not traverse (the child of the lost one)
  expect(report.summary.errors[0].message).toMatch(/rev-list failed: .*(parents|bad object|unable to read)/i);
  expect(report.findings.map((f: { ruleId: string; path: string }) => `${f.ruleId} ${f.path}`)).toContain('github.pat notes.txt');
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
