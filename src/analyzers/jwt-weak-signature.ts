// FindingsAnalyzer jwt.weak-signature: a committed HS256/384/512 token whose signature verifies
// with a key leakhound knows (any secret found in this scan, or a known default). Computed
// offline with HMAC; the finding names where the key lives, never the key.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { findingId } from '../policy/fingerprint.js';
import type { Finding } from '../types.js';
import type { FindingsAnalyzer, FindingsContext } from './analyzer.js';
import { base64urlBytes, decodeJwt } from './jwt-decode.js';
import { WEAK_SIGNATURE } from './jwt-rules.js';

/** Findings whose secret is a token (the candidates to crack), best occurrences first. */
const TOKEN_RULES = ['jwt.token', 'jwt.no-expiry', 'jwt.alg-none'];
const HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
/** Longer "secrets" are documents (keys, certificates), not HMAC keys anyone types. */
const MAX_KEY_LENGTH = 512;

interface CandidateKey {
  key: string;
  /** Where the key lives, for the report. */
  source: Record<string, unknown>;
}

function candidateKeys(context: FindingsContext): CandidateKey[] {
  const out: CandidateKey[] = [];
  const seen = new Set<string>();
  for (const f of context.findings) {
    if (TOKEN_RULES.includes(f.ruleId) || f.secret.length > MAX_KEY_LENGTH || seen.has(f.secret)) continue;
    seen.add(f.secret);
    const at = f.occurrences[0]!;
    out.push({
      key: f.secret,
      source: {
        keySource: 'scan',
        keyRuleId: f.ruleId,
        keyFindingId: f.id,
        keyPath: at.path,
        keyLine: at.line,
        ...(at.commit ? { keyCommit: at.commit.sha } : {}),
      },
    });
  }
  for (const key of context.data?.knownJwtSecrets ?? []) {
    if (!seen.has(key)) out.push({ key, source: { keySource: 'known-defaults list' } });
  }
  return out;
}

/** The candidate that produced the token's signature, if any. */
export function crackHmac(token: string, keys: readonly CandidateKey[]): { alg: string; source: Record<string, unknown> } | null {
  const jwt = decodeJwt(token);
  const hash = jwt ? HASH[String(jwt.header.alg).toUpperCase()] : undefined;
  if (!jwt || !hash || jwt.signature.length === 0) return null;
  const signature = Buffer.from(base64urlBytes(jwt.signature));
  for (const candidate of keys) {
    const mac = createHmac(hash, candidate.key).update(jwt.signingInput).digest();
    if (mac.length === signature.length && timingSafeEqual(mac, signature)) return { alg: String(jwt.header.alg), source: candidate.source };
  }
  return null;
}

export const jwtWeakSignatureAnalyzer: FindingsAnalyzer = {
  name: 'jwt-weak-signature',
  rules: [WEAK_SIGNATURE],
  analyze(context: FindingsContext): Finding[] {
    if (!context.enabledRules.has(WEAK_SIGNATURE.id)) return [];
    const tokens = new Map<string, Finding>();
    for (const ruleId of TOKEN_RULES) {
      for (const f of context.findings) if (f.ruleId === ruleId && !tokens.has(f.secret)) tokens.set(f.secret, f);
    }
    if (tokens.size === 0) return [];
    const keys = candidateKeys(context);
    const out: Finding[] = [];
    for (const [token, found] of tokens) {
      const cracked = crackHmac(token, keys);
      if (!cracked) continue;
      out.push({
        id: findingId(WEAK_SIGNATURE.id, token),
        ruleId: WEAK_SIGNATURE.id,
        ruleName: WEAK_SIGNATURE.name,
        severity: WEAK_SIGNATURE.severity,
        tags: WEAK_SIGNATURE.tags,
        secret: token,
        status: found.status,
        occurrences: found.occurrences.map((o) => ({ ...o })),
        details: { alg: cracked.alg, ...cracked.source },
      });
    }
    return out;
  },
};
