// env.file-committed on real repositories through the built CLI: history-only with the right
// first commit, other-refs for a side branch, present for a tracked file; both engines agree.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { useTempDirs } from './helpers/git-repo.js';

const temp = useTempDirs();
// Built at run time: the value must never appear in a report.
const VALUE = ['Zp4', 'Lq9Wv2', 'Xk7Rt3', 'Bm8N'].join('');

interface JsonFinding {
  ruleId: string;
  path: string;
  status: string;
  details: Record<string, any>;
}

function scanHistory(dir: string, ...extra: string[]): { findings: JsonFinding[]; stdout: string } {
  const run = runCli(['scan', '--history', '--format', 'json', ...extra, dir]);
  expect(run.code, run.stderr).toBe(1);
  return { findings: JSON.parse(run.stdout).findings, stdout: run.stdout };
}

const committed = (findings: JsonFinding[]) => findings.filter((f) => f.ruleId === 'env.file-committed');

describe('env.file-committed', () => {
  it('.env committed, then untracked and ignored: history-only, with its first commit, names and no values', () => {
    const repo = temp.repo();
    repo.write('README.md', 'app\n').commit('init');
    repo.write('.env', `NODE_ENV=production\nAPI_KEY=${VALUE}\n`).commit('add env', { author: { name: 'Bo Leaker', email: 'bo@example.test' } });
    const first = repo.head();
    repo.write('.env', `NODE_ENV=production\nAPI_KEY=${VALUE}\nDB_PASSWORD=\n`).commit('more env');
    const last = repo.head();
    repo.rm('.env');
    repo.writeUnstaged('.env', `API_KEY=${VALUE}\n`).write('.gitignore', '.env\n').commit('untrack env');

    const { findings, stdout } = scanHistory(repo.dir);
    const [env] = committed(findings);
    expect(committed(findings)).toHaveLength(1);
    expect(env).toMatchObject({ path: '.env', status: 'history-only' });
    expect(env!.details).toMatchObject({
      tracked: false,
      firstCommit: { sha: first, author: 'Bo Leaker' },
      lastCommit: { sha: last },
      refs: ['refs/heads/main'],
      versions: 2,
      variables: ['API_KEY', 'DB_PASSWORD', 'NODE_ENV'],
      secretVariables: ['API_KEY'],
    });
    expect(stdout).not.toContain(VALUE);
  });

  it('.env.production only on a side branch: other-refs, naming that branch', () => {
    const repo = temp.repo();
    repo.write('.gitignore', '.env\n').write('a.txt', 'a\n').commit('init');
    repo.branch('feature').checkout('feature').write('.env.production', `SECRET_KEY=${VALUE}\n`).commit('oops');
    const sideCommit = repo.head();
    repo.checkout('main').write('b.txt', 'b\n').commit('main moves on');

    const [env] = committed(scanHistory(repo.dir).findings);
    expect(env).toMatchObject({ path: '.env.production', status: 'other-refs' });
    expect(env!.details).toMatchObject({ refs: ['refs/heads/feature'], firstCommit: { sha: sideCommit }, lastCommit: { sha: sideCommit } });
  });

  it('a tracked env file is present (worktree scan, from the index) and templates are not reported', () => {
    const repo = temp.repo();
    repo.write('svc/.env.local', 'MODE=dev\n').write('.env.example', 'API_KEY=\n').commit('init');
    const run = runCli(['scan', '--format', 'json', repo.dir]);
    const found = committed(JSON.parse(run.stdout).findings);
    expect(found.map((f) => [f.path, f.status, f.details['tracked']])).toEqual([['svc/.env.local', 'present', true]]);
  });

  it('the git and isomorphic engines give the same env findings', () => {
    const repo = temp.repo();
    repo.write('.env', `TOKEN=${VALUE}\n`).commit('one');
    repo.branch('side').checkout('side').write('deploy/.env.staging', 'A=1\n').commit('two').checkout('main');
    repo.rm('.env').commit('three');
    const summary = (engine: string) =>
      committed(scanHistory(repo.dir, '--engine', engine).findings).map((f) => ({ path: f.path, status: f.status, details: f.details }));
    const git = summary('git');
    expect(git.map((f) => `${f.path} ${f.status}`)).toEqual(['.env history-only', 'deploy/.env.staging other-refs']);
    expect(summary('isomorphic')).toEqual(git);
  });
});
