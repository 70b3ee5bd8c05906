// The start-up check of the JWT-secret guidance, as a pure function: which required secrets are
// missing, which are weak (too short for the algorithm, low entropy, a known default). Reports
// names and reasons only, never values.
import { describeWeakness, gradeJwtSecret, type WeakReason } from '../analyzers/jwt-secret-grade.js';
import type { HmacAlg } from '../analyzers/jwt-secret-find.js';

export interface WeakSecret {
  name: string;
  reasons: WeakReason[];
  bytes: number;
  requiredBytes: number;
  /** One line for people: what is wrong, never the value. */
  message: string;
}

export interface SecretsCheck {
  missing: string[];
  weak: WeakSecret[];
  ok: string[];
}

export function checkSecrets(
  values: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
  options: { alg: HmacAlg; knownDefaults: ReadonlySet<string> },
): SecretsCheck {
  const result: SecretsCheck = { missing: [], weak: [], ok: [] };
  for (const name of names) {
    const value = values[name];
    if (value === undefined || value.trim() === '') {
      result.missing.push(name);
      continue;
    }
    const grade = gradeJwtSecret(value, options.alg, options.knownDefaults);
    if (grade.reasons.length === 0) result.ok.push(name);
    else result.weak.push({ name, reasons: grade.reasons, bytes: grade.bytes, requiredBytes: grade.requiredBytes, message: describeWeakness(grade) });
  }
  return result;
}

/** Lines for a report: every missing and weak name with its reason. */
export function describeSecretsCheck(check: SecretsCheck, alg: HmacAlg): string[] {
  return [
    ...check.missing.map((name) => `${name}: missing (set it in the environment; generate one with \`leakhound generate --alg ${alg}\`)`),
    ...check.weak.map((w) => `${w.name}: weak: ${w.message} (replace it with \`leakhound generate --alg ${alg}\`)`),
  ];
}
