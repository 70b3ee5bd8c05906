// Just enough JavaScript/Python expression reading for the auth analyzers: string literals,
// call arguments, "env or fallback" expressions and same-file constants. Not a parser: it skips
// strings and brackets so a comma inside them does not end an argument, and gives up (returns
// null) on anything it does not recognise, so an unknown shape is never a finding.

/** A string literal's content: text[start, end) (quotes excluded). */
export interface LiteralSpan {
  start: number;
  end: number;
  value: string;
  /** How the literal reaches the key: written in place, an env fallback, or via a constant. */
  via: 'literal' | 'fallback' | 'constant';
}

export interface Span {
  start: number;
  end: number;
}

const QUOTES = new Set(["'", '"', '`']);
const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const MAX_SCAN = 4000;

/** The literal starting at `at` (a quote), on one line; template literals only without `${`. */
export function readStringLiteral(text: string, at: number): LiteralSpan | null {
  const quote = text[at];
  if (quote === undefined || !QUOTES.has(quote)) return null;
  for (let i = at + 1; i < text.length && i < at + MAX_SCAN; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '\n' && quote !== '`') return null;
    if (ch === quote) {
      const value = text.slice(at + 1, i);
      if (quote === '`' && value.includes('${')) return null;
      return { start: at + 1, end: i, value, via: 'literal' };
    }
  }
  return null;
}

// The scanners below read char codes, not one-character strings: they run over every call of
// every logging and JWT line of a scan, and string compares and Set lookups per character
// made them a tenth of its time.
const BACKSLASH = 92;
const NEWLINE = 10;
const BACKTICK = 96;

function isQuote(code: number): boolean {
  return code === 39 || code === 34 || code === BACKTICK;
}

/** The code of the bracket closing `code` (`(` `[` `{`), or 0. */
function closerOf(code: number): number {
  return code === 40 ? 41 : code === 91 ? 93 : code === 123 ? 125 : 0;
}

/** `/\s/` for one char code, without a regex call for ASCII. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(String.fromCharCode(code));
}

/** Index after a string literal starting at `at`, or at + 1 when it does not close. */
function skipString(text: string, at: number): number {
  const quote = text.charCodeAt(at);
  for (let i = at + 1; i < text.length && i < at + MAX_SCAN; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === quote) return i + 1;
    else if (code === NEWLINE && quote !== BACKTICK) return i;
  }
  return at + 1;
}

/**
 * The top-level arguments of the call whose `(` is at `open`, trimmed; null when the call does
 * not close within a few thousand characters.
 */
export function callArguments(text: string, open: number): Span[] | null {
  const args: Span[] = [];
  const stack: number[] = [];
  let argStart = open + 1;
  for (let i = open + 1; i < text.length && i < open + MAX_SCAN; ) {
    const code = text.charCodeAt(i);
    if (isQuote(code)) {
      i = skipString(text, i);
      continue;
    }
    if (code === 47 && text.charCodeAt(i + 1) === 47) {
      // a `//` comment runs to the end of the line
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
      continue;
    }
    const closer = closerOf(code);
    if (closer !== 0) stack.push(closer);
    else if (stack.length > 0 && code === stack[stack.length - 1]) stack.pop();
    else if (stack.length === 0 && (code === 44 || code === 41)) {
      const span = trimSpan(text, argStart, i);
      if (span.end > span.start) args.push(span);
      if (code === 41) return args;
      argStart = i + 1;
    }
    i++;
  }
  return null;
}

/** End of the expression starting at `start`: the first `,` `;` newline or unmatched closer at depth 0. */
export function expressionEnd(text: string, start: number): number {
  const stack: number[] = [];
  for (let i = start; i < text.length && i < start + MAX_SCAN; ) {
    const code = text.charCodeAt(i);
    if (isQuote(code)) {
      i = skipString(text, i);
      continue;
    }
    const closer = closerOf(code);
    if (closer !== 0) stack.push(closer);
    else if (stack.length > 0 && code === stack[stack.length - 1]) stack.pop();
    // , ; newline ) ] }
    else if (stack.length === 0 && (code === 44 || code === 59 || code === NEWLINE || code === 41 || code === 93 || code === 125)) return i;
    i++;
  }
  return Math.min(text.length, start + MAX_SCAN);
}

export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** Reads of configuration from outside the code: the environment, a config service. */
const ENV_READ =
  /^(?:process\.env(?:\.[A-Za-z_$][\w$]*|\[\s*["'`][^"'`]+["'`]\s*\])|import\.meta\.env\.[A-Za-z_$][\w$]*|Deno\.env\.get\([^)]*\)|Bun\.env\.[A-Za-z_$][\w$]*|(?:this\.)?config(?:Service)?\.get(?:<[^>]*>)?\([^)]*\)|os\.environ(?:\.get\([^),]*\)|\[[^\]]*\])|os\.getenv\([^),]*\)|env\([^),]*\))\s*/;
/** Python/Laravel-style reads with a default argument: os.getenv("X", "default"). */
const ENV_READ_WITH_DEFAULT = /^(?:os\.getenv|os\.environ\.get|env|config\.get|configService\.get)\(\s*["'][^"']*["']\s*,\s*/;

/**
 * The literal a key expression text[start, end) evaluates to, if any: a literal, `Buffer.from(lit)`,
 * `new TextEncoder().encode(lit)`, an env read with a literal fallback (`||`, `??`, `or`, a
 * default argument), or (with `constants`) a same-file constant holding one.
 */
export function literalOfExpression(
  text: string,
  start: number,
  end: number,
  constants?: BindingLookup,
): LiteralSpan | null {
  ({ start, end } = trimSpan(text, start, end));
  if (start >= end) return null;
  const expr = text.slice(start, end);
  const literal = readStringLiteral(text, start);
  if (literal && literal.end + 1 === end) return literal;
  const wrapped = /^(?:Buffer\.from|new\s+TextEncoder\(\s*\)\s*\.encode|createSecretKey)\(\s*/.exec(expr);
  if (wrapped) {
    const inner = readStringLiteral(text, start + wrapped[0].length);
    if (inner) return inner;
  }
  const env = ENV_READ.exec(expr);
  if (env) {
    const rest = /^(?:\|\||\?\?|or\b)\s*/.exec(expr.slice(env[0].length));
    if (!rest) return null;
    const fallback = readStringLiteral(text, start + env[0].length + rest[0].length);
    return fallback ? { ...fallback, via: 'fallback' } : null;
  }
  const withDefault = ENV_READ_WITH_DEFAULT.exec(expr);
  if (withDefault) {
    const fallback = readStringLiteral(text, start + withDefault[0].length);
    return fallback ? { ...fallback, via: 'fallback' } : null;
  }
  if (constants && /^[A-Za-z_$][\w$]*$/.test(expr)) {
    const bound = constants.get(expr);
    return bound ? { ...bound, via: 'constant' } : null;
  }
  return null;
}

/** Only `get` is needed: lets a caller defer the binding scan until a name must be resolved. */
export type BindingLookup = Pick<ReadonlyMap<string, LiteralSpan>, 'get'>;

/** literalBindings(text), computed on the first lookup only (most files never need it). */
export function lazyLiteralBindings(text: string): BindingLookup {
  let bindings: Map<string, LiteralSpan> | undefined;
  return { get: (name) => (bindings ??= literalBindings(text)).get(name) };
}

/**
 * Same-file bindings of a name to a literal (directly or as an env fallback):
 * `const KEY = 'x'`, `let key = process.env.K || 'x'`, Python `KEY = "x"`.
 */
export function literalBindings(text: string): Map<string, LiteralSpan> {
  const out = new Map<string, LiteralSpan>();
  const binding = /(?:\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w<>[\]|. ]{1,40})?|^[ \t]*([A-Za-z_][\w]*))[ \t]*=(?![=>])[ \t]*/gm;
  for (const m of text.matchAll(binding)) {
    const name = m[1] ?? m[2]!;
    const start = m.index + m[0].length;
    const value = literalOfExpression(text, start, expressionEnd(text, start));
    if (value && !out.has(name)) out.set(name, value);
  }
  return out;
}
