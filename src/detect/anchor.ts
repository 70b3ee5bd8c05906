// Which rules are "keyword-anchored": every match starts where one of the rule's keywords
// occurs, because the pattern begins with literal text that starts with a keyword (after any
// look-behind). Such a rule never needs a scan of the whole text: the detector tries it only at
// the keyword positions the prefilter already found. Anything this parser does not understand
// makes the rule unanchored, which is always correct, only slower.

const META = new Set([...'[](){}|?*+^$.\\']);

/** Index just past the group that opens at `open` (a '('), honouring escapes and classes. */
function skipGroup(src: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Splits a group body at its top-level `|`. */
function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

const QUANTIFIER_START = /^(?:[?*]|\{0,?)/;

/**
 * The literal prefixes every match of `src` must start with, or undefined if unknown. `complete`
 * tells whether the whole of `src` was literal (so a group's prefixes can be extended by what
 * follows the group).
 */
function literalPrefixes(src: string): { prefixes: string[]; complete: boolean } | undefined {
  let i = 0;
  // Look-behinds consume nothing: skip them.
  while (src.startsWith('(?<!', i) || src.startsWith('(?<=', i)) {
    i = skipGroup(src, i);
    if (i < 0) return undefined;
  }
  if (src[i] === '(') {
    const end = skipGroup(src, i);
    if (end < 0 || QUANTIFIER_START.test(src.slice(end))) return undefined;
    const named = /^\(\?<[A-Za-z_$][\w$]*>/.exec(src.slice(i));
    const headLength = src.startsWith('(?:', i) ? 3 : named ? named[0].length : src[i + 1] === '?' ? -1 : 1;
    if (headLength < 0) return undefined; // look-ahead or other assertion
    const alternatives = splitAlternatives(src.slice(i + headLength, end - 1)).map(literalPrefixes);
    if (alternatives.some((alt) => alt === undefined || alt.prefixes.some((p) => p === ''))) return undefined;
    const inner = alternatives as Array<{ prefixes: string[]; complete: boolean }>;
    const prefixes = inner.flatMap((alt) => alt.prefixes);
    if (!inner.every((alt) => alt.complete)) return { prefixes, complete: false };
    const rest = literalPrefixes(src.slice(end));
    if (rest === undefined || rest.prefixes.length !== 1) return { prefixes, complete: false };
    const tail = rest.prefixes[0]!;
    return { prefixes: prefixes.flatMap((p) => [p + tail]), complete: rest.complete };
  }
  let literal = '';
  while (i < src.length) {
    const ch = src[i]!;
    let next: string;
    let width = 1;
    if (ch === '\\') {
      const escaped = src[i + 1];
      if (escaped === undefined || /[A-Za-z0-9]/.test(escaped)) break; // \w, \d, \b, \x41...
      next = escaped;
      width = 2;
    } else if (META.has(ch)) break;
    else next = ch;
    // A char followed by an optional quantifier is not certain to be there.
    if (QUANTIFIER_START.test(src.slice(i + width))) break;
    literal += next;
    i += width;
  }
  return { prefixes: [literal], complete: i === src.length };
}

/** True when every match of the pattern starts at an occurrence of one of the keywords. */
export function isKeywordAnchored(pattern: string, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return false;
  const found = literalPrefixes(pattern);
  if (found === undefined || found.prefixes.length === 0) return false;
  return found.prefixes.every((prefix) => {
    const lower = prefix.toLowerCase();
    return lower !== '' && keywords.some((keyword) => lower.startsWith(keyword));
  });
}
