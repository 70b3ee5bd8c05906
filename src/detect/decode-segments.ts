// Encoded segments of a text — base64 (standard and URL-safe), hex and percent-encoding — and
// what they decode to. Only segments that decode to printable text are kept: hashes, image data,
// SRI/lockfile integrity values and git shas decode to binary and are dropped, which is what keeps
// decoding cheap and free of noise. Pure and linear: alphabet-runs.ts finds long base64/hex runs
// reading a fraction of the text, a 3-byte probe rejects most binary without decoding, an indexOf
// loop finds `%XX` escapes.
import { isUtf8 } from 'node:buffer';
import type { Encoding } from '../types.js';
import { alphabetRuns, LOWER, NOT_HEX, STANDARD, UPPER, URL_SAFE, type AlphabetRun } from './alphabet-runs.js';

export type { Encoding };

export interface EncodedSegment {
  /** Offset of the first encoded character in the text. */
  start: number;
  /** Offset just past the last encoded character (padding included). */
  end: number;
  encoding: Encoding;
  /** The decoded text (printable by construction). */
  decoded: string;
}

export interface FindSegmentsOptions {
  /** Stop once the decoded texts add up to this many characters (default: the text's length). */
  maxDecodedChars?: number;
  /** Segments for which this returns false are not decoded. */
  accept?: (start: number, end: number) => boolean;
}

/**
 * 16 base64 characters are 12 bytes: a short password in a Kubernetes Secret. Shorter runs are
 * mostly words; most longer ones that are not text fail the 3-byte probe below at once.
 */
export const MIN_BASE64_CHARS = 16;
/** 32 hex digits (16 bytes): shorter hex is an id, a colour or a short sha. */
export const MIN_HEX_CHARS = 32;
/** One escape alone is everyday URL text (`%20`); encoded structure has several. */
export const MIN_PERCENT_ESCAPES = 2;

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/g;
/** Media types of data: URIs whose payload is never text worth decoding. */
const BINARY_DATA_URI = /data:(?:image|audio|video|font)\/[\w.+-]{1,40}(?:;[\w.+-]{1,40}=[\w.+-]{1,40})*;base64,$/i;
const DATA_URI_LOOKBACK = 120;

/** Every encoded segment of `text` that decodes to printable text, in order of position. */
export function findEncodedSegments(text: string, options: FindSegmentsOptions = {}): EncodedSegment[] {
  const budget = { left: options.maxDecodedChars ?? text.length };
  const accept = options.accept ?? (() => true);
  const segments = [...alphabetSegments(text, budget, accept), ...percentSegments(text, budget, accept)];
  return segments.sort((a, b) => a.start - b.start || a.end - b.end);
}

interface Budget {
  left: number;
}

function alphabetSegments(text: string, budget: Budget, accept: (start: number, end: number) => boolean): EncodedSegment[] {
  const found: EncodedSegment[] = [];
  for (const run of alphabetRuns(text, MIN_BASE64_CHARS)) {
    if (budget.left <= 0) break;
    let end = run.end;
    while (end < text.length && end - run.end < 2 && text.charCodeAt(end) === 0x3d /* = */) end++;
    if (!accept(run.start, end)) continue;
    const segment = decodeRun(text, run, end);
    if (segment === null || segment.decoded.length > budget.left) continue;
    if (segment.encoding === 'base64' && isBinaryDataUri(text, run.start)) continue;
    budget.left -= segment.decoded.length;
    found.push({ start: run.start, end, ...segment });
  }
  return found;
}

/** A run as hex (only hex digits, even length) or else as base64; null when it is not text. */
function decodeRun(text: string, run: AlphabetRun, paddedEnd: number): { encoding: Encoding; decoded: string } | null {
  const length = run.end - run.start;
  if ((run.classes & NOT_HEX) === 0) {
    // Hex that is not hex-encoded text is a hash or an id: never base64 of anything.
    if (length < MIN_HEX_CHARS || length % 2 !== 0 || !hexProbe(text, run.start)) return null;
    const decoded = printableText(Buffer.from(text.slice(run.start, run.end), 'hex'));
    return decoded === null ? null : { encoding: 'hex', decoded };
  }
  // Base64 of text mixes upper and lower case and uses one alphabet: lower-case identifiers and
  // paths (`some_long_function_name`, `src/components/index`) stop here.
  const { classes } = run;
  if ((classes & UPPER) === 0 || (classes & LOWER) === 0 || ((classes & STANDARD) !== 0 && (classes & URL_SAFE) !== 0)) return null;
  if (length % 4 === 1 || !base64Probe(text, run.start)) return null;
  const decoded = printableText(Buffer.from(text.slice(run.start, paddedEnd), 'base64'));
  return decoded === null ? null : { encoding: 'base64', decoded };
}

const isPrintableByte = (byte: number): boolean => (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** Value of a base64 digit (either alphabet); the caller knows the character is one. */
function base64Value(code: number): number {
  if (code >= 0x61) return code - 0x61 + 26; // a-z
  if (code >= 0x41) return code === 0x5f ? 63 : code - 0x41; // A-Z, _
  if (code >= 0x30) return code - 0x30 + 52; // 0-9
  return code === 0x2b || code === 0x2d ? 62 : 63; // + - (and /)
}

/**
 * The first 3 bytes are printable ASCII: random bytes (hashes, keys, images) pass 1 time in 18,
 * text nearly always (text that opens with a non-ASCII character is the price).
 */
function base64Probe(text: string, start: number): boolean {
  const a = base64Value(text.charCodeAt(start));
  const b = base64Value(text.charCodeAt(start + 1));
  const c = base64Value(text.charCodeAt(start + 2));
  const d = base64Value(text.charCodeAt(start + 3));
  return isPrintableByte((a << 2) | (b >> 4)) && isPrintableByte(((b & 15) << 4) | (c >> 2)) && isPrintableByte(((c & 3) << 6) | d);
}

/** The first 4 bytes are printable ASCII (random hex, i.e. a hash, passes 1 time in 45). */
function hexProbe(text: string, start: number): boolean {
  for (let i = 0; i < 8; i += 2) {
    if (!isPrintableByte(parseInt(text.slice(start + i, start + i + 2), 16))) return false;
  }
  return true;
}

/** The bytes as text when they are valid UTF-8 without control characters (tab, CR, LF allowed). */
export function printableText(bytes: Buffer): string | null {
  if (bytes.length === 0) return null;
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte < 0x20 ? byte !== 0x09 && byte !== 0x0a && byte !== 0x0d : byte === 0x7f) return null;
    if (byte >= 0x80) ascii = false;
  }
  if (ascii) return bytes.toString('latin1');
  if (!isUtf8(bytes)) return null;
  const text = bytes.toString('utf8');
  // C1 controls are the tell-tale of binary that happens to be valid UTF-8.
  return /[\u0080-\u009f]/.test(text) ? null : text;
}

/** `data:image/png;base64,` (and audio, video, fonts) right before the run: binary, skip it. */
function isBinaryDataUri(text: string, start: number): boolean {
  if (start < 8 || text.charCodeAt(start - 1) !== 0x2c /* , */) return false;
  return BINARY_DATA_URI.test(text.slice(Math.max(0, start - DATA_URI_LOOKBACK), start));
}

/** Characters that end a percent-encoded run: whitespace, quotes, brackets and separators. */
function endsPercentRun(code: number): boolean {
  // \t \n \r space " ' ( ) , ; < > [ \ ] ^ ` { | }
  return (
    code <= 0x20 ||
    code === 0x22 ||
    code === 0x27 ||
    code === 0x28 ||
    code === 0x29 ||
    code === 0x2c ||
    code === 0x3b ||
    code === 0x3c ||
    code === 0x3e ||
    code === 0x5b ||
    code === 0x5c ||
    code === 0x5d ||
    code === 0x5e ||
    code === 0x60 ||
    code === 0x7b ||
    code === 0x7c ||
    code === 0x7d
  );
}

/** Runs of URL characters holding at least MIN_PERCENT_ESCAPES `%XX` escapes, decoded. */
function percentSegments(text: string, budget: Budget, accept: (start: number, end: number) => boolean): EncodedSegment[] {
  const found: EncodedSegment[] = [];
  let at = text.indexOf('%');
  while (at !== -1 && budget.left > 0) {
    let start = at;
    while (start > 0 && !endsPercentRun(text.charCodeAt(start - 1))) start--;
    let end = at;
    while (end < text.length && !endsPercentRun(text.charCodeAt(end))) end++;
    const chars = text.slice(start, end);
    const escapes = chars.match(PERCENT_ESCAPE)?.length ?? 0;
    if (escapes >= MIN_PERCENT_ESCAPES && accept(start, end)) {
      const decoded = percentDecoded(chars);
      if (decoded !== null && decoded.length <= budget.left) {
        budget.left -= decoded.length;
        found.push({ start, end, encoding: 'percent', decoded });
      }
    }
    at = text.indexOf('%', Math.max(end, at + 1));
  }
  return found;
}

function percentDecoded(chars: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(chars);
  } catch {
    return null; // a lone `%` or an escape that is not UTF-8: not percent-encoded text
  }
  if (decoded === chars || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(decoded)) return null;
  return decoded;
}

/** At most this many encoded forms per secret and chain: deep chains multiply them. */
const MAX_ENCODED_FORMS = 256;

/**
 * What a line may show of `secret` where decoding found it through `chain` (outermost first):
 * the texts redaction masks besides the secret itself, so a neighbour's snippet does not print a
 * secret in its encoded form. Exact for base64 and hex, whether the segment encodes the secret
 * alone or a longer text holding it: for base64 each of the three byte alignments gives the
 * characters that encode whole 3-byte groups of the secret, which appear verbatim in the encoding
 * of any text holding it (at most three characters at either end, mixing the secret's bits with
 * its neighbours', stay visible). For percent-encoding the secret's usual escaped forms
 * (encodeURIComponent's, every reserved character escaped, lower-case escapes); a secret escaped
 * in some other mixture is not recognised.
 */
export function encodedForms(secret: string, chain: readonly Encoding[]): string[] {
  let forms = [secret];
  // Innermost encoding first: the secret was encoded that way, then the result the next way.
  for (const encoding of [...chain].reverse()) {
    const next = new Set<string>();
    for (const form of forms) for (const encoded of formsOf(encoding, form)) next.add(encoded);
    forms = [...next].slice(0, MAX_ENCODED_FORMS);
  }
  return forms;
}

function formsOf(encoding: Encoding, text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  switch (encoding) {
    case 'hex': {
      const hex = bytes.toString('hex');
      return [hex, hex.toUpperCase()];
    }
    case 'base64':
      return [...base64Forms(bytes, 'base64'), ...base64Forms(bytes, 'base64url')];
    case 'percent': {
      const component = encodeURIComponent(text);
      const strict = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      const lower = (escaped: string): string => escaped.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
      // The text itself too: a percent-encoded run leaves most characters as they are.
      return [text, component, strict, lower(component), lower(strict)];
    }
  }
}

/** The whole encoding (padded and not) and the encodings of whole 3-byte groups at each alignment. */
function base64Forms(bytes: Buffer, alphabet: 'base64' | 'base64url'): string[] {
  const whole = bytes.toString(alphabet).replace(/=+$/, '');
  const padding = '='.repeat((4 - (whole.length % 4)) % 4);
  const forms = [whole + padding, whole];
  for (let lead = 0; lead < 3; lead++) {
    const groups = Math.floor((bytes.length - lead) / 3);
    if (groups > 0) forms.push(bytes.subarray(lead, lead + 3 * groups).toString(alphabet));
  }
  return forms;
}
