// BlobAnalyzer for how code handles tokens: JWTs signed without expiry or verified without an
// algorithm list, tokens in web storage or URLs, token cookies without httpOnly/secure/sameSite.
// The "secret" of these findings is the offending code (so each place is its own finding id).
import type { Match } from '../types.js';
import type { BlobAnalyzer } from './analyzer.js';
import { callArguments, type Span } from './js-expr.js';
import { fileKind, isTemplateOrDoc } from './jwt-secret-find.js';
import {
  COOKIE_NO_SAMESITE,
  COOKIE_NOT_HTTPONLY,
  COOKIE_NOT_SECURE,
  SIGN_WITHOUT_EXPIRY,
  TOKEN_IN_LOCALSTORAGE,
  TOKEN_IN_SESSIONSTORAGE,
  TOKEN_IN_URL,
  VERIFY_WITHOUT_ALGORITHMS,
} from './jwt-rules.js';
import { inComment, matchAt, type SpanMatch } from './text-span.js';
import type { WordHits } from './analyzer.js';
import { findWord, mergePositions } from '../detect/prefilter.js';
import { hasAny, lookUpWords, matchesAt, positionsOfAny, sticky } from './text-search.js';

/** Names and values that carry a credential (not `tokenizer`, not `csrfToken`). */
const TOKEN_WORD = /(?:^|[^a-z])(?:(?:access|id|auth|refresh|bearer|session)[_-]?token|token|jwt|auth|bearer|session(?:[_-]?id)?|sid)(?![a-z])|(?:access|id|auth|refresh|jwt|bearer|session)Token|Jwt|Token(?![a-z])/i;
const NOT_CREDENTIAL = /csrf|xsrf|tokenizer|pagetoken|nexttoken|cancel/i;

function isTokenLike(text: string): boolean {
  return TOKEN_WORD.test(text) && !NOT_CREDENTIAL.test(text);
}

const slice = (text: string, span: Span | undefined) => (span ? text.slice(span.start, span.end) : '');

/** The end of the call opened at `open` (index after its `)`), from its arguments. */
function callEnd(text: string, open: number, args: Span[]): number {
  const last = args.length > 0 ? args[args.length - 1]!.end : open + 1;
  const close = text.indexOf(')', last);
  return close === -1 ? last : close + 1;
}

const JWT_CALL = sticky(/\b(?:jwt|jsonwebtoken|JWT)\s*\.\s*(sign|verify)\s*\(/);
const JWT_CALL_STARTS = ['jwt', 'jsonwebtoken'];

function jwtCalls(text: string, words: WordHits, out: SpanMatch[]): void {
  let fileSetsExp: boolean | undefined; // decided on the first sign() call: most files have none
  for (const m of matchesAt(text, JWT_CALL, positionsOfAny(words, JWT_CALL_STARTS))) {
    const open = m.index + m[0].length - 1;
    const args = callArguments(text, open);
    if (!args || args.length < 2) continue;
    const span = { start: m.index, end: callEnd(text, open, args) };
    const options = slice(text, args[2]);
    if (m[1] === 'sign') {
      const optionsSetExpiry = /\bexpiresIn\b/.test(options);
      // an identifier for options may carry expiresIn: give it the benefit of the doubt
      const unknownOptions = /^[A-Za-z_$][\w$.]*$/.test(options) && !/^(?:function|async)$/.test(options);
      fileSetsExp ??= /\bexp\s*[:=]|\.exp\b|["']exp["']/.test(text);
      if (!optionsSetExpiry && !unknownOptions && !/\bexp\b/.test(slice(text, args[0])) && !fileSetsExp) {
        out.push({ ...span, ruleId: SIGN_WITHOUT_EXPIRY.id });
      }
    } else {
      const optionsObject = options.startsWith('{');
      if ((optionsObject && !/\balgorithms\b/.test(options)) || options === '' || /^(?:\(|function|async)/.test(options)) {
        out.push({ ...span, ruleId: VERIFY_WITHOUT_ALGORITHMS.id });
      }
    }
  }
  if (words.at('signjwt').length === 0) return;
  for (const m of text.matchAll(/\bnew\s+SignJWT\s*\(/g)) {
    const sign = text.indexOf('.sign(', m.index);
    if (sign === -1 || sign - m.index > 1500) continue;
    if (!text.slice(m.index, sign).includes('setExpirationTime')) {
      out.push({ start: m.index, end: sign + '.sign('.length, ruleId: SIGN_WITHOUT_EXPIRY.id });
    }
  }
}

function webStorage(text: string, out: SpanMatch[]): void {
  const rules = { localStorage: TOKEN_IN_LOCALSTORAGE.id, sessionStorage: TOKEN_IN_SESSIONSTORAGE.id };
  for (const m of text.matchAll(/\b(localStorage|sessionStorage)\s*\.\s*setItem\s*\(/g)) {
    const open = m.index + m[0].length - 1;
    const args = callArguments(text, open);
    if (!args || args.length < 2) continue;
    if (isTokenLike(slice(text, args[0])) || isTokenLike(slice(text, args[1]))) {
      out.push({ start: m.index, end: callEnd(text, open, args), ruleId: rules[m[1] as keyof typeof rules] });
    }
  }
  for (const m of text.matchAll(/\b(localStorage|sessionStorage)\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*["'`]([^"'`]+)["'`]\s*\])\s*=(?!=)[^;\n]*/g)) {
    const name = m[2] ?? m[3] ?? '';
    if (name === 'setItem' || !isTokenLike(name)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, ruleId: rules[m[1] as keyof typeof rules] });
  }
}

const URL_TOKEN_PARAM = /(?:access_token|id_token|refresh_token|auth_token|token|jwt|auth)/.source;

function tokensInUrls(text: string, words: WordHits, out: SpanMatch[]): void {
  // a token value spliced into a query string: `?token=${t}`, '?access_token=' + t
  if (hasAny(words, SPLICED_WORDS)) splicedTokens(text, out);
  // URLSearchParams / searchParams carrying a token
  if (hasAny(words, PARAMS_WORDS) || PARAM_METHODS.some((method) => text.includes(method))) tokenParams(text, words, out);
}

/** Every spliced token parameter ends with one of these; every token-parameter call holds one of these. */
const SPLICED_WORDS = ['token=', 'jwt=', 'auth='];
const PARAMS_WORDS = ['urlsearchparams', 'params', 'query'];
/**
 * URLSearchParams' setters, looked up as written (method names have one case): asking the keyword
 * pass for `.set` would cost every text a hash hit per `.se`, and a case-insensitive look-up
 * on demand a lower-cased copy of most texts.
 */
const PARAM_METHODS = ['.append', '.set'];

function splicedTokens(text: string, out: SpanMatch[]): void {
  const spliced = new RegExp(`[?&#](?:${URL_TOKEN_PARAM})=(?:\\$\\{[^}]+\\}|["'\`]\\s*\\+\\s*[A-Za-z_$][\\w$.]*)`, 'gi');
  for (const m of text.matchAll(spliced)) {
    if (isOneTimeLink(text, m.index)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, ruleId: TOKEN_IN_URL.id });
  }
}

/** The path of a link that carries a one-time token by design: password reset, email verification, invitations, magic links. */
const ONE_TIME_LINK = /(?:reset|verif|confirm|activat|invit|magic|unsubscribe|recover)[\w-]*\/?$/i;

/**
 * Whether the query at `at` belongs to such a link (`/reset-password?token=${t}`): the token is
 * single-use and short-lived, and an email link has nowhere else to put it.
 */
function isOneTimeLink(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 200), at);
  const urlStart = Math.max(before.lastIndexOf('`'), before.lastIndexOf("'"), before.lastIndexOf('"'), before.lastIndexOf(' '));
  return ONE_TIME_LINK.test(before.slice(urlStart + 1));
}

/** `{ params: { token } }`: axios, Vue Router and ky/got (`searchParams`) put these in the query string. */
const PARAMS_OBJECT = sticky(new RegExp(`\\b(?:params|searchParams|query)\\s*:\\s*\\{[^}]*\\b(?:${URL_TOKEN_PARAM})\\b\\s*[:,}][^}]*\\}`, 'i'));
const SEARCH_PARAMS_OBJECT = sticky(new RegExp(`\\bnew\\s+URLSearchParams\\s*\\(\\s*\\{[^}]*\\b(?:${URL_TOKEN_PARAM})\\b\\s*[:,}][^}]*\\}`, 'i'));
const PARAM_CALL = sticky(new RegExp(`\\.(?:append|set)\\s*\\(\\s*["'\`](?:${URL_TOKEN_PARAM})["'\`]\\s*,[^)]*\\)`, 'i'));

/** Where `new` starts before `at` (only spaces between), or `at` itself when there is none. */
function newBefore(text: string, at: number): number {
  let start = at;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  return start < at && text.startsWith('new', start - 3) ? start - 3 : at;
}

/**
 * Tokens handed to a URL's query: `new URLSearchParams({ token })`, `{ params: { token } }`,
 * `params.set('token', t)`. Each shape is tried only where its words are (`query` and `params`
 * are everywhere in web code: a global regex over every such file was a tenth of the scan).
 */
function tokenParams(text: string, words: WordHits, out: SpanMatch[]): void {
  const spans: SpanMatch[] = [];
  const push = (m: RegExpExecArray) => spans.push({ start: m.index, end: m.index + m[0].length, ruleId: TOKEN_IN_URL.id });
  const lower = (at: number, word: string) => at >= 0 && text.slice(at, at + word.length).toLowerCase() === word;
  // `searchParams` is `params` after `search`; `URLSearchParams` after `new` and spaces
  const objectStarts = mergePositions([words.at('params').map((at) => (lower(at - 6, 'search') ? at - 6 : at)), words.at('query')]);
  for (const m of matchesAt(text, PARAMS_OBJECT, objectStarts)) push(m);
  for (const m of matchesAt(text, SEARCH_PARAMS_OBJECT, words.at('urlsearchparams').map((at) => newBefore(text, at)))) push(m);
  for (const m of matchesAt(text, PARAM_CALL, mergePositions(PARAM_METHODS.map((method) => findWord(text, method))))) {
    if (!/searchParams|params|query|URLSearchParams/i.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    push(m);
  }
  // one finding per place, as a single global scan of the three shapes would give
  spans.sort((a, b) => a.start - b.start);
  let end = -1;
  for (const span of spans) {
    if (span.start < end) continue;
    out.push(span);
    end = span.end;
  }
}

/** Literal URLs carrying a JWT, in any text file. */
function jwtInLiteralUrls(text: string, out: SpanMatch[]): void {
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s"'`<>]*?[?&#][\w.-]+=eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g)) {
    out.push({ start: m.index, end: m.index + m[0].length, ruleId: TOKEN_IN_URL.id });
  }
}

interface CookieFlags {
  httpOnly: 'set' | 'off' | 'absent';
  secure: boolean;
  sameSite: boolean;
}

function flagsOfOptions(options: string): CookieFlags {
  const httpOnly = /\bhttpOnly\s*:\s*false\b/i.test(options) ? 'off' : /\bhttpOnly\s*:/i.test(options) ? 'set' : 'absent';
  return {
    httpOnly,
    secure: /\bsecure\s*:/i.test(options) && !/\bsecure\s*:\s*false\b/i.test(options),
    sameSite: /\bsameSite\s*:/i.test(options),
  };
}

/** `sid=; Path=/; Expires=Thu, 01 Jan 1970 ...`: a header that deletes the cookie carries no token. */
function clearsCookie(header: string): boolean {
  const pair = header.split(';')[0] ?? '';
  return pair.slice(pair.indexOf('=') + 1).trim() === '';
}

function flagsOfHeader(header: string): CookieFlags {
  return { httpOnly: /httponly/i.test(header) ? 'set' : 'absent', secure: /;\s*secure/i.test(header), sameSite: /samesite/i.test(header) };
}

function reportCookie(flags: CookieFlags, span: Span, out: SpanMatch[], httpOnlyByDefault = false): void {
  if (flags.httpOnly === 'off' || (flags.httpOnly === 'absent' && !httpOnlyByDefault)) out.push({ ...span, ruleId: COOKIE_NOT_HTTPONLY.id });
  if (!flags.secure) out.push({ ...span, ruleId: COOKIE_NOT_SECURE.id });
  if (!flags.sameSite) out.push({ ...span, ruleId: COOKIE_NO_SAMESITE.id });
}

function cookies(text: string, out: SpanMatch[]): void {
  let objects: Map<string, string> | undefined; // built on first use: most files never need it
  const optionsText = (s: string) => (/^[A-Za-z_$][\w$]*$/.test(s) ? (objects ??= objectBindings(text)).get(s) : s);
  // express res.cookie(name, value, options); koa ctx.cookies.set (httpOnly by default); Next cookies().set
  for (const m of text.matchAll(/\b(?:res|response|reply)\s*\.\s*(?:cookie|setCookie)\s*\(|\b(cookies(?:\(\))?)\s*\.\s*set\s*\(/g)) {
    const open = m.index + m[0].length - 1;
    const args = callArguments(text, open);
    if (!args || args.length === 0) continue;
    const span = { start: m.index, end: callEnd(text, open, args) };
    const single = args.length === 1 && slice(text, args[0]).startsWith('{');
    const name = single ? (/\bname\s*:\s*([^,}]+)/.exec(slice(text, args[0]))?.[1] ?? '') : slice(text, args[0]);
    if (!isTokenLike(name) && !isTokenLike(single ? '' : slice(text, args[1]))) continue;
    const options = optionsText(single ? slice(text, args[0]) : slice(text, args[2]));
    if (options === undefined) continue; // options from elsewhere: unknown
    const koa = m[1] === 'cookies' && /\bctx\s*\.\s*$/.test(text.slice(Math.max(0, m.index - 6), m.index));
    reportCookie(flagsOfOptions(options), span, out, koa);
  }
  // Set-Cookie headers written by hand
  for (const m of text.matchAll(/["'`]Set-Cookie["'`]\s*,\s*(["'`])((?:(?!\1).){0,300})\1/gi)) {
    if (!isTokenLike(m[2]!.split('=')[0]!) || clearsCookie(m[2]!)) continue;
    reportCookie(flagsOfHeader(m[2]!), { start: m.index, end: m.index + m[0].length }, out);
  }
  // cookies written by page scripts can never be httpOnly; Secure and SameSite they can set
  for (const m of text.matchAll(/\bdocument\.cookie\s*=(?!=)\s*(["'`])((?:(?!\1).){0,300})\1|\bCookies\.set\s*\(\s*["'`]([^"'`]+)["'`][^;\n]*/g)) {
    const name = m[3] ?? m[2]!.split('=')[0]!;
    if (!isTokenLike(name)) continue;
    const flags = m[3] !== undefined ? flagsOfOptions(m[0]) : flagsOfHeader(m[2]!);
    reportCookie({ ...flags, httpOnly: 'absent' }, { start: m.index, end: m.index + m[0].length }, out);
  }
}

/** Same-file `const name = { ... }` object literals (cookie options defined once, used in calls). */
function objectBindings(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>]+\s*)?=\s*\{/g)) {
    const open = m.index + m[0].length - 1;
    const close = text.indexOf('}', open);
    if (close !== -1 && close - open < 1000) out.set(m[1]!, text.slice(open, close + 1));
  }
  return out;
}

export const JS_AUTH_RULES = [
  SIGN_WITHOUT_EXPIRY,
  VERIFY_WITHOUT_ALGORITHMS,
  TOKEN_IN_LOCALSTORAGE,
  TOKEN_IN_SESSIONSTORAGE,
  TOKEN_IN_URL,
  COOKIE_NOT_HTTPONLY,
  COOKIE_NOT_SECURE,
  COOKIE_NO_SAMESITE,
] as const;

/** A file with none of these has nothing for this analyzer. */
const GATE_WORDS = ['jwt', 'storage', 'token', 'cookie', 'eyj'];

export const jsAuthAnalyzer: BlobAnalyzer = {
  name: 'js-auth',
  rules: JS_AUTH_RULES,
  words: [...GATE_WORDS, 'auth', 'signjwt', ...JWT_CALL_STARTS, ...SPLICED_WORDS, ...PARAMS_WORDS],
  applies: (path, text, words = lookUpWords(text)) => !isTemplateOrDoc(path) && hasAny(words, GATE_WORDS),
  analyze(text: string, path: string, _data?: unknown, words = lookUpWords(text)): Match[] {
    const spans: SpanMatch[] = [];
    // Each check runs only where its words occur (found by the detector's keyword pass), instead
    // of several full passes of its structural regexes over every file that mentions a token.
    if (words.at('eyj').length > 0) jwtInLiteralUrls(text, spans);
    if (fileKind(path) === 'code') {
      if (words.at('jwt').length > 0) jwtCalls(text, words, spans);
      if (words.at('storage').length > 0) webStorage(text, spans);
      if (hasAny(words, ['token', 'jwt', 'auth'])) tokensInUrls(text, words, spans);
      if (words.at('cookie').length > 0) cookies(text, spans);
    }
    const seen = new Set<string>();
    return spans
      .filter((s) => !inComment(text, s.start))
      .filter((s) => {
        const key = `${s.ruleId}\0${s.start}`;
        return !seen.has(key) && seen.add(key);
      })
      // a JWT inside a literal URL is a credential (masked in reports); the rest is code
      .map((s) => matchAt(text, { ...s, codeShape: !/eyJ[\w-]+\.eyJ/.test(text.slice(s.start, s.end)) }));
  },
};

