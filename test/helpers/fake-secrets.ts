// Deterministic, realistic-looking fake credentials built at run time (so this file itself holds
// nothing a secret scanner would flag). Never real credentials.
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An AWS-style access key id (AKIA + 16 base32 chars) derived from `seed`. */
export function fakeAwsKeyId(seed: string): string {
  const digest = createHash('sha256').update(`leakhound-test:${seed}`).digest();
  let body = '';
  for (let i = 0; i < 16; i++) body += BASE32[digest[i]! % 32];
  return ['AK', 'IA', body].join('');
}
