import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hookScript } from '../src/hook/hook-script.js';
import { assertStrongSecrets, WeakSecretError } from '../src/secrets/assert.js';
import { generateKey, upsertEnvLine } from '../src/secrets/generate.js';
import { loadKnownJwtSecrets } from '../src/rules/known-secrets.js';
import { CLI, REPO_ROOT, runCli, tempDir } from './helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function temp(): string {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  return dir.path;
}

/** A known default (the first entry of the shipped list), so no weak literal sits in this file. */
const knownDefault = loadKnownJwtSecrets()[0]!;
const NAME = 'JWT_SECRET';

describe('leakhound generate', () => {
  it.each([
    ['HS256', 32],
    ['HS384', 48],
    ['HS512', 64],
  ])('%s: %i random bytes, base64url by default or hex', (alg, bytes) => {
    const b64 = runCli(['generate', '--alg', alg]);
    expect(b64.code).toBe(0);
    const key = b64.stdout.trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(key, 'base64url')).toHaveLength(bytes);
    const hex = runCli(['generate', '--alg', alg, '--encoding', 'hex']).stdout.trim();
    expect(hex).toMatch(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
    expect(runCli(['generate', '--alg', alg]).stdout.trim()).not.toBe(key);
  });

  it('replaces the key in an existing env file, other lines untouched, without printing it', () => {
    const dir = temp();
    const file = join(dir, '.env');
    const before = ['# app settings', 'PORT=3000', `export ${NAME}=old-value-to-replace`, 'DATABASE_URL=postgres://localhost/app', ''].join('\n');
    writeFileSync(file, before, { mode: 0o640 });
    const run = runCli(['generate', '--env-file', file, '--key', NAME]);
    expect(run.code).toBe(0);
    const after = readFileSync(file, 'utf8').split('\n');
    const key = after[2]!.slice(`export ${NAME}=`.length);
    expect(after[2]!.startsWith(`export ${NAME}=`)).toBe(true);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect([...after.slice(0, 2), ...after.slice(3)]).toEqual([...before.split('\n').slice(0, 2), ...before.split('\n').slice(3)]);
    expect(run.stdout + run.stderr).not.toContain(key);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('creates a new env file with mode 600 (--dotenv: Node.js 20 takes --env-file of a missing file for itself)', () => {
    const file = join(temp(), '.env.production');
    const run = runCli(['generate', '--alg', 'HS512', '--dotenv', file, '--key', NAME]);
    expect(run.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(new RegExp(`^${NAME}=[A-Za-z0-9_-]{86}\\n$`));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run.stdout + run.stderr).not.toContain(text.trim().split('=')[1]!);
  });

  it('rejects --env-file without --key', () => {
    const run = runCli(['generate', '--dotenv', join(temp(), 'x.env')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--env-file and --key go together');
  });

  it('upsertEnvLine appends when the name is absent and keeps CRLF files CRLF', () => {
    expect(upsertEnvLine('A=1', 'B', 'v')).toBe('A=1\nB=v\n');
    expect(upsertEnvLine('A=1\r\nB=2\r\n', 'B', 'v')).toBe('A=1\r\nB=v\r\n');
    expect(upsertEnvLine('', 'B', 'v')).toBe('B=v\n');
  });
});

describe('leakhound check-env', () => {
  const strong = generateKey('HS256');

  it('exits 0 when every required secret is set and strong', () => {
    const run = runCli(['check-env'], { env: { [NAME]: strong } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${NAME}: ok`);
    expect(run.stdout + run.stderr).not.toContain(strong);
  });

  it('exits 2 and lists every missing name', () => {
    const run = runCli(['check-env', '--require', `${NAME},JWT_REFRESH_SECRET,SESSION_KEY`], { env: { [NAME]: strong } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('JWT_REFRESH_SECRET: missing');
    expect(run.stderr).toContain('SESSION_KEY: missing');
    expect(run.stdout + run.stderr).not.toContain(strong);
  });

  it('exits 1 for a known default, a short key for the algorithm, or low entropy, never printing values', () => {
    const cases = [knownDefault, generateKey('HS256'), 'ab'.repeat(40)];
    for (const [i, value] of cases.entries()) {
      const run = runCli(['check-env', '--alg', i === 1 ? 'HS512' : 'HS256'], { env: { [NAME]: value } });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${NAME}: weak`);
      expect(run.stdout + run.stderr).not.toContain(value);
    }
  });

  it('reads an env file instead of the environment', () => {
    const file = join(temp(), 'deploy.env');
    writeFileSync(file, `${NAME}=${knownDefault}\nOTHER=${strong}\n`);
    const weak = runCli(['check-env', '--env-file', file], { env: { [NAME]: strong } });
    expect(weak.code).toBe(1);
    expect(weak.stdout + weak.stderr).not.toContain(knownDefault + '\n');
    const ok = runCli(['check-env', '--env-file', file, '--require', 'OTHER']);
    expect(ok.code).toBe(0);
  });
});

describe('assertStrongSecrets', () => {
  it('passes for generated keys of the right length', () => {
    expect(() => assertStrongSecrets([NAME], { env: { [NAME]: generateKey('HS384') }, alg: 'HS384' })).not.toThrow();
  });

  it('throws a WeakSecretError naming missing and weak secrets, without values', () => {
    const env = { [NAME]: knownDefault };
    let error: unknown;
    try {
      assertStrongSecrets([NAME, 'JWT_REFRESH_SECRET'], { env, alg: 'HS256' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(WeakSecretError);
    const message = (error as Error).message;
    expect(message).toContain('JWT_REFRESH_SECRET: missing');
    expect(message).toContain(`${NAME}: weak`);
    expect(message).not.toContain(`${knownDefault} `);
    expect((error as WeakSecretError).check.weak[0]!.reasons).toContain('known-default');
  });
});

/**
 * Node scans every argument for `--env-file`, even after the script's path, and exits (9, "node:
 * FILE: not found") before leakhound runs when the file does not exist. `node -- script` stops
 * that; the npm script and the git hooks start leakhound so. The bin keeps the portable
 * `#!/usr/bin/env node` (BusyBox and BSD env have no -S): there `--dotenv` is the spelling.
 */
describe('--env-file reaches leakhound, not node', () => {
  const run = (argv: string[]) => {
    const r = spawnSync(argv[0]!, argv.slice(1), { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status ?? -1, out: r.stdout + r.stderr };
  };

  it('generate --env-file creates a new file (mode 600, value never printed) when started as node -- bin/leakhound.js', () => {
    const file = join(temp(), '.env.production');
    const result = run([process.execPath, '--', CLI, 'generate', '--env-file', file, '--key', NAME]);
    expect(result.code).toBe(0);
    const value = readFileSync(file, 'utf8').match(new RegExp(`^${NAME}=([A-Za-z0-9_-]{43})\\n$`))?.[1];
    expect(value).toBeDefined();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(result.out).not.toContain(value!);
  });

  it('check-env --env-file of a missing file exits 2 with leakhound\'s message, not node\'s', () => {
    const missing = join(temp(), 'missing.env');
    const result = run([process.execPath, '--', CLI, 'check-env', '--env-file', missing]);
    expect(result.code).toBe(2);
    expect(result.out).toContain(`cannot read ${missing}`);
    expect(result.out).not.toContain('node:');
  });

  it('through the executable bin (its shebang): --dotenv creates a new file, --env-file reads an existing one', () => {
    const dir = temp();
    const created = run([CLI, 'generate', '--dotenv', join(dir, '.env'), '--key', NAME]);
    expect(created.code).toBe(0);
    const value = readFileSync(join(dir, '.env'), 'utf8').trim().split('=')[1]!;
    expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(created.out).not.toContain(value);
    const checked = run([CLI, 'check-env', '--env-file', join(dir, '.env')]);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain(`${NAME}: ok (HS256)`);
    expect(checked.out).not.toContain(value);
  });

  it('the npm script and the git hooks end node\'s options before the script', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.leakhound).toMatch(/\bnode -- bin\/leakhound\.js$/);
    for (const hook of ['pre-push', 'pre-commit'] as const) {
      expect(hookScript(hook, { node: '/opt/node/bin/node', cli: '/app/bin/leakhound.js' }, '/repo/.git/hooks/x')).toContain(
        "'/opt/node/bin/node' -- '/app/bin/leakhound.js' ",
      );
    }
    // the hook line really runs: `node -- cli --version`
    expect(existsSync(CLI)).toBe(true);
    expect(run([process.execPath, '--', CLI, '--version']).code).toBe(0);
  });
});
