// The shipped rules, run through the real loader and detector, and the loader's error reports.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { detectText } from '../src/detect/detect-text.js';
import { checkRules } from '../src/rules/check.js';
import { defaultPatternsDir, loadRules, parseRules } from '../src/rules/load.js';

const rules = loadRules();
const invalidDir = join(import.meta.dirname, '..', 'fixtures', 'rules', 'invalid');

describe('shipped rules', () => {
  it('finds the patterns folder next to package.json', () => {
    const dir = defaultPatternsDir();
    expect(basename(dir)).toBe('patterns');
    expect(existsSync(join(dir, '..', 'package.json'))).toBe(true);
  });

  it('loads at least 45 rules with unique, well-formed ids and the base tags', () => {
    expect(rules.length).toBeGreaterThanOrEqual(45);
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/);
      expect(rule.tags).toEqual(expect.arrayContaining(['security', 'secret']));
      expect(rule.regex.flags).toContain('g');
      expect(rule.regex.flags).toContain('d');
      expect(rule.source).toMatch(/\.yaml$/);
    }
  });

  it('does not load the template', () => {
    expect(rules.some((rule) => rule.source === '_template.yaml')).toBe(false);
    // ...but the template itself is a valid rule file, so it documents working syntax.
    const template = parseRules(readFileSync(join(defaultPatternsDir(), '_template.yaml'), 'utf8'), '_template.yaml');
    expect(template.problems).toEqual([]);
    expect(checkRules(template.rules)).toEqual([]);
  });

  // One case per rule, titled by its id only: examples are secret-shaped and stay out of titles.
  it.each(rules.map((rule) => [rule.id, rule] as const))('%s: examples match, negative examples do not', (_id, rule) => {
    expect(rule.examples.length).toBeGreaterThan(0);
    expect(rule.negativeExamples.length).toBeGreaterThan(0);
    rule.examples.forEach((example, index) => {
      const hits = detectText(example, rules).filter((match) => match.ruleId === rule.id);
      expect(hits.length, `example #${index + 1}`).toBeGreaterThan(0);
      for (const hit of hits) expect(example).toContain(hit.secret);
    });
    rule.negativeExamples.forEach((example, index) => {
      const hits = detectText(example, rules).filter((match) => match.ruleId === rule.id);
      expect(hits.length, `negative example #${index + 1}`).toBe(0);
    });
  });

  it('passes `rules check` (examples, ids, backtracking)', () => {
    expect(checkRules(rules)).toEqual([]);
  });
});

describe('loader errors', () => {
  const problemsOf = (file: string): string[] =>
    parseRules(readFileSync(join(invalidDir, file), 'utf8'), file).problems;

  it.each([
    ['missing-secret-group.yaml', /missing-secret-group\.yaml:3: .*no named group `\(\?<secret>/],
    ['duplicate-id.yaml', /duplicate-id\.yaml:10: rule "fixture\.same-id": duplicate id \(first defined on line 3\)/],
    ['bad-severity.yaml', /bad-severity\.yaml:3: .*bad severity "urgent"/],
    ['invalid-regex.yaml', /invalid-regex\.yaml:3: .*invalid regex/],
    ['unknown-validator.yaml', /unknown validator "luhn-mod-97"/],
  ])('%s is reported with file and line', (file, expected) => {
    expect(problemsOf(file)).toEqual([expect.stringMatching(expected)]);
  });

  it('reports every unknown key and the fields they left missing', () => {
    const problems = problemsOf('unknown-key.yaml');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown key `regex`/),
        expect.stringMatching(/unknown key `keyword`/),
        expect.stringMatching(/missing `pattern`/),
        expect.stringMatching(/missing `keywords`/),
      ]),
    );
  });

  it('reports all problems of one rule at once', () => {
    const problems = problemsOf('several-problems.yaml');
    for (const expected of [
      /missing `description`/,
      /missing `fix`/,
      /bad id "Fixture_Bad_ID"/,
      /`name` must be a non-empty string/,
      /bad flags "g"/,
      /keyword "sp" must be at least 3/,
      /`entropy` must be a number/,
      /`placeholder_filter` must be true or false/,
      /bad severity "severe"/,
      /`examples` must be a list of strings/,
    ]) {
      expect(problems).toContainEqual(expect.stringMatching(expected));
    }
  });

  it('rejects a file that is not a rule list', () => {
    expect(problemsOf('not-a-rule-list.yaml')).toEqual([
      expect.stringMatching(/:2: unknown top-level key `version`/),
      expect.stringMatching(/:4: rule #1 must be a mapping/),
    ]);
  });

  it('reports YAML syntax errors with a line', () => {
    const { rules: parsed, problems } = parseRules('rules:\n  - id: a.b\n    name: [unclosed\n', 'broken.yaml');
    expect(parsed).toEqual([]);
    expect(problems[0]).toMatch(/^broken\.yaml:\d+: /);
  });

  it('loadRules throws one ConfigError listing the problems of every file', () => {
    let error: unknown;
    try {
      loadRules({ dir: invalidDir });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    for (const file of readdirSync(invalidDir)) {
      expect(problems.some((problem) => problem.startsWith(`${file}:`)), file).toBe(true);
    }
  });

  it('rejects an id defined in two files', () => {
    expect(() => loadRules({ dir: join(invalidDir, '..', 'duplicate-across-files') })).toThrow(
      /b\.yaml: rule "fixture\.shared-id": duplicate id \(also defined in a\.yaml\)/,
    );
  });

  it('turns snake_case fields into the Rule shape', () => {
    const { rules: [rule], problems } = parseRules(
      [
        'rules:',
        '  - id: acme.key',
        '    name: Acme key',
        '    description: An Acme key.',
        '    fix: Revoke it.',
        "    pattern: '(?<secret>ACME_[A-Z0-9]{10})'",
        '    flags: i',
        '    keywords: [ACME_]',
        '    entropy: 2.5',
        '    validator: letters-and-digits',
        '    placeholder_filter: true',
        '    severity: low',
        '    tags: [acme, security]',
        "    examples: ['ACME_K3J9X2M7Q1']",
        "    negative_examples: ['ACME_short']",
      ].join('\n'),
      'custom.yaml',
    );
    expect(problems).toEqual([]);
    expect(rule).toMatchObject({
      id: 'acme.key',
      keywords: ['acme_'],
      entropy: 2.5,
      validator: 'letters-and-digits',
      placeholderFilter: true,
      severity: 'low',
      tags: ['security', 'secret', 'acme'],
      examples: ['ACME_K3J9X2M7Q1'],
      negativeExamples: ['ACME_short'],
      source: 'custom.yaml',
    });
    expect(rule!.regex.flags).toBe('dgi');
  });
});

describe('checkRules', () => {
  const ruleFile = (fields: Record<string, string>): string =>
    [
      'rules:',
      '  - id: fixture.rule',
      '    name: Fixture',
      '    description: A fixture rule.',
      '    fix: Nothing to fix.',
      '    severity: low',
      ...Object.entries(fields).map(([key, value]) => `    ${key}: ${value}`),
    ].join('\n');
  const parse = (fields: Record<string, string>) => {
    const parsed = parseRules(ruleFile(fields), 'fixture.yaml');
    expect(parsed.problems).toEqual([]);
    return parsed.rules;
  };

  it('reports examples that do not match and negative examples that do', () => {
    const fixture = parse({
      pattern: "'(?<secret>fx_[a-z0-9]{12})'",
      keywords: '[fx_]',
      examples: "['fx_k3j9x2m7q1w8', 'fx_short']",
      negative_examples: "['fx_q1w8k3j9x2m7']",
    });
    expect(checkRules(fixture).map((problem) => problem.message)).toEqual([
      'example #2 does not match',
      'negative example #1 matches',
    ]);
  });

  it('reports rules without examples or negative examples, and duplicate ids', () => {
    const fixture = parse({ pattern: "'(?<secret>fx_[a-z0-9]{12})'", keywords: '[fx_]' });
    const messages = checkRules([...fixture, ...fixture]).map((problem) => problem.message);
    expect(messages).toContain('has no examples');
    expect(messages).toContain('has no negative examples');
    expect(messages).toContainEqual(expect.stringMatching(/^duplicate id/));
  });

  it('reports a pattern that backtracks on hostile input', () => {
    // Each start in a long run of word chars scans to the run's end: quadratic.
    const fixture = parse({
      pattern: "'(?<secret>slow_\\w+\\w+!)'",
      keywords: '[slow_]',
      examples: "['slow_abc!']",
      negative_examples: "['slow_abc']",
    });
    const problems = checkRules(fixture);
    expect(problems).toEqual([
      expect.objectContaining({ ruleId: 'fixture.rule', source: 'fixture.yaml', message: expect.stringMatching(/backtrack/) }),
    ]);
  });
});
