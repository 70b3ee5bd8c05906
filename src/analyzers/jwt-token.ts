// BlobAnalyzer for committed JWTs (the pattern rule jwt.token finds them): decodes each token
// and reports jwt.alg-none (an unsigned token) and jwt.no-expiry (no `exp` claim).
import type { Match } from '../types.js';
import type { BlobAnalyzer } from './analyzer.js';
import { JWT_CANDIDATE, decodeJwt } from './jwt-decode.js';
import { JWT_TOKEN_RULES } from './jwt-rules.js';
import { matchAt } from './text-span.js';
import { lookUpWords } from './text-search.js';

export const jwtTokenAnalyzer: BlobAnalyzer = {
  name: 'jwt-token',
  rules: JWT_TOKEN_RULES,
  words: ['eyj'],
  // every JWT starts with `eyJ` (base64url of `{"`); the keyword pass found where, in any case
  applies: (_path, text, words = lookUpWords(text)) => words.at('eyj').length > 0,
  analyze(text: string): Match[] {
    const out: Match[] = [];
    for (const m of text.matchAll(JWT_CANDIDATE)) {
      const jwt = decodeJwt(m[0]);
      if (!jwt) continue;
      const alg = jwt.header.alg as string;
      const span = { start: m.index, end: m.index + m[0].length };
      const details = { alg, ...(typeof jwt.header.typ === 'string' ? { typ: jwt.header.typ } : {}) };
      if (alg.toLowerCase() === 'none') out.push(matchAt(text, { ...span, ruleId: 'jwt.alg-none', details }));
      if (!('exp' in jwt.payload)) out.push(matchAt(text, { ...span, ruleId: 'jwt.no-expiry', details }));
    }
    return out;
  },
};
