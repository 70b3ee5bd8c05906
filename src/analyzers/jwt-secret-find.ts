// Where a text holds a JWT signing secret as a literal: passed as the key to a JWT library,
// assigned to a JWT-secret setting (code, JSON, YAML, .env, Dockerfile, compose, CI env), or the
// fallback of an environment read. Pure; the analyzer grades what this finds.
import { inComment } from './text-span.js';
import type { WordHits } from './analyzer.js';
import { hasAny, lookUpWords, matchesAt, positionsOfAny, sticky } from './text-search.js';
import {
  callArguments,
  expressionEnd,
  lazyLiteralBindings,
  literalOfExpression,
  readStringLiteral,
  type BindingLookup,
  type LiteralSpan,
} from './js-expr.js';

export type HmacAlg = 'HS256' | 'HS384' | 'HS512';

export interface JwtSecretHit extends LiteralSpan {
  /** The HMAC algorithm named near the secret (call options or config), if any. */
  alg?: HmacAlg;
  /** The setting or call that uses the secret, for the report (e.g. `JWT_SECRET`, `jwt.sign`). */
  usedAs: string;
}

export type FileKind = 'code' | 'env' | 'dockerfile' | 'config' | 'other';

const CODE_EXT = /\.(?:[cm]?[jt]sx?|vue|svelte|py|rb|php|go|java|kt|cs)$/i;
const CONFIG_EXT = /\.(?:json|ya?ml|toml|ini|properties|conf|cfg|config)$/i;
const DOC_EXT = /\.(?:md|markdown|rst|adoc|txt|html?)$/i;
/** Templates document the settings: their values are placeholders by design. */
const TEMPLATE_NAME = /(?:^|[._-])(?:example|sample|template|dist|tmpl|tpl)(?:[._-]|$)/i;

export function fileKind(path: string): FileKind {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^\.env(?:\.|$)|\.env$/i.test(base)) return 'env';
  if (/^(?:Dockerfile|Containerfile)(?:\..*)?$|\.dockerfile$/i.test(base)) return 'dockerfile';
  if (CODE_EXT.test(base)) return 'code';
  if (CONFIG_EXT.test(base)) return 'config';
  return 'other';
}

/** Files where a JWT secret is documentation, not configuration. */
export function isTemplateOrDoc(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return TEMPLATE_NAME.test(base) || DOC_EXT.test(base);
}

/** Setting names that hold a JWT signing secret (`JWT_SECRET`, `jwtSecret`, `secretOrKey`, ...). */
export function isJwtSecretName(name: string): boolean {
  // a public prefix (NEXT_PUBLIC_, VITE_, ...) does not change what the value is
  const n = name
    .replace(/^(?:NEXT_PUBLIC_|VITE_|REACT_APP_|NUXT_PUBLIC_|NUXT_ENV_|EXPO_PUBLIC_|GATSBY_|PUBLIC_|VUE_APP_)/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (/public|expir|path|file|url|alg|issuer|audience|header|cookie|ttl|lifetime|duration|name|length|env$|id$/.test(n)) return false;
  if (n.includes('jwt') && (n.includes('secret') || n.endsWith('key') || n.includes('signing'))) return true;
  return /^(?:secretorkey|secretorprivatekey|(?:access|refresh|auth|id|session)?tokensecret(?:key)?|nextauthsecret|authsecret)$/.test(n);
}

const JWT_SECRET_WORDS = ['jwt', 'secretorkey', 'token_secret', 'tokensecret', 'jose', 'nextauth', 'auth_secret'];

/** Cheap gate: the words every finder below needs, in any case. */
export function mentionsJwtSecret(text: string, hits: WordHits = lookUpWords(text)): boolean {
  return hasAny(hits, JWT_SECRET_WORDS);
}

const ALG_NEAR = /alg(?:orithms?)?["']?\s*[:=]\s*\[?\s*["'`]?(HS256|HS384|HS512)\b/gi;

/** The HMAC algorithm named closest to `offset` in the text (code options or a config key). */
export function algorithmNear(text: string, offset: number): HmacAlg | undefined {
  return algorithmLookup(text)(offset);
}

/**
 * algorithmNear for many offsets of one text: the mentions are found once, on the first call
 * (a scan of the whole text per offset made a config module with hundreds of values quadratic).
 */
export function algorithmLookup(text: string): (offset: number) => HmacAlg | undefined {
  let mentions: { at: number; alg: HmacAlg }[] | undefined;
  return (offset) => {
    mentions ??= [...text.matchAll(ALG_NEAR)].map((m) => ({ at: m.index, alg: m[1]!.toUpperCase() as HmacAlg }));
    let best: { alg: HmacAlg; distance: number } | undefined;
    for (const { at, alg } of mentions) {
      const distance = Math.abs(at - offset);
      if (!best || distance < best.distance) best = { alg, distance };
    }
    return best?.alg;
  };
}

/**
 * Calls whose argument `keyArg` is a JWT key. `starts`: where a match can begin (tried with the
 * sticky pattern only there, see text-search.ts); `gate`: a word the text must contain first.
 */
const KEY_CALLS: readonly { pattern: RegExp; starts: readonly string[]; keyArg: number; gate?: string; needs?: RegExp }[] = [
  {
    pattern: sticky(/\b(?:jwt|jsonwebtoken|JWT|jws|Jwt)\s*\.\s*(?:sign|verify|encode|decode)\s*\(/),
    starts: ['jwt', 'jsonwebtoken', 'jws'],
    keyArg: 1,
  },
  { pattern: sticky(/\bnew\s+TextEncoder\(\s*\)\s*\.encode\s*\(/), starts: ['new'], keyArg: 0, gate: 'textencoder', needs: /\bjose\b|SignJWT|jwtVerify|jwt/i },
  { pattern: sticky(/\bcreateSecretKey\s*\(/), starts: ['createsecretkey'], keyArg: 0, gate: 'createsecretkey', needs: /\bjose\b|SignJWT|jwtVerify|jwt/i },
];

/** Every call of KEY_CALLS in a code text, with the call's entry. */
function* keyCalls(text: string, hits: WordHits): Generator<{ call: (typeof KEY_CALLS)[number]; match: RegExpExecArray }> {
  for (const call of KEY_CALLS) {
    if (call.gate !== undefined && hits.at(call.gate).length === 0) continue;
    if (call.needs && !call.needs.test(text)) continue;
    for (const match of matchesAt(text, call.pattern, positionsOfAny(hits, call.starts))) yield { call, match };
  }
}

/** `secret:` is a JWT key only inside a JWT library's options (express-jwt, @nestjs/jwt, fastify-jwt). */
const JWT_CONTEXT = /\bjwt["']?\s*:|jwt\w*\s*\(|JwtModule|@fastify\/jwt|fastify-jwt|koa-jwt|passport-jwt|new\s+(?:Jwt)?Strategy\s*\(/gi;

function jwtOptionsBefore(text: string, offset: number): boolean {
  const before = text.slice(Math.max(0, offset - 400), offset);
  let last = -1;
  for (const m of before.matchAll(JWT_CONTEXT)) last = m.index;
  const lower = before.toLowerCase();
  return last !== -1 && last > lower.lastIndexOf('session') && last > lower.lastIndexOf('cookie');
}

/** Values that point elsewhere or stand in for a value: never a literal secret. */
export function isReferenceOrTemplate(value: string): boolean {
  const v = value.trim();
  return (
    v.length === 0 ||
    /\$\{[^}]*\}|\{\{[^}]*\}\}|^\$[A-Za-z_]\w*$|^%[A-Za-z_]\w*%$|^<[^<>]*>$|^\$\(|^!(?:Ref|Sub|GetAtt|ImportValue)\b|^\*\w|^&\w/.test(v) ||
    /^(?:null|none|nil|~|undefined|true|false|""|'')$/i.test(v) ||
    /…|\*{3,}/.test(v) ||
    v.startsWith('-----BEGIN')
  );
}

const ASSIGNMENT = /(?<![\w$.-])(?:\[\s*)?["'`]?([A-Za-z_$][\w$.-]*)["'`]?(?:\s*\])?[ \t]*(:(?!:)|=(?![=>~]))[ \t]*/g;
const DOCKER_ENV_SPACED = /^[ \t]*ENV[ \t]+([A-Za-z_][\w]*)[ \t]+(?!.*=)(\S.*?)[ \t]*$/gm;

/** Every name a JWT secret setting can have contains one of these, in any case (isJwtSecretName, jwtOption). */
const CANDIDATE_WORDS = ['jwt', 'secret', 'key'];

/**
 * The words the finders here look for (lower-case; the sticky patterns check the case): an
 * analyzer using them lists these in its `words`.
 */
export const JWT_SECRET_FIND_WORDS: readonly string[] = [
  ...JWT_SECRET_WORDS,
  // a gated call's starts (`new`: common) are looked up only in the texts that pass its gate
  ...KEY_CALLS.flatMap((call) => (call.gate ? [call.gate] : call.starts)),
  ...CANDIDATE_WORDS,
];
/** `[\w$.-]`, the characters of a setting's name (ASSIGNMENT), without a regex call per character. */
function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code === 46 || code === 45
  );
}

/**
 * Whether a setting name can pass isJwtSecretName or be a JWT option (`secret`, `secretKey`,
 * `key`): a necessary condition, cheap enough for every `key` of a file, most of which
 * (`cacheKey`, `apiKey`) are not worth an assignment regex.
 */
function couldNameJwtSecret(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1).toLowerCase().replace(/[^a-z0-9]/g, '');
  return last.includes('jwt') || last.includes('secret') || last === 'key';
}

/**
 * ASSIGNMENT matches whose name contains a candidate word. The assignment regex is tried only
 * where such a name starts (sticky), never across whole lines: running it over every line of
 * every file that mentions "jwt" once was most of the scan's time.
 */
function* assignmentsOnCandidateLines(text: string, hits: WordHits): Generator<RegExpExecArray> {
  const assignment = new RegExp(ASSIGNMENT.source, 'y');
  let lastNameStart = -1;
  for (const word of positionsOfAny(hits, CANDIDATE_WORDS)) {
    let nameStart = word;
    while (nameStart > 0 && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
    if (nameStart === lastNameStart) continue; // another word of the same name
    lastNameStart = nameStart;
    let nameEnd = word;
    while (nameEnd < text.length && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    if (!couldNameJwtSecret(text.slice(nameStart, nameEnd))) continue;
    for (const at of quotedOrBracketedStarts(text, nameStart)) {
      assignment.lastIndex = at;
      const m = assignment.exec(text);
      if (m) {
        yield m;
        break;
      }
    }
  }
}

/** Where an assignment naming the identifier at `nameStart` can begin: `name`, `"name"`, `["name"`. */
function quotedOrBracketedStarts(text: string, nameStart: number): number[] {
  const starts = [nameStart];
  let at = nameStart;
  if (at > 0 && /["'`]/.test(text[at - 1]!)) starts.push(--at);
  let before = at - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before--;
  if (before >= 0 && text[before] === '[') starts.push(before);
  return starts.reverse();
}

/** Reads the value of an assignment at `at` in a file of `kind`. */
function assignedValue(text: string, at: number, kind: FileKind, constants: BindingLookup): LiteralSpan | null {
  const quoted = readStringLiteral(text, at);
  if (quoted) return quoted;
  if (kind === 'code') return literalOfExpression(text, at, expressionEnd(text, at), constants);
  // Config files: an unquoted value runs to the end of the line (a ` #` comment and a trailing `,` excluded).
  const lineEnd = text.indexOf('\n', at);
  let raw = text.slice(at, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
  raw = raw.replace(/[ \t]+#.*$/, '').replace(/,\s*$/, '').trimEnd();
  if (/^[|>[{]/.test(raw)) return null;
  return { start: at, end: at + raw.length, value: raw, via: 'literal' };
}

/** Every JWT secret literal in the text, in text order, each once. */
export function findJwtSecrets(text: string, path: string, words: WordHits = lookUpWords(text)): JwtSecretHit[] {
  if (isTemplateOrDoc(path) || !mentionsJwtSecret(text, words)) return [];
  const kind = fileKind(path);
  const constants: BindingLookup = kind === 'code' ? lazyLiteralBindings(text) : new Map<string, LiteralSpan>();
  const hits = new Map<number, JwtSecretHit>();
  const algorithmAt = algorithmLookup(text);
  const add = (literal: LiteralSpan | null, usedAs: string, alg?: HmacAlg) => {
    if (!literal || isReferenceOrTemplate(literal.value) || hits.has(literal.start)) return;
    const found = alg ?? algorithmAt(literal.start);
    hits.set(literal.start, { ...literal, usedAs, ...(found ? { alg: found } : {}) });
  };

  if (kind === 'code') {
    for (const { call, match: m } of keyCalls(text, words)) {
      if (inComment(text, m.index)) continue;
      const open = m.index + m[0].length - 1;
      const args = callArguments(text, open);
      const key = args?.[call.keyArg];
      if (!args || !key) continue;
      const options = args[call.keyArg + 1];
      const alg = options ? algorithmNear(text.slice(options.start, options.end), 0) : undefined;
      add(literalOfExpression(text, key.start, key.end, constants), m[0].replace(/\s+/g, '').replace(/\($/, ''), alg);
    }
  }

  for (const m of assignmentsOnCandidateLines(text, words)) {
    const name = m[1]!;
    const last = name.slice(name.lastIndexOf('.') + 1);
    const jwtOption = kind !== 'env' && kind !== 'dockerfile' && /^(?:secret|secretKey|key)$/.test(last) && jwtOptionsBefore(text, m.index);
    if (!isJwtSecretName(last) && !jwtOption) continue;
    if (inComment(text, m.index) || insideShellExpansion(text, m.index)) continue;
    add(assignedValue(text, m.index + m[0].length, kind, constants), name);
  }
  if (kind !== 'code' && text.includes('${')) {
    for (const fallback of shellDefaults(text)) add(fallback, fallback.name);
  }
  if (kind === 'dockerfile') {
    for (const m of text.matchAll(DOCKER_ENV_SPACED)) {
      if (!isJwtSecretName(m[1]!)) continue;
      const at = m.index + m[0].indexOf(m[2]!, m[0].indexOf(m[1]!) + m[1]!.length);
      add(assignedValue(text, at, kind, constants), m[1]!);
    }
  }
  return [...hits.values()].sort((a, b) => a.start - b.start);
}

/** `${JWT_SECRET:?message}`: the name at `at` is the variable of a shell expansion, not a setting. */
function insideShellExpansion(text: string, at: number): boolean {
  return text.startsWith('${', at - 2);
}

const SHELL_DEFAULT = /\$\{([A-Za-z_]\w*):?-([^}\n]*)\}/g;

/**
 * Shell-style defaults of a JWT secret variable (compose, Dockerfile, env files, CI):
 * `${JWT_SECRET:-dev-secret}` ships `dev-secret` whenever the variable is unset, like
 * `process.env.JWT_SECRET || 'dev-secret'` in code.
 */
function shellDefaults(text: string): (LiteralSpan & { name: string })[] {
  const out: (LiteralSpan & { name: string })[] = [];
  for (const m of text.matchAll(SHELL_DEFAULT)) {
    if (!isJwtSecretName(m[1]!) || inComment(text, m.index)) continue;
    const quoted = /^(["'])(.*)\1$/.exec(m[2]!);
    const value = quoted ? quoted[2]! : m[2]!;
    const start = m.index + m[0].indexOf('-') + 1 + (quoted ? 1 : 0);
    out.push({ start, end: start + value.length, value, via: 'fallback', name: m[1]! });
  }
  return out;
}

/** Where code hands a JWT library its key: the key expression's span, whatever it is. */
export interface JwtKeyExpression {
  start: number;
  end: number;
  usedAs: string;
  alg?: HmacAlg;
}

/**
 * The key expressions of a code file (call key arguments, JWT option and setting assignments),
 * literal or not: the cross-file analyzer (jwt-cross-file-*.ts) follows the non-literal ones
 * into the modules they come from.
 */
export function findJwtKeyExpressions(text: string, path: string, hits: WordHits = lookUpWords(text)): JwtKeyExpression[] {
  if (fileKind(path) !== 'code' || isTemplateOrDoc(path) || !mentionsJwtSecret(text, hits)) return [];
  const out: JwtKeyExpression[] = [];
  for (const { call, match: m } of keyCalls(text, hits)) {
    if (inComment(text, m.index)) continue;
    const args = callArguments(text, m.index + m[0].length - 1);
    const key = args?.[call.keyArg];
    if (!args || !key) continue;
    const options = args[call.keyArg + 1];
    const alg = options ? algorithmNear(text.slice(options.start, options.end), 0) : undefined;
    out.push({ start: key.start, end: key.end, usedAs: m[0].replace(/\s+/g, '').replace(/\($/, ''), ...(alg ? { alg } : {}) });
  }
  for (const m of assignmentsOnCandidateLines(text, hits)) {
    const name = m[1]!;
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (!isJwtSecretName(last) && !(/^(?:secret|secretKey|key)$/.test(last) && jwtOptionsBefore(text, m.index))) continue;
    if (inComment(text, m.index)) continue;
    const start = m.index + m[0].length;
    out.push({ start, end: expressionEnd(text, start), usedAs: name });
  }
  return out;
}
