// Loads the known-defaults list of JWT secrets (patterns/jwt-known-secrets.txt): framework and
// tutorial defaults and common passwords, one per line, `#` comments. It is data, like the
// pattern rules; the scan reads it once and hands it to the (pure) analyzers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { defaultPatternsDir } from './load.js';

export const KNOWN_JWT_SECRETS_FILE = 'jwt-known-secrets.txt';

/** Entries of a known-secrets text: trimmed, non-empty, not comments, first occurrence kept. */
export function parseKnownSecrets(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.length > 0 && !line.startsWith('#')) out.add(line);
  }
  return [...out];
}

export function loadKnownJwtSecrets(dir: string = defaultPatternsDir()): string[] {
  const file = join(dir, KNOWN_JWT_SECRETS_FILE);
  try {
    return parseKnownSecrets(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(file, [`cannot read the known JWT secrets list: ${(err as Error).message}`]);
  }
}
