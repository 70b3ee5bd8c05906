// The GitHub Action end to end, as the runner runs it: ../shared/tools/fake-pr-workspace.sh
// builds a shallow pull_request checkout (detached merge commit, depth 1) and
// ../shared/tools/run-action-local.sh runs the committed bundle dist/action.js in a clean
// environment with every input passed (it does not read action.yml defaults).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';
import { useTempDirs } from './helpers/git-repo.js';

const temp = useTempDirs();

interface ActionRun {
  code: number;
  stdout: string;
  output: Record<string, string>;
  summary: string;
  dir: string;
}

const INPUTS: Record<string, string> = {
  path: '.',
  mode: 'auto',
  format: 'text',
  'sarif-file': 'leakhound.sarif',
  config: '',
  baseline: '',
  'fail-on-findings': 'true',
};

function fakePr(): string {
  const dir = join(temp.dir('leakhound-action-'), 'pr');
  const made = spawnSync('bash', ['../shared/tools/fake-pr-workspace.sh', dir], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  expect(made.stdout).toContain('shallow=true');
  return dir;
}

function runAction(dir: string, inputs: Record<string, string> = {}): ActionRun {
  const vars = Object.entries({ ...INPUTS, ...inputs }).map(([k, v]) => `INPUT_${k.toUpperCase()}=${v}`);
  const run = spawnSync('bash', ['../shared/tools/run-action-local.sh', 'dist/action.js', dir, ...vars], { cwd: REPO_ROOT, encoding: 'utf8' });
  const runner = join(dir, 'runner');
  const output = Object.fromEntries(
    readFileSync(join(runner, 'output'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { code: run.status ?? -1, stdout: readFileSync(join(runner, 'stdout'), 'utf8'), output, summary: readFileSync(join(runner, 'summary.md'), 'utf8'), dir };
}

/** The secret the workspace script planted, read from its own file (never written in this test). */
function plantedSecret(dir: string): string {
  const line = readFileSync(join(dir, 'dev', 'config', 'app.env'), 'utf8').trim();
  return line.slice(line.indexOf('=') + 1);
}

describe('GitHub Action (dist/action.js on a shallow pull_request checkout)', () => {
  it('scans base..head, deepening the shallow clone: outputs, valid SARIF, summary, annotations, masked secret', () => {
    const dir = fakePr();
    const secret = plantedSecret(dir);
    expect(secret.length).toBeGreaterThan(10);
    const run = runAction(dir);
    expect(run.code).toBe(1);

    // Outputs.
    const sarifPath = join(dir, 'ws', 'leakhound.sarif');
    expect(run.output['sarif-file']).toBe(sarifPath);
    expect(Number(run.output.findings)).toBeGreaterThanOrEqual(1);

    // Schema-valid SARIF with the planted secret's location, and no raw secret.
    const check = spawnSync(process.execPath, ['../shared/tools/validate-sarif.cjs', '../shared/schemas/sarif-schema-2.1.0.json', sarifPath], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules') },
    });
    expect(check.stdout + check.stderr).not.toMatch(/\berror/i);
    expect(check.status).toBe(0);
    const sarifText = readFileSync(sarifPath, 'utf8');
    expect(sarifText).not.toContain(secret);
    const results = JSON.parse(sarifText).runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    const aws = results.find((r) => r.ruleId === 'aws.access-key-id');
    expect(aws?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('config/app.env');
    expect(aws?.locations[0]?.physicalLocation.region.startLine).toBe(1);

    // Job summary: a Markdown table row linking the file at the introducing commit.
    expect(run.summary).toContain('| Severity | Rule | Location | Commit | Status |');
    expect(run.summary).toMatch(/\| high \| AWS access key id \(`aws\.access-key-id`\) \| \[config\/app\.env:1\]\(http:\/\/127\.0\.0\.1:9\/o\/r\/blob\/[0-9a-f]{40}\/config\/app\.env#L1\)/);
    expect(run.summary).not.toContain(secret);

    // Annotations.
    expect(run.stdout).toMatch(/^::error file=config\/app\.env,line=1,col=19,.*aws\.access-key-id/m);

    // The secret appears in stdout only inside ::add-mask::, and masks come before anything else.
    const lines = run.stdout.split('\n');
    const withSecret = lines.filter((l) => l.includes(secret));
    expect(withSecret).toEqual([`::add-mask::${secret}`]);
    const firstOther = lines.findIndex((l) => !l.startsWith('::add-mask::'));
    expect(lines.indexOf(`::add-mask::${secret}`)).toBeLessThan(firstOther);
    expect(readFileSync(join(dir, 'runner', 'stderr'), 'utf8')).not.toContain(secret);
  });

  it('fail-on-findings false: reports but passes; format json prints a redacted JSON report', () => {
    const dir = fakePr();
    const secret = plantedSecret(dir);
    const run = runAction(dir, { 'fail-on-findings': 'false', format: 'json', 'sarif-file': '' });
    expect(run.code).toBe(0);
    expect(run.output['sarif-file']).toBe('');
    expect(run.stdout).toContain('"ruleId": "aws.access-key-id"');
    expect(run.stdout.split('\n').filter((l) => l.includes(secret))).toEqual([`::add-mask::${secret}`]);
  });

  it('an empty range passes', () => {
    const dir = fakePr();
    const event = JSON.parse(readFileSync(join(dir, 'event.json'), 'utf8'));
    event.pull_request.base.sha = event.pull_request.head.sha;
    writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
    const run = runAction(dir);
    expect(run.code).toBe(0);
    expect(run.output.findings).toBe('0');
    expect(run.stdout).toContain('no commits to scan');
  });

  it('fails with a clear message when the range cannot be fetched', () => {
    const dir = fakePr();
    spawnSync('git', ['remote', 'set-url', 'origin', `file://${join(dir, 'gone.git')}`], { cwd: join(dir, 'ws') });
    const run = runAction(dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error::leakhound: the range .* is not in this checkout, even after git fetch --deepen=3.*fetch-depth: 0/m);
  });

  it('rejects an invalid input value', () => {
    const dir = fakePr();
    const run = runAction(dir, { mode: 'sometimes' });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error::leakhound: input mode must be one of auto, range, full/m);
  });
});
