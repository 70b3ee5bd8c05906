// Detection inside encoded segments (issue 8): base64, hex and percent-encoded segments of a text
// are decoded (decode-segments.ts) and run through the same rules, recursively up to a depth.
//
// Each decoded segment is scanned in the context of its line: the text before the segment on its
// line, the decoded text, the rest of the line (after a line break where the segment was a whole
// value, see contextsOf). So `password: <base64>` in a Kubernetes Secret is seen as
// `password: <the password>` and the rules that need a key see it. All segments of one level are
// joined into one text and scanned with one detector call (one prefilter pass).
//
// A hit in decoded text is reported at the encoded segment in the original text, with the decoded
// secret (so its finding id equals the plain finding of the same secret) and the chain of
// encodings, outermost first. Where a plain match covers the same characters, one problem must
// not become two findings: a precise (non-generic) plain match of the same secret, or one that
// spans the whole segment, wins over what is decoded there; a generic plain match gives way to
// what decoding found (the decoded secret is the real one).
import type { Encoding, Rule } from '../types.js';
import { findEncodedSegments, type EncodedSegment } from './decode-segments.js';
import { snippetAt } from './snippet.js';

/** `decode.depth` / `--decode-depth` default: a base64 value inside a base64 document is found. */
export const DEFAULT_DECODE_DEPTH = 2;

/** A rule's hit on text[start, end). A hit in decoded text is placed on its encoded segment. */
export interface Hit {
  rule: Rule;
  start: number;
  end: number;
  decoded?: DecodedFacts;
}

export interface DecodedFacts {
  secret: string;
  /** The decoded line around the secret (redacted with the secret, never the encoded form). */
  snippet: string;
  /** Outermost first, e.g. ['base64', 'percent']. */
  encoding: Encoding[];
}

/** The detector's own pass over one text, without decoding (generic shadowing applied). */
export type FindHits = (text: string) => Hit[];

/** Text of the segment's line kept before the decoded text: enough for a key and its separator. */
const CONTEXT_BEFORE = 80;
/** ... and after it: a closing quote, a line end. */
const CONTEXT_AFTER = 32;
/** Blank line between the pieces of one level, so no line-bound match joins two of them. */
const PIECE_SEPARATOR = '\n\n';
/** The joined pieces of one level stay within this multiple of the text's own length ... */
const BATCH_GROWTH = 3;
/** ... and within this many characters: a huge file full of encoded text must not blow up memory. */
const MAX_BATCH_CHARS = 16 * 1024 * 1024;
/** Decoded characters per text and level: at most the text's length, and at most this. */
const MAX_DECODED_CHARS = 8 * 1024 * 1024;

/** Plain hits of `text`, plus hits in its encoded segments down to `depth` levels of encoding. */
export function hitsWithDecoding(
  text: string,
  depth: number,
  find: FindHits,
  accept?: (start: number, end: number) => boolean,
): Hit[] {
  const plain = find(text);
  if (depth <= 0) return plain;
  const decoded = decodedHits(text, depth, find, accept);
  return decoded.length === 0 ? plain : merged(text, plain, decoded);
}

interface Piece {
  segment: EncodedSegment;
  /** Offset of the piece (line context + decoded text + line context) in the batch. */
  start: number;
  end: number;
  /** Where the decoded text lies in the batch. */
  decodedStart: number;
  decodedEnd: number;
}

interface Batch {
  text: string;
  pieces: Piece[];
}

function decodedHits(text: string, depth: number, find: FindHits, accept?: (start: number, end: number) => boolean): Hit[] {
  const maxDecodedChars = Math.min(text.length, MAX_DECODED_CHARS);
  const segments = findEncodedSegments(text, accept ? { accept, maxDecodedChars } : { maxDecodedChars });
  if (segments.length === 0) return [];
  const batch = batchOf(text, segments);
  const insideDecoded = (start: number, end: number): boolean => {
    const piece = pieceAt(batch.pieces, start);
    return piece !== undefined && start >= piece.decodedStart && end <= piece.decodedEnd;
  };
  const inner = hitsWithDecoding(batch.text, depth - 1, find, insideDecoded);
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const hit of inner) {
    const piece = pieceAt(batch.pieces, hit.start);
    // Hits in the line context are the text's plain hits, already found; they are not decoded.
    if (piece === undefined || hit.end > piece.end || hit.end <= piece.decodedStart || hit.start >= piece.decodedEnd) continue;
    const secret = hit.decoded?.secret ?? batch.text.slice(hit.start, hit.end);
    const key = `${hit.rule.id}\0${piece.segment.start}\0${secret}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push({
      rule: hit.rule,
      start: piece.segment.start,
      end: piece.segment.end,
      decoded: {
        secret,
        snippet: hit.decoded?.snippet ?? snippetAt(batch.text, hit.start, hit.end),
        encoding: [piece.segment.encoding, ...(hit.decoded?.encoding ?? [])],
      },
    });
  }
  return withoutEnclosingSecrets(hits);
}

/**
 * The two readings of a quoted segment (contextsOf) can find one secret twice: as the value of
 * the outer key with the decoded key in it (`api_key=<secret>`) and alone (`<secret>`). Of two
 * hits of one rule on one segment where one secret contains the other, the inner one is kept.
 */
function withoutEnclosingSecrets(hits: Hit[]): Hit[] {
  if (hits.length < 2) return hits;
  const sameSpot = (a: Hit, b: Hit): boolean => a !== b && a.rule === b.rule && a.start === b.start;
  return hits.filter((h) => !hits.some((o) => sameSpot(h, o) && h.decoded!.secret.length > o.decoded!.secret.length && h.decoded!.secret.includes(o.decoded!.secret)));
}

/** One text holding every decoded segment in the context of its line, and where each lies. */
function batchOf(text: string, segments: EncodedSegment[]): Batch {
  const parts: string[] = [];
  const pieces: Piece[] = [];
  const limit = Math.min(Math.max(BATCH_GROWTH * text.length, 4096), MAX_BATCH_CHARS);
  let length = 0;
  for (const segment of segments) {
    for (const { before, after } of contextsOf(text, segment)) {
      const pieceLength = before.length + segment.decoded.length + after.length;
      if (length + pieceLength > limit) return { text: parts.join(''), pieces };
      const start = length;
      pieces.push({
        segment,
        start,
        end: start + pieceLength,
        decodedStart: start + before.length,
        decodedEnd: start + before.length + segment.decoded.length,
      });
      parts.push(before, segment.decoded, after, PIECE_SEPARATOR);
      length += pieceLength + PIECE_SEPARATOR.length;
    }
  }
  return { text: parts.join(''), pieces };
}

interface Context {
  before: string;
  after: string;
}

/** Characters that end a value: after one of these the segment was the whole value. */
const VALUE_END = /^[\s"'`,;&)\]}>#]/;
const QUOTE = /^["'`]/;

/**
 * The text around the decoded text of a segment: the line before it and the rest of the line.
 * Where the segment is a whole value (what follows it ends a value), the decoded text ends its
 * line, so rules that need a value to end at the line end see it end there and a second segment
 * later on the line does not run into the first one's value; otherwise (`<base64>@host`) the
 * decoded text runs on into the line. A quoted segment is read twice: as a quoted value after
 * its key (`password: "<base64 of the password>"`, the closing quote right after the decoded
 * text) and as text of its own (`k="<base64 of password=...>"`, where that quote would spoil
 * the decoded assignment). Both readings report at the segment; decodedHits keeps one of a pair.
 */
function contextsOf(text: string, segment: EncodedSegment): Context[] {
  // Only a bounded window is searched for the line break: on a minified file (one line of
  // megabytes) an unbounded search per segment would make this quadratic.
  const window = text.slice(Math.max(0, segment.start - CONTEXT_BEFORE), segment.start);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  const tail = text.slice(segment.end, segment.end + CONTEXT_AFTER);
  const lineEnd = tail.indexOf('\n');
  const rest = lineEnd === -1 ? tail : tail.slice(0, lineEnd);
  if (rest.length === 0 || !VALUE_END.test(rest)) return [{ before, after: rest }];
  if (QUOTE.test(rest) && before.endsWith(rest[0]!)) {
    return [
      { before, after: `${rest[0]}\n${rest.slice(1)}` },
      { before: '', after: '\n' },
    ];
  }
  return [{ before, after: `\n${rest}` }];
}

/** The piece holding a batch offset (pieces are in order and do not overlap). */
function pieceAt(pieces: readonly Piece[], offset: number): Piece | undefined {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (pieces[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  const piece = pieces[low];
  return piece !== undefined && piece.start <= offset && offset < piece.end ? piece : undefined;
}

const isGeneric = (rule: Rule): boolean => rule.tags.includes('generic');

/**
 * Plain and decoded hits without double reports. A decoded hit is dropped where a precise plain
 * hit on its segment already reports the same thing: the same secret seen in plain inside the
 * segment (a token in a percent-encoded URL), or a plain secret that spans the whole segment (a
 * precise rule that reads the encoded value itself, like docker's `auth`). A different secret
 * decoded from a segment that merely holds a precise plain hit is kept. A generic plain hit is
 * dropped where a decoded hit covers it.
 */
function merged(text: string, plain: Hit[], decoded: Hit[]): Hit[] {
  const byStart = [...plain].sort((a, b) => a.start - b.start);
  const longest = byStart.reduce((max, h) => Math.max(max, h.end - h.start), 0);
  const overlapping = (start: number, end: number): Hit[] => {
    // The first hit starting at or after `end`; hits before it that overlap start within `longest`.
    let low = 0;
    let high = byStart.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (byStart[mid]!.start < end) low = mid + 1;
      else high = mid;
    }
    const found: Hit[] = [];
    for (let i = low - 1; i >= 0 && byStart[i]!.start >= start - longest; i--) {
      if (byStart[i]!.end > start) found.push(byStart[i]!);
    }
    return found;
  };
  const replaced = new Set<Hit>();
  const kept: Hit[] = [];
  for (const hit of decoded) {
    const covered = overlapping(hit.start, hit.end);
    const reported = (p: Hit): boolean =>
      !isGeneric(p.rule) &&
      ((p.start <= hit.start && hit.end <= p.end) || text.slice(p.start, p.end) === hit.decoded?.secret);
    if (covered.some(reported)) continue;
    for (const p of covered) if (isGeneric(p.rule)) replaced.add(p);
    kept.push(hit);
  }
  return [...plain.filter((p) => !replaced.has(p)), ...kept];
}
