// Hand-built ScanResults for the reporter and redaction tests: realistic findings from the
// working tree and from history, every severity and status, hostile and unusual paths, a
// multi-line PEM secret, errors and skipped files. Secrets are generated deterministically from
// seeds in the provider's real format (GitHub's CRC32 checksum included) and are assembled at
// run time, so this file itself holds no secret for the self-scan to find. None is a real
// credential. Rules are hand-made Rule objects: the tests must not depend on the rule loader.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { findingId } from '../../src/policy/fingerprint.js';
import {
  SEVERITIES,
  type CommitInfo,
  type Finding,
  type FindingStatus,
  type Occurrence,
  type Rule,
  type ScanError,
  type ScanMode,
  type ScanResult,
  type Severity,
  type SkippedFile,
  type SkipReason,
} from '../../src/types.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `length` characters of `alphabet`, the same for the same seed on every run. */
export function seededString(seed: string, alphabet: string, length: number): string {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    for (const byte of createHash('sha256').update(`${seed}:${block}`).digest()) {
      if (out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

function base62(value: number, width: number): string {
  let out = '';
  for (let v = value; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62] + out;
  return out.padStart(width, '0');
}

/** ghp_ + 30 random base62 + base62(crc32(random)) padded to 6, as GitHub issues them. */
export function githubPat(seed: string): string {
  const body = seededString(seed, BASE62, 30);
  return `ghp${'_'}${body}${base62(crc32(body), 6)}`;
}

export function awsSecretAccessKey(seed: string): string {
  return seededString(seed, BASE64, 40);
}

export function stripeSecretKey(seed: string): string {
  return ['sk', 'live', seededString(seed, BASE62, 24)].join('_');
}

/** A PEM block in the real shape (64-char base64 lines); the body is not a valid key. */
export function pemPrivateKey(seed: string): string {
  const label = ['RSA', 'PRIVATE', 'KEY'].join(' ');
  const body = seededString(seed, BASE64, 64 * 6 + 20);
  const lines = body.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
}

export function makeRule(fields: Pick<Rule, 'id' | 'name' | 'severity'> & Partial<Rule>): Rule {
  const pattern = fields.pattern ?? '(?<secret>x)';
  return {
    description: `${fields.name} found in source.`,
    fix: 'Rotate the credential, then load it from the environment.',
    pattern,
    regex: new RegExp(pattern, 'gd'),
    keywords: [],
    tags: [],
    placeholderFilter: true,
    examples: [],
    negativeExamples: [],
    source: 'test.yaml',
    ...fields,
  };
}

export const SAMPLE_RULES: Rule[] = [
  makeRule({
    id: 'github.pat',
    name: 'GitHub personal access token',
    severity: 'high',
    pattern: '\\b(?<secret>ghp_[A-Za-z0-9]{36})\\b',
    keywords: ['ghp_'],
    validator: 'github-crc32',
    tags: ['github', 'token'],
    description: 'A GitHub personal access token grants API access as the user who created it.',
    fix: 'Revoke the token at github.com/settings/tokens and use a fine-grained token from a secret store.',
  }),
  makeRule({
    id: 'aws.secret-access-key',
    name: 'AWS secret access key',
    severity: 'critical',
    pattern: '[Aa][Ww][Ss].{0,20}[Ss][Ee][Cc][Rr][Ee][Tt].{0,20}(?<secret>[A-Za-z0-9/+]{40})',
    keywords: ['aws'],
    entropy: 4,
    tags: ['aws', 'cloud'],
    description: 'An AWS secret access key signs requests for its access key id.',
    fix: 'Deactivate the key in IAM, create a new one and keep it out of the repository.',
  }),
  makeRule({
    id: 'private-key.pem',
    name: 'Private key (PEM)',
    severity: 'critical',
    pattern: '(?<secret>-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]+?-----END [A-Z ]*PRIVATE KEY-----)',
    keywords: ['private key'],
    tags: ['crypto'],
    description: 'A private key in PEM armor.',
    fix: 'Replace the key pair and revoke certificates issued for it.',
  }),
  makeRule({
    id: 'jwt.weak-secret',
    name: 'Weak JWT signing secret',
    severity: 'medium',
    tags: ['jwt'],
    description: 'An HMAC JWT signing secret short or guessable enough to brute-force offline.',
    fix: 'Use at least 32 random bytes for HS256, loaded from the environment, and rotate it.',
  }),
  makeRule({
    id: 'stripe.secret-key',
    name: 'Stripe secret key',
    severity: 'high',
    keywords: ['sk_live_'],
    tags: ['stripe', 'payments'],
    description: 'A live Stripe secret key can move money.',
    fix: 'Roll the key in the Stripe dashboard.',
  }),
  makeRule({
    id: 'generic.password',
    name: 'Hard-coded password',
    severity: 'low',
    tags: ['password'],
    description: 'A password assigned in code or configuration.',
    fix: 'Move the password to a secret store and change it.',
  }),
];

const ADA: Omit<CommitInfo, 'sha' | 'authorDate'> = { authorName: 'Ada Lovelace', authorEmail: 'ada@example.com' };
const GRACE: Omit<CommitInfo, 'sha' | 'authorDate'> = { authorName: 'Grace Hopper', authorEmail: 'grace@example.org' };

export function commit(seed: string, who: 'ada' | 'grace', authorDate: string): CommitInfo {
  return { sha: seededString(`commit:${seed}`, '0123456789abcdef', 40), ...(who === 'ada' ? ADA : GRACE), authorDate };
}

const C1 = commit('initial', 'ada', '2023-02-14T09:30:00+01:00');
const C2 = commit('deploy', 'grace', '2023-06-01T17:05:12Z');
const C3 = commit('certs', 'ada', '2024-01-09T11:00:00-05:00');
const C4 = commit('cleanup', 'grace', '2024-03-21T08:15:00Z');

/** The raw secrets planted in the samples (for redaction assertions). */
export const SECRETS = {
  githubPat: githubPat('sample-pat'),
  awsSecret: awsSecretAccessKey('sample-aws'),
  pem: pemPrivateKey('sample-pem'),
  jwtSecret: 'hunter2-jwt',
  stripe: stripeSecretKey('sample-stripe'),
  password: ['Tr0ub4dor', '&3'].join(''), // built at run time: the repo's self-scan must stay clean
} as const;

/** Paths that tend to break reporters: URI-reserved characters, non-ASCII, a newline, ESC. */
export const AWKWARD_PATHS = {
  spaces: 'deploy/old keys #1 100%.env',
  unicode: 'certs/clé-ключ 🔑.pem',
  newline: 'notes/line\nbreak.txt',
} as const;

function occurrence(
  path: string,
  line: number,
  column: number,
  secret: string,
  commitInfo: CommitInfo | null,
  snippet?: string,
): Occurrence {
  const lines = secret.split('\n');
  const last = lines[lines.length - 1] ?? '';
  return {
    path,
    line,
    column,
    endLine: line + lines.length - 1,
    // Exclusive end, in UTF-16 units, like SARIF's.
    endColumn: lines.length === 1 ? column + secret.length : last.length + 1,
    commit: commitInfo,
    source: commitInfo ? 'commit' : 'worktree',
    ...(snippet !== undefined && { snippet }),
  };
}

function finding(
  ruleId: string,
  secret: string,
  status: FindingStatus,
  occurrences: Occurrence[],
  extra: Partial<Finding> = {},
): Finding {
  const rule = SAMPLE_RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`sample: unknown rule ${ruleId}`);
  return {
    id: findingId(ruleId, secret),
    ruleId,
    ruleName: rule.name,
    severity: rule.severity,
    tags: rule.tags,
    secret,
    status,
    occurrences,
    ...extra,
  };
}

interface ResultParts {
  target: string;
  mode: ScanMode;
  findings: Finding[];
  /** Named skips (too large, symlinks leaving the root); binary files are only counted. */
  skipped?: SkippedFile[];
  /** Skips that are only counted, by reason (added to the named ones). */
  countedSkips?: Partial<Record<SkipReason, number>>;
  errors?: ScanError[];
  notes?: string[];
  counts?: Partial<Pick<ScanResult['summary'], 'filesScanned' | 'blobsScanned' | 'blobsDeduplicated' | 'bytesScanned' | 'commitsScanned' | 'durationMs'>>;
}

/** A ScanResult whose summary counts agree with its findings, unredacted (as detect leaves it). */
export function buildResult(parts: ResultParts): ScanResult {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byStatus: Record<FindingStatus, number> = { present: 0, 'history-only': 0, 'other-refs': 0 };
  for (const f of parts.findings) {
    bySeverity[f.severity] += 1;
    byStatus[f.status] += 1;
  }
  const errors = parts.errors ?? [];
  const skipped = parts.skipped ?? [];
  const skippedCounts: Record<SkipReason, number> = {
    binary: 0,
    'too-large': 0,
    'symlink-outside': 0,
    submodule: 0,
    'special-file': 0,
    timeout: 0,
    ...parts.countedSkips,
  };
  for (const k of skipped) skippedCounts[k.reason] += 1;
  return {
    target: parts.target,
    mode: parts.mode,
    findings: parts.findings,
    summary: {
      findings: parts.findings.length,
      bySeverity,
      byStatus,
      filesScanned: 0,
      blobsScanned: 0,
      blobsDeduplicated: 0,
      bytesScanned: 0,
      commitsScanned: 0,
      durationMs: 0,
      ...parts.counts,
      skipped,
      skippedCounts,
      errors,
      complete: errors.length === 0 && (parts.notes ?? []).length === 0,
      notes: parts.notes ?? [],
    },
    rules: SAMPLE_RULES,
    redacted: false,
  };
}

/** A history scan: findings introduced in commits, still present, removed, or on other refs. */
export function sampleHistoryResult(): ScanResult {
  const s = SECRETS;
  return buildResult({
    target: '/home/dev/projects/shop',
    mode: 'history',
    findings: [
      finding('github.pat', s.githubPat, 'present', [
        occurrence('config/settings.yml', 12, 10, s.githubPat, C1, `  token: ${s.githubPat}`),
        occurrence('config/settings.yml', 14, 10, s.githubPat, C2, `  token: ${s.githubPat} # ci`),
        occurrence('config/settings.old.yml', 3, 8, s.githubPat, C4, `token: ${s.githubPat}`),
      ]),
      finding('aws.secret-access-key', s.awsSecret, 'history-only', [
        occurrence(AWKWARD_PATHS.spaces, 2, 23, s.awsSecret, C2, `AWS_SECRET_ACCESS_KEY=${s.awsSecret} GITHUB_TOKEN=${s.githubPat}`),
      ]),
      finding('private-key.pem', s.pem, 'other-refs', [occurrence(AWKWARD_PATHS.unicode, 1, 1, s.pem, C3, s.pem.split('\n')[0])]),
      finding(
        'jwt.weak-secret',
        s.jwtSecret,
        'present',
        [occurrence('src/auth/jwt.ts', 4, 28, s.jwtSecret, C1, `export const JWT_SECRET = '${s.jwtSecret}';`)],
        { details: { alg: 'HS256', reason: 'shorter than 32 bytes', crackedIn: 'dictionary' } },
      ),
      finding('generic.password', s.password, 'history-only', [
        occurrence(AWKWARD_PATHS.newline, 1, 11, s.password, C4, `password: ${s.password}`),
      ]),
    ],
    skipped: [{ path: 'db/seed.sql', reason: 'too-large', size: 12_582_912, commit: C2.sha }],
    countedSkips: { binary: 17, submodule: 1 },
    errors: [{ path: 'docs/big.bin', commit: C4.sha, message: 'object missing (partial clone?)' }],
    notes: ['shallow clone: commits before 2023-02-14 were not scanned'],
    counts: {
      filesScanned: 0,
      blobsScanned: 231,
      blobsDeduplicated: 1874,
      bytesScanned: 3_456_789,
      commitsScanned: 42,
      durationMs: 1234,
    },
  });
}

/** A working-tree scan: files on disk, no commits, complete. */
export function sampleWorktreeResult(): ScanResult {
  const s = SECRETS;
  return buildResult({
    target: '/home/dev/projects/shop',
    mode: 'worktree',
    findings: [
      finding('stripe.secret-key', s.stripe, 'present', [
        occurrence('src/pay ment.ts', 7, 22, s.stripe, null, `const stripe = new Stripe('${s.stripe}');`),
      ]),
      finding('github.pat', s.githubPat, 'present', [
        occurrence('.env', 1, 14, s.githubPat, null, `GITHUB_TOKEN=${s.githubPat}`),
        occurrence('scripts/release.sh', 5, 15, s.githubPat, null, `export GH_TOKEN=${s.githubPat}`),
      ]),
      finding('generic.password', s.password, 'present', [occurrence('.env', 2, 13, s.password, null, `DB_PASSWORD=${s.password}`)]),
    ],
    skipped: [
      { path: 'db/seed.sql', reason: 'too-large', size: 12_582_912 },
      { path: 'link-to-home', reason: 'symlink-outside' },
    ],
    countedSkips: { binary: 2 },
    counts: { filesScanned: 57, blobsScanned: 57, bytesScanned: 181_004, durationMs: 87 },
  });
}

/** A clean scan. */
export function sampleEmptyResult(): ScanResult {
  return buildResult({
    target: '/home/dev/projects/shop',
    mode: 'worktree',
    findings: [],
    counts: { filesScanned: 12, blobsScanned: 12, bytesScanned: 20_480, durationMs: 15 },
  });
}

/** Every raw secret a result carries (to assert none leaks). */
export function rawSecretsOf(result: ScanResult): string[] {
  return result.findings.map((f) => f.secret);
}
