// BlobAnalyzer jwt.secret-logged: a logging call whose arguments include a secret's value
// (`process.env.JWT_SECRET`, `jwtSecret`, `config.jwt.secret`). Logging that a secret is set
// (its length, `!!value`, a string naming it) is fine.
import type { Match } from '../types.js';
import type { BlobAnalyzer, WordHits } from './analyzer.js';
import { callArguments } from './js-expr.js';
import { fileKind, isTemplateOrDoc } from './jwt-secret-find.js';
import { SECRET_LOGGED } from './jwt-rules.js';
import { inComment, matchAt } from './text-span.js';
import { hasAny, lookUpWords, matchesAt, positionsOfAny, sticky } from './text-search.js';

const LOG_CALL = sticky(
  /\b(?:console\.(?:log|info|debug|warn|error|trace|dir)|(?:this\.)?(?:logger|log|winston|pino|bunyan|fastify\.log|app\.log|req\.log|logging)\.(?:log|info|debug|warn|error|trace|fatal|verbose|silly|critical|warning|exception)|print|println|logging\.\w+)\s*\(/,
);
/** Where a LOG_CALL match can start, lower-cased (`logger`, `logging` and `println` start with these too). */
const LOG_CALL_STARTS = ['console.', 'log', 'winston', 'pino', 'bunyan', 'fastify.log', 'app.log', 'req.log', 'print'];

/**
 * Where LOG_CALL can match: the starts, and `this.` before one (`this.logger.info(`). Asking the
 * keyword pass for every `this.` would cost more than looking back from the few starts.
 */
function logCallStarts(text: string, hits: WordHits): number[] {
  const starts = positionsOfAny(hits, LOG_CALL_STARTS).flatMap((at) => (text.startsWith('this.', at - 5) ? [at - 5, at] : [at]));
  return starts.sort((a, b) => a - b);
}
/** A file that logs a secret names one of these (every SECRET_VALUE match holds one). */
const GATE_WORDS = ['secret', 'key', 'token', 'password'];

/** Every secret-value expression contains one of these (see SECRET_VALUE): cheap test of a call's arguments. */
const SECRET_WORD = /secret|key|password|token/i;

/** An expression that evaluates to a secret value. */
const SECRET_VALUE =
  /(?:\bprocess\.env\.|\bimport\.meta\.env\.)[A-Z0-9_]*(?:SECRET|PRIVATE_KEY|SIGNING_KEY|JWT_KEY|PASSWORD|TOKEN)[A-Z0-9_]*|(?<![\w$])(?:[\w$]+\.)*(?:jwtSecret|jwt_secret|JWT_SECRET|jwtKey|JWT_KEY|secretOrKey|secretKey|SECRET_KEY|signingKey|signingSecret|tokenSecret|TOKEN_SECRET|privateKey|jwt\.secret)(?![\w$])/;

/** Argument text with string literals removed (their content is a message, not a value) but `${}` kept. */
function withoutLiteralText(arg: string): string {
  return arg
    .replace(/\b(?:os\.environ\[|os\.getenv\(|os\.environ\.get\(|process\.env\[)\s*["']([A-Za-z0-9_]+)["']\s*[\])]/g, 'process.env.$1')
    .replace(/`([^`]*)`/g, (_, body: string) => (body.match(/\$\{[^}]*\}/g) ?? []).join(' '))
    .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
}

/** Uses that reveal only that the secret is set: `.length`, `!!x`, `Boolean(x)`, `typeof x`. */
const SAFE_USE = /(?:!!|Boolean\(|typeof\s+|\bbool\(|\blen\()\s*$/;

function logsSecret(arg: string): boolean {
  const code = withoutLiteralText(arg);
  for (let rest = code, m = SECRET_VALUE.exec(rest); m; rest = rest.slice(m.index + m[0].length), m = SECRET_VALUE.exec(rest)) {
    const after = rest.slice(m.index + m[0].length);
    const before = rest.slice(0, m.index);
    if (/^\s*(?:\.length|\?\.length|\s*\)\s*\.length|\s*(?:===?|!==?)\s)/.test(after) || SAFE_USE.test(before)) continue;
    return true;
  }
  return false;
}

export const jwtSecretLoggedAnalyzer: BlobAnalyzer = {
  name: 'jwt-secret-logged',
  rules: [SECRET_LOGGED],
  words: [...LOG_CALL_STARTS, ...GATE_WORDS],
  applies: (path, text, hits = lookUpWords(text)) => !isTemplateOrDoc(path) && fileKind(path) === 'code' && hasAny(hits, GATE_WORDS),
  analyze(text: string, _path: string, _data?: unknown, hits = lookUpWords(text)): Match[] {
    const out: Match[] = [];
    for (const m of matchesAt(text, LOG_CALL, logCallStarts(text, hits))) {
      if (inComment(text, m.index)) continue;
      const open = m.index + m[0].length - 1;
      const args = callArguments(text, open);
      if (!args || !args.some((a) => SECRET_WORD.test(text.slice(a.start, a.end)) && logsSecret(text.slice(a.start, a.end)))) continue;
      const end = text.indexOf(')', args[args.length - 1]!.end);
      out.push(matchAt(text, { start: m.index, end: end === -1 ? open + 1 : end + 1, ruleId: SECRET_LOGGED.id, codeShape: true }));
    }
    return out;
  },
};
