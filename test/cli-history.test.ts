// End-to-end: `leakhound scan --history / --range` (the built CLI) on real repositories.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { useTempDirs, type TestRepo } from './helpers/git-repo.js';
import type { JsonFinding, JsonReport } from '../src/report/json.js';

const temp = useTempDirs();
const [AWS_KEY_ID, , GITHUB_TOKEN, , STRIPE_KEY] = JSON.parse(
  readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8'),
).secrets as string[];

const ALICE = { name: 'Alice Leaker', email: 'alice@example.test' };
const BOB = { name: 'Bob Fixer', email: 'bob@example.test' };

function scanJson(dir: string, args: string[]): { code: number; report: JsonReport; stderr: string } {
  const run = runCli(['scan', dir, '--format', 'json', ...args]);
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

function byRule(report: JsonReport, ruleId: string): JsonFinding[] {
  return report.findings.filter((f) => f.ruleId === ruleId);
}

const awsConfig = (key: string) => `module.exports = {\n  region: 'eu-west-1',\n  accessKeyId: '${key}',\n};\n`;

describe('scan --history', () => {
  it('reports a secret added then deleted as history-only, with the introducing commit and author', () => {
    const repo = temp.repo();
    repo.write('README.md', '# app\n').commit('init');
    repo.write('config.js', awsConfig(AWS_KEY_ID!)).commit('add config', { author: ALICE });
    const introducing = repo.head();
    repo.write('config.js', awsConfig('process.env.AWS_ACCESS_KEY_ID')).commit('read key from env', { author: BOB });

    const { code, report } = scanJson(repo.dir, ['--history']);
    expect(code).toBe(1);
    const [finding, ...rest] = byRule(report, 'aws.access-key-id');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ status: 'history-only', path: 'config.js', line: 3, commit: introducing });
    expect(finding!.occurrences[0]!.commit).toMatchObject({ sha: introducing, authorName: ALICE.name, authorEmail: ALICE.email });
    expect(report.summary.commitsScanned).toBe(3);

    const text = runCli(['scan', repo.dir, '--history']).stdout;
    expect(text).toContain(introducing.slice(0, 7));
    expect(text).toContain(ALICE.name);
    expect(text).toMatch(/removed from HEAD but still in history/);
  });

  it('reports a secret only on a side branch or a tag as other-refs', () => {
    const repo = temp.repo();
    repo.write('README.md', '# app\n').commit('init');
    repo.branch('feature').checkout('feature');
    repo.write('pay.py', `STRIPE = "${STRIPE_KEY}"\n`).commit('stripe on a branch');
    repo.checkout('main').branch('release').checkout('release');
    repo.write('gh.txt', `token ${GITHUB_TOKEN}\n`).commit('token on a tagged commit').tag('v1');
    repo.checkout('main').git('branch', '-D', 'release');

    const { report } = scanJson(repo.dir, ['--history']);
    expect(byRule(report, 'stripe.secret-key').map((f) => f.status)).toEqual(['other-refs']);
    expect(byRule(report, 'github.pat').map((f) => f.status)).toEqual(['other-refs']);
    expect(report.summary.byStatus['other-refs']).toBe(2);
  });

  it('groups the same secret in 3 commits into one finding with 3 occurrences, oldest first', () => {
    const repo = temp.repo();
    const shas: string[] = [];
    repo.write('app.ts', `const token = '${GITHUB_TOKEN}';\n`).commit('one');
    shas.push(repo.head());
    repo.write('app.ts', `// v2\nconst token = '${GITHUB_TOKEN}';\n`).commit('two');
    shas.push(repo.head());
    repo.write('app.ts', `// v3\n// more\nconst token = '${GITHUB_TOKEN}';\n`).commit('three');
    shas.push(repo.head());

    const { report } = scanJson(repo.dir, ['--history', '--no-worktree']);
    const [finding, ...rest] = byRule(report, 'github.pat');
    expect(rest).toEqual([]);
    expect(finding!.status).toBe('present');
    expect(finding!.occurrences.map((o) => [o.commit?.sha, o.line])).toEqual([
      [shas[0], 1],
      [shas[1], 2],
      [shas[2], 3],
    ]);
  });

  it('scans a blob shared by two paths once and records both places', () => {
    const repo = temp.repo();
    const content = `key = "${STRIPE_KEY}"\n`;
    repo.write('a/settings.py', content).write('b/settings.py', content).commit('two copies');
    const { report } = scanJson(repo.dir, ['--history', '--no-worktree']);
    expect(report.summary.blobsScanned).toBe(1);
    expect(report.summary.blobsDeduplicated).toBe(1);
    expect(byRule(report, 'stripe.secret-key')[0]!.occurrences.map((o) => o.path).sort()).toEqual(['a/settings.py', 'b/settings.py']);
  });

  it('also scans files on disk unless --no-worktree, and counts them present', () => {
    const repo = temp.repo();
    repo.write('README.md', '# app\n').commit('init');
    writeFileSync(join(repo.dir, 'local.txt'), `token ${GITHUB_TOKEN}\n`);
    expect(byRule(scanJson(repo.dir, ['--history']).report, 'github.pat')).toMatchObject([{ status: 'present', commit: null }]);
    expect(byRule(scanJson(repo.dir, ['--history', '--no-worktree']).report, 'github.pat')).toEqual([]);
  });

  it('narrows to matching refs with --refs', () => {
    const repo = temp.repo();
    repo.write('README.md', '# app\n').commit('init');
    repo.branch('feature').checkout('feature').write('pay.py', `STRIPE = "${STRIPE_KEY}"\n`).commit('stripe').checkout('main');
    expect(byRule(scanJson(repo.dir, ['--history', '--refs', 'refs/heads/main']).report, 'stripe.secret-key')).toEqual([]);
    expect(byRule(scanJson(repo.dir, ['--history', '--refs', 'refs/heads/*']).report, 'stripe.secret-key')).toHaveLength(1);
  });

  it('gives identical findings with the git and the isomorphic engine', () => {
    const repo = richRepo();
    const strip = (r: JsonReport) => ({ findings: r.findings, summary: { ...r.summary, durationMs: 0 } });
    const viaGit = scanJson(repo.dir, ['--history', '--engine', 'git']);
    const viaIso = scanJson(repo.dir, ['--history', '--engine', 'isomorphic']);
    expect(viaGit.report.findings.length).toBeGreaterThanOrEqual(3);
    expect(strip(viaIso.report)).toEqual(strip(viaGit.report));
    expect(viaIso.code).toBe(viaGit.code);
  });

  it('reports a missing object, finishes the rest and exits 2', () => {
    const repo = temp.repo();
    repo.write('keep.py', `STRIPE = "${STRIPE_KEY}"\n`).write('lost.js', awsConfig(AWS_KEY_ID!)).commit('two secrets');
    const lost = repo.blob('lost.js');
    rmSync(repo.looseObjectPath(lost));
    const { code, report } = scanJson(repo.dir, ['--history', '--no-worktree']);
    expect(code).toBe(2);
    expect(report.summary.complete).toBe(false);
    expect(report.summary.errors).toHaveLength(1);
    expect(report.summary.errors[0]).toMatchObject({ path: 'lost.js' });
    expect(byRule(report, 'stripe.secret-key')).toHaveLength(1);
  });

  it('works on a bare repository and says so when the clone is shallow', () => {
    const repo = temp.repo();
    repo.write('old.py', `STRIPE = "${STRIPE_KEY}"\n`).commit('old secret');
    repo.rm('old.py').commit('remove');
    repo.write('README.md', '# app\n').commit('docs');
    const bare = temp.clone(repo, { bare: true });
    expect(byRule(scanJson(bare.dir, ['--history']).report, 'stripe.secret-key')).toMatchObject([{ status: 'history-only' }]);

    const shallow = temp.clone(repo, { depth: 1 });
    const { code, report } = scanJson(shallow.dir, ['--history']);
    expect(byRule(report, 'stripe.secret-key')).toEqual([]);
    expect(report.summary.notes.join(' ')).toMatch(/shallow/i);
    expect(code).toBe(0);
  });

  it('exits 0 on an empty repository and 2 outside a repository', () => {
    const empty = temp.repo();
    expect(scanJson(empty.dir, ['--history']).code).toBe(0);
    const notRepo = temp.dir();
    const run = runCli(['scan', '--history', notRepo]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a git repository/);
  });
});

describe('scan --range', () => {
  it('reports only the secrets the range introduces', () => {
    const repo = temp.repo();
    repo.write('config.js', awsConfig(AWS_KEY_ID!)).commit('old secret on main');
    repo.branch('feature').checkout('feature');
    repo.write('config.js', `// touched\n${awsConfig(AWS_KEY_ID!)}`).commit('edit the file with the old secret');
    repo.write('pay.py', `STRIPE = "${STRIPE_KEY}"\n`).commit('new secret');
    const { code, report } = scanJson(repo.dir, ['--range', 'main..feature']);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['stripe.secret-key']);
    expect(report.findings[0]).toMatchObject({ commit: repo.head('feature'), status: 'present' });
    expect(code).toBe(1);

    repo.checkout('main');
    expect(scanJson(repo.dir, ['--range', 'feature..main']).code).toBe(0);
    expect(runCli(['scan', repo.dir, '--range', 'nope..feature']).code).toBe(2);
  });
});

/** Branches, a merge, a tag, a rename, a deletion, a binary file and a symlink. */
function richRepo(): TestRepo {
  const repo = temp.repo();
  repo.write('README.md', '# app\n').write('logo.bin', Buffer.from([0, 1, 2, 3])).commit('init');
  repo.write('config.js', awsConfig(AWS_KEY_ID!)).commit('config', { author: ALICE });
  repo.branch('dev').checkout('dev');
  repo.write('pay.py', `STRIPE = "${STRIPE_KEY}"\n`).commit('stripe');
  repo.mv('pay.py', 'payments.py').commit('rename');
  repo.checkout('main').write('notes.txt', `token ${GITHUB_TOKEN}\n`).commit('notes').tag('v1');
  repo.rm('notes.txt').commit('remove notes', { author: BOB });
  repo.merge('dev');
  repo.symlink('link.js', 'config.js').commit('link');
  return repo;
}
