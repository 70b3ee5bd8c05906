// The config allowlist as a pure filter over findings: paths (gitignore-style globs), regexes
// on the secret, stopwords contained in the secret, and commits. An occurrence on an allowed
// path or commit is dropped; a finding with no occurrence left, or whose secret is allowed, goes.
import ignore from 'ignore';
import type { Finding } from '../types.js';

export interface Allowlist {
  paths: string[];
  regexes: RegExp[];
  stopwords: string[];
  commits: string[];
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
  const pathAllowed = pathMatcher(allowlist.paths);
  const kept: Finding[] = [];
  for (const finding of findings) {
    if (isSecretAllowed(finding.secret, allowlist)) continue;
    const occurrences = finding.occurrences.filter(
      (o) => !pathAllowed(o.path) && !(o.commit && isCommitAllowed(o.commit.sha, allowlist.commits)),
    );
    if (occurrences.length > 0) kept.push({ ...finding, occurrences });
  }
  return kept;
}
