import { describe, expect, it } from 'vitest';
import { redactResult } from '../src/policy/redact.js';
import { formatText } from '../src/report/text.js';
import { buildResult, sampleEmptyResult, sampleHistoryResult, sampleWorktreeResult } from './helpers/sample-result.js';

const meta = { toolVersion: '0.1.0' };
const ESC = '\u001b';

describe('text report', () => {
  it('history scan', async () => {
    await expect(formatText(redactResult(sampleHistoryResult()), meta)).toMatchFileSnapshot('__snapshots__/report-text.history.txt');
  });

  it('working-tree scan', async () => {
    await expect(formatText(redactResult(sampleWorktreeResult()), meta)).toMatchFileSnapshot('__snapshots__/report-text.worktree.txt');
  });

  it('clean scan says so, then the summary', () => {
    const out = formatText(sampleEmptyResult(), meta);
    expect(out.split('\n')[0]).toBe('No secrets found.');
    expect(out).toContain('Scanned 12 files');
    expect(out).not.toContain('incomplete');
  });

  it('groups findings under their file, paths sorted', () => {
    const out = formatText(redactResult(sampleWorktreeResult()), meta);
    const headers = out.split('\n').filter((l) => l.length > 0 && !l.startsWith(' ') && !/^\d|^Scanned|^Skipped/.test(l));
    expect(headers).toEqual(['.env', 'src/pay ment.ts']);
  });

  it('describes each history status in words, with the introducing commit', () => {
    const result = redactResult(sampleHistoryResult());
    const out = formatText(result, meta);
    expect(out).toContain('still present in HEAD');
    expect(out).toContain('removed from HEAD but still in history: rotate the secret, then rewrite history');
    expect(out).toContain('only on other branches/tags:');
    const pat = result.findings.find((f) => f.ruleId === 'github.pat')!;
    const first = pat.occurrences[0]!.commit!;
    expect(out).toContain(`introduced in ${first.sha.slice(0, 7)} by ${first.authorName} on ${first.authorDate.slice(0, 10)}, 3 occurrences`);
  });

  it('says when the scan is incomplete and lists the errors', () => {
    const result = sampleHistoryResult();
    const out = formatText(redactResult(result), meta);
    expect(result.summary.complete).toBe(false);
    expect(out).toContain('Scan incomplete');
    expect(out).toContain(`docs/big.bin at commit ${result.summary.errors[0]!.commit!.slice(0, 7)}: object missing`);
  });

  it('colours only when asked', () => {
    const result = redactResult(sampleHistoryResult());
    expect(formatText(result, { ...meta, color: false })).not.toContain(ESC);
    expect(formatText(result, meta)).not.toContain(ESC);
    expect(formatText(result, { ...meta, color: true })).toContain(`${ESC}[`);
  });
});

describe('text report escaping', () => {
  const hostile = `src/${ESC}[2J${ESC}]0;pwned\u0007evil\nname\u009b\u202etxt.js`;
  const result = buildResult({
    target: '/repo',
    mode: 'worktree',
    findings: [
      {
        id: 'x'.repeat(64),
        ruleId: 'generic.password',
        ruleName: 'Hard-coded password',
        severity: 'low',
        tags: [],
        secret: 'Tr…',
        status: 'present',
        occurrences: [
          {
            path: hostile,
            line: 1,
            column: 5,
            endLine: 1,
            endColumn: 16,
            commit: null,
            source: 'worktree',
            snippet: `pw=Tr… ${ESC}[31mred\rback`,
          },
        ],
      },
    ],
    errors: [{ path: hostile, message: `cannot read ${ESC}[1mfile` }],
    skipped: [{ path: hostile, reason: 'too-large', size: 1 }],
  });

  for (const color of [false, true]) {
    it(`shows control characters in paths, snippets and messages as escapes (colour ${color ? 'on' : 'off'})`, () => {
      const out = formatText(result, { ...meta, color });
      // With colour on, the only ESC bytes are picocolors' own SGR sequences (ESC [ digits m).
      const withoutSgr = out.replace(/\u001b\[\d+m/g, '');
      expect(withoutSgr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(out).toContain('src/\\x1b[2J\\x1b]0;pwned\\x07evil\\x0aname\\x9b\\u202etxt.js:1:5');
      expect(out).toContain('pw=Tr… \\x1b[31mred\\x0dback');
      expect(out).toContain('cannot read \\x1b[1mfile');
      // The newline in the file name does not start a new line of the report.
      expect(out.split('\n').filter((l) => l.includes('name\\x9b'))).toHaveLength(3);
    });
  }
});
