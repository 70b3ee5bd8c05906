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
  positionsOf(rule: Rule): number[];
}

export interface Prefilter {
  scan(text: string): KeywordScan;
  /** Shorthand for scan(text).candidates. */
  candidates(text: string): Rule[];
}

/** Keywords shorter than this cannot be hashed; the loader rejects them. */
export const MIN_KEYWORD_LENGTH = 3;

const HASH_BITS = 15;
const HASH_MASK = (1 << HASH_BITS) - 1;

/**
 * 5 bits per char: `c & 31` maps 'A' and 'a' to the same value (and, harmlessly, some digits and
 * punctuation onto letters), so case folding costs nothing. Collisions only cost a comparison.
 */
function trigramHash(a: number, b: number, c: number): number {
  return ((a & 31) << 10) | ((b & 31) << 5) | (c & 31);
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

export function createPrefilter(rules: readonly Rule[]): Prefilter {
  const alwaysRun = rules.filter((rule) => rule.keywords.length === 0);
  const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))].filter(
    (keyword) => keyword.length >= MIN_KEYWORD_LENGTH,
  );
  const rulesOfKeyword = keywords.map((keyword) => rules.filter((rule) => rule.keywords.includes(keyword)));
  const keywordsOfRule = new Map(rules.map((rule) => [rule, rule.keywords.map((k) => keywords.indexOf(k)).filter((i) => i >= 0)]));
  // table[hash] = 1-based bucket id; buckets hold indices of keywords whose first 3 chars hash there.
  const table = new Uint16Array(1 << HASH_BITS);
  const buckets: number[][] = [[]];
  keywords.forEach((keyword, index) => {
    const hash = trigramHash(keyword.charCodeAt(0), keyword.charCodeAt(1), keyword.charCodeAt(2));
    if (table[hash] === 0) {
      table[hash] = buckets.length;
      buckets.push([]);
    }
    buckets[table[hash]!]!.push(index);
  });
  const order = new Map(rules.map((rule, index) => [rule, index]));

  const scan = (text: string): KeywordScan => {
    // Bytes, not charCodeAt: V8 walks a Uint8Array about twice as fast as a string here. A
    // latin1 copy keeps one byte per UTF-16 unit (offsets line up); non-Latin-1 chars lose
    // their high byte, which can only cause a false hash hit, never hide a keyword.
    const bytes = Buffer.from(text, 'latin1');
    const positions: Array<number[] | undefined> = new Array(keywords.length);
    let hash = 0;
    for (let i = 0; i < bytes.length; i++) {
      hash = ((hash << 5) | (bytes[i]! & 31)) & HASH_MASK;
      const bucket = table[hash]!;
      if (bucket === 0) continue;
      const candidates = buckets[bucket]!;
      for (let k = 0; k < candidates.length; k++) {
        const index = candidates[k]!;
        if (!keywordAt(text, i - 2, keywords[index]!)) continue;
        (positions[index] ??= []).push(i - 2);
      }
    }
    const found = new Set<Rule>(alwaysRun);
    positions.forEach((hits, index) => {
      if (hits !== undefined) for (const rule of rulesOfKeyword[index]!) found.add(rule);
    });
    return {
      candidates: [...found].sort((a, b) => order.get(a)! - order.get(b)!),
      positionsOf(rule: Rule): number[] {
        const lists = (keywordsOfRule.get(rule) ?? []).map((index) => positions[index]).filter((l) => l !== undefined);
        if (lists.length === 1) return lists[0]!;
        return [...new Set(lists.flat())].sort((a, b) => a - b);
      },
    };
  };

  return { scan, candidates: (text) => scan(text).candidates };
}
