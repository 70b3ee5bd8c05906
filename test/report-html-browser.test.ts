// End-to-end: the built CLI writes `--format html` for a real history repository, and headless
// Chromium (Debian's `chromium`; never downloaded) loads it from file:// and runs its script.
// The DOM after load must have one timeline bar per finding, filters from the URL hash must
// change the visible rows, and no planted secret may appear. A screenshot is kept in the test
// output directory (LEAKHOUND_TEST_OUTPUT, default <tmp>/leakhound-test-output) for people to look at.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { useTempDirs } from './helpers/git-repo.js';

const CHROMIUM = ['chromium', 'chromium-browser'].find((bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0);
const OUTPUT_DIR = process.env.LEAKHOUND_TEST_OUTPUT ?? join(tmpdir(), 'leakhound-test-output');
const SECRETS = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets as string[];
const [AWS_KEY_ID, AWS_SECRET, GITHUB_TOKEN, , STRIPE_KEY, SLACK_TOKEN] = SECRETS;
const ALICE = { name: 'Alice Leaker', email: 'alice@example.test' };
const BOB = { name: 'Bob Fixer', email: 'bob@example.test' };
const temp = useTempDirs();

/** Runs headless Chromium on a fresh profile with everything that could reach the network off. */
function chromium(args: string[]): string {
  const run = spawnSync(
    CHROMIUM!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${temp.dir('leakhound-chromium-')}`,
      ...args,
    ],
    { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`chromium failed (${run.status ?? run.signal}): ${run.stderr.slice(-2000)}`);
  return run.stdout;
}

/** Builds a history with a secret per status, an env file and a hostile file name. */
function fixtureRepo(): string {
  const repo = temp.repo();
  repo.write('README.md', '# shop\n').commit('init');
  repo.write('config/aws.js', `module.exports = { accessKeyId: '${AWS_KEY_ID}', secretAccessKey: '${AWS_SECRET}' };\n`).commit('add aws config', { author: ALICE });
  repo.write('src/github.ts', `export const token = '${GITHUB_TOKEN}';\n`).commit('github client', { author: ALICE });
  repo.write('config/aws.js', 'module.exports = { accessKeyId: process.env.AWS_ACCESS_KEY_ID };\n').commit('aws from env', { author: BOB });
  repo.write('src/github.ts', `export const token = '${GITHUB_TOKEN}'; // still here\n`).commit('touch github', { author: BOB });
  repo.write('notes/<img src=x onerror=alert(1)>.txt', `slack ${SLACK_TOKEN}\n`).commit('hostile name', { author: ALICE });
  repo.branch('feature').checkout('feature');
  repo.write('pay.py', `STRIPE = "${STRIPE_KEY}"\n`).commit('stripe on a branch', { author: BOB });
  repo.checkout('main');
  return repo.dir;
}

interface Row {
  severity: string;
  visible: boolean;
}

function tableRows(dom: string): Row[] {
  return [...dom.matchAll(/<tr class="fr( off)?" id="f-\d+" data-severity="(\w+)"/g)].map((m) => ({ severity: m[2]!, visible: !m[1] }));
}

describe.skipIf(!CHROMIUM)(`html report in headless Chromium${CHROMIUM ? '' : ' (SKIPPED: no chromium binary; apt-get install chromium)'}`, () => {
  it('draws a bar per finding, filters rows from the URL hash and shows no secret', () => {
    const dir = fixtureRepo();
    const out = temp.dir('leakhound-html-');
    const file = join(out, 'report.html');
    const html = runCli(['scan', dir, '--history', '--format', 'html', '--output', file]);
    expect(html.code, html.stderr).toBe(1);
    const json = JSON.parse(runCli(['scan', dir, '--history', '--format', 'json']).stdout) as {
      findings: { ruleId: string; severity: string; status: string; occurrences: { commit: unknown }[] }[];
    };
    const findings = json.findings;
    expect(new Set(findings.map((f) => f.status))).toEqual(new Set(['present', 'history-only', 'other-refs']));
    expect(findings.every((f) => f.occurrences.some((o) => o.commit !== null))).toBe(true);

    const page = readFileSync(file, 'utf8');
    const url = pathToFileURL(file).href;
    const dom = chromium(['--dump-dom', url]);
    // The script ran (it rewrites the count line) and drew one bar per finding.
    expect(dom).toContain(`Showing ${findings.length} of ${findings.length} findings`);
    expect([...dom.matchAll(/<span class="bar b-(present|history-only|other-refs)"/g)]).toHaveLength(findings.length);
    expect([...dom.matchAll(/<tr class="dr(?: off)?" id="d-\d+" hidden="">/g)]).toHaveLength(findings.length);
    expect(tableRows(dom).filter((r) => r.visible)).toHaveLength(findings.length);
    // The hostile file name is text, never an element.
    expect(dom).toContain('notes/&lt;img src=x onerror=alert(1)&gt;.txt');
    expect(dom).not.toMatch(/<img/);

    // A filter in the hash hides every row (and bar) of other severities.
    const severity = findings.find((f) => f.severity === 'critical') ? 'critical' : findings[0]!.severity;
    const expected = findings.filter((f) => f.severity === severity).length;
    expect(expected).toBeLessThan(findings.length);
    const filtered = chromium(['--dump-dom', `${url}#severity=${severity}`]);
    const rows = tableRows(filtered);
    expect(rows).toHaveLength(findings.length);
    expect(rows.filter((r) => r.visible).map((r) => r.severity)).toEqual(Array(expected).fill(severity));
    expect(filtered).toContain(`Showing ${expected} of ${findings.length} findings`);
    expect([...filtered.matchAll(/<div class="tr" role="listitem"/g)]).toHaveLength(expected);

    for (const secret of SECRETS) {
      expect(page.includes(secret), `a planted secret (${secret.length} chars) is in the HTML file`).toBe(false);
      expect(dom.includes(secret), `a planted secret (${secret.length} chars) is in the DOM`).toBe(false);
    }

    mkdirSync(OUTPUT_DIR, { recursive: true });
    const shot = join(OUTPUT_DIR, 'report-html.png');
    chromium([`--screenshot=${shot}`, '--window-size=1280,1600', '--hide-scrollbars', url]);
    expect(existsSync(shot)).toBe(true);
    copyFileSync(file, join(OUTPUT_DIR, 'report.html'));
    writeFileSync(join(OUTPUT_DIR, 'report-html.dom.html'), dom);
  });
});
