// Big inputs without big copies: the keyword scan turns a text into bytes a chunk at a time
// (keywords across a chunk boundary must still be found, at the right offsets), and a big
// work-tree file is moved to its detection worker, not copied (it must still be scanned whole
// and counted at its full size).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrefilter } from '../src/detect/prefilter.js';
import { GUARDED_BLOB_BYTES } from '../src/detect-pool/pool.js';
import type { Rule } from '../src/types.js';
import { REPO_ROOT, tempDir } from './helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function keywordRule(keyword: string): Rule {
  const pattern = `${keyword}(?<secret>[0-9]{6})`;
  return {
    id: 'test.keyword',
    name: 'Keyword test rule',
    description: 'A rule for the keyword scan.',
    fix: 'None.',
    severity: 'low',
    tags: ['test'],
    pattern,
    regex: new RegExp(pattern, 'gd'),
    keywords: [keyword],
    placeholderFilter: false,
    examples: [],
    negativeExamples: [],
    source: 'test',
  };
}

describe('keyword scan over a text longer than one chunk', () => {
  const MiB = 1024 * 1024;

  it('finds a keyword at every offset around a chunk boundary, and nowhere else', () => {
    const rule = keywordRule('zebra_');
    const prefilter = createPrefilter([rule]);
    for (const boundary of [MiB, 2 * MiB]) {
      for (let shift = -6; shift <= 1; shift++) {
        const at = boundary + shift;
        const text = `${'x'.repeat(at)}ZEBRA_123456${'y'.repeat(100)}`;
        const scan = prefilter.scan(text);
        expect(scan.candidates).toEqual([rule]);
        expect(scan.positionsOf(rule)).toEqual([at]);
      }
    }
  });

  it('keeps offsets aligned when the text has characters beyond Latin-1', () => {
    const rule = keywordRule('zebra_');
    const head = '€'.repeat(MiB - 2); // one UTF-16 unit each, as offsets count them
    const text = `${head}zebra_000001 zebra_000002`;
    expect(createPrefilter([rule]).scan(text).positionsOf(rule)).toEqual([MiB - 2, MiB - 2 + 13]);
  });

  it('finds nothing in a text without the keyword', () => {
    const rule = keywordRule('zebra_');
    expect(createPrefilter([rule]).scan('zebr'.repeat(MiB / 2)).candidates).toEqual([]);
  });
});

it('a big work-tree file moved to the guard worker is scanned whole and counted at its size', async () => {
  const specifier = 'leakhound';
  const { scan } = (await import(specifier)) as typeof import('../src/index.js');
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const stripe = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets[4] as string;
  // Two files over the guard size: the first goes to an idle worker (moved), the second may
  // queue behind it (copied); both must be read in full.
  const padding = 'const ordinary = "line of code";\n'.repeat(Math.ceil((GUARDED_BLOB_BYTES * 1.5) / 33));
  const big = [`${padding}const key = "${stripe}";\n`, `${padding}${padding}// end\nconst again = "${stripe}";\n`];
  writeFileSync(join(dir.path, 'a-bundle.js'), big[0]!);
  writeFileSync(join(dir.path, 'b-bundle.js'), big[1]!);
  writeFileSync(join(dir.path, 'c-small.txt'), 'nothing here\n');

  const result = await scan({ path: dir.path, workers: 2 });

  expect(result.summary.bytesScanned).toBe(Buffer.byteLength(big[0]!) + Buffer.byteLength(big[1]!) + 'nothing here\n'.length);
  expect(result.summary.filesScanned).toBe(3);
  const stripeFinding = result.findings.find((f) => f.ruleId === 'stripe.secret-key');
  expect(stripeFinding?.occurrences.map((o) => [o.path, o.line]).sort()).toEqual([
    ['a-bundle.js', padding.split('\n').length],
    ['b-bundle.js', 2 * (padding.split('\n').length - 1) + 2],
  ]);
  expect(result.summary.complete).toBe(true);
}, 60_000);
