// A dotenv parser with the semantics of the `dotenv` package, plus positions: what a program
// loading this file would see, and where each value sits in the text (1-based lines, UTF-16
// columns, end exclusive).
//  - `KEY=value`, `KEY = value`, `export KEY=value`, `KEY: value`; keys are [A-Za-z0-9_.-]+
//  - unquoted values end at `#` (an inline comment) or the end of the line, and are trimmed
//  - '...', "..." and `...` values may span lines; an escaped quote does not close them; in
//    double quotes `\n` and `\r` become line breaks (nothing else is unescaped, as in dotenv)
//  - a quote without its closing partner is an unquoted value; lines that are not assignments
//    are ignored

export interface DotenvEntry {
  key: string;
  value: string;
  quote: '"' | "'" | '`' | null;
  /** The value exactly as written in the text (inside the quotes, escapes not expanded). */
  raw: string;
  /** Position of the raw value (inside the quotes). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const ASSIGNMENT = /[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*|:[ \t]+)/y;

export function parseDotenv(text: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const lineStarts = lineStartOffsets(text);
  const position = (offset: number) => toPosition(lineStarts, offset);
  let pos = 0;
  while (pos < text.length) {
    ASSIGNMENT.lastIndex = pos;
    const assignment = ASSIGNMENT.exec(text);
    if (!assignment) {
      pos = nextLine(text, pos);
      continue;
    }
    const key = assignment[1]!;
    const valueStart = pos + assignment[0].length;
    const quoted = readQuoted(text, valueStart);
    if (quoted) {
      const start = position(valueStart + 1);
      const end = position(quoted.close);
      const raw = text.slice(valueStart + 1, quoted.close);
      const value = quoted.quote === '"' ? raw.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : raw;
      entries.push({ key, value, quote: quoted.quote, raw, line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
      pos = nextLine(text, quoted.close);
      continue;
    }
    const lineEnd = endOfLine(text, valueStart);
    const hash = text.indexOf('#', valueStart);
    const rawEnd = hash !== -1 && hash < lineEnd ? hash : lineEnd;
    const raw = text.slice(valueStart, rawEnd);
    const value = raw.trim();
    const lead = raw.length - raw.trimStart().length;
    const start = position(valueStart + lead);
    const end = position(valueStart + lead + value.length);
    entries.push({ key, value, quote: null, raw: value, line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
    pos = nextLine(text, valueStart);
  }
  return entries;
}

/** A quoted value starting at `offset` (after `=`), with the offset of its closing quote. */
function readQuoted(text: string, offset: number): { quote: '"' | "'" | '`'; close: number } | null {
  const quote = text[offset];
  if (quote !== '"' && quote !== "'" && quote !== '`') return null;
  for (let i = offset + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === quote) {
      i++;
      continue;
    }
    if (c === quote) return { quote, close: i };
  }
  return null;
}

function endOfLine(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  const end = lf === -1 ? text.length : lf;
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

function nextLine(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  return lf === -1 ? text.length : lf + 1;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function toPosition(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}
