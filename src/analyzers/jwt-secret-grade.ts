// Grades a JWT signing secret the way the guidance does: at least as many bytes as the HMAC's
// output (HS256 32, HS384 48, HS512 64), not low-entropy, not a known default. Pure; shared by
// the jwt.weak-secret analyzer, `leakhound check-env` and assertStrongSecrets().
import { shannonEntropy } from '../detect/entropy.js';
import type { HmacAlg } from './jwt-secret-find.js';

export const HMAC_ALGS: readonly HmacAlg[] = ['HS256', 'HS384', 'HS512'];

/** Minimum key length in bytes per algorithm (RFC 7518 §3.2: at least the hash output size). */
export const REQUIRED_BYTES: Readonly<Record<HmacAlg, number>> = { HS256: 32, HS384: 48, HS512: 64 };

/** Below this many bits per character a key is typed, not generated. */
export const MIN_ENTROPY_BITS_PER_CHAR = 3.0;

export type WeakReason = 'too-short' | 'low-entropy' | 'known-default';

export interface SecretGrade {
  alg: HmacAlg;
  bytes: number;
  requiredBytes: number;
  reasons: WeakReason[];
}

export function isHmacAlg(value: string): value is HmacAlg {
  return (HMAC_ALGS as readonly string[]).includes(value);
}

function isLowEntropy(secret: string): boolean {
  if (shannonEntropy(secret) < MIN_ENTROPY_BITS_PER_CHAR) return true;
  // a short unit repeated ("abcabcabc...") or a run of one class ("aaaaBBBB") is typed by hand
  return /^(.{1,4})\1{3,}.{0,3}$/s.test(secret);
}

/** Why the secret is weak for `alg` (empty `reasons`: strong enough). */
export function gradeJwtSecret(secret: string, alg: HmacAlg, knownDefaults: ReadonlySet<string>): SecretGrade {
  const bytes = new TextEncoder().encode(secret).length;
  const requiredBytes = REQUIRED_BYTES[alg];
  const reasons: WeakReason[] = [];
  if (bytes < requiredBytes) reasons.push('too-short');
  if (isLowEntropy(secret)) reasons.push('low-entropy');
  if (knownDefaults.has(secret.toLowerCase())) reasons.push('known-default');
  return { alg, bytes, requiredBytes, reasons };
}

/** One line for people: what is wrong, never the value. */
export function describeWeakness(grade: SecretGrade): string {
  const parts = grade.reasons.map((r) =>
    r === 'too-short'
      ? `${grade.bytes} bytes, ${grade.alg} needs at least ${grade.requiredBytes}`
      : r === 'low-entropy'
        ? 'low entropy (typed, not generated)'
        : 'a known default from docs, tutorials or password lists',
  );
  return parts.join('; ');
}
