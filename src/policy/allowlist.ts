// The config allowlist as a pure filter over findings: paths (gitignore-style globs), regexes
// on the secret (or, `target: line`, on the line), stopwords contained in the secret, and commits.
// An occurrence on an allowed path, commit or line is dropped; a finding with no occurrence left,
// or whose secret is allowed, goes -- into the `suppressed` list, never silently.
import ignore from 'ignore';
import type { Finding, Suppression } from '../types.js';

export interface Allowlist {
  paths: string[];
  regexes: RegExp[];
  stopwords: string[];
  commits: string[];
  /** Regexes matched against the occurrence's line (its snippet) rather than the secret. */
  lineRegexes?: RegExp[];
}

export const EMPTY_ALLOWLIST: Allowlist = { paths: [], regexes: [], stopwords: [], commits: [] };

export function pathMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const matcher = ignore({ allowRelativePaths: true }).add([...globs]);
  return (path) => matcher.ignores(path);
}

export function isSecretAllowed(secret: string, allowlist: Allowlist): boolean {
  if (allowlist.regexes.some((re) => re.test(secret))) return true;
  const lower = secret.toLowerCase();
  return allowlist.stopwords.some((word) => lower.includes(word.toLowerCase()));
}

function isCommitAllowed(sha: string, commits: readonly string[]): boolean {
  return commits.some((allowed) => allowed.length >= 7 && sha.startsWith(allowed.toLowerCase()));
}

/** Secrets are still raw here: this runs before redaction. */
export function applyAllowlist(findings: Finding[], allowlist: Allowlist): Finding[] {
  return partitionByAllowlist(findings, allowlist).kept;
}

/** The findings the allowlist keeps, and a Suppression for each one it hides. */
export function partitionByAllowlist(findings: Finding[], allowlist: Allowlist): { kept: Finding[]; suppressed: Suppression[] } {
  const pathAllowed = pathMatcher(allowlist.paths);
  const lineRegexes = allowlist.lineRegexes ?? [];
  const kept: Finding[] = [];
  const suppressed: Suppression[] = [];
  for (const finding of findings) {
    if (isSecretAllowed(finding.secret, allowlist)) {
      suppressed.push(suppressionOf(finding, 'allowlist', 'allowlist: secret matches regexes or stopwords'));
      continue;
    }
    const occurrences = finding.occurrences.filter(
      (o) =>
        !pathAllowed(o.path) &&
        !(o.commit && isCommitAllowed(o.commit.sha, allowlist.commits)) &&
        !(o.snippet !== undefined && lineRegexes.some((re) => re.test(o.snippet!))),
    );
    if (occurrences.length > 0) kept.push({ ...finding, occurrences });
    else suppressed.push(suppressionOf(finding, 'allowlist', 'allowlist: every occurrence is on an allowed path, commit or line'));
  }
  return { kept, suppressed };
}

/** A Suppression for `finding`, located at its first occurrence. The secret is still raw here. */
export function suppressionOf(
  finding: Finding,
  how: Suppression['how'],
  reason: string | null,
  extra: { expires?: string } = {},
): Suppression {
  const first = finding.occurrences[0];
  return {
    id: finding.id,
    ruleId: finding.ruleId,
    secret: finding.secret,
    path: first?.path ?? '',
    line: first?.line ?? 0,
    commit: first?.commit?.sha ?? null,
    how,
    reason,
    ...(extra.expires !== undefined ? { expires: extra.expires } : {}),
  };
}
