// Environment variables that bundlers inline into browser code (NEXT_PUBLIC_, VITE_, ...): a
// name that says secret under such a prefix ships the value to every visitor. Pure.
import { readStringLiteral } from './js-expr.js';
import { fileKind, isTemplateOrDoc } from './jwt-secret-find.js';
import type { Span } from './js-expr.js';
import type { WordHits } from './analyzer.js';
import { hasAny, lookUpWords } from './text-search.js';

const PUBLIC_PREFIX = /^(?:NEXT_PUBLIC_|VITE_|REACT_APP_|NUXT_PUBLIC_|NUXT_ENV_|EXPO_PUBLIC_|GATSBY_|PUBLIC_|VUE_APP_)/;
const SECRET_WORD = /SECRET|PRIVATE|SIGNING|JWT_?KEY|PASSWORD|TOKEN/;
/** Keys meant to be public (publishable keys, public keys, site keys, anon keys, ids). */
const PUBLIC_BY_DESIGN = /PUBLIC_?KEY|PUBLISHABLE|ANON|SITE_?KEY|CLIENT_?ID|MEASUREMENT|_URL$|_ENDPOINT$|TOKEN_?URL/;

export function isPublicSecretName(name: string): boolean {
  if (!PUBLIC_PREFIX.test(name)) return false;
  const rest = name.replace(PUBLIC_PREFIX, '');
  return SECRET_WORD.test(rest) && !PUBLIC_BY_DESIGN.test(rest);
}

export interface PublicSecret extends Span {
  name: string;
  /** `value`: a literal assigned to the name; `reference`: code that reads it (the bundler inlines it). */
  kind: 'value' | 'reference';
}

const ASSIGN = /^[ \t]*(?:export[ \t]+|ENV[ \t]+|-[ \t]+)?["']?([A-Z][A-Z0-9_]*)["']?[ \t]*[=:][ \t]*/gm;
const READ = /\b(?:process\.env|import\.meta\.env)\.([A-Z][A-Z0-9_]*)/g;

/** Lower-cased words every PUBLIC_PREFIX holds (NEXT_PUBLIC_, NUXT_PUBLIC_, EXPO_PUBLIC_ hold PUBLIC_). */
export const PUBLIC_PREFIX_WORDS: readonly string[] = ['public_', 'vite_', 'react_app_', 'nuxt_', 'expo_', 'gatsby_', 'vue_app_'];

/** Cheap gate: the text names a public-prefixed variable somewhere (in any case: a superset). */
export function mentionsPublicPrefix(text: string, hits: WordHits = lookUpWords(text)): boolean {
  return hasAny(hits, PUBLIC_PREFIX_WORDS);
}

/** Public-prefixed secret names with literal values (env, config) or read by code. */
export function findPublicSecrets(text: string, path: string, hits: WordHits = lookUpWords(text)): PublicSecret[] {
  if (isTemplateOrDoc(path) || !mentionsPublicPrefix(text, hits)) return [];
  const out: PublicSecret[] = [];
  const code = fileKind(path) === 'code';
  if (!code) {
    for (const m of text.matchAll(ASSIGN)) {
      if (!isPublicSecretName(m[1]!)) continue;
      const at = m.index + m[0].length;
      const quoted = readStringLiteral(text, at);
      const lineEnd = text.indexOf('\n', at);
      const raw = text.slice(at, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '').replace(/[ \t]+#.*$/, '').trimEnd();
      const span = quoted ?? { start: at, end: at + raw.length, value: raw };
      if (span.value.length === 0 || /\$\{|\{\{|^\$[A-Za-z_]|^<.*>$/.test(span.value)) continue;
      out.push({ start: span.start, end: span.end, name: m[1]!, kind: 'value' });
    }
  } else {
    for (const m of text.matchAll(READ)) {
      if (isPublicSecretName(m[1]!)) out.push({ start: m.index, end: m.index + m[0].length, name: m[1]!, kind: 'reference' });
    }
  }
  return out;
}
