#!/usr/bin/env node
// `npm run accuracy`: runs the shipped pattern rules over the labelled corpus in
// fixtures/accuracy/ and prints recall, precision and F1 overall and per rule family (the
// patterns/ file a rule comes from). Exits 1 when the targets are not met. Needs dist/ (the npm
// script builds it first).

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDetector, loadRules } from '../dist/index.js';
import { formatReport, readCorpus, scoreCorpus } from './accuracy-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rules = loadRules();
const familyOfRule = new Map(rules.map((rule) => [rule.id, rule.source.replace(/\.yaml$/, '')]));
const familyOf = (ruleId) => {
  const family = familyOfRule.get(ruleId);
  if (family === undefined) throw new Error(`the corpus expects unknown rule "${ruleId}"`);
  return family;
};
const detector = createDetector(rules);
const report = scoreCorpus(readCorpus(join(root, 'fixtures', 'accuracy')), (text, path) => detector.detect(text, { path }), familyOf);
console.log(`${rules.length} rules`);
console.log(formatReport(report));
process.exitCode = report.meetsTargets ? 0 : 1;
