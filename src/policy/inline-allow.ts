// Inline allow comments: `leakhound:allow` on the secret's line, or `leakhound:allow-next-line`
// on the line before, with an optional reason after the marker; `gitleaks:allow` on the line too
// (switchable), so repositories moving from gitleaks keep their annotations. The marker is found
// in any comment syntax (//, #, --, ;, /* */, <!-- -->) because only its word boundary matters.
// Pure: the detector's caller passes the text; the decision travels on the Match.
import type { InlineAllow, Match } from '../types.js';

export interface InlineAllowOptions {
  /** Honour `gitleaks:allow` too (default true). */
  gitleaks: boolean;
}

export const DEFAULT_INLINE_ALLOW: InlineAllowOptions = { gitleaks: true };

/** A reason longer than this is cut: it is a note, not a place for data. */
const MAX_REASON = 200;

// The marker must not be glued to a word before it (`myleakhound:allow` is not a marker).
const SAME_LINE = /(?<![\w-])(leakhound:allow|gitleaks:allow)(?![\w-])(.*)$/;
const NEXT_LINE = /(?<![\w-])(leakhound:allow-next-line)(?![\w-])(.*)$/;

/** The allow that covers a line: its own marker, else an `allow-next-line` on the line above. */
export function inlineAllowFor(
  line: string,
  previousLine: string | undefined,
  options: InlineAllowOptions = DEFAULT_INLINE_ALLOW,
): InlineAllow | null {
  const own = SAME_LINE.exec(line);
  if (own && (own[1] === 'leakhound:allow' || options.gitleaks)) return { marker: own[1]!, reason: reasonFrom(own[2]!) };
  const above = previousLine === undefined ? null : NEXT_LINE.exec(previousLine);
  return above ? { marker: above[1]!, reason: reasonFrom(above[2]!) } : null;
}

/** What follows the marker, without separators and comment closers; null when nothing is left. */
export function reasonFrom(rest: string): string | null {
  const reason = rest
    .replace(/(\*\/|-->)\s*$/, '')
    .replace(/^[\s:=\-–—,(]+/, '')
    .replace(/[\s)]+$/, '')
    .trim();
  if (reason === '') return null;
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason;
}

/**
 * Marks each match covered by an inline allow. Only texts that mention `:allow` are split into
 * lines, so the common case costs one `includes`. Multi-line secrets are judged by their first line.
 */
export function withInlineAllows(text: string, matches: Match[], options: InlineAllowOptions = DEFAULT_INLINE_ALLOW): Match[] {
  if (matches.length === 0 || !text.includes(':allow')) return matches;
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  return matches.map((match) => {
    const line = lines[match.line - 1];
    if (line === undefined) return match;
    const allow = inlineAllowFor(line, match.line >= 2 ? lines[match.line - 2] : undefined, options);
    return allow ? { ...match, allow } : match;
  });
}
