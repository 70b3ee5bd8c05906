import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findingId } from '../src/policy/fingerprint.js';
import { redactResult, redactSecret, redactText } from '../src/policy/redact.js';
import { formatHtml } from '../src/report/html.js';
import { formatJson } from '../src/report/json.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';
import type { Encoding, Finding, Occurrence, ScanResult } from '../src/types.js';
import {
  SECRETS,
  buildResult,
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

describe('redactResult: secrets in the encoded form decoding found them in', () => {
  const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
  const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');
  const token = SECRETS.githubPat;
  const stripe = SECRETS.stripe;
  const pw = `Kp7${seededString('encoded-pw', 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789', 13)}!q`;

  const occurrence = (line: number, snippet: string, encoding?: Encoding[]): Occurrence => ({
    path: 'c.env',
    line,
    column: 1,
    endLine: line,
    endColumn: 10,
    commit: null,
    source: 'worktree',
    snippet,
    ...(encoding && { encoding }),
  });
  const finding = (ruleId: string, secret: string, occurrences: Occurrence[]): Finding => ({
    id: findingId(ruleId, secret),
    ruleId,
    ruleName: ruleId,
    severity: 'high',
    tags: [],
    secret,
    status: 'present',
    occurrences,
  });
  /** A plain Stripe finding whose line also holds `neighbour`, and the decoded finding of `secret`. */
  const resultWith = (neighbour: string, secret: string, encoding?: Encoding[]): ScanResult =>
    buildResult({
      target: '/repo',
      mode: 'worktree',
      findings: [
        finding('stripe.secret-key', stripe, [occurrence(1, `STRIPE=${stripe} GH=${neighbour}`)]),
        finding('github.pat', secret, [occurrence(1, `GH=${secret}`, encoding)]),
      ],
    });
  const stripeSnippet = (result: ScanResult): string => redactResult(result).findings[0]!.occurrences[0]!.snippet!;

  it("masks a decoded secret's base64, URL-safe base64 and hex in a neighbour's snippet", () => {
    for (const [encoded, chain] of [
      [b64(token), ['base64']],
      [b64(token).replace(/=+$/, ''), ['base64']],
      [b64url(token), ['base64']],
      [hex(token), ['hex']],
      [hex(token).toUpperCase(), ['hex']],
    ] as [string, Encoding[]][]) {
      const masked = stripeSnippet(resultWith(encoded, token, chain));
      expect(masked).toBe(`STRIPE=${redactSecret(stripe)} GH=${redactSecret(encoded)}`);
      expect(masked).not.toContain(encoded);
    }
  });

  it('leaves the same text alone when no finding was decoded (the plain secret alone is masked)', () => {
    const encoded = b64(token);
    expect(stripeSnippet(resultWith(encoded, token))).toBe(`STRIPE=${redactSecret(stripe)} GH=${encoded}`);
  });

  it('masks the characters that encode a secret inside a longer base64 text, at any alignment', () => {
    for (const prefix of ['password=', 'pass=', 'pw=']) {
      const encoded = b64(`${prefix}${pw}`);
      const masked = stripeSnippet(resultWith(encoded, pw, ['base64']));
      expect(masked).not.toContain(encoded);
      // What stays readable decodes to the prefix, the mask's leading characters and a character
      // or two at each end of the secret: never its middle.
      const runs = masked.slice(masked.indexOf('GH=') + 3).split('…');
      const readable = runs.map((r) => Buffer.from(r, 'base64').toString('latin1')).join('');
      expect(readable).toContain(prefix);
      expect(readable).not.toContain(pw.slice(5, 9));
      expect(readable).not.toContain(pw.slice(-7, -3));
    }
  });

  it('masks percent-encoded and nested (base64 of percent-encoded) forms', () => {
    const url = `postgres://app:${pw}@db.internal.example.com:5432/app`;
    const percent = encodeURIComponent(url);
    expect(stripeSnippet(resultWith(percent, url, ['percent']))).not.toContain(percent);
    const nested = b64(`DATABASE_URL=${percent}`);
    const masked = stripeSnippet(resultWith(nested, url, ['base64', 'percent']));
    expect(masked).not.toContain(nested);
    expect(masked).not.toContain(b64(percent).slice(8, -8));
  });

  it("masks a suppressed secret's encoded form in a reported finding's snippet", () => {
    for (const encoded of [b64(token), hex(token), b64url(token)]) {
      const raw = buildResult({
        target: '/repo',
        mode: 'worktree',
        findings: [finding('stripe.secret-key', stripe, [occurrence(1, `STRIPE=${stripe} GH=${encoded}`)])],
      });
      raw.suppressed = [{ id: findingId('github.pat', token), ruleId: 'github.pat', secret: token, path: 'c.env', line: 1, commit: null, how: 'baseline', reason: null }];
      expect(stripeSnippet(raw)).toBe(`STRIPE=${redactSecret(stripe)} GH=${redactSecret(encoded)}`);
    }
  });

  it('no reporter prints the decoded secret or its encoded form', () => {
    const meta = { toolVersion: '0.1.0', color: false, now: new Date('2024-05-01T12:00:00Z'), targetUri: 'file:///repo' };
    const raw = resultWith(b64(token), token, ['base64']);
    // The check can fail: unredacted, the text report does show the encoded form.
    expect(formatText(raw, meta)).toContain(b64(token));
    for (const report of [formatText, formatJson, formatSarif, formatHtml]) {
      const output = report(redactResult(raw), meta);
      for (const leak of [token, stripe, b64(token), b64(token).slice(0, -4)]) expect(output.includes(leak)).toBe(false);
    }
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
