import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';
import { copyJwtFixture } from './helpers/jwt-fixtures.js';
import type { Finding } from '../src/types.js';
import { REPO_ROOT } from './helpers/cli.js';
import { useTempDirs } from './helpers/git-repo.js';

const JWT = join(REPO_ROOT, 'fixtures', 'jwt');
const temp = useTempDirs();

/** Every occurrence (a token committed in two files is one finding with two occurrences). */
const keys = (findings: Finding[]) => findings.flatMap((f) => f.occurrences.map((o) => `${o.path} ${o.line} ${f.ruleId}`)).sort();

async function scanTokens(options: { redact?: boolean } = {}) {
  const dir = copyJwtFixture('tokens');
  try {
    return await scan({ path: dir.path, workers: 0, ...options });
  } finally {
    dir.cleanup();
  }
}

describe('committed JWTs: decoding analyzers and offline HMAC check', () => {
  it('reports alg none, missing exp and keys it can verify, and nothing else', async () => {
    const result = await scanTokens();
    expect(keys(result.findings.filter((f) => !f.ruleId.startsWith('gitignore.')))).toEqual(
      [
        '.env 1 jwt.token',
        '.env 1 jwt.weak-signature',
        // no env.secret-value: a generic rule yields to jwt.token on the same value
        'Preview.jsx 1 jwt.no-expiry',
        'Preview.jsx 1 jwt.token',
        'Session.vue 3 jwt.alg-none',
        'docker-compose.yml 4 jwt.token',
        'Dockerfile 2 jwt.token',
        'Dockerfile 2 jwt.weak-signature',
        'noexp.json 2 jwt.no-expiry',
        'noexp.json 2 jwt.token',
        'settings.yaml 1 jwt.hardcoded-secret',
        'strong.test.ts 2 jwt.token',
        'unsigned.yaml 2 jwt.alg-none',
        'unsigned.yaml 3 jwt.alg-none',
        'weak.test.js 2 jwt.token',
        'weak.test.js 2 jwt.weak-signature',
      ].sort(),
    );
  });

  it('names where the key lives (a finding of the scan or the known-defaults list), never the key', async () => {
    const result = await scanTokens({ redact: false });
    const weak = result.findings.filter((f) => f.ruleId === 'jwt.weak-signature');
    const byPath = new Map(weak.map((f) => [f.occurrences[0]!.path, f.details]));
    expect(byPath.get('weak.test.js')).toEqual({ alg: 'HS256', keySource: 'known-defaults list' });
    const key = result.findings.find((f) => f.ruleId === 'jwt.hardcoded-secret')!;
    expect(byPath.get('Dockerfile')).toMatchObject({ alg: 'HS512', keySource: 'scan', keyPath: 'settings.yaml', keyLine: 1, keyFindingId: key.id });
    expect(JSON.stringify(weak.map((f) => f.details))).not.toContain(key.secret);
  });

  it('finds the token signed with `secret` and not the one signed with a random 256-bit key', async () => {
    const result = await scanTokens();
    const weakPaths = result.findings.filter((f) => f.ruleId === 'jwt.weak-signature').map((f) => f.occurrences[0]!.path);
    expect(weakPaths).toContain('weak.test.js');
    expect(weakPaths).not.toContain('strong.test.ts');
    expect(weakPaths).not.toContain('docker-compose.yml');
  });
});

describe('JWT secrets in history', () => {
  it('reports a weak secret that lives only in an old commit as history-only', async () => {
    const repo = temp.repo();
    repo.write('config/default.json', readFileSync(join(JWT, 'history', 'config-v1.json'))).commit('config');
    repo.write('config/default.json', readFileSync(join(JWT, 'history', 'config-v2.json'))).commit('read the key from the environment');
    const result = await scan({ path: repo.dir, history: true, workers: 0 });
    const jwt = result.findings.filter((f) => f.ruleId.startsWith('jwt.'));
    expect(jwt.map((f) => [f.ruleId, f.status, f.occurrences[0]!.line, f.occurrences[0]!.commit?.sha]).sort()).toEqual([
      ['jwt.hardcoded-secret', 'history-only', 3, repo.head('HEAD~1')],
      ['jwt.weak-secret', 'history-only', 3, repo.head('HEAD~1')],
    ]);
    const worktree = await scan({ path: repo.dir, workers: 0 });
    expect(worktree.findings.filter((f) => f.ruleId.startsWith('jwt.'))).toEqual([]);
  });
});
