// BlobAnalyzer for JWT signing secrets written into code and configuration:
// jwt.hardcoded-secret (any literal key), jwt.weak-secret (a literal key too short for its
// algorithm, low-entropy or a known default) and jwt.secret-in-client (a literal key in code
// that ships to browsers). One literal can be all three: each is its own finding by rule id.
import type { Match } from '../types.js';
import type { AnalyzerData, BlobAnalyzer } from './analyzer.js';
import { isClientPath } from './client-paths.js';
import { findJwtSecrets, mentionsJwtSecret } from './jwt-secret-find.js';
import { describeWeakness, gradeJwtSecret } from './jwt-secret-grade.js';
import { JWT_SECRET_RULES } from './jwt-rules.js';
import { findPublicSecrets } from './public-env.js';
import { matchAt } from './text-span.js';

const NO_DATA: AnalyzerData = { knownJwtSecrets: new Set() };

export const jwtSecretAnalyzer: BlobAnalyzer = {
  name: 'jwt-secret',
  rules: JWT_SECRET_RULES,
  applies: (_path, text) => mentionsJwtSecret(text) || /PUBLIC_|VITE_|REACT_APP_|NUXT_|EXPO_|GATSBY_|VUE_APP_/.test(text),
  analyze(text: string, path: string, data: AnalyzerData = NO_DATA): Match[] {
    const out: Match[] = [];
    const client = isClientPath(path);
    for (const hit of findJwtSecrets(text, path)) {
      const alg = hit.alg ?? 'HS256';
      const span = { start: hit.start, end: hit.end };
      const details = { alg, usedAs: hit.usedAs, ...(hit.via !== 'literal' ? { via: hit.via } : {}) };
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
    for (const pub of findPublicSecrets(text, path)) {
      const match = matchAt(text, { start: pub.start, end: pub.end, ruleId: 'jwt.secret-in-client', details: { publicVariable: pub.name, kind: pub.kind }, codeShape: pub.kind === 'reference' });
      if (!clientHits.has(`${match.line}:${match.column}`)) out.push(match);
    }
    return out;
  },
};
