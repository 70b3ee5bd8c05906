// Named validators a rule can ask for (`validator: github-crc32`). Each one looks at the secret
// alone and says whether it can be genuine; a failing secret is dropped. Pure and cheap: they
// run only on regex matches, never on whole texts.

import { isPlaceholder } from './placeholder.js';

export type Validator = (secret: string) => boolean;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function makeCrc32Table(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

// A constant lookup table, computed once; never mutated after construction.
const CRC32_TABLE = makeCrc32Table();

/** CRC-32 (IEEE 802.3, as zlib) of the UTF-8 bytes of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = CRC32_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Base62 (0-9A-Za-z) of a non-negative integer, left-padded with '0' to `width`. */
export function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, '0');
}

/**
 * GitHub's 2021 token format: `gh?_` + 30 random base62 chars + 6-char base62 CRC32 of those
 * 30 chars. A wrong checksum means a typo, a made-up string or a truncated token.
 */
export function isValidGithubToken(secret: string): boolean {
  const match = /^gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(secret);
  if (!match) return false;
  return base62(crc32(match[1]!), 6) === match[2];
}

/** Random tokens mix letters and digits; words, paths and identifiers mostly do not. */
export function hasLettersAndDigits(secret: string): boolean {
  return /[A-Za-z]/.test(secret) && /[0-9]/.test(secret);
}

function decodeBase64UrlJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A JWT whose header decodes to a JSON object naming an `alg`. */
export function isJwtShaped(secret: string): boolean {
  const [header, payload] = secret.split('.');
  if (header === undefined || payload === undefined) return false;
  const decoded = decodeBase64UrlJson(header);
  return typeof decoded === 'object' && decoded !== null && 'alg' in decoded;
}

/**
 * A base64 credential pair (`_auth` in .npmrc, `auth` in docker's config.json): it must decode
 * to printable `user:password` with both parts present. Random base64 rarely does.
 */
export function isBase64UserPassword(secret: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 !== 0) return false;
  const decoded = Buffer.from(secret, 'base64').toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(decoded)) return false;
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 1;
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function bech32Polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ value) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ BECH32_GENERATORS[i]!) >>> 0;
  }
  return chk;
}

/**
 * A Bech32 string (BIP 173) with a valid 6-character checksum, as age secret keys
 * (`AGE-SECRET-KEY-1...`) are written: a typo or a made-up key fails it.
 */
export function isValidBech32(secret: string): boolean {
  const lower = secret.toLowerCase();
  const separator = lower.lastIndexOf('1');
  if (separator < 1 || lower.length - separator < 7) return false;
  const hrp = lower.slice(0, separator);
  const data = [...lower.slice(separator + 1)].map((ch) => BECH32_CHARSET.indexOf(ch));
  if (data.some((value) => value < 0)) return false;
  const expanded = [...[...hrp].map((ch) => ch.charCodeAt(0) >> 5), 0, ...[...hrp].map((ch) => ch.charCodeAt(0) & 31)];
  return bech32Polymod([...expanded, ...data]) === 1;
}

/**
 * An HTTP Basic credential: base64 of `user:password` whose password is not a documentation
 * placeholder (`user:password`, `admin:changeme` fill the HTTP docs and READMEs).
 */
export function isBasicAuthCredential(secret: string): boolean {
  if (!isBase64UserPassword(secret)) return false;
  const decoded = Buffer.from(secret, 'base64').toString('latin1');
  return !isPlaceholder(decoded.slice(decoded.indexOf(':') + 1));
}

export const VALIDATORS: ReadonlyMap<string, Validator> = new Map<string, Validator>([
  ['github-crc32', isValidGithubToken],
  ['letters-and-digits', hasLettersAndDigits],
  ['jwt', isJwtShaped],
  ['base64-user-password', isBase64UserPassword],
  ['basic-auth', isBasicAuthCredential],
  ['bech32', isValidBech32],
]);

export function validatorNames(): string[] {
  return [...VALIDATORS.keys()];
}
