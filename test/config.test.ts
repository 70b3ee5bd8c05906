import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Validator } from 'jsonschema';
import { describe, expect, it } from 'vitest';
import { ALLOWLIST_KEYS, INLINE_ALLOW_KEYS, parseConfig, REGEX_ENTRY_KEYS, TOP_KEYS } from '../src/config/load.js';
import { ConfigError } from '../src/errors.js';
import { isTestPath } from '../src/policy/test-path.js';
import { scan } from '../src/scan.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { fakeAwsKeyId } from './helpers/fake-secrets.js';
import { useTempDirs } from './helpers/git-repo.js';

const fixture = (name: string) => join(REPO_ROOT, 'fixtures', 'config', name);
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'leakhound.schema.json'), 'utf8'));

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, 'c.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config file', () => {
  it('reads every key of the full example', () => {
    const config = parseConfig(readFileSync(fixture('full.yaml'), 'utf8'), fixture('full.yaml'));
    expect(config.rules.map((r) => r.id)).toEqual(['acme.internal-token']);
    expect(config.allowlist.regexes.map(String)).toEqual(['/^EXAMPLE/']);
    expect(config.allowlist.lineRegexes!.map(String)).toContain('/fake-credentials-ok/');
    expect(config.allowlist.paths).toEqual(expect.arrayContaining(['docs/**', '**/*.snap', '*.png']));
    expect(config.inlineAllow).toEqual({ gitleaks: false });
    expect(config.baseline).toBe(fixture('.leakhound-baseline.json'));
    expect(config.maxFileSize).toBe(1048576);
  });

  it('reports all five problems of a config with five different errors, each with its line', () => {
    const problems = problemsOf(readFileSync(fixture('five-errors.yaml'), 'utf8'));
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^line 2: extend/);
    expect(problems[1]).toMatch(/^line 4: severity of "aws.access-key-id"/);
    expect(problems[2]).toMatch(/^line 6: allowlist.paths must be a list/);
    expect(problems[3]).toMatch(/^line 7: allowlist.regexes: invalid regular expression/);
    expect(problems[4]).toMatch(/^line 8: unknown key "colour"/);
  });

  it('exits 2 and prints every problem from the CLI', () => {
    const run = runCli(['scan', '.', '--config', fixture('five-errors.yaml')], { cwd: join(REPO_ROOT, 'fixtures', 'worktree', 'ok') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('5 problems');
    expect(run.stderr.match(/^\s+- line \d+:/gm)).toHaveLength(5);
  });

  it('checks custom rules like patterns/: an example that does not match is a config error', () => {
    const problems = problemsOf(readFileSync(fixture('bad-rule-example.yaml'), 'utf8'));
    // (checkRules' backtracking timer may add a second problem on a starved machine; the example one is certain)
    expect(problems.some((p) => /^line 3: rule acme.internal-token: example #1 does not match/.test(p))).toBe(true);
  });

  it('validates new keys: inline_allow, baseline, regex targets, defaults', () => {
    const problems = problemsOf(
      ['inline_allow: { gitleaks: maybe, other: 1 }', 'baseline: ""', 'allowlist:', '  defaults: no-thanks', '  regexes:', '    - { regex: a, target: file }', '    - { target: line }'].join('\n'),
    );
    expect(problems).toHaveLength(6);
  });
});

describe('config in a scan', () => {
  const temp = useTempDirs();

  it('finds secrets with a custom rule and applies line-targeted regexes', async () => {
    const dir = temp.dir();
    const token = ['acme', '_', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'].join('');
    const key = fakeAwsKeyId('config-1');
    const config = readFileSync(fixture('full.yaml'), 'utf8').replace(/^baseline:.*$/m, '');
    writeFileSync(join(dir, '.leakhound.yaml'), config);
    writeFileSync(join(dir, 'app.js'), `const t = "${token}";\nconst k = "${key}"; // fake-credentials-ok\n`);
    const result = await scan({ path: dir, workers: 0 });
    const ids = result.findings.map((f) => f.ruleId);
    expect(ids).toContain('acme.internal-token');
    expect(ids).not.toContain('aws.access-key-id');
    expect(result.suppressed!.map((s) => [s.ruleId, s.how])).toContainEqual(['aws.access-key-id', 'allowlist']);
  });

  it('allowlists lockfile integrity lines by default, not other lockfile lines, and tags test paths', async () => {
    const dir = temp.dir();
    const key = fakeAwsKeyId('config-2');
    const sri = `sha512-${'Zm9vYmFyYmF6cXV4'.repeat(5)}${'A'.repeat(6)}==`;
    writeFileSync(join(dir, 'package-lock.json'), `{\n  "integrity": "${sri}",\n  "resolved": "https://r.example/${key}"\n}\n`);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'test', 'fixtures'), { recursive: true });
    writeFileSync(join(dir, 'test', 'fixtures', 'creds.env'), `AWS_ACCESS_KEY_ID=${fakeAwsKeyId('config-3')}\n`);
    const result = await scan({ path: dir, workers: 0 });
    const lock = result.findings.filter((f) => f.occurrences[0]!.path === 'package-lock.json');
    expect(lock.map((f) => f.occurrences[0]!.line)).toEqual([3]);
    const inTests = result.findings.filter((f) => f.ruleId === 'aws.access-key-id' && f.occurrences[0]!.path.startsWith('test/'));
    expect(inTests).toHaveLength(1);
    expect(inTests[0]!.tags).toContain('test-path');
    expect(lock[0]!.tags).not.toContain('test-path');
  });

  it('isTestPath knows test folders and test file names', () => {
    expect(['test/a.js', 'src/__tests__/x.ts', 'pkg/testdata/k', 'a.test.ts', 'x_test.go', 'tests/test_db.py'].every(isTestPath)).toBe(true);
    expect(['src/app.ts', 'latest/x.js', 'contest.md'].some(isTestPath)).toBe(false);
  });
});

describe('JSON Schema for the config', () => {
  const validator = new Validator();
  const validate = (doc: unknown) => validator.validate(doc, schema).errors.map((e) => e.stack);

  it('accepts the full example and an empty config', () => {
    expect(validate(parseYaml(readFileSync(fixture('full.yaml'), 'utf8')))).toEqual([]);
    expect(validate({})).toEqual([]);
  });

  it('rejects bad configs', () => {
    expect(validate(parseYaml(readFileSync(fixture('five-errors.yaml'), 'utf8'))).length).toBeGreaterThanOrEqual(4);
    expect(validate({ inline_allow: { gitleaks: 'yes' } })).toHaveLength(1);
    expect(validate({ allowlist: { regexes: [{ regex: 'a', target: 'file' }] } })).toHaveLength(1);
    expect(validate({ rules: [{ id: 'Bad Id' }] }).length).toBeGreaterThan(0);
  });

  it('names exactly the keys the loader accepts', () => {
    const keys = (o: { properties: Record<string, unknown> }) => Object.keys(o.properties).sort();
    expect(keys(schema)).toEqual([...TOP_KEYS].sort());
    expect(keys(schema.properties.allowlist)).toEqual([...ALLOWLIST_KEYS].sort());
    expect(keys(schema.properties.inline_allow)).toEqual([...INLINE_ALLOW_KEYS].sort());
    expect(keys(schema.properties.allowlist.properties.regexes.items.oneOf[1])).toEqual([...REGEX_ENTRY_KEYS].sort());
  });

  it('accepts the repository’s own .leakhound.yaml', () => {
    expect(validate(parseYaml(readFileSync(join(REPO_ROOT, '.leakhound.yaml'), 'utf8')) ?? {})).toEqual([]);
  });
});
