// Decoding (issue 8): base64, hex and percent-encoded segments are decoded and scanned with the
// same rules, down to `decode.depth` levels; a finding records the encoding chain. Secrets are
// built at run time from seeds (never real credentials); fixture files live in fixtures/decode/.
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { alphabetRuns } from '../src/detect/alphabet-runs.js';
import { findEncodedSegments, printableText } from '../src/detect/decode-segments.js';
import { createDetector } from '../src/detect/detect-text.js';
import { SNIPPET_MAX, snippetAt } from '../src/detect/snippet.js';
import { analyzeBlob } from '../src/detect-pool/analyze-blob.js';
import { createBlobScanner } from '../src/detect-pool/blob-scanner.js';
import { analyzerRules } from '../src/analyzers/index.js';
import { findingId } from '../src/policy/fingerprint.js';
import { loadRules } from '../src/rules/load.js';
import type { Match } from '../src/types.js';
import { REPO_ROOT, runCli, tempDir } from './helpers/cli.js';
import { fakeAwsKeyId } from './helpers/fake-secrets.js';
import { githubPat, pemPrivateKey, seededString, stripeSecretKey } from './helpers/sample-result.js';

const rules = loadRules();
const detector = createDetector(rules);
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');
/** Bytes that look like a hash or a key: what most long base64/hex in real files is. */
const randomBytes = (seed: string, n: number): Buffer => {
  const parts: Buffer[] = [];
  for (let i = 0; parts.length * 32 < n; i++) parts.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(parts).subarray(0, n);
};
const password = (seed: string): string => `Kp7${seededString(seed, 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789', 11)}!q`;
const postgresUrl = (seed: string): string => `postgres://app:${seededString(seed, 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789', 18)}@db.internal.example.com:5432/app`;

describe('findEncodedSegments', () => {
  it('finds standard and URL-safe base64, padded or not, at the right offsets', () => {
    const std = b64('user: deploy, pass: n0t-a-real-one?');
    const url = b64url('{"client_secret":"not-a-real-one~~~"}');
    const text = `a = ${std}\nb = "${url}"\n`;
    const segments = findEncodedSegments(text);
    expect(segments.map((s) => [s.encoding, text.slice(s.start, s.end), s.decoded])).toEqual([
      ['base64', std, 'user: deploy, pass: n0t-a-real-one?'],
      ['base64', url, '{"client_secret":"not-a-real-one~~~"}'],
    ]);
    expect(std.endsWith('=')).toBe(true);
    expect(url).toMatch(/[-_]/);
  });

  it('finds hex that decodes to text and percent-encoded runs with several escapes', () => {
    const text = `h=${hex('hello from a hex encoded value')}\nu=${encodeURIComponent('redis://u:p@cache:6379/0')}\n`;
    expect(findEncodedSegments(text).map((s) => [s.encoding, s.decoded])).toEqual([
      ['hex', 'hello from a hex encoded value'],
      ['percent', 'u=redis://u:p@cache:6379/0'],
    ]);
  });

  it('keeps only decodings that are printable text: hashes, keys and binary are dropped', () => {
    const binary = [
      randomBytes('b64', 48).toString('base64'),
      randomBytes('url', 48).toString('base64url'),
      randomBytes('hex', 32).toString('hex'),
      createHash('sha1').update('commit').digest('hex'),
      `sha384-${randomBytes('sri', 48).toString('base64')}`,
      `h1:${randomBytes('gosum', 32).toString('base64')}`,
      `data:image/png;base64,${Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), randomBytes('png', 64)]).toString('base64')}`,
      b64('text with a NUL \u0000 in it, not text'),
    ];
    for (const value of binary) expect(findEncodedSegments(`value: ${value}\n`)).toEqual([]);
  });

  it('skips base64 after a data: URI of an image, audio, video or font even when it decodes to text', () => {
    const payload = b64('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect(findEncodedSegments(`url(data:image/svg+xml;base64,${payload})`)).toEqual([]);
    expect(findEncodedSegments(`url(data:text/plain;base64,${payload})`).map((s) => s.decoded)).toEqual([
      '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    ]);
  });

  it('does not decode words, lower-case identifiers, paths, short runs, single escapes or odd hex', () => {
    const text = [
      'const some_long_function_name_here = src/components/button/index;',
      'getElementsByClassName addEventListener', // mixed case, decodes to binary
      `short: ${b64('tiny text!')}`, // 16 chars would be the minimum; this is shorter
      'https://example.com/a%20b', // one escape
      `odd: ${hex('odd length hex text here')}0`,
    ].join('\n');
    expect(findEncodedSegments(text)).toEqual([]);
  });

  it('stops decoding at the budget of decoded characters', () => {
    const values = Array.from({ length: 10 }, (_, i) => b64(`configuration value number ${i} of ten`));
    const text = values.join('\n');
    expect(findEncodedSegments(text)).toHaveLength(10);
    const capped = findEncodedSegments(text, { maxDecodedChars: 100 });
    expect(capped.length).toBeGreaterThan(0);
    expect(capped.reduce((n, s) => n + s.decoded.length, 0)).toBeLessThanOrEqual(100);
  });

  it('printableText accepts UTF-8 text and rejects control characters and invalid UTF-8', () => {
    expect(printableText(Buffer.from('grüße\tfrom\r\nzürich'))).toBe('grüße\tfrom\r\nzürich');
    expect(printableText(Buffer.from([0x68, 0x69, 0x07]))).toBeNull();
    expect(printableText(Buffer.from([0x68, 0xc3]))).toBeNull();
    expect(printableText(Buffer.from('\u0085', 'utf8'))).toBeNull();
  });
});

describe('snippetAt', () => {
  it('cuts the line around the secret, also on a line of megabytes, without the CR of a CRLF', () => {
    const secret = 'S'.repeat(30);
    const long = `${'a = 1; '.repeat(200_000)}key = "${secret}"; ${'b = 2; '.repeat(200_000)}`;
    const start = long.indexOf(secret);
    const snippet = snippetAt(long, start, start + secret.length);
    expect(snippet).toContain(`key = "${secret}"`);
    expect(snippet.length).toBeLessThanOrEqual(SNIPPET_MAX);
    const crlf = `first\r\nkey = "${secret}"\r\nlast`;
    const at = crlf.indexOf(secret);
    expect(snippetAt(crlf, at, at + secret.length)).toBe(`key = "${secret}"`);
  });
});

describe('alphabetRuns', () => {
  /** The obvious definition, for comparison with the skipping scan. */
  const reference = (text: string, min: number) =>
    [...text.matchAll(/[A-Za-z0-9+/_-]+/g)].filter((m) => m[0].length >= min).map((m) => [m.index, m.index + m[0].length]);

  it('finds exactly the maximal runs a regex finds, for any text and minimum', () => {
    const chars = fc.constantFrom(...'aZ9+/-_=. \n%é'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 300 }).map((a) => a.join('')), fc.integer({ min: 1, max: 30 }), (text, min) => {
        expect(alphabetRuns(text, min).map((r) => [r.start, r.end])).toEqual(reference(text, min));
      }),
      { numRuns: 300 },
    );
  });
});

describe('detection in decoded text', () => {
  const aws = fakeAwsKeyId('decode-unit');
  const pw = password('k8s-unit');

  it('reports a secret in a base64 value at the encoded segment, with the decoded secret and the chain', () => {
    const encoded = b64(aws);
    const text = `data:\n  AWS_ACCESS_KEY_ID: ${encoded}\n`;
    const [match, ...rest] = detector.detect(text);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({
      ruleId: 'aws.access-key-id',
      secret: aws,
      line: 2,
      column: 22,
      endLine: 2,
      endColumn: 22 + encoded.length,
      encoding: ['base64'],
    });
    // The snippet shows the decoded line (masked with the secret later), never the encoded form.
    expect(match!.snippet).toBe(`AWS_ACCESS_KEY_ID: ${aws}`);
    // Same secret, same rule: the same finding id as the plain occurrence.
    const [plain] = detector.detect(`AWS_ACCESS_KEY_ID: ${aws}\n`);
    expect(plain!.encoding).toBeUndefined();
    expect(findingId(match!.ruleId, match!.secret)).toBe(findingId(plain!.ruleId, plain!.secret));
  });

  it('reads a base64 value in the context of its key: a Kubernetes Secret password', () => {
    const encoded = b64(pw);
    const matches = detector.detect(`kind: Secret\ndata:\n  password: ${encoded}\n`);
    // The generic match on the encoded characters gives way to the decoded password.
    expect(matches).toEqual([expect.objectContaining({ ruleId: 'generic.password', secret: pw, line: 3, column: 13, encoding: ['base64'] })]);
  });

  it('finds a multi-line private key in a base64 tls.key, on the line of the encoded value', () => {
    const encoded = b64(`${pemPrivateKey('decode-tls')}\n`);
    const matches = detector.detect(`type: kubernetes.io/tls\ndata:\n  tls.key: ${encoded}\n`);
    expect(matches.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.encoding])).toEqual([
      ['private-key.rsa', 3, 12, 3, 12 + encoded.length, ['base64']],
    ]);
    expect(matches[0]!.secret).toContain('PRIVATE KEY');
  });

  it('reports every secret of a decoded document (a base64 .env), each at the segment', () => {
    const env = `AWS_ACCESS_KEY_ID=${aws}\nDB_PASSWORD=${pw}\n`;
    const matches = detector.detect(`  app.env: ${b64(env)}\n`);
    expect(matches.map((m) => [m.ruleId, m.secret, m.line, m.column, m.encoding])).toEqual([
      ['aws.access-key-id', aws, 1, 12, ['base64']],
      ['generic.password', pw, 1, 12, ['base64']],
    ]);
  });

  it('finds hex-encoded tokens and percent-encoded connection strings', () => {
    const token = githubPat('decode-hex');
    const url = postgresUrl('decode-percent');
    const matches = detector.detect(`token_hex = "${hex(token)}"\nDATABASE_URL=${encodeURIComponent(url)}\n`);
    expect(matches.map((m) => [m.ruleId, m.secret.slice(0, 4), m.line, m.column, m.encoding])).toEqual([
      ['github.pat', 'ghp_', 1, 14, ['hex']],
      ['uri.postgres', url.slice(15, 19), 2, 1, ['percent']],
    ]);
  });

  it('records nested chains outermost first and stops at the configured depth', () => {
    const inner = `DATABASE_URL=${encodeURIComponent(postgresUrl('nested'))}`;
    const text = `config: ${b64(inner)}\n`;
    expect(detector.detect(text).map((m) => m.encoding)).toEqual([['base64', 'percent']]);
    const twice = `outer: ${b64(`inner: ${b64(`AWS_ACCESS_KEY_ID=${aws}`)}`)}\n`;
    expect(detector.detect(twice).map((m) => [m.ruleId, m.secret, m.encoding])).toEqual([['aws.access-key-id', aws, ['base64', 'base64']]]);
    expect(createDetector(rules, { decodeDepth: 1 }).detect(twice)).toEqual([]);
    expect(createDetector(rules, { decodeDepth: 0 }).detect(text)).toEqual([]);
  });

  it('does not double report: a precise plain match wins over what decoding finds on the same characters', () => {
    // docker config.json: the "auth" value is base64 of user:password and has its own rule.
    const auth = b64(`deploy:${seededString('docker-auth', 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789', 16)}`);
    const matches = detector.detect(`{"auths": {"registry.example.com": {"auth": "${auth}"}}}\n`);
    expect(matches.map((m) => [m.ruleId, m.encoding])).toEqual([['docker.config-auth', undefined]]);
  });

  it('finds nothing in encoded text that holds no secret, and nothing at depth 0', () => {
    const text = `greeting: ${b64('Welcome to the service, have a nice day')}\nnext=${encodeURIComponent('/dashboard?tab=billing')}\n`;
    expect(detector.detect(text)).toEqual([]);
    expect(createDetector(rules, { decodeDepth: 0 }).detect(`AWS_ACCESS_KEY_ID: ${b64(aws)}\n`)).toEqual([]);
  });

  it('keeps two secrets decoded from one segment when blob analyzers also report (no cross-shadowing)', () => {
    const scanner = createBlobScanner({ rules, enabledAnalyzerRules: analyzerRules().map((r) => r.id) });
    const env = `AWS_ACCESS_KEY_ID=${aws}\nDB_PASSWORD=${pw}\n`;
    // The .env line makes the env-file analyzer report too: the analyzer path of analyzeBlob runs.
    const text = `BUNDLE=${b64(env)}\nAPI_SECRET=${seededString('env-plain', 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789', 24)}\n`;
    const verdict = analyzeBlob(scanner, Buffer.from(text), '.env');
    expect(verdict.binary).toBe(false);
    const matches = (verdict as { matches: Match[] }).matches;
    expect(matches.filter((m) => m.encoding).map((m) => [m.ruleId, m.secret])).toEqual([
      ['aws.access-key-id', aws],
      ['generic.password', pw],
    ]);
    expect(matches.some((m) => !m.encoding)).toBe(true);
  });

  it('honours an inline allow comment on the line of the encoded segment', () => {
    const scanner = createBlobScanner({ rules, enabledAnalyzerRules: [] });
    const text = `AWS_ACCESS_KEY_ID: ${b64(aws)} # leakhound:allow rotated, test account\n`;
    const verdict = analyzeBlob(scanner, Buffer.from(text), 'secret.yaml') as { matches: Match[] };
    expect(verdict.matches.map((m) => [m.ruleId, m.encoding, m.allow])).toEqual([
      ['aws.access-key-id', ['base64'], { marker: 'leakhound:allow', reason: 'rotated, test account' }],
    ]);
  });

  it('stays linear on adversarial input: one long line of base64 that decodes to base64', () => {
    const layer = b64(b64('A'.repeat(30_000)));
    const matches = detector.detect(`x: ${layer}\n`);
    expect(matches).toEqual([]);
  });
});

describe('decode.depth in .leakhound.yaml', () => {
  it('reads a depth from 0 to 5 and names every bad value', () => {
    expect(parseConfig('decode:\n  depth: 0\n', 'c.yaml').decodeDepth).toBe(0);
    expect(parseConfig('decode:\n  depth: 3\n', 'c.yaml').decodeDepth).toBe(3);
    expect(parseConfig('extend: default\n', 'c.yaml').decodeDepth).toBeUndefined();
    expect(() => parseConfig('decode:\n  depth: -1\n', 'c.yaml')).toThrow(/decode.depth must be a whole number from 0 to 5/);
    expect(() => parseConfig('decode:\n  depth: 9\n', 'c.yaml')).toThrow(/decode.depth/);
    expect(() => parseConfig('decode:\n  levels: 2\n', 'c.yaml')).toThrow(/unknown key "decode.levels"/);
    expect(() => parseConfig('decode: 2\n', 'c.yaml')).toThrow(/decode must be a mapping/);
  });
});

describe('leakhound scan: encoded secrets end to end', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length > 0) cleanups.pop()!();
  });
  const fixtureDir = (name: string): string => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    cpSync(join(REPO_ROOT, 'fixtures', 'decode', name), dir.path, { recursive: true });
    return dir.path;
  };
  /** The fixture's own values, decoded here with Buffer (not by the scanner). */
  const secretYaml = readFileSync(join(REPO_ROOT, 'fixtures/decode/k8s/secret.yaml'), 'utf8');
  const valueOf = (key: string): { encoded: string; decoded: string; line: number; column: number } => {
    const lines = secretYaml.split('\n');
    const index = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
    const encoded = lines[index]!.split(': ')[1]!;
    return { encoded, decoded: Buffer.from(encoded, 'base64').toString('utf8'), line: index + 1, column: lines[index]!.indexOf(encoded) + 1 };
  };

  it('reports the base64 credentials of a Kubernetes Secret with the chain in JSON, SARIF and text', () => {
    const dir = fixtureDir('k8s');
    const awsValue = valueOf('AWS_ACCESS_KEY_ID');
    const pwValue = valueOf('db-password');

    const json = runCli(['scan', dir, '--format', 'json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    const byRule = new Map(report.findings.map((f: any) => [f.ruleId, f]));
    expect([...byRule.keys()].sort()).toEqual(['aws.access-key-id', 'generic.password']);
    const awsFinding = byRule.get('aws.access-key-id') as any;
    expect(awsFinding).toMatchObject({ path: 'secret.yaml', line: awsValue.line, column: awsValue.column, encoding: ['base64'] });
    expect(awsFinding.occurrences[0]).toMatchObject({ endLine: awsValue.line, endColumn: awsValue.column + awsValue.encoded.length, encoding: ['base64'] });
    // Content identity: the decoded secret's id, as if it had been written in plain.
    expect(awsFinding.id).toBe(findingId('aws.access-key-id', awsValue.decoded));
    expect((byRule.get('generic.password') as any).id).toBe(findingId('generic.password', pwValue.decoded));
    // Redacted by default: neither the secret nor its encoded form leaves the scan.
    for (const value of [awsValue, pwValue]) {
      expect(json.stdout).not.toContain(value.decoded);
      expect(json.stdout).not.toContain(value.encoded);
    }

    const sarif = JSON.parse(runCli(['scan', dir, '--format', 'sarif']).stdout);
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result.properties.encoding).toEqual(['base64']);
      expect(result.message.text).toContain('Found by decoding base64.');
    }

    const text = runCli(['scan', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout.match(/decoded: base64/g)).toHaveLength(2);
  });

  it("masks a decoded token's base64 in a neighbour's snippet in every format; --no-redact prints the raw line", () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const token = githubPat('neighbour-e2e');
    const stripe = stripeSecretKey('neighbour-e2e');
    const encoded = b64(token);
    // Built here, not kept as a fixture: the file holds a valid token's base64.
    writeFileSync(join(dir.path, 'c.env'), `STRIPE=${stripe} GH=${encoded}\n`);
    const leaks = [token, stripe, encoded, encoded.replace(/=+$/, '')];

    const json = runCli(['scan', dir.path, '--format', 'json']);
    expect(json.code).toBe(1);
    // (A committed-.env check may report the file too; only the two secrets matter here.)
    const findings = JSON.parse(json.stdout).findings.filter((f: any) => !f.ruleId.startsWith('gitignore.'));
    expect(findings.map((f: any) => [f.ruleId, f.encoding]).sort()).toEqual([['github.pat', ['base64']], ['stripe.secret-key', undefined]]);
    const sarif = runCli(['scan', dir.path, '--format', 'sarif']);
    const snippets = JSON.parse(sarif.stdout).runs[0].results.map((r: any) => r.locations[0].physicalLocation.region.snippet?.text);
    // The Stripe finding's snippet is the raw line: it shows the token's base64, masked.
    expect(snippets.some((s: string | undefined) => s?.includes(`GH=${encoded.slice(0, 4)}…`))).toBe(true);
    const text = runCli(['scan', dir.path]);
    expect(text.stdout).toContain('c.env');
    for (const output of [json.stdout, sarif.stdout, text.stdout]) {
      for (const leak of leaks) expect(output.includes(leak)).toBe(false);
    }

    // --no-redact: the user asked for raw output; the raw line (encoded form included) is shown as in the file.
    const raw = runCli(['scan', dir.path, '--format', 'sarif', '--no-redact']);
    expect(raw.stdout).toContain(`GH=${encoded}`);
  });

  it('--decode-depth 0 and decode.depth: 0 turn decoding off; the flag wins over the config', () => {
    const dir = fixtureDir('k8s');
    const off = JSON.parse(runCli(['scan', dir, '--format', 'json', '--decode-depth', '0']).stdout);
    expect(off.findings.filter((f: any) => f.encoding)).toEqual([]);
    writeFileSync(join(dir, '.leakhound.yaml'), 'decode:\n  depth: 0\n');
    const config = JSON.parse(runCli(['scan', dir, '--format', 'json']).stdout);
    expect(config.findings.filter((f: any) => f.encoding)).toEqual([]);
    const flag = JSON.parse(runCli(['scan', dir, '--format', 'json', '--decode-depth', '1']).stdout);
    expect(flag.findings.filter((f: any) => f.encoding)).toHaveLength(2);
    const bad = runCli(['scan', dir, '--decode-depth', 'two']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/decode-depth/);
  });

  it('reports nothing for images in data: URIs, SRI and lockfile integrity hashes, go.sum and git shas', () => {
    const dir = fixtureDir('clean');
    expect(readdirSync(dir).sort()).toEqual(['CHANGELOG.md', 'go.sum', 'index.html', 'package-lock.json', 'styles.css']);
    // No base64 or hex in these files decodes to text at all (only the percent-encoded link does).
    for (const name of readdirSync(dir)) {
      const segments = findEncodedSegments(readFileSync(join(dir, name), 'utf8'));
      expect(segments.filter((s) => s.encoding !== 'percent'), name).toEqual([]);
    }
    // Even with the built-in allowlist of integrity lines turned off.
    writeFileSync(join(dir, '.leakhound.yaml'), 'allowlist:\n  defaults: false\n');
    const run = runCli(['scan', dir, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('decoded values in the context of their line (review: issues 4 and 6)', () => {
  const pw = password('line-context');
  const encoded = b64(`password=${pw}`);
  const found = (text: string) => detector.detect(text).map((m) => [m.ruleId, m.secret, m.line, m.column, m.endColumn, m.encoding]);
  const at = (text: string, segment: string, line = 1) => {
    const column = text.split('\n')[line - 1]!.indexOf(segment) + 1;
    return ['generic.password', pw, line, column, column + segment.length, ['base64']];
  };

  it('finds a decoded assignment that ends the line, as before', () => {
    const text = `k=${encoded}\n`;
    expect(found(text)).toEqual([at(text, encoded)]);
  });

  it('finds a decoded assignment inside quotes', () => {
    const text = `k="${encoded}"\n`;
    expect(found(text)).toEqual([at(text, encoded)]);
  });

  it('reports a decoded assignment in a quoted value once, with the decoded value as the secret', () => {
    const value = b64(`api_key=${pw}Zq9`);
    const text = `{"secret": "${value}"}\n`;
    const column = text.indexOf(value) + 1;
    expect(found(text)).toEqual([['generic.secret', `${pw}Zq9`, 1, column, column + value.length, ['base64']]]);
  });

  it('finds a decoded assignment followed by more text on the line', () => {
    const text = `k=${encoded} more text\n`;
    expect(found(text)).toEqual([at(text, encoded)]);
  });

  it('finds every decoded assignment when two segments share a line', () => {
    const other = password('line-context-2');
    const second = b64(`password=${other}`);
    const text = `a=${encoded} b=${second}\n`;
    const column = text.indexOf(second) + 1;
    expect(found(text)).toEqual([at(text, encoded), ['generic.password', other, 1, column, column + second.length, ['base64']]]);
  });

  it('finds a bare decoded value in quotes after its key, and one followed by more text', () => {
    const value = b64(pw);
    const quoted = `password: "${value}"\n`;
    expect(found(quoted)).toEqual([at(quoted, value)]);
    const json = `{"password": "${value}", "user": "deploy"}\n`;
    expect(found(json)).toEqual([at(json, value)]);
    const trailing = `password=${value} # rotated monthly\n`;
    expect(found(trailing)).toEqual([at(trailing, value)]);
  });

  it('keeps a decoded secret that differs from a precise plain match in the same segment', () => {
    const token = githubPat('percent-neighbour');
    const text = `u=https://x.io/cb?gh=${token}&next=${encodeURIComponent(`/a?password=${pw}`)}\n`;
    const matches = detector.detect(text);
    expect(matches.map((m) => [m.ruleId, m.secret === token || m.secret === pw, m.encoding])).toEqual([
      ['generic.password', true, ['percent']],
      ['github.pat', true, undefined],
    ]);
    expect(matches.find((m) => m.ruleId === 'generic.password')!.secret).toBe(pw);
  });

  it('reports a token seen plain inside a percent-encoded run once, as the plain match', () => {
    const token = githubPat('percent-same');
    const text = `u=https://x.io/cb?gh=${token}&next=%2Fhome%3Ftab%3D1\n`;
    expect(detector.detect(text).map((m) => [m.ruleId, m.encoding])).toEqual([['github.pat', undefined]]);
  });
});
