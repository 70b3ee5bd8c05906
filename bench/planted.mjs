// Fake credentials planted in the synthetic trees and histories. Their prefixes are assembled
// from parts at run time so this source file holds nothing a secret scanner would report (the
// repository scans itself in CI). The values are random, never real credentials, and are never
// printed: the bench reports only where a finding was and which rule found it.
import { ALNUM, BASE32_UPPER } from './prng.mjs';

const AWS_KEY_PREFIX = ['AK', 'IA'].join('');
const STRIPE_LIVE_PREFIX = ['sk', 'live', ''].join('_');
const POSTGRES_SCHEME = ['postgres', '://'].join('');

/** The kinds of planted secret, each with the source line that carries it (by language). */
export const PLANTED_KINDS = ['aws-access-key-id', 'stripe-live-key', 'postgres-uri'];

export function plantedSecret(kind, rng) {
  switch (kind) {
    case 'aws-access-key-id':
      return AWS_KEY_PREFIX + rng.chars(16, BASE32_UPPER);
    case 'stripe-live-key':
      return STRIPE_LIVE_PREFIX + rng.chars(24, ALNUM);
    case 'postgres-uri':
      return `${POSTGRES_SCHEME}orders_app:${rng.chars(20, ALNUM)}@db-primary.prod.internal:5432/orders`;
    default:
      throw new Error(`unknown planted secret kind: ${kind}`);
  }
}

/** A line of source in the style of `lang` that assigns the secret the way people really do it. */
export function plantedLine(kind, lang, secret) {
  const name = { 'aws-access-key-id': 'AWS_ACCESS_KEY_ID', 'stripe-live-key': 'STRIPE_SECRET_KEY', 'postgres-uri': 'DATABASE_URL' }[kind];
  switch (lang) {
    case 'py':
      return `${name} = "${secret}"`;
    case 'yaml':
      return `  ${name}: "${secret}"`;
    case 'sh':
      return `export ${name}="${secret}"`;
    case 'go':
      return `const ${toCamel(name)} = "${secret}"`;
    default:
      return `const ${toCamel(name)} = '${secret}';`;
  }
}

function toCamel(upperSnake) {
  return upperSnake.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}
