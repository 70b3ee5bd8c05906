// One problem, one finding: a generic rule (generic.*, env.secret-value) yields to a provider
// pattern or a specific analyzer that reports the same characters.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { scan } from '../src/scan.js';
import { REPO_ROOT, tempDir } from './helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const stripe = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets[4] as string;

it('reports each line of an env file under its most precise rule only', async () => {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const weakJwt = ['my', 'jwt', 'secret', '2024'].join('-');
  const dbPassword = ['Qv7', 'xT2', 'pLm9', 'Rw4z'].join('');
  writeFileSync(join(dir.path, '.env'), `JWT_SECRET=${weakJwt}\nSTRIPE_SECRET_KEY=${stripe}\nDB_PASSWORD=${dbPassword}\n`);
  const result = await scan({ path: dir.path, redact: false });
  // (an ignored .env would not be scanned at all; this one is not ignored, on purpose)
  const inEnv = result.findings.filter((f) => f.occurrences[0]!.path === '.env');
  const byLine = inEnv.map((f) => `${f.occurrences[0]!.line} ${f.ruleId}`).sort();
  expect(byLine).toEqual(['1 jwt.hardcoded-secret', '1 jwt.weak-secret', '2 stripe.secret-key', '3 env.secret-value']);
});
