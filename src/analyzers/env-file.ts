// `env.secret-value`: in an env file (any name, templates included), a variable whose name says
// it holds a secret and whose value is a real one. Templates document variables with
// placeholders (`<token>`, `${VAR}`, `your-key`, `changeme`), which are not reported there; in
// a real env file a placeholder-looking value is what the program actually uses, so it is
// reported (at low severity: it is a weak secret, or one still to be set).
import { isPlaceholder } from '../detect/placeholder.js';
import type { Match, RuleInfo } from '../types.js';
import type { BlobAnalyzer } from './analyzer.js';
import { parseDotenv, type DotenvEntry } from './dotenv-parse.js';
import { baseName, isEnvFileName, isEnvTemplateName } from './env-names.js';

export const ENV_SECRET_VALUE: RuleInfo = {
  id: 'env.secret-value',
  name: 'Secret value in an env file',
  description:
    'An env file assigns a real value to a variable whose name says it is a secret (SECRET, TOKEN, KEY, PASSWORD, PRIVATE, CREDENTIAL, AUTH, DSN, ...). Env files are copied, attached to tickets and committed by accident; a committed one hands the secret to everyone with read access.',
  fix: 'Rotate the secret if the file was ever committed or shared. Keep real values only in an ignored env file (or a secret manager); in committed templates use placeholders such as `<your-token>` or leave the value empty.',
  severity: 'high',
  // `generic`: a fallback for env files; a provider pattern or a JWT check on the same value wins.
  tags: ['env', 'secret', 'generic'],
};

/** Name parts that make a variable a secret. */
const SECRET_PARTS = ['SECRET', 'TOKEN', 'PASSWORD', 'PASSWD', 'PASSPHRASE', 'PRIVATE', 'CREDENTIAL', 'CREDENTIALS', 'APIKEY', 'DSN', 'SALT'];
/** Parts that make it a secret only as a whole word (`KEY` but not `KEYBOARD`). */
const SECRET_WORDS = new Set(['KEY', 'PASS', 'PWD', 'AUTH', 'SIGNING', 'COOKIE', 'SESSION']);
/** A last part that names something about the secret rather than the secret. */
const NON_SECRET_SUFFIXES = new Set([
  'URL', 'URI', 'HOST', 'HOSTNAME', 'PORT', 'ENDPOINT', 'DOMAIN', 'ISSUER', 'REGION', 'NAME', 'USER', 'USERNAME', 'ID',
  'ENABLED', 'DISABLED', 'ENABLE', 'DISABLE', 'EXPIRES', 'EXPIRY', 'EXPIRATION', 'TTL', 'TIMEOUT', 'LENGTH', 'ALGORITHM',
  'ALG', 'TYPE', 'MODE', 'PATH', 'FILE', 'DIR', 'HEADER', 'PREFIX', 'VERSION', 'SCOPE', 'SCOPES', 'AUDIENCE', 'PROVIDER',
  'STRATEGY', 'METHOD', 'FORMAT', 'ROUNDS', 'COST', 'SIZE', 'MAX', 'MIN', 'COUNT', 'DEBUG', 'SECURE', 'SAMESITE', 'DURATION',
]);
const PUBLIC_PARTS = new Set(['PUBLIC', 'PUBLISHABLE']);
/** Credentials inside a URL: scheme://user:password@host. */
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:[^@\s]+@/i;

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password` into upper-case words. */
function keyParts(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[_.-]+/)
    .filter(Boolean);
}

/** Whether a variable of this name is meant to hold a secret. */
export function isSecretKey(key: string): boolean {
  const parts = keyParts(key);
  if (parts.length === 0) return false;
  if (parts.some((p) => PUBLIC_PARTS.has(p)) && !parts.includes('PRIVATE')) return false;
  if (NON_SECRET_SUFFIXES.has(parts[parts.length - 1]!)) return false;
  return parts.some((p) => SECRET_WORDS.has(p) || SECRET_PARTS.some((s) => p.includes(s)) || (p.endsWith('KEY') && p.length > 3));
}

/** `${VAR}` / `$VAR` only: the value comes from elsewhere, nothing is stored here. */
function isReference(value: string): boolean {
  return /^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*)$/.test(value.trim());
}

export type ValueVerdict = 'secret' | 'placeholder' | 'none';

/** What an entry's value is, given whether the file is a template. */
export function judgeEntry(entry: DotenvEntry, template: boolean): ValueVerdict {
  const value = entry.value.trim();
  if (value === '' || isReference(value)) return 'none';
  const credentialUrl = URL_CREDENTIALS.test(value);
  if (!credentialUrl && !isSecretKey(entry.key)) return 'none';
  if (credentialUrl) {
    const password = /^[^:]+:\/\/[^:/@\s]*:([^@\s]+)@/.exec(value)?.[1] ?? '';
    if (isPlaceholder(password)) return template ? 'none' : 'placeholder';
  }
  if (isPlaceholder(value) || /^(?:true|false|yes|no|on|off|\d{1,6})$/i.test(value)) return template || value.length < 2 ? 'none' : 'placeholder';
  // a template describes the value in words (`email-server-password`, `thisisasamplesecret`); a
  // real value in it has digits, capitals or symbols. In a real env file the words are the value.
  if (template && DESCRIPTIVE_WORDS.test(value)) return 'none';
  return 'secret';
}

/** Lower-case words, joined by `-`, `_` or `.` or not at all: how a template names a value. */
const DESCRIPTIVE_WORDS = /^[a-z]+(?:[-_.][a-z]+)*$/;

/** Variable names an env text assigns, and those holding a real-looking secret (names only). */
export function envVariableNames(text: string, path: string): { names: string[]; secretNames: string[] } {
  const template = isEnvTemplateName(baseName(path));
  const names = new Set<string>();
  const secretNames = new Set<string>();
  for (const entry of parseDotenv(text)) {
    names.add(entry.key);
    if (judgeEntry(entry, template) === 'secret') secretNames.add(entry.key);
  }
  return { names: [...names], secretNames: [...secretNames] };
}

export const envFileAnalyzer: BlobAnalyzer = {
  name: 'env-file',
  rules: [ENV_SECRET_VALUE],
  applies: (path) => isEnvFileName(baseName(path)),
  analyze(text, path) {
    const template = isEnvTemplateName(baseName(path));
    const lines = text.split('\n');
    const matches: Match[] = [];
    for (const entry of parseDotenv(text)) {
      const verdict = judgeEntry(entry, template);
      if (verdict === 'none') continue;
      matches.push({
        ruleId: ENV_SECRET_VALUE.id,
        // The raw text, so redaction finds it in the snippet (escapes are not expanded there).
        secret: entry.raw,
        line: entry.line,
        column: entry.column,
        endLine: entry.endLine,
        endColumn: entry.endColumn,
        ...(verdict === 'placeholder' ? { severity: 'low' as const } : {}),
        details: { variable: entry.key, template, ...(verdict === 'placeholder' ? { placeholder: true } : {}) },
        // A value spanning lines has no one-line snippet that redaction could mask whole.
        ...(entry.line === entry.endLine ? { snippet: (lines[entry.line - 1] ?? '').replace(/\r$/, '').slice(0, 200) } : {}),
      });
    }
    return matches;
  },
};
