// Keys of the right length from the OS CSPRNG, and the .env edit that stores one without
// touching the file's other lines.
import { randomBytes } from 'node:crypto';
import { REQUIRED_BYTES } from '../analyzers/jwt-secret-grade.js';
import type { HmacAlg } from '../analyzers/jwt-secret-find.js';

export type KeyEncoding = 'hex' | 'base64url';

/** A new random key: as many bytes as the algorithm's hash (RFC 7518 §3.2), encoded. */
export function generateKey(alg: HmacAlg = 'HS256', encoding: KeyEncoding = 'base64url'): string {
  return randomBytes(REQUIRED_BYTES[alg]).toString(encoding);
}

/**
 * The env-file text with `name=value` set: the last existing assignment of `name` replaced in
 * place (`export ` kept), or a line appended. Other lines are untouched, byte for byte.
 */
export function upsertEnvLine(text: string, name: string, value: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const assignment = new RegExp(`^([ \\t]*(?:export[ \\t]+)?)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*=`);
  let index = -1;
  lines.forEach((line, i) => {
    if (assignment.test(line)) index = i;
  });
  if (index !== -1) {
    lines[index] = `${assignment.exec(lines[index]!)![1]}${name}=${value}`;
    return lines.join(eol);
  }
  const body = text.length === 0 || text.endsWith('\n') ? text : `${text}${eol}`;
  return `${body}${name}=${value}${eol}`;
}
