// `keyfile.credentials-json`: a credentials file by name (`credentials.json`,
// `client_secret_*.json`, `application_default_credentials.json`, `*-credentials.json`) that
// really holds a credential: a Google OAuth client secret (old ones have no `GOCSPX-` prefix for a
// pattern to find), a refresh token, a service-account private key, an AWS secret access key, or
// any other value under a key whose name says it is a secret. The file's structure decides, not
// one regex: ids, e-mails and URIs next to them are not secrets. Pure.
import { isPlaceholder } from '../detect/placeholder.js';
import type { Match, RuleInfo } from '../types.js';
import type { BlobAnalyzer } from './analyzer.js';
import { isSecretKey } from './env-file.js';
import { baseName } from './env-names.js';
import { jsonStringLeaves, lastKey } from './json-leaves.js';
import { matchAt } from './text-span.js';

export const CREDENTIALS_JSON: RuleInfo = {
  id: 'keyfile.credentials-json',
  name: 'Credentials file (credentials.json)',
  description:
    'A credentials file (Google OAuth client or service-account key, application default credentials, AWS access keys as JSON) committed with its secret: whoever reads the repository can act as the application or account.',
  fix: 'Revoke the secret where it was issued (Google Cloud Console > APIs & Services > Credentials or IAM > Service accounts > Keys; AWS IAM access keys), delete the file from the repository (and its history), add it to .gitignore, and load credentials from the environment or a secret store.',
  severity: 'high',
  // `generic`: a provider pattern on the same characters (a PEM key, an AWS secret key) wins.
  tags: ['security', 'secret', 'credential-file', 'generic'],
};

/** A credentials file is a few flat objects; anything far bigger or deeper is not one. */
const CREDENTIALS_JSON_LIMITS = { maxDepth: 16, maxLeaves: 10_000 };

const CREDENTIALS_FILE = /^(?:(?:[^/]*[._-])?credentials|client_secrets?(?:[._-][^/]*)?|application_default_credentials)\.json$/i;

export function isCredentialsJson(path: string): boolean {
  return CREDENTIALS_FILE.test(baseName(path));
}

export const credentialsJsonAnalyzer: BlobAnalyzer = {
  name: 'credentials-json',
  rules: [CREDENTIALS_JSON],
  applies: (path) => isCredentialsJson(path),
  analyze(text) {
    const leaves = jsonStringLeaves(text, CREDENTIALS_JSON_LIMITS);
    if (!leaves) return [];
    const matches: Match[] = [];
    for (const leaf of leaves) {
      const key = lastKey(leaf.path);
      if (key === undefined || !isSecretKey(key)) continue;
      const value = leaf.value.trim();
      if (value.length < 8 || isPlaceholder(value)) continue;
      matches.push(matchAt(text, { ruleId: CREDENTIALS_JSON.id, start: leaf.start, end: leaf.end, details: { key } }));
    }
    return matches;
  },
};
