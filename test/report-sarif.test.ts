import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { redactResult } from '../src/policy/redact.js';
import { MAX_RELATED_LOCATIONS, buildSarifLog, formatSarif, type SarifLog } from '../src/report/sarif.js';
import { pathToUriReference } from '../src/report/uri.js';
import type { Occurrence, ScanResult } from '../src/types.js';
import {
  AWKWARD_PATHS,
  SAMPLE_RULES,
  buildResult,
  commit,
  sampleEmptyResult,
  sampleHistoryResult,
  sampleWorktreeResult,
} from './helpers/sample-result.js';

// The checkout is `main/`, with `shared/` beside it.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const validator = resolve(repoRoot, '../shared/tools/validate-sarif.cjs');
const schema = resolve(repoRoot, '../shared/schemas/sarif-schema-2.1.0.json');
const tmp = mkdtempSync(join(tmpdir(), 'leakhound-sarif-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const meta = { toolVersion: '0.1.0', now: new Date('2024-05-01T12:00:00Z'), targetUri: 'file:///home/dev/projects/shop' };

/** Runs the project's validator (schema + GitHub's upload rules) on a SARIF text. */
function validate(name: string, sarif: string): { status: number | null; lines: string[] } {
  const file = join(tmp, `${name}.sarif`);
  writeFileSync(file, sarif);
  const run = spawnSync(process.execPath, [validator, schema, file], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
  });
  return { status: run.status, lines: `${run.stdout}${run.stderr}`.split('\n').filter(Boolean) };
}

function runOf(log: SarifLog) {
  return log.runs[0];
}

describe('sarif report', () => {
  it('history scan', async () => {
    await expect(formatSarif(redactResult(sampleHistoryResult()), meta)).toMatchFileSnapshot('__snapshots__/report-sarif.history.json');
  });

  const samples: [string, () => ScanResult][] = [
    ['history', sampleHistoryResult],
    ['worktree', sampleWorktreeResult],
    ['empty', sampleEmptyResult],
  ];
  for (const [name, make] of samples) {
    it(`passes the SARIF validator with GitHub's rules: ${name} sample`, () => {
      const { status, lines } = validate(name, formatSarif(redactResult(make()), meta));
      expect(lines.filter((l) => l.startsWith('error'))).toEqual([]);
      // The only accepted warning: upload-sarif computes primaryLocationLineHash itself.
      expect(lines.filter((l) => l.startsWith('warning') && !l.includes('primaryLocationLineHash'))).toEqual([]);
      expect(lines.at(-1)).toMatch(/^OK/);
      expect(status).toBe(0);
    });
  }

  it('the validator does reject a result without a location (the check can fail)', () => {
    const log = buildSarifLog(redactResult(sampleHistoryResult()), meta);
    runOf(log).results[0]!.locations = [];
    const { status, lines } = validate('broken', JSON.stringify(log));
    expect(status).toBe(1);
    expect(lines.some((l) => l.startsWith('error') && l.includes('no locations'))).toBe(true);
  });

  it('lists every rule in force with GitHub metadata', () => {
    const run = runOf(buildSarifLog(redactResult(sampleWorktreeResult()), meta));
    const rules = run.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(SAMPLE_RULES.map((r) => r.id));
    for (const [i, rule] of rules.entries()) {
      const source = SAMPLE_RULES[i]!;
      expect(rule.shortDescription.text).toBe(source.name);
      expect(rule.fullDescription.text).toBe(source.description);
      expect(rule.help.markdown).toContain(source.fix);
      expect(rule.help.text).toContain(source.fix);
      expect(rule.properties.tags[0]).toBe('security');
      expect(rule.properties.tags).toEqual(expect.arrayContaining(source.tags));
      expect(typeof rule.properties['security-severity']).toBe('string');
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    }
    const bySeverity = Object.fromEntries(rules.map((r) => [SAMPLE_RULES.find((s) => s.id === r.id)!.severity, r]));
    expect(bySeverity.critical!.properties['security-severity']).toBe('9.5');
    expect(bySeverity.high!.properties['security-severity']).toBe('8.0');
    expect(bySeverity.medium!.properties['security-severity']).toBe('5.5');
    expect(bySeverity.low!.properties['security-severity']).toBe('3.0');
    expect([bySeverity.critical, bySeverity.high, bySeverity.medium, bySeverity.low].map((r) => r!.defaultConfiguration.level)).toEqual([
      'error', 'error', 'warning', 'note',
    ]);
  });

  it('writes one result per finding with a content fingerprint and the introducing commit', () => {
    const result = redactResult(sampleHistoryResult());
    const run = runOf(buildSarifLog(result, meta));
    expect(run.results).toHaveLength(result.findings.length);
    for (const [i, res] of run.results.entries()) {
      const f = result.findings[i]!;
      const first = f.occurrences[0]!;
      expect(res.ruleId).toBe(f.ruleId);
      expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(f.ruleId);
      expect(res.partialFingerprints).toEqual({ 'leakhound/v1': f.id });
      expect(res.message.text).toContain(f.secret);
      expect(res.message.text).toContain(`Introduced in commit ${first.commit!.sha.slice(0, 7)} by ${first.commit!.authorName}`);
      expect(res.properties).toMatchObject({ commit: first.commit!.sha, status: f.status, occurrences: f.occurrences.length });
      expect(res.locations[0]!.physicalLocation.region).toMatchObject({ startLine: first.line, startColumn: first.column });
      expect(res.relatedLocations?.length ?? 0).toBe(f.occurrences.length - 1);
    }
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/dev/projects/shop/' } });
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
  });

  it('maps severities to levels and leaves out commit properties for files on disk', () => {
    const result = redactResult(sampleWorktreeResult());
    const run = runOf(buildSarifLog(result, meta));
    expect(run.results.map((r) => r.level)).toEqual(result.findings.map((f) => (f.severity === 'low' ? 'note' : 'error')));
    for (const r of run.results) {
      expect(r.properties).not.toHaveProperty('commit');
      expect(r.message.text).toContain('in the working tree');
    }
  });

  it('reports errors, named skips, counted skips and notes as notifications', () => {
    const result = sampleHistoryResult();
    const notes = runOf(buildSarifLog(result, meta)).invocations[0]!.toolExecutionNotifications;
    expect(notes.filter((n) => n.level === 'error').map((n) => n.message.text)).toEqual([
      `object missing (partial clone?) (commit ${result.summary.errors[0]!.commit})`,
    ]);
    expect(notes.map((n) => n.message.text)).toContain('Skipped (too large): db/seed.sql');
    expect(notes.map((n) => n.message.text)).toContain('Skipped 19 files: 17 binary, 1 too large, 1 submodule');
    expect(notes.map((n) => n.message.text)).toContain(result.summary.notes[0]);
  });

  it('leaves out originalUriBaseIds and times when the caller gives none', () => {
    const run = runOf(buildSarifLog(sampleEmptyResult(), { toolVersion: '1.2.3' }));
    expect(run).not.toHaveProperty('originalUriBaseIds');
    expect(run.invocations[0]).not.toHaveProperty('endTimeUtc');
    expect(run.invocations[0]!.executionSuccessful).toBe(true);
    expect(run.tool.driver).toMatchObject({ name: 'leakhound', version: '1.2.3', semanticVersion: '1.2.3' });
  });

  it(`caps related locations at ${MAX_RELATED_LOCATIONS} and says so`, () => {
    const occurrences: Occurrence[] = Array.from({ length: 250 }, (_, i) => ({
      path: `src/file-${i}.ts`,
      line: i + 1,
      column: 3,
      endLine: i + 1,
      endColumn: 20,
      commit: commit(`many-${i}`, i % 2 ? 'ada' : 'grace', '2024-01-01T00:00:00Z'),
      source: 'commit' as const,
    }));
    const result = buildResult({
      target: '/repo',
      mode: 'history',
      findings: [
        {
          id: 'f'.repeat(64),
          ruleId: 'generic.password',
          ruleName: 'Hard-coded password',
          severity: 'low',
          tags: [],
          secret: 'pa…',
          status: 'present',
          occurrences,
        },
      ],
    });
    const run = runOf(buildSarifLog(result, meta));
    const res = run.results[0]!;
    expect(res.relatedLocations).toHaveLength(MAX_RELATED_LOCATIONS);
    expect(res.relatedLocations![0]).toMatchObject({ id: 1, message: { text: expect.stringMatching(/^Also in commit [0-9a-f]{7} by /) } });
    expect(res.properties.occurrences).toBe(250);
    expect(res.message.text).toContain(`250 occurrences (${MAX_RELATED_LOCATIONS} related locations listed)`);
    expect(validate('many', formatSarif(result, meta)).status).toBe(0);
  });

  it('describes a finding whose rule is not loaded (repo-level analyzers) with its own rule entry', () => {
    const base = sampleEmptyResult();
    const result: ScanResult = {
      ...base,
      findings: [
        {
          id: 'e'.repeat(64),
          ruleId: 'env.not-gitignored',
          ruleName: '.env file not covered by .gitignore',
          severity: 'medium',
          tags: ['env'],
          secret: '',
          status: 'present',
          occurrences: [{ path: '.env', line: 1, column: 1, endLine: 1, endColumn: 1, commit: null, source: 'worktree' }],
        },
      ],
    };
    const run = runOf(buildSarifLog(result, meta));
    const index = run.results[0]!.ruleIndex;
    expect(run.tool.driver.rules[index]).toMatchObject({
      id: 'env.not-gitignored',
      shortDescription: { text: '.env file not covered by .gitignore' },
      properties: { tags: ['security', 'env'], 'security-severity': '5.5' },
    });
    expect(validate('extra-rule', formatSarif(result, meta)).status).toBe(0);
  });
});

describe('artifact URIs', () => {
  it('percent-encodes spaces, #, %, non-ASCII and control characters, keeping / as separator', () => {
    expect(pathToUriReference(AWKWARD_PATHS.spaces)).toBe('deploy/old%20keys%20%231%20100%25.env');
    expect(pathToUriReference(AWKWARD_PATHS.unicode)).toBe(
      `certs/${encodeURIComponent('clé-ключ 🔑.pem')}`,
    );
    expect(pathToUriReference(AWKWARD_PATHS.newline)).toBe('notes/line%0Abreak.txt');
    expect(pathToUriReference('a/b\u001b[1m\u007f?x:y\\z')).toBe('a/b%1B%5B1m%7F%3Fx%3Ay%5Cz');
    expect(pathToUriReference("./keep-._~!$&'()*+,;=@")).toBe("keep-._~!$&'()*+,;=@");
  });

  it('turns a lone surrogate into U+FFFD instead of throwing', () => {
    expect(pathToUriReference('bad\ud800.txt')).toBe('bad%EF%BF%BD.txt');
  });

  it('round-trips through decodeURIComponent', () => {
    for (const path of Object.values(AWKWARD_PATHS)) {
      expect(pathToUriReference(path).split('/').map(decodeURIComponent).join('/')).toBe(path);
    }
  });

  it('is what the SARIF locations carry', () => {
    const run = runOf(buildSarifLog(redactResult(sampleHistoryResult()), meta));
    const uris = run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(expect.arrayContaining(Object.values(AWKWARD_PATHS).map(pathToUriReference)));
    for (const r of run.results) expect(r.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
  });
});
