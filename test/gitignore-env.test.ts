// gitignore.env-not-ignored and `fix gitignore`, checked against git itself: the matcher must
// agree with `git check-ignore --no-index` on generated rule sets, and the fix must leave git
// ignoring every env name while .env.example stays committable.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRED_ENV_NAMES } from '../src/analyzers/env-names.js';
import { appendGitignoreLines, planGitignore } from '../src/analyzers/gitignore.js';
import { gatherRepoFacts } from '../src/sources/repo-facts.js';
import { runCli } from './helpers/cli.js';
import { testGitEnv, useTempDirs, type TestRepo } from './helpers/git-repo.js';

const temp = useTempDirs();

/** Paths `git check-ignore --no-index` says are ignored (plain git, no user config). */
function gitIgnored(dir: string, paths: string[]): Set<string> {
  const run = spawnSync('git', ['check-ignore', '--no-index', '--stdin', '-z'], {
    cwd: dir,
    env: testGitEnv(),
    input: paths.join('\0') + '\0',
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(run.stderr);
  return new Set(run.stdout.split('\0').filter(Boolean));
}

function put(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Deterministic PRNG (mulberry32), so a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROOT_PATTERNS = [
  '.env', '.env.*', '!.env.example', '/.env.local', '*.local', '.env*', '!/.env.production', 'apps/', 'apps/*/',
  '!apps/web/', '/packages/*/.env', '**/.env.staging', 'config/**', '!config/.env', '.env.production', '# comment',
  '*.env', 'packages/a/.env.test.local', '.env.d*', '!*.example', '[.]env.local', '/apps/api', '!.env.local', '.env/',
];
const NESTED_PATTERNS = ['.env', '!.env', '/.env.local', '!.env.*', '.env.*', '*.local', '!/.env.staging', 'sub/', '!*.example', '.env.production'];
const NESTED_DIRS = ['apps/web', 'apps/api', 'packages/a', 'config', 'packages/a/sub'];
const DIRS = ['', 'apps/web', 'apps/api', 'packages/a', 'packages/a/sub', 'packages/b', 'config', 'deep/er/dir'];
const NAMES = [...REQUIRED_ENV_NAMES, '.env.example', '.env.sample', 'docker.env', '.env.qa'];

const pick = <T>(random: () => number, list: readonly T[], n: number): T[] =>
  Array.from({ length: n }, () => list[Math.floor(random() * list.length)]!);

describe('the ignore matcher agrees with git check-ignore --no-index', () => {
  it('on 40 generated rule sets (nested .gitignore, negations, anchored and directory patterns, info/exclude)', async () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const random = prng(seed);
      const repo = temp.repo();
      put(repo.dir, '.gitignore', pick(random, ROOT_PATTERNS, 1 + Math.floor(random() * 5)).join('\n') + '\n');
      for (const dir of NESTED_DIRS) {
        if (random() < 0.4) put(repo.dir, `${dir}/.gitignore`, pick(random, NESTED_PATTERNS, 1 + Math.floor(random() * 3)).join('\n'));
        else mkdirSync(join(repo.dir, dir), { recursive: true });
      }
      if (random() < 0.3) put(repo.gitDir, 'info/exclude', pick(random, ROOT_PATTERNS, 1).join('\n') + '\n');
      const facts = await gatherRepoFacts(repo.dir, null);
      const paths = DIRS.flatMap((d) => NAMES.map((n) => (d ? `${d}/${n}` : n)));
      const git = gitIgnored(repo.dir, paths);
      const ours = new Set(paths.filter((p) => facts!.isIgnored(p)));
      const disagree = paths.filter((p) => git.has(p) !== ours.has(p));
      expect(disagree, `seed ${seed}:\n${readFileSync(join(repo.dir, '.gitignore'), 'utf8')}`).toEqual([]);
      compared += paths.length;
      temp.cleanup();
    }
    expect(compared).toBe(40 * DIRS.length * NAMES.length);
  }, 120_000);
});

/** JSON findings of a built-CLI scan. */
function scanJson(dir: string, ...args: string[]): { ruleId: string; path: string; status: string; details: Record<string, unknown> }[] {
  const run = runCli(['scan', '--format', 'json', ...args, dir]);
  expect(run.code, run.stderr).toBeLessThan(2);
  return JSON.parse(run.stdout).findings;
}

const uncoveredNames = (dir: string, ...args: string[]) =>
  scanJson(dir, ...args)
    .filter((f) => f.ruleId === 'gitignore.env-not-ignored')
    .map((f) => `${f.path} ${String(f.details['name'])}`)
    .sort();

describe('gitignore.env-not-ignored', () => {
  it('a root .gitignore with only .env gives one finding per other env name, on that .gitignore', () => {
    const repo = temp.repo();
    repo.write('.gitignore', '.env\n').write('src/index.js', 'console.log(1)\n').commit('init');
    const found = uncoveredNames(repo.dir);
    expect(found).toEqual(REQUIRED_ENV_NAMES.filter((n) => n !== '.env').map((n) => `.gitignore ${n}`).sort());
    expect(found).toEqual(expect.arrayContaining(['.gitignore .env.local', '.gitignore .env.production', '.gitignore .env.staging']));
    const finding = scanJson(repo.dir).find((f) => f.details['name'] === '.env.local');
    expect(finding?.details['linesToAdd']).toEqual(['.env.local']);
  });

  it('agrees with git where nested .gitignore files, negations and anchors decide', () => {
    const repo = temp.repo();
    repo
      .write('.gitignore', '.env\n.env.local\n.env.development*\n.env.test.local\n.env.production*\n/.env.staging\n!.env.example\n')
      .write('apps/web/.gitignore', '!.env.local\n')
      .write('apps/web/package.json', '{}\n')
      .write('packages/api/package.json', '{}\n')
      .commit('init');
    const found = uncoveredNames(repo.dir);
    // Reference: every required name in every checked directory that git does not ignore.
    const dirs = ['', 'apps/web', 'packages/api'];
    const paths = dirs.flatMap((d) => REQUIRED_ENV_NAMES.map((n) => (d ? `${d}/${n}` : n)));
    const ignored = gitIgnored(repo.dir, paths);
    const expected = paths
      .filter((p) => !ignored.has(p))
      .map((p) => `${p.startsWith('apps/web/') ? 'apps/web/.gitignore' : '.gitignore'} ${p.split('/').pop()}`);
    expect(found).toEqual([...new Set(expected)].sort());
    // `/.env.staging` covers the root only; apps/web's `!.env.local` un-ignores its own.
    expect(found).toEqual(['.gitignore .env.staging', 'apps/web/.gitignore .env.local', 'apps/web/.gitignore .env.staging']);
  });

  it('counts .git/info/exclude but not a user-level excludes file (and notes the latter)', () => {
    const repo = temp.repo();
    repo.write('a.txt', 'a\n').commit('init');
    writeFileSync(join(repo.gitDir, 'info', 'exclude'), `${REQUIRED_ENV_NAMES.slice(0, 4).join('\n')}\n`);
    const home = temp.dir('leakhound-home-');
    writeFileSync(join(home, '.gitconfig'), '[core]\n\texcludesFile = ~/.gitignore_global\n');
    writeFileSync(join(home, '.gitignore_global'), '.env*\n');
    const run = runCli(['scan', '--format', 'json', repo.dir], { env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
    const report = JSON.parse(run.stdout);
    const names = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'gitignore.env-not-ignored').map((f: { details: { name: string } }) => f.details.name);
    expect(names.sort()).toEqual(REQUIRED_ENV_NAMES.slice(4).sort());
    expect(report.summary.notes.join('\n')).toContain('user-level excludes file');
  });

  it('asks nothing of a project with no env file, no package.json and no env rule', () => {
    const repo = temp.repo();
    repo.write('main.go', 'package main\n').write('.gitignore', 'bin/\n').commit('init');
    expect(uncoveredNames(repo.dir)).toEqual([]);
    repo.write('web/package.json', '{}\n').commit('a js part');
    expect(uncoveredNames(repo.dir)).toContain('.gitignore .env.local');
  });

  it('checks a plain directory (no repository) by its .gitignore files', () => {
    const dir = temp.dir();
    put(dir, '.gitignore', `${REQUIRED_ENV_NAMES.join('\n')}\n`);
    put(dir, 'svc/.env.qa', 'MODE=qa\n');
    expect(uncoveredNames(dir)).toEqual(['.gitignore .env.qa']);
  });
});

describe('env.tracked-but-ignored', () => {
  it('reports a tracked file the rules now ignore', () => {
    const repo = temp.repo();
    repo.write('.env', 'NODE_ENV=production\n').commit('add env').write('.gitignore', '.env\n').commit('ignore it');
    const found = scanJson(repo.dir).filter((f) => f.ruleId === 'env.tracked-but-ignored');
    expect(found.map((f) => f.path)).toEqual(['.env']);
    expect(found[0]?.details['untrack']).toBe('git rm --cached -- .env');
  });
});

describe('fix gitignore', () => {
  const checkIgnore = (repo: TestRepo, path: string) =>
    spawnSync('git', ['check-ignore', '-q', '--no-index', path], { cwd: repo.dir, env: testGitEnv() }).status;

  function monorepo(): TestRepo {
    const repo = temp.repo();
    return repo
      .write('.gitignore', 'node_modules/\n.env*\n')
      .write('package.json', '{}\n')
      .write('packages/web/package.json', '{}\n')
      .write('packages/web/.gitignore', '!.env.production\n')
      .commit('init')
      // The broad `.env*` hides the template: git add would refuse it until the fix.
      .writeUnstaged('packages/api/.env.example', 'API_KEY=\n');
  }

  it('makes git ignore every env name where it matters, keeps .env.example committable, and a scan reports nothing after', () => {
    const repo = monorepo();
    const run = runCli(['fix', 'gitignore', repo.dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('packages/web/.gitignore: added .env.production');
    for (const dir of ['', 'packages/web', 'packages/api']) {
      for (const name of REQUIRED_ENV_NAMES) expect(checkIgnore(repo, dir ? `${dir}/${name}` : name), `${dir}/${name}`).toBe(0);
      expect(checkIgnore(repo, dir ? `${dir}/.env.example` : '.env.example'), `${dir}/.env.example`).toBe(1);
    }
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toMatch(/^node_modules\/\n\.env\*\n#[^\n]*\n!\.env\.example\n$/);
    expect(uncoveredNames(repo.dir)).toEqual([]);
  });

  it('running it twice changes nothing', () => {
    const repo = monorepo();
    expect(runCli(['fix', 'gitignore', repo.dir]).code).toBe(0);
    const files = ['.gitignore', 'packages/web/.gitignore'].map((f) => readFileSync(join(repo.dir, f)));
    const again = runCli(['fix', 'gitignore', repo.dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to add');
    expect(['.gitignore', 'packages/web/.gitignore'].map((f) => readFileSync(join(repo.dir, f)))).toEqual(files);
  });

  it('creates a missing .gitignore, and --dry-run writes nothing', () => {
    const repo = temp.repo();
    repo.write('index.js', '1\n').commit('init');
    const dry = runCli(['fix', 'gitignore', '--dry-run', repo.dir]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('.gitignore (new file): would add .env');
    expect(existsSync(join(repo.dir, '.gitignore'))).toBe(false);
    expect(runCli(['fix', 'gitignore', repo.dir]).code).toBe(0);
    for (const name of REQUIRED_ENV_NAMES) expect(checkIgnore(repo, name)).toBe(0);
  });

  it('keeps CRLF line endings and a last line without newline', () => {
    expect(appendGitignoreLines('dist\r\nbuild', ['.env', '.env.local'])).toBe('dist\r\nbuild\r\n.env\r\n.env.local\r\n');
    expect(appendGitignoreLines('.env\n', ['.env'])).toBe('.env\n');
  });

  it('--untrack runs git rm --cached on tracked env files and leaves them on disk', () => {
    const repo = temp.repo();
    repo.write('.env', 'NODE_ENV=production\n').write('svc/.env.local', 'A=1\n').write('.env.example', 'A=\n').commit('init');
    const run = runCli(['fix', 'gitignore', '--untrack', repo.dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(repo.git('ls-files').split('\n').sort()).toEqual(['.env.example']);
    expect(existsSync(join(repo.dir, '.env'))).toBe(true);
    expect(existsSync(join(repo.dir, 'svc/.env.local'))).toBe(true);
    expect(run.stdout).toContain('untracked .env');
  });

  it('exits 2 on a path that does not exist', () => {
    expect(runCli(['fix', 'gitignore', join(temp.dir(), 'missing')]).code).toBe(2);
  });

  it('plans nothing when every name is covered', async () => {
    const repo = temp.repo();
    repo.write('.gitignore', `${REQUIRED_ENV_NAMES.join('\n')}\n`).commit('init');
    expect(planGitignore((await gatherRepoFacts(repo.dir, null))!)).toEqual([]);
  });
});
