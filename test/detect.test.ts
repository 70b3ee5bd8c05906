// The pure detector: positions, filters, validators, the keyword gate and its anchored shortcut.
import { describe, expect, it } from 'vitest';
import type { Rule } from '../src/types.js';
import { createDetector, detectText } from '../src/detect/detect-text.js';
import { detectCharset, shannonEntropy } from '../src/detect/entropy.js';
import { isPlaceholder } from '../src/detect/placeholder.js';
import { createPrefilter } from '../src/detect/prefilter.js';
import { isKeywordAnchored } from '../src/detect/anchor.js';
import { base62, crc32, hasLettersAndDigits, isJwtShaped, isValidGithubToken } from '../src/detect/validators.js';
import { loadRules, parseRules } from '../src/rules/load.js';

const rules = loadRules();
const ruleById = (id: string): Rule => rules.find((rule) => rule.id === id)!;

/** Deterministic base62 strings (mulberry32): realistic shape, never real credentials. */
function randomString(seed: number, length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789';
  let state = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}

/** A GitHub-format token with a correct CRC32 suffix. */
function githubToken(prefix: string, seed: number): string {
  const body = randomString(seed, 30);
  return `${prefix}_${body}${base62(crc32(body), 6)}`;
}

function customRule(fields: Record<string, string>): Rule {
  const text = [
    'rules:',
    '  - id: test.rule',
    '    name: Test rule',
    '    description: A rule built by the test.',
    '    fix: None.',
    '    severity: low',
    ...Object.entries(fields).map(([key, value]) => `    ${key}: ${value}`),
  ].join('\n');
  const { rules: parsed, problems } = parseRules(text, 'test.yaml');
  expect(problems).toEqual([]);
  return parsed[0]!;
}

describe('positions', () => {
  const token = githubToken('ghp', 1);

  it('gives 1-based line and UTF-16 column, with CRLF line ends', () => {
    const text = `first line\r\nsecond line\r\n  GITHUB_TOKEN=${token}\r\nlast\r\n`;
    const [match] = detectText(text, [ruleById('github.pat')]);
    expect(match).toMatchObject({ ruleId: 'github.pat', secret: token, line: 3, column: 16, endLine: 3 });
    expect(match!.endColumn).toBe(16 + token.length);
    expect(match!.snippet).toBe(`GITHUB_TOKEN=${token}`);
  });

  it('counts surrogate pairs before the secret as two columns', () => {
    const text = `😀😀 token ${token}`;
    const [match] = detectText(text, [ruleById('github.pat')]);
    expect(match!.column).toBe('😀😀 token '.length + 1);
    expect(text.slice(match!.column - 1, match!.endColumn - 1)).toBe(token);
  });

  it('reports every match, in order, on the right lines', () => {
    const second = githubToken('gho', 2);
    const third = githubToken('ghp', 3);
    const text = [`a = "${token}"`, '', `b = "${second}"; c = "${third}"`].join('\n');
    const matches = detectText(text, rules);
    expect(matches.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['github.pat', 1, 6],
      ['github.oauth-token', 3, 6],
      ['github.pat', 3, 6 + second.length + '"; c = "'.length],
    ]);
  });

  it('spans lines for a multi-line private key', () => {
    const body = Array.from({ length: 4 }, (_, i) => randomString(100 + i, 64)).join('\n');
    const text = `# key\n-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;
    const [match] = detectText(text, rules);
    expect(match).toMatchObject({ ruleId: 'private-key.rsa', line: 2, column: 1, endLine: 7 });
    expect(match!.endColumn).toBe('-----END RSA PRIVATE KEY-----'.length + 1);
    expect(match!.secret.split('\n')).toHaveLength(6);
  });

  it('cuts the snippet of a long line to a window around the secret', () => {
    const text = `${'x'.repeat(5000)} = "${token}" ${'y'.repeat(5000)}`;
    const [match] = detectText(text, [ruleById('github.pat')]);
    expect(match!.snippet!.length).toBeLessThanOrEqual(200);
    expect(match!.snippet).toContain(token);
  });

  it('returns nothing for empty text and text without keywords', () => {
    expect(detectText('', rules)).toEqual([]);
    expect(detectText('const x = 1;\n'.repeat(1000), rules)).toEqual([]);
  });
});

describe('filters', () => {
  it('drops placeholders in rules that ask for it', () => {
    const real = `${randomString(7, 10)}!${randomString(8, 3)}`;
    const text = [`DB_PASSWORD=${real}`, 'API_PASSWORD=${API_PASSWORD}', 'password: "changeme"', 'pwd = "<password>"'].join('\n');
    const matches = detectText(text, [ruleById('generic.password')]);
    expect(matches.map((m) => m.secret)).toEqual([real]);
  });

  it('applies the entropy threshold to the secret', () => {
    const rule = customRule({ pattern: "'(?<secret>ent_[a-z0-9]{16})'", keywords: '[ent_]', entropy: '3.0' });
    const random = `ent_${randomString(11, 16).toLowerCase()}`;
    expect(detectText(`${random} ent_aaaaaaaabbbbbbbb`, [rule]).map((m) => m.secret)).toEqual([random]);
    const noThreshold = customRule({ pattern: "'(?<secret>ent_[a-z0-9]{16})'", keywords: '[ent_]' });
    expect(detectText('ent_aaaaaaaabbbbbbbb', [noThreshold])).toHaveLength(1);
  });

  it('github-crc32 accepts a valid token and rejects a wrong checksum', () => {
    const valid = githubToken('ghp', 21);
    const lastChar = valid.at(-1) === 'A' ? 'B' : 'A';
    const broken = valid.slice(0, -1) + lastChar;
    expect(isValidGithubToken(valid)).toBe(true);
    expect(isValidGithubToken(broken)).toBe(false);
    expect(isValidGithubToken(`ghx_${valid.slice(4)}`)).toBe(false);
    const rule = ruleById('github.pat');
    expect(detectText(`t=${valid}`, [rule])).toHaveLength(1);
    expect(detectText(`t=${broken}`, [rule])).toEqual([]);
  });

  it('CRC32 and base62 agree with known values', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
    expect(base62(61, 3)).toBe('00z');
    expect(base62(62, 1)).toBe('10');
  });

  it('other validators', () => {
    expect(hasLettersAndDigits('abc123')).toBe(true);
    expect(hasLettersAndDigits('abcdef')).toBe(false);
    const header = Buffer.from('{"alg":"HS256"}').toString('base64url');
    expect(isJwtShaped(`${header}.e30.sig`)).toBe(true);
    expect(isJwtShaped(`${Buffer.from('{"typ":"x"}').toString('base64url')}.e30.sig`)).toBe(false);
    expect(isJwtShaped('not-a-jwt')).toBe(false);
  });

  it('deduplicates a rule given twice', () => {
    const token = githubToken('ghp', 5);
    expect(detectText(token, [ruleById('github.pat'), ruleById('github.pat')])).toHaveLength(1);
  });
});

describe('isPlaceholder', () => {
  it.each([
    'changeme', '<password>', '${DB_PASSWORD}', '{{ vault_pw }}', '%(password)s', 'xxxxxxxx', '********',
    'your-api-key-here', 'example-secret-1', 'dummy', 'test', 'password', 'aaaaaaa', '123456789',
    'abcdefgh', 'process.env.API_KEY', 'getenv("X")', 'os.environ["DB_PASSWORD"]', 'config.db.password',
    'DB_PASSWORD', '$SECRET', '%SECRET%', 'abcabcabc',
  ])('treats %s as a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it('keeps random values', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const value = randomString(seed * 97, 20);
      if (/test|fake|xxxx|abcdef|123456|qwerty/i.test(value)) continue;
      expect(isPlaceholder(value), `seed ${seed}`).toBe(false);
    }
    expect(isPlaceholder('hunter2!Qz')).toBe(false);
  });
});

describe('entropy', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBeCloseTo(1);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });

  it('names the charset', () => {
    expect(detectCharset('deadbeef01')).toBe('hex');
    expect(detectCharset('AbC123xyz')).toBe('alphanumeric');
    expect(detectCharset('ab_c-12')).toBe('base64url');
    expect(detectCharset('ab+c/12==')).toBe('base64');
    expect(detectCharset('a b')).toBe('other');
  });
});

describe('prefilter', () => {
  it('selects rules by keyword, case-insensitively, and always runs rules without keywords', () => {
    const always = customRule({ pattern: "'(?<secret>zz[0-9]{4})'", keywords: '[]' });
    const gated = customRule({ pattern: "'(?<secret>GATE_[0-9]{4})'", keywords: '[gate_]' });
    const prefilter = createPrefilter([always, gated]);
    expect(prefilter.candidates('nothing here')).toEqual([always]);
    expect(prefilter.candidates('x GaTe_ y')).toEqual([always, gated]);
  });

  it('finds every position of overlapping keywords', () => {
    const rule = customRule({ pattern: "'(?<secret>pass[a-z]{0,5})'", keywords: '[pass, password, ssw]' });
    const scan = createPrefilter([rule]).scan('PASSWORD password pass');
    expect(scan.candidates).toEqual([rule]);
    expect(scan.positionsOf(rule)).toEqual([0, 2, 9, 11, 18]);
  });

  it('is not fooled by characters beyond Latin-1', () => {
    const rule = ruleById('github.pat');
    const token = githubToken('ghp', 9);
    expect(detectText(`ſ€\u{1F600}${token}`, [rule])).toHaveLength(1);
    // U+0167 has the low byte of 'g' (0x67): a hash hit, but not a keyword.
    expect(createPrefilter([rule]).candidates(`\u0167hp_${token.slice(4)}`)).toEqual([]);
  });
});

describe('keyword-anchored rules', () => {
  it('recognises patterns that start with a keyword', () => {
    expect(isKeywordAnchored('(?<![A-Za-z0-9_])(?<secret>ghp_[A-Za-z0-9]{36})', ['ghp_'])).toBe(true);
    expect(isKeywordAnchored('(?:secret|tok(?:en)?)[\\w.-]{0,30}=(?<secret>\\w+)', ['secret', 'tok'])).toBe(true);
    expect(isKeywordAnchored('(?:postgres|postgresql)://(?<secret>\\w+)', ['postgres://', 'postgresql://'])).toBe(true);
    // A keyword that is not where matches start, an optional prefix, a leading class, an alternation with a gap.
    expect(isKeywordAnchored('(?<secret>AC[a-f0-9]{32})', ['twilio'])).toBe(false);
    expect(isKeywordAnchored('(?<secret>(?:ghp_)?[A-Za-z0-9]{36})', ['ghp_'])).toBe(false);
    expect(isKeywordAnchored('[a-z]ghp_(?<secret>x)', ['ghp_'])).toBe(false);
    expect(isKeywordAnchored('(?:ghp_|[0-9]+)(?<secret>x)', ['ghp_'])).toBe(false);
    expect(isKeywordAnchored('ghp?_(?<secret>x)', ['ghp_'])).toBe(false);
    expect(isKeywordAnchored('(?<secret>x)', [])).toBe(false);
  });

  it('finds exactly what a full scan finds, for every shipped rule', () => {
    // The same rules without keywords are never anchored: they scan the whole text.
    const fullScan = rules.map((rule) => ({ ...rule, keywords: [] }));
    const text = rules.flatMap((rule) => [...rule.examples, ...rule.negativeExamples]).join('\n--\n');
    const anchored = createDetector(rules).detect(text);
    expect(anchored.length).toBeGreaterThan(rules.length);
    expect(anchored).toEqual(createDetector(fullScan).detect(text));
  });
});
