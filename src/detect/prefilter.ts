// The keyword gate: which rules can possibly fire on a text, and where their keywords occur
// (anchored rules are then tried only there). It must cost about one pass over a text, however
// many rules there are: a regex alternation of ~100 keywords runs well under 200 MB/s in V8, so
// the gate is a rolling 3-character hash over the text's bytes (case folded by masking) that
// only points at positions worth comparing with the few keywords of that hash bucket.

import type { Rule } from '../types.js';

/** What the gate found in one text. */
export interface KeywordScan {
  /** Rules whose keywords occur in the text, plus rules without keywords, in rule order. */
  candidates: Rule[];
  /** Ascending offsets where any keyword of the rule starts (empty for rules without keywords). */
  positionsOf(rule: Rule): readonly number[];
  /**
   * Ascending offsets where a lower-case word starts, in any ASCII case: a rule keyword or one of
   * the extra words the prefilter was built with (the analyzers' words). Another word is looked
   * up in the text on demand (correct, not free).
   */
  at(word: string): readonly number[];
}

export interface Prefilter {
  scan(text: string): KeywordScan;
  /** Shorthand for scan(text).candidates. */
  candidates(text: string): Rule[];
}

/** Keywords shorter than this cannot be hashed; the loader rejects them. */
export const MIN_KEYWORD_LENGTH = 3;

/** Characters turned into bytes at a time by the keyword scan. */
const PREFILTER_CHUNK = 1024 * 1024;

const HASH_BITS = 15;
const HASH_MASK = (1 << HASH_BITS) - 1;

/**
 * 5 bits per char: `c & 31` maps 'A' and 'a' to the same value (and, harmlessly, some digits and
 * punctuation onto letters), so case folding costs nothing. Collisions only cost a comparison.
 */
function trigramHash(a: number, b: number, c: number): number {
  return ((a & 31) << 10) | ((b & 31) << 5) | (c & 31);
}

/** Anchor offsets are kept below this (a keyword's anchor is among its first 64 chars). */
const ANCHOR_SLOTS = 64;

/**
 * How common a char is in source code and prose, roughly (letters by English frequency, `.` and
 * space common, `_` `-` digits and the rest rare). Only the order matters.
 */
function commonness(code: number): number {
  const c = lowerAscii(code);
  const letters = 'etaoinshrdlcumwfgypbvkjxqz';
  const rank = letters.indexOf(String.fromCharCode(c));
  if (rank >= 0) return 26 - rank;
  if (c === 46 || c === 32) return 20; // `.` and space
  return 2;
}

/**
 * Where in a keyword the scan looks for it: the 3 chars least common in text. Each time an
 * anchor's chars occur, the keyword is compared in full, so `console.` is anchored on `le.`,
 * not on `con` (const, config, connect, ...): a tenth of the comparisons on auth-heavy code.
 */
export function anchorOffset(keyword: string): number {
  let best = 0;
  let bestScore = Infinity;
  for (let offset = 0; offset + 3 <= keyword.length && offset < ANCHOR_SLOTS; offset++) {
    const score = commonness(keyword.charCodeAt(offset)) * commonness(keyword.charCodeAt(offset + 1)) * commonness(keyword.charCodeAt(offset + 2));
    if (score < bestScore) {
      best = offset;
      bestScore = score;
    }
  }
  return best;
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Compares the text at `at` with a lower-case ASCII keyword, ignoring ASCII case. */
function keywordAt(text: string, at: number, keyword: string): boolean {
  if (at < 0 || at + keyword.length > text.length) return false;
  for (let j = 0; j < keyword.length; j++) {
    if (lowerAscii(text.charCodeAt(at + j)) !== keyword.charCodeAt(j)) return false;
  }
  return true;
}

/**
 * `extraWords`: lower-case words (at least MIN_KEYWORD_LENGTH chars) whose offsets the same pass
 * records for other stages, so the analyzers need no pass of their own to find their words.
 */
const NONE: readonly number[] = Object.freeze([]);

/**
 * Ascending lists of offsets -> one ascending list without repeats. A typed-array sort: the
 * generic rules' keywords (`secret`, `token`, `key`) occur thousands of times in auth code.
 */
export function mergePositions(lists: readonly (readonly number[])[]): readonly number[] {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? NONE;
  const all = new Float64Array(nonEmpty.reduce((n, list) => n + list.length, 0));
  let at = 0;
  for (const list of nonEmpty) for (const position of list) all[at++] = position;
  all.sort();
  const merged: number[] = [];
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) merged.push(all[i]!);
  return merged;
}

/**
 * The text lower-cased, offsets unchanged, for looking up words in any case. `toLowerCase` keeps
 * the length for everything but a few characters (U+0130 lowers to two code units); for those
 * texts an ASCII-only fold keeps offsets aligned (other characters never match an ASCII word).
 */
export function lowerCaseAligned(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/** Ascending offsets of a lower-case word in a lowerCaseAligned text. */
export function findWord(lower: string, word: string): number[] {
  const found: number[] = [];
  for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) found.push(at);
  return found;
}

export function createPrefilter(rules: readonly Rule[], extraWords: readonly string[] = []): Prefilter {
  const alwaysRunIndices = rules.flatMap((rule, index) => (rule.keywords.length === 0 ? [index] : []));
  const keywords = [...new Set([...rules.flatMap((rule) => rule.keywords), ...extraWords])].filter(
    (keyword) => keyword.length >= MIN_KEYWORD_LENGTH,
  );
  const indexOfKeyword = new Map(keywords.map((keyword, index) => [keyword, index]));
  // rule indices, so a scan collects its candidates in rule order without sorting
  const rulesOfKeyword = keywords.map((keyword) => rules.flatMap((rule, index) => (rule.keywords.includes(keyword) ? [index] : [])));
  const keywordsOfRule = new Map(rules.map((rule) => [rule, rule.keywords.map((k) => keywords.indexOf(k)).filter((i) => i >= 0)]));
  // table[hash] = 1-based bucket id; a bucket holds the keywords whose anchor (3 chars, see
  // anchorOffset) hashes there, each as index * 64 + the anchor's offset in the keyword.
  const table = new Uint16Array(1 << HASH_BITS);
  const buckets: number[][] = [[]];
  keywords.forEach((keyword, index) => {
    const offset = anchorOffset(keyword);
    const hash = trigramHash(keyword.charCodeAt(offset), keyword.charCodeAt(offset + 1), keyword.charCodeAt(offset + 2));
    if (table[hash] === 0) {
      table[hash] = buckets.length;
      buckets.push([]);
    }
    buckets[table[hash]!]!.push(index * ANCHOR_SLOTS + offset);
  });

  const scan = (text: string): KeywordScan => {
    let lower: string | undefined; // for words looked up on demand, computed on the first such lookup
    // Bytes, not charCodeAt: V8 walks a Uint8Array about twice as fast as a string here. A
    // latin1 copy keeps one byte per UTF-16 unit (offsets line up); non-Latin-1 chars lose
    // their high byte, which can only cause a false hash hit, never hide a keyword. The copy is
    // made a chunk at a time into one buffer, so a 100 MB text costs 1 MiB here, not 100 MB.
    const chunk = Buffer.allocUnsafe(Math.min(text.length, PREFILTER_CHUNK));
    const positions: Array<number[] | undefined> = new Array(keywords.length);
    const found: number[] = []; // indices of the keywords found, in the order first found
    let hash = 0;
    for (let from = 0; from < text.length; from += chunk.length) {
      const length = chunk.write(text.slice(from, from + chunk.length), 0, 'latin1');
      for (let j = 0; j < length; j++) {
        hash = ((hash << 5) | (chunk[j]! & 31)) & HASH_MASK;
        const bucket = table[hash]!;
        if (bucket === 0) continue;
        const candidates = buckets[bucket]!;
        for (let k = 0; k < candidates.length; k++) {
          const entry = candidates[k]!;
          const index = (entry / ANCHOR_SLOTS) | 0;
          // the keyword starts its anchor's offset before the anchor (which ends at j)
          const at = from + j - 2 - (entry % ANCHOR_SLOTS);
          if (!keywordAt(text, at, keywords[index]!)) continue;
          const list = positions[index];
          if (list !== undefined) list.push(at);
          else {
            positions[index] = [at];
            found.push(index);
          }
        }
      }
    }
    // per text: touch only the keywords found, not every keyword of every rule
    const isCandidate = new Uint8Array(rules.length);
    for (const index of alwaysRunIndices) isCandidate[index] = 1;
    for (const keyword of found) for (const index of rulesOfKeyword[keyword]!) isCandidate[index] = 1;
    const candidates: Rule[] = [];
    for (let index = 0; index < rules.length; index++) if (isCandidate[index] === 1) candidates.push(rules[index]!);
    return {
      candidates,
      positionsOf(rule: Rule): readonly number[] {
        return mergePositions((keywordsOfRule.get(rule) ?? []).map((index) => positions[index] ?? NONE));
      },
      at(word: string): readonly number[] {
        const index = indexOfKeyword.get(word);
        if (index !== undefined) return positions[index] ?? NONE;
        lower ??= lowerCaseAligned(text);
        return findWord(lower, word);
      },
    };
  };

  return { scan, candidates: (text) => scan(text).candidates };
}
