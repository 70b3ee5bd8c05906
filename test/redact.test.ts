import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findingId } from '../src/policy/fingerprint.js';
import { redactResult, redactSecret, redactText } from '../src/policy/redact.js';
import { formatJson } from '../src/report/json.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';
import type { ScanResult } from '../src/types.js';
import {
  SECRETS,
  pemPrivateKey,
  rawSecretsOf,
  sampleHistoryResult,
  sampleWorktreeResult,
  seededString,
} from './helpers/sample-result.js';

const ALPHABETS = [
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  '0123456789abcdef',
  'ab',
  'a',
  ' -_=+/!"\'\\\t',
  'äöüßéñ漢字🔑𝄞',
];

/** Deterministic secrets of every length 1..200 over several alphabets (incl. astral characters). */
function generatedSecrets(): string[] {
  const out: string[] = [];
  for (const [i, alphabet] of ALPHABETS.entries()) {
    const chars = Array.from(alphabet);
    for (let length = 1; length <= 200; length++) {
      const picks = seededString(`gen:${i}:${length}`, '0123456789abcdefghijklmnopqrstuvwxyz', length);
      out.push(Array.from(picks, (p) => chars[parseInt(p, 36) % chars.length]).join(''));
    }
  }
  return out;
}

const visiblePart = (masked: string): string => masked.replace(/…$/, '');

describe('redactSecret', () => {
  it('never returns the secret or anything containing it, for lengths 1..200', () => {
    const secrets = generatedSecrets();
    expect(secrets.length).toBe(ALPHABETS.length * 200);
    for (const secret of secrets) {
      const masked = redactSecret(secret);
      expect(masked).not.toBe(secret);
      expect(masked.includes(secret), `length ${secret.length}`).toBe(false);
    }
  });

  it('shows at most a quarter of the secret, at most 4 characters, at most 1 for 6 or fewer', () => {
    for (const secret of generatedSecrets()) {
      const length = Array.from(secret).length;
      const shown = Array.from(visiblePart(redactSecret(secret))).length;
      expect(shown).toBeLessThanOrEqual(Math.floor(length / 4));
      expect(shown).toBeLessThanOrEqual(length <= 6 ? 1 : 4);
    }
  });

  it('keeps a recognisable prefix of long tokens', () => {
    expect(redactSecret(SECRETS.githubPat)).toBe(`${SECRETS.githubPat.slice(0, 4)}…`);
    expect(redactSecret(SECRETS.password)).toBe(`${SECRETS.password.slice(0, 2)}…`);
    expect(redactSecret('abcdef')).toBe('a…');
    expect(redactSecret('abc')).toBe('…');
    expect(redactSecret('')).toBe('…');
    // The one secret its own mask would contain.
    expect(redactSecret('…')).toBe('[redacted]');
  });

  it('shows only the start of the armor line of a PEM block', () => {
    expect(redactSecret(pemPrivateKey('redact-test'))).toBe('-----BEGIN RSA…');
  });

  it('shows only the first line of other multi-line secrets, within the usual limits', () => {
    const secret = `${seededString('ml', 'abcdefgh', 30)}\n${seededString('ml2', 'abcdefgh', 30)}`;
    expect(redactSecret(secret)).toBe(`${secret.slice(0, 4)}…`);
    expect(redactSecret('ab\ncdefghijkl')).toBe('ab…');
  });

  it('never splits a surrogate pair', () => {
    const masked = redactSecret('🔑🔑🔑🔑🔑🔑🔑🔑');
    expect(masked).toBe('🔑🔑…');
  });
});

describe('redactText', () => {
  it('masks every occurrence and leaves the rest of the text alone', () => {
    const s = SECRETS.stripe;
    expect(redactText(`a=${s}; b=${s}`, [s])).toBe(`a=${redactSecret(s)}; b=${redactSecret(s)}`);
    expect(redactText('nothing here', [s])).toBe('nothing here');
  });

  it('masks the longest secret first when one contains another', () => {
    const inner = seededString('inner', 'ABCDEFGH', 12);
    const outer = `${inner}${seededString('outer', 'ABCDEFGH', 12)}`;
    const text = `x=${outer} y=${inner}`;
    const masked = redactText(text, [inner, outer]);
    expect(masked).toBe(`x=${redactSecret(outer)} y=${redactSecret(inner)}`);
    expect(masked).not.toContain(inner);
  });

  it('treats secrets as literal text, not patterns, and ignores empty ones', () => {
    expect(redactText('p=a.b*c(d) q=aXbbc(d)', ['a.b*c(d)', ''])).toBe(`p=${redactSecret('a.b*c(d)')} q=aXbbc(d)`);
  });
});

describe('redactResult', () => {
  it('masks secrets, snippets, details and messages, and marks the result redacted', () => {
    const raw = sampleHistoryResult();
    raw.summary.errors.push({ message: `could not parse token ${SECRETS.githubPat}` });
    raw.findings[0]!.details = { header: { note: `seen as ${SECRETS.githubPat}` }, list: [SECRETS.githubPat, 3] };
    const red = redactResult(raw);
    expect(red.redacted).toBe(true);
    expect(red.findings.map((f) => f.secret)).toEqual(raw.findings.map((f) => redactSecret(f.secret)));
    const serialised = JSON.stringify(red);
    for (const secret of rawSecretsOf(raw)) expect(serialised.includes(secret)).toBe(false);
    expect(red.findings[0]!.details).toEqual({
      header: { note: `seen as ${redactSecret(SECRETS.githubPat)}` },
      list: [redactSecret(SECRETS.githubPat), 3],
    });
  });

  it("masks a neighbouring finding's secret in a shared snippet", () => {
    const red = redactResult(sampleHistoryResult());
    const awsSnippet = red.findings.find((f) => f.ruleId === 'aws.secret-access-key')!.occurrences[0]!.snippet!;
    expect(awsSnippet).toContain(redactSecret(SECRETS.awsSecret));
    expect(awsSnippet).not.toContain(SECRETS.awsSecret);
    // The GitHub token on the same line is another finding's secret.
    expect(awsSnippet).toContain(redactSecret(SECRETS.githubPat));
    expect(awsSnippet).not.toContain(SECRETS.githubPat);
  });

  it('does not change its input', () => {
    const raw = sampleHistoryResult();
    const before = structuredClone(raw);
    redactResult(raw);
    expect(raw).toEqual(before);
  });

  it('returns an already redacted result as it is', () => {
    const once = redactResult(sampleWorktreeResult());
    expect(redactResult(once)).toBe(once);
  });
});

describe('no reporter prints a full secret after redactResult', () => {
  const reporters = { text: formatText, json: formatJson, sarif: formatSarif } as const;
  const samples: [string, () => ScanResult][] = [
    ['history', sampleHistoryResult],
    ['worktree', sampleWorktreeResult],
  ];
  const meta = { toolVersion: '0.1.0', color: true, now: new Date('2024-05-01T12:00:00Z'), targetUri: 'file:///repo' };

  for (const [sampleName, make] of samples) {
    for (const [format, report] of Object.entries(reporters)) {
      it(`${format} report of the ${sampleName} sample`, () => {
        const raw = make();
        const secrets = rawSecretsOf(raw);
        expect(secrets.length).toBeGreaterThan(0);
        // The check can fail: unredacted, the report does carry the secrets.
        expect(secrets.some((s) => report(raw, meta).includes(s))).toBe(true);
        const output = report(redactResult(raw), meta);
        for (const secret of secrets) expect(output.includes(secret), `${format} leaks ${redactSecret(secret)}`).toBe(false);
        // JSON-escaped forms too (a PEM's newlines become \n inside strings).
        for (const secret of secrets) expect(output.includes(JSON.stringify(secret).slice(1, -1))).toBe(false);
      });
    }
  }
});

describe('findingId', () => {
  it('is the hex sha256 of ruleId, NUL, secret', () => {
    // Vector computed outside Node: printf 'github.pat\0ghp_example' | sha256sum
    expect(findingId('github.pat', 'ghp_example')).toBe('4e0f963f349c7e236e271131b8dc26bf5af2849fafe8ac2e4a8612418505bfeb');
  });

  it('separates rule and secret so shifted boundaries give different ids', () => {
    expect(findingId('a', 'bc')).not.toBe(findingId('ab', 'c'));
    expect(findingId('rule', SECRETS.stripe)).not.toBe(findingId('rule2', SECRETS.stripe));
    expect(findingId('rule', SECRETS.stripe)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the secret as UTF-8', () => {
    const expected = createHash('sha256').update(Buffer.from('r\0clé🔑', 'utf8')).digest('hex');
    expect(findingId('r', 'clé🔑')).toBe(expected);
  });
});
