import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jwtSecretAnalyzer } from '../src/analyzers/jwt-secret.js';
import { gradeJwtSecret } from '../src/analyzers/jwt-secret-grade.js';
import { loadKnownJwtSecrets } from '../src/rules/known-secrets.js';
import { REPO_ROOT } from './helpers/cli.js';
import { analyzeBlob } from '../src/detect-pool/analyze-blob.js';
import { createBlobScanner } from '../src/detect-pool/blob-scanner.js';
import { detectText } from '../src/detect/detect-text.js';
import { loadRules } from '../src/rules/load.js';
import { scan } from '../src/scan.js';

const known = new Set(loadKnownJwtSecrets());
const FIXTURES = join(REPO_ROOT, 'fixtures', 'jwt', 'secrets');

/** Runs the analyzer on a fixture file as if it lived at `asPath`; returns `line:rule` keys. */
function analyze(file: string, asPath = file): string[] {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  if (!jwtSecretAnalyzer.applies(asPath, text)) return [];
  const matches = jwtSecretAnalyzer.analyze(text, asPath, { knownJwtSecrets: known });
  for (const m of matches) {
    // the match is exactly the literal's characters on its line
    const line = text.split('\n')[m.line - 1]!;
    expect(line.slice(m.column - 1, m.endColumn - 1)).toBe(m.secret);
    expect(JSON.stringify(m.details ?? {})).not.toContain(m.secret);
  }
  return matches.map((m) => `${m.line}:${m.ruleId}`).sort();
}

const BOTH = (line: number) => [`${line}:jwt.hardcoded-secret`, `${line}:jwt.weak-secret`];

describe('jwt.hardcoded-secret and jwt.weak-secret: positives', () => {
  it.each([
    ['sign-literal.js', BOTH(4)],
    ['const-key.ts', ['3:jwt.hardcoded-secret']],
    ['env-fallback.js', BOTH(3)],
    ['jose.ts', BOTH(3)],
    ['express-jwt.js', BOTH(5)],
    ['passport.ts', BOTH(6)],
    ['auth.module.ts', BOTH(8)],
    ['fastify.js', BOTH(4)],
    ['app.py', BOTH(4)],
    ['config.json', ['3:jwt.hardcoded-secret']],
    ['config.yaml', BOTH(4)],
    ['Dockerfile', BOTH(4)],
    ['docker-compose.yml', BOTH(6)],
    ['.github/workflows/ci.yml', BOTH(7)],
    ['Login.jsx', [...BOTH(3), '3:jwt.secret-in-client']],
    ['Verify.vue', [...BOTH(11), '11:jwt.secret-in-client']],
  ])('bad/%s', (file, expected) => {
    expect(analyze(`bad/${file}`)).toEqual([...expected].sort());
  });

  it('bad .env (stored as dot-env)', () => {
    expect(analyze('bad/dot-env', '.env')).toEqual(BOTH(2));
  });

  it('takes the algorithm from nearby code or config and reports it, never the secret', () => {
    const text = readFileSync(join(FIXTURES, 'bad/app.py'), 'utf8');
    const weak = jwtSecretAnalyzer.analyze(text, 'app.py', { knownJwtSecrets: known }).find((m) => m.ruleId === 'jwt.weak-secret')!;
    expect(weak.details).toMatchObject({ alg: 'HS512', requiredBytes: 64, reasons: ['too-short'] });
    const yaml = readFileSync(join(FIXTURES, 'bad/config.yaml'), 'utf8');
    expect(jwtSecretAnalyzer.analyze(yaml, 'config.yaml', { knownJwtSecrets: known })[0]!.details).toMatchObject({ alg: 'HS384' });
  });

  it('grades known defaults as critical', () => {
    const text = readFileSync(join(FIXTURES, 'bad/sign-literal.js'), 'utf8');
    const weak = jwtSecretAnalyzer.analyze(text, 'a.js', { knownJwtSecrets: known }).find((m) => m.ruleId === 'jwt.weak-secret')!;
    expect(weak.severity).toBe('critical');
    expect(weak.details).toMatchObject({ reasons: expect.arrayContaining(['known-default']) });
  });
});

describe('jwt secrets: negatives (the recommended practice)', () => {
  it.each([
    'server.js',
    'config.ts',
    'auth.module.ts',
    'app.py',
    'config.json',
    'config.yaml',
    'Dockerfile',
    'docker-compose.yml',
    '.github/workflows/ci.yml',
    'Profile.jsx',
    'Verify.vue',
    'comments.js',
    'report.json',
  ])('good/%s', (file) => {
    expect(analyze(`good/${file}`)).toEqual([]);
  });

  it('good .env.example placeholders', () => {
    expect(analyze('good/dot-env.example', '.env.example')).toEqual([]);
  });
});

describe('gradeJwtSecret', () => {
  const random = (bytes: number) => Buffer.from(Array.from({ length: bytes }, (_, i) => (i * 97 + 13) % 256)).toString('hex');
  it('needs 32/48/64 bytes for HS256/384/512', () => {
    expect(gradeJwtSecret(random(16), 'HS256', known).reasons).toEqual([]);
    expect(gradeJwtSecret(random(16), 'HS384', known).reasons).toEqual(['too-short']);
    expect(gradeJwtSecret(random(24), 'HS384', known).reasons).toEqual([]);
    expect(gradeJwtSecret(random(24), 'HS512', known).reasons).toEqual(['too-short']);
    expect(gradeJwtSecret(random(32), 'HS512', known).reasons).toEqual([]);
  });
  it('flags low entropy and known defaults', () => {
    expect(gradeJwtSecret('a'.repeat(40), 'HS256', known).reasons).toEqual(['low-entropy']);
    expect(gradeJwtSecret(['your', '256', 'bit', 'secret'].join('-'), 'HS256', known).reasons).toEqual(['too-short', 'known-default']);
  });
  it('ships at least 1,000 known defaults', () => {
    expect(known.size).toBeGreaterThanOrEqual(1000);
    for (const word of ['secret', 'changeme', 'mykey', 'jwt_secret']) expect(known.has(word)).toBe(true);
  });
});


describe('the known-defaults list reaches the analyzers through WorkerInit', () => {
  const text = readFileSync(join(FIXTURES, 'bad/sign-literal.js'), 'utf8');
  const enabledAnalyzerRules = ['jwt.hardcoded-secret', 'jwt.weak-secret'];
  const reasons = (knownJwtSecrets?: string[]) => {
    const scanner = createBlobScanner({ rules: [], enabledAnalyzerRules, ...(knownJwtSecrets ? { knownJwtSecrets } : {}) });
    const verdict = analyzeBlob(scanner, Buffer.from(text), 'sign-literal.js');
    return verdict.binary ? [] : verdict.matches.filter((m) => m.ruleId === 'jwt.weak-secret').flatMap((m) => m.details!.reasons as string[]);
  };
  it('is used when the init carries it, as a worker thread gets it', () => {
    expect(reasons([...known])).toContain('known-default');
    expect(reasons(undefined)).not.toContain('known-default');
  });
});

describe('one finding per problem', () => {
  it('a JWT finding shadows the generic rules on the same characters', async () => {
    const text = readFileSync(join(FIXTURES, 'bad/config.json'), 'utf8');
    // without the analyzer, the generic rule would report the same value
    expect(detectText(text, loadRules(), { path: 'config.json' }).map((m) => m.ruleId)).toContain('generic.secret');
    const result = await scan({ path: join(FIXTURES, 'bad'), workers: 0 });
    expect(result.findings.filter((f) => f.ruleId.startsWith('generic.'))).toEqual([]);
    const perPlace = new Map<string, string[]>();
    const ours = result.findings.filter((f) => /^(?:jwt|auth|generic)\./.test(f.ruleId));
    for (const f of ours) for (const o of f.occurrences) perPlace.set(`${o.path} ${o.line}`, [...(perPlace.get(`${o.path} ${o.line}`) ?? []), f.ruleId]);
    for (const rules of perPlace.values()) expect(new Set(rules).size).toBe(rules.length);
  });
});
