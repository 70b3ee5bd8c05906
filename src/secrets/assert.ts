// assertStrongSecrets(): the check applications run at start-up, so a process never runs with a
// missing, short or default signing key (and never falls back to a literal one).
import { isHmacAlg } from '../analyzers/jwt-secret-grade.js';
import type { HmacAlg } from '../analyzers/jwt-secret-find.js';
import { loadKnownJwtSecrets } from '../rules/known-secrets.js';
import { checkSecrets, describeSecretsCheck, type SecretsCheck } from './strength.js';

export interface AssertStrongSecretsOptions {
  /** The HMAC algorithm the keys sign with (default HS256: 32 bytes). */
  alg?: HmacAlg;
  /** Where to read the values (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Thrown by assertStrongSecrets(); names and reasons only, never values. */
export class WeakSecretError extends Error {
  override name = 'WeakSecretError';
  constructor(readonly check: SecretsCheck, alg: HmacAlg) {
    super(`weak or missing secrets:\n${describeSecretsCheck(check, alg).map((l) => `  - ${l}`).join('\n')}`);
  }
}

export function assertStrongSecrets(names: readonly string[], options: AssertStrongSecretsOptions = {}): void {
  const alg = options.alg ?? 'HS256';
  if (!isHmacAlg(alg)) throw new TypeError(`assertStrongSecrets: alg must be HS256, HS384 or HS512`);
  const check = checkSecrets(options.env ?? process.env, names, { alg, knownDefaults: new Set(loadKnownJwtSecrets()) });
  if (check.missing.length > 0 || check.weak.length > 0) throw new WeakSecretError(check, alg);
}
