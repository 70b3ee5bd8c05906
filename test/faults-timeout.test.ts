// A per-blob time budget: a blob that makes a rule backtrack for ever becomes a named skip
// ('timeout') and an error of the scan (it was not scanned: incomplete, exit 2), the worker that
// was stuck on it is replaced, and the rest of the scan — blobs queued behind it included — is
// reported as usual. A small blob, detected in the scan's own
// thread, is held to the same budget when a user's own rule is in play. Runs the built library
// (the detection worker exists only in dist/).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blobBudgetMs, GUARDED_BLOB_BYTES } from '../src/detect-pool/pool.js';
import { createInThreadBudget } from '../src/detect-pool/in-thread-budget.js';
import type { Rule } from '../src/types.js';
import { REPO_ROOT, runCli, tempDir } from './helpers/cli.js';

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

it('a blob over the time budget is skipped as timeout and makes the scan incomplete; the other files are still scanned', async () => {
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
  expect(result.summary.errors).toEqual([{ path: 'a-pathological.txt', message: expect.stringMatching(/^not scanned: detection ran over its time budget \(\d+ ms\)$/) }]);
  expect(result.summary.complete).toBe(false);
}, 60_000);

/**
 * A config rule that passes the config's own checks (examples, negative examples, and `rules
 * check`'s crafted inputs, none of which is a long run of `q`) yet backtracks exponentially on
 * `tok=qqq…q!`: what a user's rule can do to a scan.
 */
const CATASTROPHIC_CONFIG = `rules:
  - id: custom.catastrophic-q
    name: Catastrophic custom rule
    description: A user's rule that backtracks exponentially on a long run of q.
    fix: None.
    pattern: 'tok=(?<secret>(q|qq)+)$'
    keywords: [tok=]
    severity: low
    examples: ['tok=qq']
    negative_examples: ['tok=zz']
`;

it('a small blob that hangs a config rule is skipped as timeout in a small scan; the rest is scanned, the CLI exits 2', async () => {
  const specifier = 'leakhound';
  const { scan } = (await import(specifier)) as typeof import('../src/index.js');
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const stripe = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets[4] as string;
  writeFileSync(join(dir.path, '.leakhound.yaml'), CATASTROPHIC_CONFIG);
  const pathological = `${'an ordinary line\n'.repeat(50)}tok=${'q'.repeat(64)}!`;
  expect(pathological.length).toBeLessThan(GUARDED_BLOB_BYTES); // detected in-thread, not in a guard worker
  writeFileSync(join(dir.path, 'a-pathological.txt'), pathological);
  writeFileSync(join(dir.path, 'b-config.py'), `STRIPE = "${stripe}"\n`);
  writeFileSync(join(dir.path, 'c-notes.txt'), 'tok=qqqq');

  const result = await scan({ path: dir.path, blobTimeoutMs: 1000 });

  expect(result.summary.skipped).toEqual([expect.objectContaining({ path: 'a-pathological.txt', reason: 'timeout' })]);
  expect(result.summary.skippedCounts.timeout).toBe(1);
  const found = result.findings.map((f) => [f.ruleId, f.occurrences[0]!.path]).sort();
  expect(found).toEqual([
    ['custom.catastrophic-q', 'c-notes.txt'],
    ['stripe.secret-key', 'b-config.py'],
  ]);
  expect(result.summary.errors).toEqual([{ path: 'a-pathological.txt', message: `not scanned: detection ran over its time budget (${blobBudgetMs(1000, pathological.length)} ms)` }]);
  expect(result.summary.complete).toBe(false);

  // The CLI: findings reported, the file named, exit 2 (not 1): a secret in that file may be missed.
  const run = runCli(['scan', dir.path, '--format', 'json']); // the default budget (5 s)
  expect(run.code).toBe(2);
  const report = JSON.parse(run.stdout) as { findings: unknown[]; summary: { complete: boolean; errors: { path: string }[] } };
  expect(report.findings).toHaveLength(2);
  expect(report.summary).toMatchObject({ complete: false, errors: [{ path: 'a-pathological.txt' }] });
}, 60_000);

describe('createInThreadBudget', () => {
  it('stops a job stuck in regex backtracking and reports it not done', () => {
    const regex = /tok=(?<secret>(q|qq)+)$/;
    const text = `tok=${'q'.repeat(64)}!`;
    expect(createInThreadBudget().run(() => regex.exec(text), 200)).toEqual({ done: false });
  });

  it('returns what a job returns within the budget, and the same budget runs again afterwards', () => {
    const budget = createInThreadBudget();
    expect(budget.run(() => /(q|qq)+$/.test(`${'q'.repeat(64)}!`), 100)).toEqual({ done: false });
    expect(budget.run(() => 'tok=qq'.length, 1000)).toEqual({ done: true, value: 6 });
  });

  it('puts Error.stackTraceLimit back when it stops a job that lowered it (the job\'s own finally never runs)', () => {
    const before = Error.stackTraceLimit;
    let finallyRan = false;
    const job = (): number => {
      const saved = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        for (;;);
      } finally {
        finallyRan = true;
        Error.stackTraceLimit = saved;
      }
    };
    expect(createInThreadBudget().run(job, 100)).toEqual({ done: false });
    expect(finallyRan).toBe(false); // why run() must restore it itself
    expect(Error.stackTraceLimit).toBe(before);
    expect(before).toBeGreaterThan(0);
  });

  it('lets an error of the job through', () => {
    expect(() =>
      createInThreadBudget().run(() => {
        throw new RangeError('from the job');
      }, 1000),
    ).toThrow(RangeError);
  });
});
