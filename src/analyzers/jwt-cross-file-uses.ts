// Cross-file JWT keys, the using side: which imported value a file hands a JWT library as its
// key (`jwt.sign(p, config.auth.signingKey)` with `config = require('../config/auth')`). Pure;
// reads only the text, gives up on any shape it does not know.
import type { WordHits } from './analyzer.js';
import { expressionEnd, trimSpan } from './js-expr.js';
import { lookUpWords } from './text-search.js';
import { findJwtKeyExpressions, type HmacAlg } from './jwt-secret-find.js';

/** What an import binds a local name to: a module and a property path inside it. */
export interface ImportedBinding {
  specifier: string;
  /** Property path inside the module (`import x from` is `['default']`, CommonJS `require` is `[]`). */
  property: string[];
}

/** A JWT key read from another module. */
export interface KeyUse {
  /** Offsets of the key expression in the using file. */
  start: number;
  end: number;
  specifier: string;
  /** Property path in the module's exports (for the `config` package: the `get('a.b')` path). */
  property: string[];
  usedAs: string;
  alg?: HmacAlg;
}

const IDENT = '[A-Za-z_$][\\w$]*';
const QUOTED_SPEC = `(?<q>['"\`])(?<spec>[^'"\`\\n]+)\\k<q>`;
const REQUIRE_NAME = new RegExp(`\\b(?:const|let|var)\\s+(${IDENT})\\s*=\\s*require\\(\\s*${QUOTED_SPEC}\\s*\\)((?:\\s*\\.\\s*${IDENT})*)`, 'g');
const REQUIRE_DESTRUCTURED = new RegExp(`\\b(?:const|let|var)\\s*\\{([^{}]*)\\}\\s*=\\s*require\\(\\s*${QUOTED_SPEC}\\s*\\)((?:\\s*\\.\\s*${IDENT})*)`, 'g');
/**
 * One part of an import clause: `Name`, `* as ns` or `{ a, b as c }`. Spelled out rather than a
 * lazy run of clause characters up to ` from`: that run started again at every `import` and read
 * to the end of the text (`import x ` repeated over 270 KB took seconds). Here every part ends
 * at a character it cannot continue with, so each attempt stops at the first one that does not fit.
 */
const IMPORT_PART = `(?:${IDENT}|\\*\\s*as\\s+${IDENT}|\\{[\\w$,\\s]*\\})`;
const IMPORT_FROM = new RegExp(`\\bimport\\s+(?!type\\s)(${IMPORT_PART}(?:\\s*,\\s*${IMPORT_PART})?)\\s+from\\s+(['"])([^'"\\n]+)\\2`, 'g');
const IMPORT_EQUALS = new RegExp(`\\bimport\\s+(${IDENT})\\s*=\\s*require\\(\\s*${QUOTED_SPEC}\\s*\\)`, 'g');

/** Modules a key can come from: relative files, and the `config` package (config/default.json, ...). */
export function isFollowedSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === 'config';
}

function chain(text: string | undefined): string[] {
  return (text ?? '').split('.').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** `a, b: c, d = 1` -> local name -> property name. */
function destructured(list: string): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of list.split(',')) {
    const entry = raw.replace(/=.*$/s, '').trim();
    const m = new RegExp(`^(${IDENT})(?:\\s*:\\s*(${IDENT}))?$`).exec(entry);
    if (m) out.push([m[2] ?? m[1]!, m[1]!]);
  }
  return out;
}

/** `Name`, `* as ns`, `{ a, b as c }`, `Name, { a }` -> local name -> property path. */
function importClause(clause: string): [string, string[]][] {
  const out: [string, string[]][] = [];
  const braces = /\{([^}]*)\}/.exec(clause);
  for (const raw of braces?.[1]?.split(',') ?? []) {
    const m = new RegExp(`^(?:type\\s+)?(${IDENT})(?:\\s+as\\s+(${IDENT}))?$`).exec(raw.trim());
    if (m) out.push([m[2] ?? m[1]!, m[1] === 'default' ? ['default'] : [m[1]!]]);
  }
  const rest = clause.replace(/\{[^}]*\}/, '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const part of rest) {
    const ns = new RegExp(`^\\*\\s*as\\s+(${IDENT})$`).exec(part);
    if (ns) out.push([ns[1]!, []]);
    else if (new RegExp(`^${IDENT}$`).test(part)) out.push([part, ['default']]);
  }
  return out;
}

/** Local names bound to (a property of) a followed module: require, import, TS import-equals. */
export function importBindings(text: string): Map<string, ImportedBinding> {
  const out = new Map<string, ImportedBinding>();
  const bind = (name: string, specifier: string, property: string[]) => {
    if (isFollowedSpecifier(specifier) && !out.has(name)) out.set(name, { specifier, property });
  };
  for (const m of text.matchAll(REQUIRE_NAME)) bind(m[1]!, m.groups!['spec']!, chain(m[4]?.replace(/\s+/g, '')));
  for (const m of text.matchAll(REQUIRE_DESTRUCTURED)) {
    for (const [local, prop] of destructured(m[1]!)) bind(local, m.groups!['spec']!, [...chain(m[4]?.replace(/\s+/g, '')), prop]);
  }
  for (const m of text.matchAll(IMPORT_FROM)) for (const [local, property] of importClause(m[1]!)) bind(local, m[3]!, property);
  for (const m of text.matchAll(IMPORT_EQUALS)) bind(m[1]!, m.groups!['spec']!, []);
  return out;
}

/** Wrappers that hand the key on unchanged: `Buffer.from(x)`, `new TextEncoder().encode(x)`, `x!`, `x as string`. */
function unwrap(expr: string): string {
  let e = expr.trim();
  for (let i = 0; i < 4; i++) {
    const before = e;
    e = e.replace(/\s+as\s+[\w<>[\]|. ]+$/, '').replace(/!$/, '').trim();
    const call = /^(?:Buffer\.from|new\s+TextEncoder\(\s*\)\s*\.encode|createSecretKey|String)\(([\s\S]*)\)$/.exec(e);
    if (call) e = call[1]!.replace(/,\s*['"][\w-]+['"]\s*$/, '').trim();
    if (e === before) break;
  }
  return e;
}

const MEMBER_CHAIN = new RegExp(`^(${IDENT})((?:\\s*\\??\\.\\s*${IDENT}|\\s*\\[\\s*(['"])[^'"\\n]+\\3\\s*\\])*)$`);
const CONFIG_GET = new RegExp(`^(${IDENT})((?:\\s*\\.\\s*${IDENT})*)\\s*\\.\\s*get\\s*(?:<[^>]*>)?\\(\\s*(['"])([\\w.-]+)\\3\\s*\\)$`);
const REQUIRE_CHAIN = new RegExp(`^require\\(\\s*${QUOTED_SPEC}\\s*\\)((?:\\s*\\.\\s*${IDENT})*)$`);

function memberPath(text: string): string[] {
  return [...text.matchAll(/(?:\??\.\s*([A-Za-z_$][\w$]*))|\[\s*['"]([^'"\n]+)['"]\s*\]/g)].map((m) => m[1] ?? m[2]!);
}

/** `const NAME = <expr>` in a file: the expression of a name's first declaration, or null. */
export interface LocalInitializers {
  get(name: string): string | null;
}

/**
 * The file's `const|let|var NAME =` declarations, read in one pass on the first lookup and each
 * expression cut out when asked: a regex per key expression over the whole text was quadratic in
 * a file of many `jwt.sign(p, k)` lines. Only `const NAME` is consumed, the rest is looked ahead
 * at, so one declaration's match never swallows the next one.
 */
export function lazyLocalInitializers(text: string): LocalInitializers {
  let starts: Map<string, number> | undefined;
  const declarations = (): Map<string, number> => {
    const out = new Map<string, number>();
    const declaration = new RegExp(`\\b(?:const|let|var)\\s+(${IDENT})(?=(\\s*(?::\\s*[\\w<>[\\]|. ]{1,40})?=(?![=>])\\s*))`, 'g');
    for (const m of text.matchAll(declaration)) {
      if (!out.has(m[1]!)) out.set(m[1]!, m.index + m[0].length + m[2]!.length);
    }
    return out;
  };
  return {
    get(name) {
      const start = (starts ??= declarations()).get(name);
      if (start === undefined) return null;
      const span = trimSpan(text, start, expressionEnd(text, start));
      return text.slice(span.start, span.end);
    },
  };
}

/** The module and property a key expression reads, if it reads one through an import. */
export function importedReference(
  expr: string,
  imports: ReadonlyMap<string, ImportedBinding>,
  text: string,
  depth = 0,
  locals: LocalInitializers = lazyLocalInitializers(text),
): Pick<KeyUse, 'specifier' | 'property'> | null {
  const e = unwrap(expr);
  const required = REQUIRE_CHAIN.exec(e);
  const spec = required?.groups?.['spec'];
  if (required && spec) return isFollowedSpecifier(spec) ? { specifier: spec, property: chain(required[3]?.replace(/\s+/g, '')) } : null;
  const get = CONFIG_GET.exec(e);
  if (get) {
    const bound = imports.get(get[1]!);
    // config.get('a.b') is the `config` package's reader; other `.get` calls are not followed
    if (!bound || bound.specifier !== 'config') return null;
    return { specifier: 'config', property: [...bound.property, ...memberPath(get[2] ?? ''), ...get[4]!.split('.')] };
  }
  const member = MEMBER_CHAIN.exec(e);
  if (!member) return null;
  const bound = imports.get(member[1]!);
  if (bound) return { specifier: bound.specifier, property: [...bound.property, ...memberPath(member[2] ?? '')] };
  if (depth > 0 || (member[2] ?? '') !== '') return null;
  // a local alias: `const key = config.auth.signingKey; jwt.sign(p, key)`
  const init = locals.get(member[1]!);
  return init ? importedReference(init, imports, text, depth + 1, locals) : null;
}

const KEY_USE_WORDS = ['sign', 'verify', 'secret', 'JwtModule', 'encode', 'SecretKey'];
/** How JWT code spells itself (jsonwebtoken, @nestjs/jwt, passport-jwt, jose). */
const JWT_WORDS = ['jwt', 'JWT', 'Jwt', 'secretOrKey', 'jose'];

const IMPORT_WORDS = ['require(', 'import '];

/** The gate's words, lower-cased, for the detector's keyword pass (any case: a superset of the gate above). */
export const IMPORTED_KEY_WORDS: readonly string[] = [...new Set([...IMPORT_WORDS, ...KEY_USE_WORDS, ...JWT_WORDS].map((w) => w.toLowerCase()))];

/** Cheap gate (where the words are, no pass of its own): a JWT word, a key call or option, and an import to follow. */
export function mayUseImportedKey(text: string, hits: WordHits = lookUpWords(text)): boolean {
  const has = (words: readonly string[]) => words.some((w) => hits.at(w.toLowerCase()).length > 0);
  return has(IMPORT_WORDS) && has(KEY_USE_WORDS) && has(JWT_WORDS);
}

/** Every JWT key in the file that is read from a followed module. */
export function findImportedKeyUses(text: string, path: string, hits: WordHits = lookUpWords(text)): KeyUse[] {
  if (!mayUseImportedKey(text, hits)) return [];
  const keys = findJwtKeyExpressions(text, path, hits);
  if (keys.length === 0) return [];
  const imports = importBindings(text);
  const locals = lazyLocalInitializers(text);
  const out: KeyUse[] = [];
  for (const key of keys) {
    const ref = importedReference(text.slice(key.start, key.end), imports, text, 0, locals);
    if (ref) out.push({ start: key.start, end: key.end, ...ref, usedAs: key.usedAs, ...(key.alg ? { alg: key.alg } : {}) });
  }
  return out;
}
