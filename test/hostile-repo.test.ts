// An untrusted repository, end to end through the built CLI: its .git/config, attributes, hooks
// and .gitmodules name commands that leave a marker file. Every mode — worktree scan (which runs
// repo-level checks through git), history, range, staged, fix gitignore --dry-run and the
// pre-push hook — must run none of them and fetch nothing. Plain git then springs some traps, to
// prove they were armed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { testGitEnv, useTempDirs } from './helpers/git-repo.js';
import { commandSettings, trap } from './helpers/hostile.js';

const temp = useTempDirs();
const HOOKS = ['pre-commit', 'pre-push', 'post-checkout', 'post-merge', 'post-commit', 'reference-transaction', 'post-index-change', 'fsmonitor-watchman'];


function hostileRepo() {
  const bin = temp.dir('leakhound-bin-');
  const markers = temp.dir('leakhound-markers-');
  const stripe = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets[4] as string;
  const repo = temp.repo();
  repo.write('.gitattributes', '* filter=evil diff=evil\n').write('README.md', '# app\n').commit('one');
  const base = repo.head();
  repo
    .write('.gitmodules', `[submodule "vendor"]\n\tpath = vendor\n\turl = ext::${trap(bin, markers, 'submodule-remote')} %S\n`)
    .gitlink('vendor', base)
    .write('pay.py', `STRIPE = "${stripe}"\n`)
    .write('.env', 'DB_PASSWORD=hunter2-but-longer\n')
    .commit('two');
  repo.tag('base', { ref: base });
  repo.write('staged.py', `KEY = "${stripe}"\n`);
  const t = (name: string) => trap(bin, markers, name);
  const settings: [string, string][] = [
    ...commandSettings(t, 'evil'),
    ['filter.evil.process', t('filter-process')],
    ['protocol.ext.allow', 'always'],
    ['submodule.recurse', 'true'],
    ['fetch.recurseSubmodules', 'true'],
    ['submodule.vendor.url', `ext::${t('submodule-config-remote')} %S`],
    ['remote.origin.url', `ext::${t('origin-remote')} %S`],
  ];
  for (const [key, value] of settings) repo.config(key, value);
  for (const hook of HOOKS) writeFileSync(join(repo.gitDir, 'hooks', hook), `#!/bin/sh\ntouch '${join(markers, `hook-${hook}`)}'\n`, { mode: 0o755 });
  return { repo, markers, base };
}

it('no mode of the CLI runs a command the repository names or fetches a submodule', () => {
  const { repo, markers, base } = hostileRepo();
  const head = repo.head();
  const runs: [string, string[], string?][] = [
    ['scan', ['scan', '.', '--format', 'json']],
    ['scan --history', ['scan', '.', '--history', '--format', 'json']],
    ['scan --range', ['scan', '.', '--range', `${base}..HEAD`, '--format', 'json']],
    ['scan --staged', ['scan', '.', '--staged', '--format', 'json']],
    ['fix gitignore --dry-run', ['fix', 'gitignore', '.', '--dry-run']],
    ['hook pre-push', ['hook', 'pre-push', 'origin', 'ext::evil'], `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`],
  ];
  const codes: Record<string, number> = {};
  for (const [name, args, input] of runs) {
    const run = runCli(args, { cwd: repo.dir, ...(input ? { input } : {}) });
    codes[name] = run.code;
    if (args.includes('json')) {
      const report = JSON.parse(run.stdout);
      expect(report.findings.map((f: { ruleId: string }) => f.ruleId), name).toContain('stripe.secret-key');
    }
  }
  // Each mode found the planted secret (exit 1) rather than failing (exit 2).
  expect(codes).toEqual({
    scan: 1,
    'scan --history': 1,
    'scan --range': 1,
    'scan --staged': 1,
    'fix gitignore --dry-run': 0,
    'hook pre-push': 1,
  });
  expect(readdirSync(markers)).toEqual([]);
  expect(existsSync(join(repo.gitDir, 'modules'))).toBe(false);
  expect(existsSync(join(repo.dir, 'vendor'))).toBe(false);

  // The traps are real: plain git springs them.
  const plain = (args: string[]) => {
    try {
      execFileSync('git', args, { cwd: repo.dir, env: testGitEnv(), stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    } catch {
      /* some traps make git fail; the marker is what counts */
    }
  };
  plain(['status']);
  plain(['cat-file', '--filters', 'HEAD:README.md']);
  expect(readdirSync(markers)).toEqual(expect.arrayContaining(['filter-process', 'fsmonitor']));
}, 120_000);
