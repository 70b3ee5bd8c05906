// The labelled accuracy corpus (fixtures/accuracy/, scored by scripts/accuracy-lib.mjs): the
// shipped rules must keep recall and precision at or above the targets the README quotes.
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../src/detect/detect-text.js';
import { loadRules } from '../src/rules/load.js';
import { readCorpus, scoreCorpus, TARGETS, type CorpusFile } from '../scripts/accuracy-lib.mjs';

const corpusDir = join(import.meta.dirname, '..', 'fixtures', 'accuracy');
const rules = loadRules();
const familyOfRule = new Map(rules.map((rule) => [rule.id, rule.source.replace(/\.yaml$/, '')]));
const familyOf = (ruleId: string): string => familyOfRule.get(ruleId) ?? `unknown:${ruleId}`;
const detector = createDetector(rules);
const detect = (text: string) => detector.detect(text);

describe('accuracy corpus', () => {
  const corpus = readCorpus(corpusDir);

  it('is large and varied enough to mean something', () => {
    const labels = corpus.flatMap((file) => [...file.labels.values()]);
    expect(labels.filter((label) => label !== '-' && label !== '~').length).toBeGreaterThanOrEqual(600);
    expect(labels.filter((label) => label === '-').length).toBeGreaterThanOrEqual(600);
    const kinds = new Set(corpus.map((file) => extname(file.path) || file.path));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    // every expected rule exists, so a renamed rule cannot silently drop out of the score
    for (const label of new Set(labels)) if (label !== '-' && label !== '~') expect(familyOfRule.has(label), label).toBe(true);
  });

  it('meets the recall and precision targets', () => {
    const report = scoreCorpus(corpus, detect, familyOf);
    expect(report.overall.recall).toBeGreaterThanOrEqual(TARGETS.recall);
    expect(report.overall.precision).toBeGreaterThanOrEqual(TARGETS.precision);
    expect(report.meetsTargets).toBe(true);
  });

  it('scores a miss, a false alarm and a wrong-family hit as such', () => {
    // a tiny corpus built from parts: one line to flag, one not to, against a fake detector
    const file: CorpusFile = { path: 'x.env', text: 'A=1\nB=2\nC=3\n', labels: new Map([[1, 'fam.one'], [2, '-'], [3, 'fam.two']]) };
    const report = scoreCorpus([file], () => [{ ruleId: 'fam.one', line: 2 }, { ruleId: 'other.rule', line: 3 }], (id) => id.split('.')[0]!);
    expect(report.overall).toMatchObject({ positives: 2, truePositives: 1, falsePositives: 1, negatives: 1 });
    expect(report.misses.map((miss) => miss.expected)).toEqual(['fam.one', 'fam.two']);
    expect(report.byFamily.find((row) => row.family === 'fam')).toMatchObject({ positives: 2, truePositives: 0, falsePositives: 1 });
    expect(report.byFamily.find((row) => row.family === 'other')).toMatchObject({ falsePositives: 1 });
    expect(report.meetsTargets).toBe(false);
  });
});
