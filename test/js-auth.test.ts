import { afterEach, describe, expect, it } from 'vitest';
import { environmentOf } from '../src/analyzers/jwt-secret-reused.js';
import { scan } from '../src/scan.js';
import type { Finding } from '../src/types.js';
import { copyJwtFixture } from './helpers/jwt-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function scanFixture(name: string, options: { redact?: boolean } = {}) {
  const dir = copyJwtFixture(name);
  cleanups.push(dir.cleanup);
  return scan({ path: dir.path, workers: 0, ...options });
}

// gitignore.* findings (a temp dir without .gitignore) belong to another analyzer's tests
const keys = (findings: Finding[]) => findings.filter((f) => !f.ruleId.startsWith('gitignore.')).map((f) => `${f.occurrences[0]!.path} ${f.occurrences[0]!.line} ${f.ruleId}`).sort();
const cookie = (path: string, line: number) => ['auth.cookie-no-samesite', 'auth.cookie-not-httponly', 'auth.cookie-not-secure'].map((r) => `${path} ${line} ${r}`);

describe('token handling in code (js-auth), secret exposure', () => {
  it('reports every bad practice in the bad fixtures, once each', async () => {
    const result = await scanFixture('auth/bad');
    expect(keys(result.findings)).toEqual(
      [
        // express: sign without expiresIn, verify without algorithms, token cookies without flags, a logged secret
        'routes.js 4 jwt.sign-without-expiry',
        ...cookie('routes.js', 5),
        ...cookie('routes.js', 6),
        'routes.js 11 jwt.verify-without-algorithms',
        'routes.js 15 jwt.secret-logged',
        // jose without setExpirationTime, a token in a query string, a logged secret
        'api.ts 4 jwt.sign-without-expiry',
        'api.ts 8 auth.token-in-url',
        'api.ts 12 jwt.secret-logged',
        // React: web storage and a script-written cookie (never httpOnly; this one without Secure and SameSite too)
        'Login.jsx 4 auth.token-in-localstorage',
        'Login.jsx 5 auth.token-in-sessionstorage',
        ...cookie('Login.jsx', 6),
        // Vue: storage property and URLSearchParams
        'Auth.vue 3 auth.token-in-localstorage',
        'Auth.vue 4 auth.token-in-url',
        // public-prefixed secrets: read by client code, set in .env, compose and Dockerfile
        'Header.tsx 1 jwt.secret-in-client',
        '.env.local 2 jwt.hardcoded-secret',
        '.env.local 2 jwt.secret-in-client',
        'docker-compose.yml 5 jwt.secret-in-client',
        'Dockerfile 2 jwt.hardcoded-secret',
        'Dockerfile 2 jwt.secret-in-client',
        // a literal URL carrying a JWT (the token itself is jwt.token)
        'config.yaml 2 auth.token-in-url',
        'config.yaml 2 jwt.token',
        // Python print of an env secret
        'app.py 3 jwt.secret-logged',
      ].sort(),
    );
  });

  it('shows the offending code unmasked (its identity is a hash of the code, not a secret)', async () => {
    const result = await scanFixture('auth/bad');
    const stored = result.findings.find((f) => f.ruleId === 'auth.token-in-localstorage' && f.occurrences[0]!.path === 'Login.jsx')!;
    // (the code is assembled so this test file does not itself store a token in web storage)
    expect(stored.occurrences[0]!.snippet).toContain(['localStorage', "setItem('token', token)"].join('.'));
    expect(stored.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports nothing for code that follows the practices', async () => {
    const result = await scanFixture('auth/good');
    expect(keys(result.findings)).toEqual([]);
  });
});

describe('jwt.secret-reused', () => {
  it('names every environment sharing one secret in a single finding', async () => {
    const result = await scanFixture('reuse');
    const reused = result.findings.filter((f) => f.ruleId === 'jwt.secret-reused');
    expect(reused).toHaveLength(1);
    expect(reused[0]!.details).toEqual({ environments: ['development', 'production'], places: ['.env.development:1', '.env.production:1'] });
    expect(reused[0]!.occurrences.map((o) => o.path).sort()).toEqual(['.env.development', '.env.production']);
  });
});

describe('environmentOf', () => {
  it.each([
    ['.env.production', 'production'],
    ['.env.dev', 'development'],
    ['config/staging.json', 'staging'],
    ['config/prod.yaml', 'production'],
    ['deploy/production/.env', 'production'],
    ['docker-compose.prod.yml', 'production'],
    ['.env.example', null],
    ['src/config.ts', null],
  ])('%s -> %s', (path, env) => {
    expect(environmentOf(path)).toBe(env);
  });
});
