// The HTML reporter as a pure function: escaping, redaction, the timeline's bars, the summary's
// env/.gitignore part, the Content-Security-Policy pin, and the size for 1,000 findings.
// test/report-html-browser.test.ts renders the CLI's report in headless Chromium.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findingId } from '../src/policy/fingerprint.js';
import { redactResult } from '../src/policy/redact.js';
import { MAX_OCCURRENCES_SHOWN, type ReportData } from '../src/report/html-data.js';
import { formatHtml } from '../src/report/html.js';
import type { CommitInfo, Finding, FindingStatus, Occurrence, Severity } from '../src/types.js';
import {
  buildResult,
  commit,
  githubPat,
  rawSecretsOf,
  SAMPLE_RULES,
  sampleEmptyResult,
  sampleHistoryResult,
  sampleWorktreeResult,
  SECRETS,
} from './helpers/sample-result.js';

const meta = { toolVersion: '0.1.0' };

/** The JSON the page's script renders details and the timeline from. */
function dataOf(html: string): ReportData {
  const json = /<script type="application\/json" id="data">([^<]*)<\/script>/.exec(html)?.[1];
  expect(json).toBeDefined();
  return JSON.parse(json!) as ReportData;
}

function count(html: string, re: RegExp): number {
  return [...html.matchAll(re)].length;
}

function occ(path: string, line: number, secret: string, c: CommitInfo | null, snippet?: string): Occurrence {
  return {
    path,
    line,
    column: 5,
    endLine: line,
    endColumn: 5 + secret.length,
    commit: c,
    source: c ? 'commit' : 'worktree',
    ...(snippet !== undefined && { snippet }),
  };
}

function makeFinding(ruleId: string, secret: string, status: FindingStatus, occurrences: Occurrence[], severity: Severity = 'high'): Finding {
  return { id: findingId(ruleId, secret), ruleId, ruleName: `Rule ${ruleId}`, severity, tags: [], secret, status, occurrences };
}

describe('html report', () => {
  it('is one self-contained document: no external resource, a CSP that pins the inline script', () => {
    const html = formatHtml(redactResult(sampleHistoryResult()), meta);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|https?:\/\//);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
  });

  it('never contains a raw secret of a redacted result', () => {
    const result = sampleHistoryResult();
    const secrets = rawSecretsOf(result);
    const html = formatHtml(redactResult(result), meta);
    for (const secret of secrets) expect(html.includes(secret), `secret of ${secret.length} chars leaked`).toBe(false);
    // Parts of secrets must not survive either (PEM body lines are long and unique).
    for (const line of SECRETS.pem.split('\n').slice(1, -1)) expect(html.includes(line)).toBe(false);
  });

  it('places one timeline bar per finding seen in a commit, first to last commit, oldest first', () => {
    const result = redactResult(sampleHistoryResult());
    const html = formatHtml(result, meta);
    const data = dataOf(html);
    expect(data.timeline.bars.map((b) => b[0]).sort()).toEqual(result.findings.map((_, i) => i));
    const firstDates = data.timeline.bars.map((b) => Date.parse(data.commits[b[3]]![3]));
    expect(firstDates).toEqual([...firstDates].sort((x, y) => x - y));
    // The GitHub token spans the whole axis: from its first commit (Ada) to its last (Grace).
    const patIndex = result.findings.findIndex((f) => f.ruleId === 'github.pat');
    const pat = result.findings[patIndex]!;
    const bar = data.timeline.bars.find((b) => b[0] === patIndex)!;
    expect([bar[1], bar[2]]).toEqual([0, 100]);
    expect(data.commits[bar[3]]!.slice(0, 2)).toEqual([pat.occurrences[0]!.commit!.sha, pat.occurrences[0]!.commit!.authorName]);
    expect(data.commits[bar[4]]!.slice(0, 2)).toEqual([pat.occurrences[2]!.commit!.sha, pat.occurrences[2]!.commit!.authorName]);
    expect([bar[5], bar[6]]).toEqual(['2023-02-14', '2024-03-21']);
    expect(html).toContain('id="h-timeline"');
  });

  it('has no timeline for a working-tree scan, and keeps summary and table', () => {
    const result = redactResult(sampleWorktreeResult());
    const html = formatHtml(result, meta);
    expect(html).not.toContain('id="h-timeline"');
    expect(dataOf(html).timeline.bars).toEqual([]);
    expect(html).toContain('id="h-summary"');
    expect(count(html, /<tr class="fr"/g)).toBe(result.findings.length);
    expect(html).toContain('working tree');
  });

  it('says when nothing was found', () => {
    const html = formatHtml(sampleEmptyResult(), meta);
    expect(html).toContain('No secrets found.');
    expect(count(html, /<tr class="fr"/g)).toBe(0);
  });

  it('escapes every string from the repository', () => {
    const hostile = '<img src=x onerror=alert(1)>"\'&\u202e.env';
    const c = commit('hostile', 'ada', '2024-02-02T10:00:00Z');
    const evil = { ...c, authorName: '<script>alert(2)</script>' };
    const f = makeFinding('github.pat', githubPat('hostile'), 'present', [occ(hostile, 1, githubPat('hostile'), evil, `x <b>${hostile}</b>`)]);
    const html = formatHtml(redactResult(buildResult({ target: '/tmp/<t>', mode: 'history', findings: [{ ...f, ruleName: '</td><script>x()</script>' }] })), meta);
    expect(html).not.toMatch(/<img|<script>alert|<script>x|<b>|\u202e/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;\\u202e.env');
    expect(html).toContain('/tmp/&lt;t&gt;');
    const data = dataOf(html);
    expect(data.paths[data.findings[0]![4][0]![0]]).toBe('<img src=x onerror=alert(1)>"\'&\\u202e.env');
    expect(JSON.stringify(data)).not.toContain('\u202e');
    expect(data.commits[0]![1]).toBe('<script>alert(2)</script>');
  });

  it('gives every finding its fix text, redacted secret and occurrences, capped for huge lists', () => {
    const secret = githubPat('many');
    const many = Array.from({ length: MAX_OCCURRENCES_SHOWN + 7 }, (_, i) =>
      occ(`src/file-${i}.ts`, i + 1, secret, commit(`many-${i}`, 'grace', new Date(Date.UTC(2024, 0, 1 + i)).toISOString())),
    );
    const result = redactResult(buildResult({ target: '/r', mode: 'history', findings: [makeFinding('github.pat', secret, 'history-only', many)] }));
    const html = formatHtml(result, meta);
    const fix = SAMPLE_RULES.find((r) => r.id === 'github.pat')!.fix;
    const data = dataOf(html);
    expect(data.rules['github.pat']![1]).toBe(fix);
    const [id, shown, state, , occurrences, more] = data.findings[0]!;
    expect(id).toBe(result.findings[0]!.id);
    expect(shown).toBe(result.findings[0]!.secret);
    expect(shown).not.toBe(secret);
    expect(state).toMatch(/^removed from HEAD/);
    expect(occurrences).toHaveLength(MAX_OCCURRENCES_SHOWN);
    expect(occurrences[1]).toEqual([1, 2, 5, 1, 'commit']);
    expect(data.paths[1]).toBe('src/file-1.ts');
    expect(more).toBe(7);
  });

  it('names the encoding chain of a secret found by decoding among the details', () => {
    const secret = githubPat('decoded');
    const found = { ...occ('k8s/secret.yaml', 4, secret, null), encoding: ['base64' as const, 'percent' as const] };
    const plain = occ('src/app.ts', 2, secret, null);
    const result = redactResult(buildResult({ target: '/r', mode: 'worktree', findings: [makeFinding('github.pat', secret, 'present', [found]), makeFinding('github.pat', githubPat('plain'), 'present', [plain])] }));
    const data = dataOf(formatHtml(result, meta));
    expect(data.findings[0]![6]).toContainEqual(['decoded', 'base64 > percent']);
    expect(data.findings[1]![6].map(([name]) => name)).not.toContain('decoded');
  });

  it('summarises env files ever committed and .gitignore coverage from env.* and gitignore.* findings', () => {
    const c = commit('env', 'ada', '2024-01-05T00:00:00Z');
    const findings = [
      makeFinding('env.secret-value', 'value-one-123456', 'history-only', [occ('.env', 1, 'value-one-123456', c), occ('.env', 1, 'value-one-123456', null)]),
      makeFinding('env.secret-value', 'value-two-123456', 'present', [occ('api/.env.production', 2, 'value-two-123456', c)]),
      makeFinding('gitignore.env-not-ignored', '.env.local', 'present', [occ('.gitignore', 1, '.env.local', null)], 'medium'),
    ];
    const html = formatHtml(redactResult(buildResult({ target: '/r', mode: 'history', findings })), meta);
    expect(html).toContain('2 env files ever committed; 2 findings:');
    expect(html).toContain('1 gap in .gitignore coverage:');
    expect(html).toContain('<li><code>api/.env.production</code>');
    const none = formatHtml(redactResult(sampleHistoryResult()), meta);
    expect(none).toContain('No env-file findings.');
    expect(none).toContain('No .gitignore findings.');
  });

  it('stays under 2 MB for 1,000 findings', () => {
    const statuses: FindingStatus[] = ['present', 'history-only', 'other-refs'];
    const findings = Array.from({ length: 1000 }, (_, i) => {
      const rule = SAMPLE_RULES[i % SAMPLE_RULES.length]!;
      const secret = githubPat(`bulk-${i}`);
      const occurrences = Array.from({ length: 3 }, (_, k) => {
        const c = commit(`bulk-${i}-${k}`, k % 2 ? 'grace' : 'ada', new Date(Date.UTC(2021, 0, 1) + (i * 3 + k) * 3_600_000 * 7).toISOString());
        const path = `services/service-${i % 40}/config/environments/production-${k}.yml`;
        return occ(path, 10 + k, secret, c, `    github_token: "${secret}" # deploy bot, rotate quarterly`);
      });
      return { ...makeFinding(rule.id, secret, statuses[i % 3]!, occurrences, rule.severity), ruleName: rule.name };
    });
    const result = redactResult(buildResult({ target: '/home/dev/monorepo', mode: 'history', findings }));
    const html = formatHtml(result, meta);
    const bytes = Buffer.byteLength(html, 'utf8');
    console.info(`html report for 1,000 findings x 3 occurrences: ${bytes} bytes`);
    expect(dataOf(html).timeline.bars).toHaveLength(1000);
    expect(count(html, /<tr class="fr"/g)).toBe(1000);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
});
