// The package's public entry: `import { scan } from 'leakhound'` (the built bundle, by self-reference).
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';

it("import { scan } from 'leakhound' scans a tree and returns the ScanResult", async () => {
  // A computed specifier: resolved at run time through package.json "exports" (the bundle).
  const specifier = 'leakhound';
  const { scan, loadRules, VERSION } = (await import(specifier)) as typeof import('../src/index.js');
  const result = await scan({ path: join(REPO_ROOT, 'fixtures/worktree/ng/deploy') });
  expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  expect(result.mode).toBe('worktree');
  expect(result.summary.complete).toBe(true);
  expect(result.findings.map((f) => [f.ruleId, f.occurrences[0]!.path])).toEqual([['uri.postgres', 'database.yml']]);
  expect(result.findings[0]!.secret.endsWith('…')).toBe(true);
  expect(result.rules.length).toBeGreaterThanOrEqual(loadRules().length);
});
