// jwt.hardcoded-secret across files: a JWT key read from another module or config file is
// reported at the literal's line, with the use site in its details. Real CLI on real temp dirs
// (fixtures/jwt-cross-file/), a real git history, and the pure halves on small texts.
import { createHmac } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importBindings, importedReference } from '../src/analyzers/jwt-cross-file-uses.js';
import { literalExports } from '../src/analyzers/jwt-cross-file-exports.js';
import { relativeCandidates } from '../src/analyzers/jwt-cross-file-resolve.js';
import { REPO_ROOT, runCli, tempDir } from './helpers/cli.js';
import { useTempDirs } from './helpers/git-repo.js';

const FIXTURES = join(REPO_ROOT, 'fixtures', 'jwt-cross-file');
const temp = useTempDirs();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

interface ReportFinding {
  ruleId: string;
  severity: string;
  status: string;
  path: string;
  line: number;
  commit: string | null;
  details?: Record<string, unknown>;
}

function copy(name: string): string {
  const dir = tempDir('leakhound-xfile-');
  cleanups.push(dir.cleanup);
  cpSync(join(FIXTURES, name), dir.path, { recursive: true });
  return dir.path;
}

function scanJson(dir: string, ...args: string[]): { code: number; findings: ReportFinding[] } {
  const run = runCli(['scan', dir, '--format', 'json', ...args]);
  expect(run.stderr).toBe('');
  return { code: run.code, findings: (JSON.parse(run.stdout) as { findings: ReportFinding[] }).findings };
}

const jwtKeys = (findings: ReportFinding[]) =>
  findings.filter((f) => f.ruleId.startsWith('jwt.')).map((f) => `${f.ruleId} ${f.path}:${f.line}`).sort();

/** The single-quoted or double-quoted value on line `line` of a fixture file (read, never written here). */
function fixtureValue(file: string, line: number): string {
  const text = readFileSync(join(FIXTURES, file), 'utf8').split('\n')[line - 1]!;
  return /["']([^"']+)["'],?\s*$/.exec(text)![1]!;
}

describe('a JWT key read from another file (CLI, working tree)', () => {
  it.each([
    ['cjs', 'config/auth.js:5', 'routes/login.js:5', true],
    ['esm', 'config/auth.js:4', 'src/verify.mjs:5', false],
    ['named', 'src/keys.ts:1', 'src/auth.ts:5', true],
    ['json', 'config.json:4', 'server.js:4', true],
    ['nest', 'src/auth/constants.ts:2', 'src/auth/auth.module.ts:9', true],
  ])('%s: reported at the literal (%s), naming the use (%s)', (name, literalAt, usedAt, weak) => {
    const { code, findings } = scanJson(copy(name));
    expect(code).toBe(1);
    const expected = [`jwt.hardcoded-secret ${literalAt}`, ...(weak ? [`jwt.weak-secret ${literalAt}`] : [])];
    expect(jwtKeys(findings)).toEqual(expected.sort());
    for (const f of findings) expect(f.details).toMatchObject({ via: 'import', usedAt });
  });

  it('takes the algorithm from the use site (HS512 needs 64 bytes)', () => {
    const weak = scanJson(copy('named')).findings.find((f) => f.ruleId === 'jwt.weak-secret')!;
    expect(weak.details).toMatchObject({ alg: 'HS512', requiredBytes: 64, property: 'signingKey' });
  });

  it('grades the NestJS docs-style constant as a known default (critical)', () => {
    const weak = scanJson(copy('nest')).findings.find((f) => f.ruleId === 'jwt.weak-secret')!;
    expect(weak.severity).toBe('critical');
    expect(weak.details).toMatchObject({ property: 'jwtConstants.secret', usedAs: 'secret' });
  });

  it('follows the `config` package to config/*.json|yaml, and the same key in two environments is reused', () => {
    const { findings } = scanJson(copy('config-package'));
    expect(jwtKeys(findings)).toEqual(
      [
        'jwt.hardcoded-secret config/default.json:3',
        'jwt.hardcoded-secret config/development.yaml:4',
        'jwt.weak-secret config/development.yaml:4',
        'jwt.secret-reused config/development.yaml:4',
      ].sort(),
    );
    const reused = findings.find((f) => f.ruleId === 'jwt.secret-reused')!;
    expect(reused.details?.['places']).toEqual(['config/development.yaml:4', 'config/production.yaml:4']);
    expect(findings.find((f) => f.path === 'config/default.json')!.details).toMatchObject({ usedAt: 'src/app.js:4', property: 'tokens.hmac' });
  });

  it('cracks a committed token signed with the cross-file key and names where the key lives', () => {
    const dir = copy('cjs');
    const key = fixtureValue('cjs/config/auth.js', 5);
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: '42', exp: 1893456000 })}`;
    const token = `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
    writeFileSync(join(dir, 'sample-token.js'), `module.exports = '${token}';\n`);
    const cracked = scanJson(dir).findings.find((f) => f.ruleId === 'jwt.weak-signature')!;
    expect(cracked.path).toBe('sample-token.js');
    expect(cracked.details).toMatchObject({ keySource: 'scan', keyPath: 'config/auth.js', keyLine: 5 });
  });

  it('honours an inline allow on the literal line', () => {
    const dir = copy('cjs');
    const file = join(dir, 'config', 'auth.js');
    writeFileSync(file, readFileSync(file, 'utf8').replace("-2024',", "-2024', // leakhound:allow test fixture"));
    const { code, findings } = scanJson(dir);
    expect(jwtKeys(findings)).toEqual([]);
    expect(code).toBe(0);
  });

  it('finds it when the using file is big enough to be detected in a worker thread', () => {
    const dir = copy('cjs');
    const file = join(dir, 'routes', 'login.js');
    const padding = '// routine comment line that pads this file past the worker threshold\n'.repeat(5000);
    writeFileSync(file, padding + readFileSync(file, 'utf8'));
    const { findings } = scanJson(dir);
    expect(jwtKeys(findings)).toEqual(['jwt.hardcoded-secret config/auth.js:5', 'jwt.weak-secret config/auth.js:5']);
    expect(findings[0]!.details).toMatchObject({ usedAt: 'routes/login.js:5005' });
  });
});

describe('no finding without a literal used as a JWT key', () => {
  it.each([
    ['neg-env', 'the config value is read from process.env'],
    ['neg-unused', 'a neutral-named literal that is not used as a JWT key'],
  ])('%s: %s', (name) => {
    const { code, findings } = scanJson(copy(name));
    expect(findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual([]);
    expect(code).toBe(0);
  });

  it('a disabled jwt.hardcoded-secret rule reports nothing cross-file', () => {
    const dir = copy('cjs');
    writeFileSync(join(dir, '.leakhound.yaml'), 'disable:\n  - jwt.hardcoded-secret\n  - jwt.weak-secret\n');
    expect(jwtKeys(scanJson(dir).findings)).toEqual([]);
  });
});

describe('--history: the config module in one commit, its use in a later one', () => {
  it('reports the literal at the commit that introduced it, history-only once it moved to the environment', () => {
    const repo = temp.repo();
    const read = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
    repo.write('config/auth.js', read('cjs/config/auth.js')).commit('config');
    const introduced = repo.head();
    repo.write('README.md', 'notes api\n').commit('docs');
    repo.write('routes/login.js', read('cjs/routes/login.js')).commit('login route');
    const used = repo.head();
    repo.write('config/auth.js', read('neg-env/config/auth.js')).commit('key from the environment');

    const { code, findings } = scanJson(repo.dir, '--history');
    expect(code).toBe(1);
    expect(jwtKeys(findings)).toEqual(['jwt.hardcoded-secret config/auth.js:5', 'jwt.weak-secret config/auth.js:5']);
    for (const f of findings) {
      expect(f.commit).toBe(introduced);
      expect(f.status).toBe('history-only');
      expect(f.details).toMatchObject({ usedAt: 'routes/login.js:5', usedAtCommit: used });
    }
    // the working tree alone has no literal left
    expect(jwtKeys(scanJson(repo.dir).findings)).toEqual([]);
  });
});

describe('--since (range): only literals the commits introduce', () => {
  // A range scan reads only the files its commits change: the use must be among them too.
  it('a config edit that keeps the key is not new; one that changes the key is', () => {
    const repo = temp.repo();
    const config = readFileSync(join(FIXTURES, 'cjs/config/auth.js'), 'utf8');
    const login = readFileSync(join(FIXTURES, 'cjs/routes/login.js'), 'utf8');
    repo.write('config/auth.js', config).write('routes/login.js', login).commit('app');
    repo.write('config/auth.js', config.replace("ttl: '1h'", "ttl: '2h'")).write('routes/login.js', login.replace("'1h'", "'2h'")).commit('longer ttl');
    expect(jwtKeys(scanJson(repo.dir, '--since', 'HEAD~1').findings)).toEqual([]);

    repo.write('config/auth.js', config.replace("-2024',", "-2025',")).write('routes/login.js', login).commit('new key');
    const { code, findings } = scanJson(repo.dir, '--since', 'HEAD~1');
    expect(jwtKeys(findings)).toEqual(['jwt.hardcoded-secret config/auth.js:5', 'jwt.weak-secret config/auth.js:5']);
    expect(code).toBe(1);
  });
});

describe('the pure halves', () => {
  it('binds imported names to module and property path', () => {
    const text = [
      "const cfg = require('./cfg').auth;",
      "const { tokens, other: renamed } = require('../settings');",
      "import def, { signingKey as sk } from './keys.js';",
      "import * as all from './all';",
      "import express from 'express';",
    ].join('\n');
    expect(Object.fromEntries(importBindings(text))).toEqual({
      cfg: { specifier: './cfg', property: ['auth'] },
      tokens: { specifier: '../settings', property: ['tokens'] },
      renamed: { specifier: '../settings', property: ['other'] },
      sk: { specifier: './keys.js', property: ['signingKey'] },
      def: { specifier: './keys.js', property: ['default'] },
      all: { specifier: './all', property: [] },
    });
  });

  it('follows members, wrappers, inline requires and one local alias', () => {
    const text = "const cfg = require('./cfg');\nconst key = cfg.jwt['signing-key'];\n";
    const imports = importBindings(text);
    expect(importedReference('Buffer.from(cfg.a.b!)', imports, text)).toEqual({ specifier: './cfg', property: ['a', 'b'] });
    expect(importedReference("require('../c').x", imports, text)).toEqual({ specifier: '../c', property: ['x'] });
    expect(importedReference('key', imports, text)).toEqual({ specifier: './cfg', property: ['jwt', 'signing-key'] });
    expect(importedReference('process.env.JWT_SECRET', imports, text)).toBeNull();
    expect(importedReference("other.get('a')", imports, text)).toBeNull();
  });

  it('reads exported string leaves with their property paths', () => {
    const literal = (n: number) => `v${n}-${'x'.repeat(12)}`;
    const text = [
      `const K = '${literal(1)}';`,
      'module.exports = {',
      '  // comment',
      `  auth: { signingKey: K, 'quoted-key': '${literal(2)}', nested: { key: process.env.K || '${literal(3)}' } },`,
      '  helper() { return 1; },',
      '  port: 80,',
      '};',
    ].join('\n');
    const leaves = literalExports(text, 'config/app.js').map((l) => `${l.property.join('.')}=${l.value} (${l.via})`);
    expect(leaves.sort()).toEqual(
      [`auth.signingKey=${literal(1)} (constant)`, `auth.quoted-key=${literal(2)} (literal)`, `auth.nested.key=${literal(3)} (fallback)`].sort(),
    );
  });

  it('resolves relative specifiers the way Node and TypeScript do', () => {
    expect(relativeCandidates('src/routes/login.ts', '../config.js')).toEqual(expect.arrayContaining(['src/config.js', 'src/config.ts']));
    expect(relativeCandidates('a.js', './lib')).toEqual(expect.arrayContaining(['lib.js', 'lib/index.js']));
    expect(relativeCandidates('a.js', '../outside')).toEqual([]);
  });
});
