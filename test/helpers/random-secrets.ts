// Random, rule-matching fake credentials for property tests, built at run time from a seed (so
// this file holds nothing a secret scanner would flag, and a failing case replays from its seed).
// Every byte comes from a sha256 stream: high entropy whatever the seed, so no planted secret is
// dropped as a placeholder. Never real credentials.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { base62, crc32 } from '../../src/detect/validators.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function draw(seed: number, label: string, alphabet: string, length: number): string {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    const digest = createHash('sha256').update(`leakhound-property:${label}:${seed}:${block}`).digest();
    for (const byte of digest) if (out.length < length) out += alphabet[byte % alphabet.length];
  }
  return out;
}

export interface PlantedSecret {
  ruleId: string;
  secret: string;
  /** A line of code carrying it. */
  line: string;
}

const MAKERS: ((seed: number) => PlantedSecret)[] = [
  (seed) => {
    const secret = ['sk', 'live', draw(seed, 'stripe', ALNUM, 32)].join('_');
    return { ruleId: 'stripe.secret-key', secret, line: `STRIPE_KEY = "${secret}"` };
  },
  (seed) => {
    const body = draw(seed, 'github', ALNUM, 30);
    const secret = ['gh', 'p_', body, base62(crc32(body), 6)].join('');
    return { ruleId: 'github.pat', secret, line: `const token = '${secret}';` };
  },
  (seed) => {
    const secret = ['AK', 'IA', draw(seed, 'aws', BASE32, 16)].join('');
    return { ruleId: 'aws.access-key-id', secret, line: `aws_access_key_id: ${secret}` };
  },
];

/** One planted secret of a random supported format. */
export const plantedSecret: fc.Arbitrary<PlantedSecret> = fc
  .tuple(fc.integer({ min: 0, max: MAKERS.length - 1 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
  .map(([kind, seed]) => MAKERS[kind]!(seed));

/** Hostile name fragments: spaces, control characters, ANSI escapes, `#`, `%`, unicode, bidi. */
const NAME_PARTS = [' ', '\t', '\n', '\r', '\x1b[31m', '\x1b]0;title\x07', '#', '%', '%20', '?', '&', 'é', '日本', '🔑', '\u202e', '\u200b', "'", '"', '\\', '[x]', '{a,b}', '*', '..', '-'];

/** A file name (one path segment) made of plain and hostile parts; never empty, `.` or `..`. */
export const hostileName: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...NAME_PARTS), fc.stringMatching(/^[a-z0-9_]{1,6}$/)), { minLength: 1, maxLength: 6 })
  .map((parts) => `f${parts.join('')}`.slice(0, 120));
