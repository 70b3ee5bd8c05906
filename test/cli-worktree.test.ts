// End-to-end: the built CLI on fixture trees copied to temp dirs.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, copyFixture, runCli, tempDir } from './helpers/cli.js';

interface JsonFinding {
  id: string;
  ruleId: string;
  severity: string;
  status: string;
  secret: string;
  path: string;
  line: number;
  column: number;
  commit: string | null;
  occurrences: { path: string; line: number; column: number; commit: unknown }[];
}

const planted: string[] = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets;
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function fixture(name: string): string {
  const dir = copyFixture(`worktree/${name}`);
  cleanups.push(dir.cleanup);
  return dir.path;
}

function scanJson(dir: string, extra: string[] = []) {
  const run = runCli(['scan', dir, '--format', 'json', ...extra]);
  return { run, report: JSON.parse(run.stdout) as { findings: JsonFinding[]; summary: Record<string, any>; version: number } };
}

function at(findings: JsonFinding[], path: string): JsonFinding[] {
  return findings.filter((f) => f.occurrences.some((o) => o.path === path));
}

describe('scan of a tree with planted secrets', () => {
  it('exits 1 and reports each planted secret at its first location', () => {
    const dir = fixture('ng');
    const { run, report } = scanJson(dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const f = report.findings;
    expect(at(f, 'config/aws.js').map((x) => x.line).sort()).toEqual([4, 5]);
    expect(at(f, 'deploy/database.yml')).toHaveLength(1);
    expect(at(f, 'deploy/database.yml')[0]!.line).toBe(2);
    expect(at(f, 'keys/server.pem')[0]).toMatchObject({ line: 1, column: 1, severity: 'critical' });
    expect(at(f, 'src/crlf-settings.py')[0]).toMatchObject({ line: 3, column: 15 });
    expect(at(f, 'src/utf16-notes.yaml')[0]).toMatchObject({ line: 2, column: 14 });
    for (const finding of f) {
      expect(finding.commit).toBeNull();
      expect(finding.status).toBe('present');
      expect(finding.id).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('groups the same secret into one finding with every occurrence', () => {
    const { report } = scanJson(fixture('ng'));
    const github = at(report.findings, 'src/github.ts');
    expect(github).toHaveLength(1);
    expect(github[0]!.ruleId).toMatch(/^github\./);
    expect(github[0]!.occurrences.map((o) => [o.line, o.column])).toEqual([
      [4, 16],
      [6, 46],
    ]);
  });

  it('honours nested .gitignore rules and negations, and counts binary files', () => {
    const { report } = scanJson(fixture('ng'));
    expect(at(report.findings, 'ignored/.npmrc')).toHaveLength(0);
    expect(at(report.findings, 'logs/debug.log')).toHaveLength(0);
    expect(at(report.findings, 'logs/keep.log')).toHaveLength(1);
    expect(at(report.findings, 'src/blob.bin')).toHaveLength(0);
    expect(report.summary.skippedCounts.binary).toBe(1);
    expect(report.summary.complete).toBe(true);
  });

  it('never prints a planted secret in any format unless --no-redact', () => {
    const dir = fixture('ng');
    for (const format of ['text', 'json', 'sarif']) {
      const run = runCli(['scan', dir, '--format', format, '--verbose']);
      expect(run.code).toBe(1);
      for (const secret of planted) {
        expect(run.stdout.includes(secret), `${format} stdout leaks planted secret #${planted.indexOf(secret)}`).toBe(false);
        expect(run.stderr.includes(secret), `${format} stderr leaks planted secret #${planted.indexOf(secret)}`).toBe(false);
      }
    }
    const raw = runCli(['scan', dir, '--format', 'json', '--no-redact']);
    expect(planted.filter((s) => raw.stdout.includes(s)).length).toBeGreaterThanOrEqual(planted.length - 1);
  });

  it('writes --output atomically and prints nothing on stdout', () => {
    const dir = fixture('ng');
    const out = join(dir, '..', `${Date.now()}-report.sarif`);
    cleanups.push(() => existsSync(out) && spawnSync('rm', ['-f', out]));
    const run = runCli(['scan', dir, '--format', 'sarif', '--output', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThanOrEqual(7);
  });

  it('produces SARIF that the code-scanning validator accepts', () => {
    const dir = fixture('ng');
    const out = join(dir, 'report.sarif');
    expect(runCli(['scan', dir, '--format', 'sarif', '--output', out]).code).toBe(1);
    const check = spawnSync(
      process.execPath,
      [join(REPO_ROOT, '../shared/tools/validate-sarif.cjs'), join(REPO_ROOT, '../shared/schemas/sarif-schema-2.1.0.json'), out],
      { encoding: 'utf8', env: { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules') } },
    );
    expect(check.stdout + check.stderr).not.toMatch(/\berror/i);
    expect(check.status).toBe(0);
  });

  it('shows path:line:col, the rule and a fix in the text report', () => {
    const run = runCli(['scan', fixture('ng')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('deploy/database.yml:2:');
    expect(run.stdout).toMatch(/fix:/i);
    expect(run.stdout).not.toMatch(/\x1b\[/); // NO_COLOR and not a TTY
  });
});

describe('a clean tree', () => {
  it('exits 0 with no findings', () => {
    const { run, report } = scanJson(fixture('ok'));
    expect(report.findings).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.summary.filesScanned).toBe(3);
  });

  it('--quiet prints nothing when nothing is found', () => {
    const run = runCli(['scan', fixture('ok'), '--quiet']);
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });
});

describe('skips: size cap and symlinks', () => {
  it('skips files over --max-file-size, naming them, and still completes', () => {
    const { run, report } = scanJson(fixture('ng'), ['--max-file-size', '200']);
    const named = report.summary.skipped.filter((s: { reason: string }) => s.reason === 'too-large').map((s: { path: string }) => s.path);
    expect(named).toContain('keys/server.pem');
    expect(report.summary.skippedCounts['too-large']).toBe(named.length);
    expect(at(report.findings, 'keys/server.pem')).toHaveLength(0);
    expect(report.summary.complete).toBe(true);
    expect(run.code).toBe(1);
  });

  it('does not follow a symlink out of the root', () => {
    const outside = tempDir();
    cleanups.push(outside.cleanup);
    writeFileSync(join(outside.path, 'secret.txt'), readFileSync(join(REPO_ROOT, 'fixtures/worktree/ng/deploy/database.yml')));
    mkdirSync(join(outside.path, 'dir'));
    writeFileSync(join(outside.path, 'dir', 'creds.yml'), readFileSync(join(REPO_ROOT, 'fixtures/worktree/ng/config/aws.js')));
    const dir = fixture('ok');
    symlinkSync(join(outside.path, 'secret.txt'), join(dir, 'linked.yml'));
    symlinkSync(join(outside.path, 'dir'), join(dir, 'linked-dir'));
    const { run, report } = scanJson(dir);
    expect(report.findings).toEqual([]);
    expect(report.summary.skipped).toContainEqual({ path: 'linked.yml', reason: 'symlink-outside' });
    expect(report.summary.skipped).toContainEqual({ path: 'linked-dir', reason: 'symlink-outside' });
    expect(run.code).toBe(0);
  });
});

describe('bad input', () => {
  it('a nonexistent path is a one-line error, exit 2', () => {
    const run = runCli(['scan', '/nonexistent/leakhound-path']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('/nonexistent/leakhound-path');
    expect(run.stderr).not.toMatch(/\s+at .*\(/); // no stack trace
  });

  it('an unknown option is a usage error, exit 2', () => {
    const run = runCli(['scan', '--format', 'xml', '.']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/xml/);
  });

  it('an invalid config names the file and every problem, exit 2', () => {
    const dir = fixture('ok');
    writeFileSync(join(dir, '.leakhound.yaml'), 'extend: sometimes\nallowlist:\n  paths: docs\n  regexes: ["("]\ncolour: blue\n');
    const run = runCli(['scan', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.leakhound.yaml');
    expect(run.stderr).toMatch(/line 1: extend/);
    expect(run.stderr).toMatch(/line 3: allowlist.paths/);
    expect(run.stderr).toMatch(/line 4: allowlist.regexes/);
    expect(run.stderr).toMatch(/line 5: unknown key "colour"/);
  });

  it('an unreadable file is listed, the rest is reported, exit 2', () => {
    const dir = fixture('ng');
    const locked = join(dir, 'config', 'aws.js');
    chmodSync(locked, 0o000);
    // root reads anything: run the CLI as an unprivileged user then.
    const asNobody = process.getuid?.() === 0;
    if (asNobody) spawnSync('chmod', ['-R', 'o+rX', dir]);
    if (asNobody) chmodSync(locked, 0o000);
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/leakhound.js'), 'scan', dir, '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
    });
    const report = JSON.parse(result.stdout);
    expect(result.status).toBe(2);
    expect(report.summary.complete).toBe(false);
    expect(report.summary.errors).toContainEqual({ path: 'config/aws.js', message: 'cannot read file: permission denied' });
    expect(at(report.findings, 'deploy/database.yml')).toHaveLength(1);
  });

  it('the config allowlist drops findings on listed paths', () => {
    const dir = fixture('ng');
    writeFileSync(join(dir, '.leakhound.yaml'), 'allowlist:\n  paths: ["keys/**", "src/*.ts"]\n');
    const { report } = scanJson(dir);
    expect(at(report.findings, 'keys/server.pem')).toHaveLength(0);
    expect(at(report.findings, 'src/github.ts')).toHaveLength(0);
    expect(at(report.findings, 'config/aws.js').length).toBeGreaterThan(0);
  });
});

describe('rules commands', () => {
  it('rules check passes on the built-in rules', () => {
    const run = runCli(['rules', 'check']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('rules list shows at least 40 rules', () => {
    const run = runCli(['rules', 'list', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).length).toBeGreaterThanOrEqual(40);
  });

  it('--version and --help exit 0', () => {
    expect(runCli(['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const help = runCli(['scan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
  });
});
