// Fast candidate search for the analyzers. A regex that starts with `\b` and an alternation of
// words (`\b(?:jwt|JWT)\s*\.\s*sign\(`) or carries the `i` flag cannot use V8's literal scan: it is
// tried at every position of the text and runs at 100-300 MB/s. `indexOf` of a literal runs at
// several GB/s on rare words (far less on common ones). Cheaper still: the detector's keyword
// pass, which reads every text anyway, records where the analyzers' words occur (WordHits). The
// analyzers then try a sticky copy of their regex only there: the same matches as a global scan,
// a fraction of the time.
import { findWord, lowerCaseAligned, mergePositions } from '../detect/prefilter.js';
import type { WordHits } from './analyzer.js';

/**
 * WordHits for a text without a keyword scan (an analyzer called directly, e.g. by a test): each
 * word is looked up when first asked for.
 */
export function lookUpWords(text: string): WordHits {
  let lower: string | undefined;
  const memo = new Map<string, number[]>();
  return {
    at(word) {
      let found = memo.get(word);
      if (found === undefined) {
        lower ??= lowerCaseAligned(text);
        found = findWord(lower, word);
        memo.set(word, found);
      }
      return found;
    },
  };
}

/** True when the text holds any of the words. */
export function hasAny(hits: WordHits, words: readonly string[]): boolean {
  return words.some((word) => hits.at(word).length > 0);
}

/** Ascending, distinct offsets where any of the words starts. */
export function positionsOfAny(hits: WordHits, words: readonly string[]): readonly number[] {
  return mergePositions(words.map((word) => hits.at(word)));
}

export { matchesAt, sticky } from '../detect/sticky-matches.js';
