import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { createDetector } from '../src/detect/detect-text.js';
import { findingId } from '../src/policy/fingerprint.js';
import {
  createBaseline,
  formatBaseline,
  parseBaseline,
  partitionByBaseline,
  sha256Hex,
  updateBaseline,
} from '../src/policy/baseline.js';
import { importGitleaks } from '../src/policy/gitleaks-import.js';
import { loadRules } from '../src/rules/load.js';
import type { Finding } from '../src/types.js';
import { runCli } from './helpers/cli.js';
import { fakeAwsKeyId } from './helpers/fake-secrets.js';
import { useTempDirs } from './helpers/git-repo.js';

const AWS = 'aws.access-key-id';

function finding(secret: string, path = 'a.js', line = 1, ruleId = AWS): Finding {
  return {
    id: findingId(ruleId, secret),
    ruleId,
    ruleName: 'r',
    severity: 'high',
    tags: [],
    secret,
    status: 'present',
    occurrences: [{ path, line, column: 1, endLine: line, endColumn: 2, commit: null, source: 'worktree' }],
  };
}

describe('baseline (pure)', () => {
  it('round-trips through its file format without any secret', () => {
    const key = fakeAwsKeyId('pure-1');
    const text = formatBaseline(createBaseline([finding(key)], { reason: 'rotated', expires: '2999-01-01' }));
    expect(text.includes(key)).toBe(false);
    const parsed = parseBaseline(text, 'b.json');
    expect(parsed.entries).toMatchObject([{ ruleId: AWS, path: 'a.js', line: 1, reason: 'rotated', expires: '2999-01-01' }]);
  });

  it('validates the file and lists every problem', () => {
    const bad = JSON.stringify({ version: 2, entries: [{ id: 'xyz', ruleId: '', expires: '2024-13-01', extra: 1 }] });
    try {
      parseBaseline(bad, 'b.json');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(5);
      expect(problems.join('\n')).toMatch(/version 2[\s\S]*"id"[\s\S]*"ruleId"[\s\S]*"expires"[\s\S]*unknown key "extra"/);
    }
    expect(() => parseBaseline('{', 'b.json')).toThrow(/not valid JSON/);
  });

  it('reports an expired entry again, honours it through its last day', () => {
    const f = finding(fakeAwsKeyId('pure-2'));
    const baseline = createBaseline([f], { expires: '2025-03-31' });
    expect(partitionByBaseline([f], baseline, '2025-03-31').kept).toEqual([]);
    const after = partitionByBaseline([f], baseline, '2025-04-01');
    expect(after.kept).toEqual([f]);
    expect(after.expired).toHaveLength(1);
  });

  it('update adds new, keeps reasons of found ones, prunes vanished ones', () => {
    const [a, b, c] = ['u1', 'u2', 'u3'].map((s) => finding(fakeAwsKeyId(s)));
    const old = createBaseline([a!, b!], { reason: 'accepted in review' });
    const { baseline, added, kept, pruned } = updateBaseline(old, [b!, c!], { reason: 'new' });
    expect({ added, kept, pruned }).toEqual({ added: 1, kept: 1, pruned: 1 });
    expect(Object.fromEntries(baseline.entries.map((e) => [e.id, e.reason]))).toEqual({ [b!.id]: 'accepted in review', [c!.id]: 'new' });
  });

  it('imports a gitleaks report: known secrets map to our rules, others keep a secret hash', () => {
    const key = fakeAwsKeyId('gl-1');
    const other = ['custom', 'internal', 'value', '7d9f2a'].join('-');
    const report = JSON.stringify([
      { RuleID: 'aws-access-token', Secret: key, Match: `id = ${key}`, File: 'cfg.py', StartLine: 3, Commit: 'a'.repeat(40), Fingerprint: 'x' },
      { RuleID: 'my-rule', Secret: other, Match: other, File: 'x.txt', StartLine: 1, Commit: '', Fingerprint: 'y' },
      { RuleID: 'my-rule', Secret: 'REDACTED', File: 'x.txt', StartLine: 2 },
    ]);
    const detector = createDetector(loadRules());
    const imported = importGitleaks(report, 'r.json', (t) => detector.detect(t));
    expect({ mapped: imported.mapped, unmapped: imported.unmapped, skipped: imported.skipped.length }).toEqual({ mapped: 1, unmapped: 1, skipped: 1 });
    expect(formatBaseline(imported.baseline).includes(key)).toBe(false);
    const [ours, theirs] = [finding(key, 'moved.py', 9), finding(other, 'y.txt', 4, 'generic.some-rule')];
    const split = partitionByBaseline([ours!, theirs!], imported.baseline, '2025-01-01');
    expect(split.kept).toEqual([]);
    expect(imported.baseline.entries.find((e) => e.ruleId === 'gitleaks:my-rule')!.secretSha256).toBe(sha256Hex(other));
    expect(() => importGitleaks('[{"RuleID": 1}]', 'r.json', () => [])).toThrow(ConfigError);
  });
});

describe('baseline with the CLI on a real repository', () => {
  const temp = useTempDirs();
  const json = (stdout: string) => JSON.parse(stdout) as { findings: { ruleId: string; id: string; path: string; line: number }[]; suppressed: { how: string; reason: string | null }[]; summary: { notes: string[] } };
  const awsOnly = (doc: ReturnType<typeof json>) => doc.findings.filter((f) => f.ruleId === AWS);

  it('survives a rebase and moved lines; reports a new secret on a baselined line', () => {
    const k1 = fakeAwsKeyId('repo-1');
    const k2 = fakeAwsKeyId('repo-2');
    const repo = temp.repo();
    repo.write('README.md', 'app\n').commit('init');
    repo.branch('feature').checkout('feature');
    repo.write('config.js', `const id = "${k1}";\n`).commit('add key');
    repo.write('config.js', `// settings\n\n\nconst id = "${k1}";\n`).commit('move it down');
    repo.checkout('main').write('other.txt', 'x\n').commit('main moves on').checkout('feature');

    const base = join(temp.dir(), 'base.json');
    const created = runCli(['baseline', 'create', '.', '--history', '--output', base, '--reason', 'rotated in 2024'], { cwd: repo.dir });
    expect(created.code, created.stderr).toBe(0);
    const entries = JSON.parse(readFileSync(base, 'utf8')).entries;
    expect(entries.filter((e: { ruleId: string }) => e.ruleId === AWS)).toHaveLength(1);
    expect(readFileSync(base, 'utf8').includes(k1)).toBe(false);

    const before = repo.head();
    repo.gitCommitting(['rebase', '-q', 'main']);
    expect(repo.head()).not.toBe(before);
    let run = runCli(['scan', '.', '--history', '--format', 'json', '--baseline', base], { cwd: repo.dir });
    expect(awsOnly(json(run.stdout))).toEqual([]);
    expect(json(run.stdout).suppressed.filter((s) => s.how === 'baseline').map((s) => s.reason)).toContain('rotated in 2024');

    // Another file, another line: still the same accepted secret.
    repo.rm('config.js').write('src/settings.js', `\n\nexport const id = "${k1}";\n`).commit('move file');
    run = runCli(['scan', '.', '--history', '--format', 'json', '--baseline', base], { cwd: repo.dir });
    expect(awsOnly(json(run.stdout))).toEqual([]);

    // A different secret on the baselined line is new.
    repo.write('src/settings.js', `\n\nexport const id = "${k1}", id2 = "${k2}";\n`).commit('second key');
    run = runCli(['scan', '.', '--format', 'json', '--baseline', base], { cwd: repo.dir });
    expect(run.code).toBe(1);
    expect(awsOnly(json(run.stdout)).map((f) => [f.path, f.line])).toEqual([['src/settings.js', 3]]);
    expect(run.stdout.includes(k2)).toBe(false);

    // update: keeps the reason of the old entry, adds the new secret.
    const updated = runCli(['baseline', 'update', '.', '--output', base, '--reason', 'test double'], { cwd: repo.dir });
    expect(updated.code, updated.stderr).toBe(0);
    const reasons = JSON.parse(readFileSync(base, 'utf8')).entries.filter((e: { ruleId: string }) => e.ruleId === AWS).map((e: { reason: string }) => e.reason).sort();
    expect(reasons).toEqual(['rotated in 2024', 'test double']);
    expect(runCli(['scan', '.', '--format', 'json', '--baseline', base], { cwd: repo.dir }).code).toBe(0);
  });

  it('reports an expired entry again, and reads `baseline:` from the config', () => {
    const k = fakeAwsKeyId('repo-exp');
    const repo = temp.repo();
    repo.write('a.py', `ID = "${k}"\n`).commit('key');
    const created = runCli(['baseline', 'create', '.', '--expires', '2001-01-31', '--output', 'b.json'], { cwd: repo.dir });
    expect(created.code, created.stderr).toBe(0);
    writeFileSync(join(repo.dir, '.leakhound.yaml'), 'baseline: b.json\n');
    const run = runCli(['scan', '.', '--format', 'json'], { cwd: repo.dir });
    expect(run.code).toBe(1);
    expect(awsOnly(json(run.stdout))).toHaveLength(1);
    expect(json(run.stdout).summary.notes.join(' ')).toMatch(/expired/);

    const fresh = runCli(['baseline', 'create', '.', '--expires', '2999-12-31', '--output', 'b.json'], { cwd: repo.dir });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(awsOnly(json(runCli(['scan', '.', '--format', 'json'], { cwd: repo.dir }).stdout))).toEqual([]);
  });

  it('rejects a broken baseline file with exit 2 and every problem', () => {
    const dir = temp.dir();
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ version: 1, entries: [{ id: 'nope' }] }));
    const run = runCli(['scan', '.', '--baseline', 'b.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/entries\[0\]: "id"[\s\S]*entries\[0\]: "ruleId"/);
  });
});
