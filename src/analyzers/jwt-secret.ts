// BlobAnalyzer for JWT signing secrets written into code and configuration:
// jwt.hardcoded-secret (any literal key), jwt.weak-secret (a literal key too short for its
// algorithm, low-entropy or a known default) and jwt.secret-in-client (a literal key in code
// that ships to browsers). One literal can be all three: each is its own finding by rule id.
import type { Match } from '../types.js';
import type { AnalyzerData, BlobAnalyzer } from './analyzer.js';
import { isClientPath } from './client-paths.js';
import { findJwtSecrets, JWT_SECRET_FIND_WORDS, mentionsJwtSecret } from './jwt-secret-find.js';
import { environmentsByValue, isPm2EcosystemFile } from './pm2-ecosystem.js';
import { describeWeakness, gradeJwtSecret } from './jwt-secret-grade.js';
import { JWT_SECRET_RULES } from './jwt-rules.js';
import { findPublicSecrets, mentionsPublicPrefix, PUBLIC_PREFIX_WORDS } from './public-env.js';
import { lookUpWords } from './text-search.js';
import { matchAt } from './text-span.js';

const NO_DATA: AnalyzerData = { knownJwtSecrets: new Set() };

export const jwtSecretAnalyzer: BlobAnalyzer = {
  name: 'jwt-secret',
  rules: JWT_SECRET_RULES,
  words: [...JWT_SECRET_FIND_WORDS, ...PUBLIC_PREFIX_WORDS],
  applies: (_path, text, hits = lookUpWords(text)) => mentionsJwtSecret(text, hits) || mentionsPublicPrefix(text, hits),
  analyze(text: string, path: string, data: AnalyzerData = NO_DATA, hits = lookUpWords(text)): Match[] {
    const out: Match[] = [];
    const client = isClientPath(path);
    const found = findJwtSecrets(text, path, hits);
    // PM2 ecosystem files: which environment blocks hold each value (for jwt.secret-reused)
    const environments = isPm2EcosystemFile(path) ? environmentsByValue(text, found) : undefined;
    for (const hit of found) {
      const alg = hit.alg ?? 'HS256';
      const span = { start: hit.start, end: hit.end };
      const blocks = environments?.get(hit.value);
      const details = { alg, usedAs: hit.usedAs, ...(hit.via !== 'literal' ? { via: hit.via } : {}), ...(blocks ? { environments: blocks } : {}) };
      out.push(matchAt(text, { ...span, ruleId: 'jwt.hardcoded-secret', details }));
      const grade = gradeJwtSecret(hit.value, alg, data.knownJwtSecrets);
      if (grade.reasons.length > 0) {
        out.push(
          matchAt(text, {
            ...span,
            ruleId: 'jwt.weak-secret',
            details: { ...details, reasons: grade.reasons, bytes: grade.bytes, requiredBytes: grade.requiredBytes, why: describeWeakness(grade) },
            ...(grade.reasons.includes('known-default') ? { severity: 'critical' as const } : {}),
          }),
        );
      }
      if (client) out.push(matchAt(text, { ...span, ruleId: 'jwt.secret-in-client', details }));
    }
    const clientHits = new Set(out.filter((m) => m.ruleId === 'jwt.secret-in-client').map((m) => `${m.line}:${m.column}`));
    for (const pub of findPublicSecrets(text, path, hits)) {
      const match = matchAt(text, { start: pub.start, end: pub.end, ruleId: 'jwt.secret-in-client', details: { publicVariable: pub.name, kind: pub.kind }, codeShape: pub.kind === 'reference' });
      if (!clientHits.has(`${match.line}:${match.column}`)) out.push(match);
    }
    return out;
  },
};
