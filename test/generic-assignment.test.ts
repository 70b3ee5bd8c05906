// The generic assignment rules (patterns/generic.yaml: generic.password, generic.secret) across
// languages and formats. The case table lives in fixtures/generic-assignment/cases.tsv (sample
// secrets stay out of test files); every line goes through the real detector with every shipped
// rule, so a provider rule that claims a line is part of what is tested.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKeywordAnchored } from '../src/detect/anchor.js';
import { createDetector } from '../src/detect/detect-text.js';
import { loadRules } from '../src/rules/load.js';

interface Case {
  expected: string;
  syntax: string;
  line: string;
}

function readCases(): Case[] {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'generic-assignment', 'cases.tsv'), 'utf8');
  return text
    .split('\n')
    .filter((row) => row !== '' && !row.startsWith('#'))
    .map((row) => {
      const [expected, syntax, ...rest] = row.split('\t');
      return { expected: expected!, syntax: syntax!, line: rest.join('\t').replace(/\\t/g, '\t') };
    });
}

const rules = loadRules();
const detector = createDetector(rules);
const cases = readCases();
const positives = cases.filter((c) => c.expected !== '-');
const negatives = cases.filter((c) => c.expected === '-');
const rule = (id: string) => rules.find((r) => r.id === id)!;

describe('generic assignment case table', () => {
  it('covers every syntax the issue names, both ways', () => {
    const syntaxes = (list: Case[]) => new Set(list.map((c) => c.syntax));
    for (const syntax of ['ts', 'xml', 'ps1', 'cs', 'java', 'go', 'py', 'rb', 'sh', 'ini', 'yaml', 'json']) {
      expect(syntaxes(positives).has(syntax), `positive ${syntax}`).toBe(true);
      expect(syntaxes(negatives).has(syntax), `negative ${syntax}`).toBe(true);
    }
    expect(positives.length).toBeGreaterThanOrEqual(40);
    expect(negatives.length).toBeGreaterThanOrEqual(80);
  });

  // Titles show the syntax and the row number, never the line (it holds a sample secret).
  it.each(positives.map((c, i) => [c.syntax, i + 1, c] as const))('finds the %s assignment of positive #%i', (_syntax, _n, c) => {
    const matches = detector.detect(c.line);
    expect(matches.map((m) => m.ruleId)).toEqual([c.expected]);
    // the reported secret is the value alone: no quote, separator or closing tag
    expect(matches[0]!.secret).toMatch(/^[^\s"'`<>]+$/);
    expect(c.line).toContain(matches[0]!.secret);
  });

  it.each(negatives.map((c, i) => [c.syntax, i + 1, c] as const))('reports nothing for %s negative #%i', (_syntax, _n, c) => {
    expect(detector.detect(c.line).map((m) => `${m.ruleId}: ${c.line}`)).toEqual([]);
  });
});

describe('generic assignment rules', () => {
  it('keep their permanent ids, the generic tag and keyword anchoring', () => {
    for (const id of ['generic.password', 'generic.secret']) {
      const r = rule(id);
      expect(r.tags).toContain('generic');
      // anchored: tried only where a keyword occurs, never scanned over the whole text
      expect(isKeywordAnchored(r.pattern, r.keywords), id).toBe(true);
    }
  });

  it('report the value, not the quotes, of a quoted assignment, at its column', () => {
    const value = ['Tq7', 'mWx2', 'LpR9'].join('#');
    const [match] = detector.detect(`const x = 1;\nconst password: string = "${value}";\n`);
    expect(match).toMatchObject({ ruleId: 'generic.password', secret: value, line: 2, column: 27 });
  });

  it('find every assignment of a multi-line config, and only those', () => {
    const first = ['Fz7', 'nK2', 'qWm5r'].join('!');
    const second = ['Jt3', 'wQ8', 'mKx5n'].join('@');
    const yaml = ['db:', `  password: ${first}`, '  password_min_length: 12', '  replica_password: ${REPLICA_PASSWORD}', `  admin_password: "${second}"`, ''].join('\n');
    expect(detector.detect(yaml).map((m) => [m.line, m.secret])).toEqual([
      [2, first],
      [5, second],
    ]);
  });

  it('leave a value a provider rule claims to the provider rule', () => {
    const line = cases.find((c) => c.expected === 'jetbrains.datasource-password')!.line;
    const ids = detector.detect(line).map((m) => m.ruleId);
    expect(ids).toEqual(['jetbrains.datasource-password']);
    // on its own, the generic rule would have reported the same value
    expect(createDetector([rule('generic.password')]).detect(line)).toHaveLength(1);
  });
});
