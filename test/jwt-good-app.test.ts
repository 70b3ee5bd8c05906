import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';
import { runCli } from './helpers/cli.js';
import { copyJwtFixture } from './helpers/jwt-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('a correct Express + React app (fixtures/jwt/good-app)', () => {
  it('has zero findings from the whole scanner (every rule and analyzer)', async () => {
    const dir = copyJwtFixture('good-app');
    cleanups.push(dir.cleanup);
    const result = await scan({ path: dir.path, workers: 0 });
    expect(result.summary.filesScanned).toBeGreaterThanOrEqual(12);
    expect(result.findings.map((f) => `${f.ruleId} ${f.occurrences[0]!.path}:${f.occurrences[0]!.line}`)).toEqual([]);
  });

  it('passes the built CLI with exit code 0', () => {
    const dir = copyJwtFixture('good-app');
    cleanups.push(dir.cleanup);
    const run = runCli(['scan', dir.path]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
