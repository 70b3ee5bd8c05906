// A history whose commits cannot all be read (a commit object lost from a damaged repository):
// the lost commit is reported by id, the commits still reachable and the files on disk are
// scanned and reported, exit 2 (test/faults-commit-walk.test.ts covers the walk in depth).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { useTempDirs } from './helpers/git-repo.js';

const temp = useTempDirs();
const [, , GITHUB_TOKEN, , STRIPE_KEY] = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets as string[];

it('a commit that cannot be read is an error of the scan; its child and the work tree are still reported; exit 2', () => {
  const repo = temp.repo();
  repo.write('old.py', `STRIPE = "${STRIPE_KEY}"\n`).commit('one');
  const lostCommit = repo.head();
  repo.write('README.md', '# app\n').commit('two');
  const child = repo.head();
  rmSync(repo.looseObjectPath(lostCommit));
  writeFileSync(join(repo.dir, 'notes.txt'), `token ${GITHUB_TOKEN}\n`);

  const run = runCli(['scan', '.', '--history', '--format', 'json'], { cwd: repo.dir });
  expect(run.code).toBe(2);
  const report = JSON.parse(run.stdout);
  expect(report.summary.complete).toBe(false);
  expect(report.summary.errors).toEqual([
    { message: `commit ${lostCommit}: missing (parent of ${child}); its files and the ancestors reachable only through it were not scanned` },
  ]);
  expect(report.summary.commitsScanned).toBe(1);
  const found = report.findings.map((f: { ruleId: string; path: string; commit: string | null }) => `${f.ruleId} ${f.path} ${f.commit ?? 'disk'}`);
  // old.py is still in the child's tree: its key is found there
  expect(found.sort()).toEqual(['github.pat notes.txt disk', `stripe.secret-key old.py ${child}`].sort());
  expect(run.stdout).not.toContain(STRIPE_KEY);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
