// Offsets in a text -> the Match coordinates every analyzer reports (1-based lines, 1-based
// UTF-16 columns, exclusive end) and the snippet line. Pure helpers shared by the analyzers.
import { createHash } from 'node:crypto';
import { createLineIndex } from '../detect/line-index.js';
import type { Match, Severity } from '../types.js';

const SNIPPET_MAX = 200;

export type PositionLookup = (offset: number) => { line: number; column: number };

/** positionAt for many offsets of one text: its line starts are found once (see line-index.ts). */
export function positionLookup(text: string): PositionLookup {
  const index = createLineIndex(text);
  return (offset) => index.position(offset);
}

/** 1-based line and column of an offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The text of the line holding `offset`, without its line break, cut to SNIPPET_MAX chars. */
export function lineAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const next = text.indexOf('\n', offset);
  const line = text.slice(start, next === -1 ? text.length : next).replace(/\r$/, '').trim();
  return line.length <= SNIPPET_MAX ? line : line.slice(0, SNIPPET_MAX);
}

/**
 * How far back from `offset` its line is examined. Bounded so that a minified file (one line of
 * megabytes, a candidate every few hundred bytes) stays linear, not quadratic: on a line longer
 * than this, only its last COMMENT_LOOKBACK characters before `offset` are looked at.
 */
const COMMENT_LOOKBACK = 4096;

/** True when the line holding `offset` is a comment up to `offset` (`//`, `/*`, `*`, `#`). */
export function inComment(text: string, offset: number): boolean {
  const windowStart = Math.max(0, offset - COMMENT_LOOKBACK);
  const window = text.slice(windowStart, offset);
  const newline = window.lastIndexOf('\n');
  const wholeLine = newline !== -1 || windowStart === 0;
  const before = window.slice(newline + 1).trimStart();
  if (wholeLine && /^(?:\/\/|\/\*|\*|#(?!!))/.test(before)) return true;
  // a trailing `// ...` after code counts too, but not the `//` of a URL (`https://`)
  return wholeLine ? /(?:^|[\s;{}),])\/\/[^"'`]*$/.test(before) : /[\s;{}),]\/\/[^"'`]*$/.test(before);
}

export interface SpanMatch {
  ruleId: string;
  start: number;
  end: number;
  details?: Record<string, unknown>;
  severity?: Severity;
  /**
   * The span is code that does something wrong, not a secret: the finding's identity is a hash
   * of the code (whitespace-insensitive), so the report can show the line unmasked.
   */
  codeShape?: boolean;
}

/** Identity of a piece of code for a finding id: survives re-indentation and moved lines. */
export function codeShapeId(code: string): string {
  return `code:${createHash('sha256').update(code.replace(/\s+/g, ' ').trim(), 'utf8').digest('hex').slice(0, 24)}`;
}

/** A Match for the characters text[start, end). `position`: a positionLookup of the text, for many matches. */
export function matchAt(text: string, span: SpanMatch, position: PositionLookup = (offset) => positionAt(text, offset)): Match {
  const from = position(span.start);
  const to = position(span.end);
  return {
    ruleId: span.ruleId,
    secret: span.codeShape ? codeShapeId(text.slice(span.start, span.end)) : text.slice(span.start, span.end),
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    snippet: lineAround(text, span.start),
    ...(span.details ? { details: span.details } : {}),
    ...(span.severity ? { severity: span.severity } : {}),
  };
}
