// A per-blob time budget: a blob that makes a rule backtrack for ever becomes a named skip
// ('timeout'), the worker that was stuck on it is replaced, and the rest of the scan — blobs
// queued behind it included — is reported as usual. Runs the built library (the detection
// worker exists only in dist/).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Rule } from '../src/types.js';
import { REPO_ROOT, tempDir } from './helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A custom rule with nested quantifiers: exponential on a long run of `a` with no match at the end. */
function catastrophicRule(): Rule {
  const pattern = 'tok=(?<secret>(a|aa)+)$';
  return {
    id: 'custom.catastrophic',
    name: 'Catastrophic custom rule',
    description: 'A test rule that backtracks exponentially.',
    fix: 'None.',
    severity: 'low',
    tags: ['test'],
    pattern,
    regex: new RegExp(pattern, 'gd'),
    keywords: ['tok='],
    placeholderFilter: false,
    examples: [],
    negativeExamples: [],
    source: 'test',
  };
}

it('a blob over the time budget is skipped as timeout; the other files are still scanned', async () => {
  const specifier = 'leakhound';
  const { scan, loadRules } = (await import(specifier)) as typeof import('../src/index.js');
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const stripe = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets[4] as string;
  // Big enough (> GUARDED_BLOB_BYTES) to be detected in a worker even in this small scan.
  const padding = 'just an ordinary line of text\n'.repeat(12_000);
  writeFileSync(join(dir.path, 'a-pathological.txt'), `${padding}tok=${'a'.repeat(60)}!`);
  writeFileSync(join(dir.path, 'b-config.py'), `STRIPE = "${stripe}"\n`);
  writeFileSync(join(dir.path, 'c-notes.txt'), 'tok=aaaa');

  const result = await scan({ path: dir.path, rules: [...loadRules(), catastrophicRule()], blobTimeoutMs: 1500, workers: 2 });

  expect(result.summary.skippedCounts.timeout).toBe(1);
  expect(result.summary.skipped).toEqual([expect.objectContaining({ path: 'a-pathological.txt', reason: 'timeout' })]);
  const found = result.findings.map((f) => [f.ruleId, f.occurrences[0]!.path]).sort();
  expect(found).toEqual([
    ['custom.catastrophic', 'c-notes.txt'],
    ['stripe.secret-key', 'b-config.py'],
  ]);
  expect(result.summary.filesScanned).toBe(2);
  expect(result.summary.errors).toEqual([]);
}, 60_000);
