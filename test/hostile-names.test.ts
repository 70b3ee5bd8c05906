// Hostile file names and random planted secrets through every report format. Property tests
// (fast-check, bounded runs): names with spaces, tabs, newlines, ANSI escapes, `#`, `%`, bidi
// controls and unicode; the text report shows them escaped (no terminal injection), JSON keeps
// them exactly, SARIF percent-encodes them and passes the code-scanning validator, and no report
// holds a planted secret unless redaction is off. Then the same through the built CLI on a git
// repository whose committed names include non-UTF-8 bytes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { escapeControl } from '../src/report/escape.js';
import { formatJson } from '../src/report/json.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';
import { scan } from '../src/scan.js';
import type { ScanResult } from '../src/types.js';
import { REPO_ROOT, runCli, tempDir } from './helpers/cli.js';
import { useTempDirs } from './helpers/git-repo.js';
import { hostileName, plantedSecret, type PlantedSecret } from './helpers/random-secrets.js';

const temp = useTempDirs();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const META = { toolVersion: '0.0.0-test', now: new Date('2024-01-01T00:00:00Z'), targetUri: 'file:///scan/' };
/** Raw characters that must never reach a terminal from a report. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]/;
/** What a SARIF URI may contain: RFC 3986 unreserved, reserved and percent escapes, no space. */
const URI_CHARS = /^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+$/;

function validateSarif(file: string): { status: number | null; output: string } {
  const check = spawnSync(
    process.execPath,
    [join(REPO_ROOT, '../shared/tools/validate-sarif.cjs'), join(REPO_ROOT, '../shared/schemas/sarif-schema-2.1.0.json'), file],
    { encoding: 'utf8', env: { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules') } },
  );
  return { status: check.status, output: check.stdout + check.stderr };
}

function reportsOf(result: ScanResult): { text: string; json: string; sarif: string } {
  return { text: formatText(result, META), json: formatJson(result, META), sarif: formatSarif(result, META) };
}

const plantedFiles = fc.uniqueArray(fc.record({ name: hostileName, planted: plantedSecret, filler: fc.string({ maxLength: 40 }) }), {
  minLength: 1,
  maxLength: 5,
  selector: (f) => f.name,
});

describe('hostile names and planted secrets (property)', () => {
  it('every format stays valid, escapes names for the terminal and never holds a planted secret', async () => {
    await fc.assert(
      fc.asyncProperty(plantedFiles, async (files) => {
        const dir = tempDir();
        cleanups.push(dir.cleanup);
        for (const f of files) writeFileSync(join(dir.path, f.name), `${f.filler.replace(/[\r\n]/g, ' ')}\n${f.planted.line}\n`);
        const raw = await scan({ path: dir.path, redact: false, workers: 0 });
        const found = new Set(raw.findings.flatMap((f) => f.occurrences.map((o) => `${f.ruleId}\0${o.path}`)));
        for (const f of files) expect(found).toContain(`${f.planted.ruleId}\0${f.name}`);

        const redacted = await scan({ path: dir.path, workers: 0 });
        const reports = reportsOf(redacted);
        const secrets = files.map((f) => f.planted.secret);
        for (const [format, report] of Object.entries(reports)) for (const s of secrets) expect(report.includes(s), format).toBe(false);

        expect(reports.text).not.toMatch(UNSAFE);
        for (const f of files) expect(reports.text).toContain(escapeControl(f.name));

        const json = JSON.parse(reports.json);
        const jsonPaths = new Set(json.findings.flatMap((f: { occurrences: { path: string }[] }) => f.occurrences.map((o) => o.path)));
        for (const f of files) expect(jsonPaths).toContain(f.name);

        const sarif = JSON.parse(reports.sarif);
        const uris: string[] = sarif.runs[0].results.flatMap((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          r.locations.map((l) => l.physicalLocation.artifactLocation.uri),
        );
        for (const uri of uris) expect(uri).toMatch(URI_CHARS);
        for (const f of files) expect(uris.map((u) => decodeURIComponent(u))).toContain(f.name);
        const sarifFile = join(dir.path, '..', `${dir.path.split('/').pop()}.sarif`);
        writeFileSync(sarifFile, reports.sarif);
        cleanups.push(() => spawnSync('rm', ['-f', sarifFile]));
        const check = validateSarif(sarifFile);
        expect(check.output).not.toMatch(/\berror/i);
        expect(check.status).toBe(0);

        // Redaction off: the raw secrets are there (the property above is not vacuous).
        const rawJson = formatJson(raw, META);
        for (const s of secrets) expect(rawJson).toContain(s);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('hostile names through the CLI, committed and on disk', () => {
  it('history scan of names with control characters and non-UTF-8 bytes: escaped text, valid JSON and SARIF', () => {
    const repo = temp.repo();
    const names = ['with space.py', 'tab\there.py', 'new\nline.py', 'esc\x1b[2Jclear.py', 'hash#pct%20.py', 'uni-日本-🔑.py', 'bidi\u202eyp.txt'];
    // One secret per file: the text report shows each finding at its first location.
    const secrets = fc.sample(plantedSecret, { numRuns: names.length + 1, seed: 9 });
    names.forEach((name, i) => repo.write(name, `${secrets[i]!.line}\n`));
    // A name that is not UTF-8 (Latin-1 é): written and committed as raw bytes.
    mkdirSync(join(repo.dir, 'raw'), { recursive: true });
    writeFileSync(Buffer.concat([Buffer.from(join(repo.dir, 'raw', 'caf')), Buffer.from([0xe9]), Buffer.from('.py')]), `${secrets[names.length]!.line}\n`);
    repo.git('add', '-A');
    repo.commit('hostile names');

    const text = runCli(['scan', '.', '--history'], { cwd: repo.dir });
    expect(text.code).toBe(1);
    expect(text.stdout + text.stderr).not.toMatch(UNSAFE);
    for (const name of names) expect(text.stdout).toContain(escapeControl(name));

    const json = runCli(['scan', '.', '--history', '--format', 'json'], { cwd: repo.dir });
    const report = JSON.parse(json.stdout);
    const paths = report.findings.flatMap((f: { occurrences: { path: string }[] }) => f.occurrences.map((o) => o.path));
    for (const name of names) expect(paths).toContain(name);
    expect(paths.some((p: string) => p.startsWith('raw/caf'))).toBe(true);

    const out = join(temp.dir(), 'report.sarif');
    expect(runCli(['scan', '.', '--history', '--format', 'sarif', '--output', out], { cwd: repo.dir }).code).toBe(1);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    for (const r of sarif.runs[0].results) for (const l of r.locations) expect(l.physicalLocation.artifactLocation.uri).toMatch(URI_CHARS);
    const check = validateSarif(out);
    expect(check.output).not.toMatch(/\berror/i);
    expect(check.status).toBe(0);
    for (const run of [text, json]) for (const s of secrets) expect(run.stdout + run.stderr).not.toContain(s.secret);
  }, 60_000);
});

describe('redaction everywhere through the CLI (property)', () => {
  it('no format, --verbose log or error line holds a planted secret unless --no-redact', () => {
    fc.assert(
      fc.property(fc.uniqueArray(plantedSecret, { minLength: 1, maxLength: 4, selector: (p) => p.secret }), (planted) => {
        const dir = tempDir();
        cleanups.push(dir.cleanup);
        planted.forEach((p, i) => writeFileSync(join(dir.path, `f${i}.py`), `${p.line}\n`));
        const secrets = planted.map((p) => p.secret);
        const outputs: string[] = [];
        for (const format of ['text', 'json', 'sarif', 'html']) {
          const run = runCli(['scan', dir.path, '--format', format, '--verbose'], { env: { FORCE_COLOR: '1' } });
          expect(run.code, format).toBe(1);
          outputs.push(run.stdout, run.stderr);
        }
        // An error line too: a config file that holds the secret and does not parse.
        const config = join(dir.path, 'broken.yaml');
        writeFileSync(config, `allowlist:\n  paths: ["${secrets[0]}"\nrules:\n  - id: x\n    pattern: '${secrets[0]}'\n`);
        const broken = runCli(['scan', dir.path, '--config', config]);
        expect(broken.code).toBe(2);
        outputs.push(broken.stdout, broken.stderr);
        for (const output of outputs) for (const s of secrets) expect(output.includes(s)).toBe(false);

        const raw = runCli(['scan', dir.path, '--format', 'json', '--no-redact']);
        for (const s of secrets) expect(raw.stdout).toContain(s);
      }),
      { numRuns: 4 },
    );
  }, 120_000);
});
