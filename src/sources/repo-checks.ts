// The repo-level checks of a scan, run once after the walk: env files committed (from the
// walk's own items, see EnvFileTracker) and the ignore rules' coverage of env files. Gathers
// the facts (I/O) and hands them to the pure judgements in src/analyzers/.
import { ENV_FILE_COMMITTED, type EnvFileTracker } from '../analyzers/env-committed.js';
import { GITIGNORE_ENV_NOT_IGNORED, gitignoreFindings } from '../analyzers/gitignore.js';
import { errorMessage } from '../errors.js';
import type { GitReader } from '../git/reader.js';
import type { Finding, ScanMode } from '../types.js';
import { envFileExtras } from './env-history.js';
import { gatherRepoFacts } from './repo-facts.js';

export interface RepoCheckInput {
  mode: ScanMode;
  /** The scanned directory (worktree mode), or null when it is a single file. */
  directory: string | null;
  /** The open repository (history and range modes). */
  reader: GitReader | null;
  envFiles: EnvFileTracker;
  enabledRules: ReadonlySet<string>;
  /** The config's path allowlist (see gatherRepoFacts). */
  excluded?: (path: string) => boolean;
}

export interface RepoCheckResult {
  findings: Finding[];
  notes: string[];
}

export async function runRepoChecks(input: RepoCheckInput): Promise<RepoCheckResult> {
  const { mode, reader, envFiles, enabledRules } = input;
  const result: RepoCheckResult = { findings: [], notes: [] };
  const wantsCommitted = enabledRules.has(ENV_FILE_COMMITTED.id);
  if (mode === 'range') {
    if (wantsCommitted) result.findings.push(...envFiles.findings([]));
    return result;
  }
  const root = mode === 'worktree' ? input.directory : mode === 'history' ? (reader?.workTree ?? null) : null;
  const committed = envFiles.committed();
  const extras = mode === 'history' && reader && wantsCommitted ? await envFileExtras(reader, committed) : new Map();
  if (root === null) {
    if (wantsCommitted) result.findings.push(...envFiles.findings([], extras));
    return result;
  }
  try {
    const facts = await gatherRepoFacts(root, reader, committed.map((c) => c.path), input.excluded);
    if (!facts) {
      if (wantsCommitted) result.findings.push(...envFiles.findings([], extras));
      return result;
    }
    if (wantsCommitted) result.findings.push(...envFiles.findings(facts.tracked, extras));
    const coverage = gitignoreFindings(facts, enabledRules);
    result.findings.push(...coverage);
    if (facts.userExcludesFile && coverage.some((f) => f.ruleId === GITIGNORE_ENV_NOT_IGNORED.id)) {
      result.notes.push(
        `a user-level excludes file (${facts.userExcludesFile}) may ignore env files on this machine; it does not protect other clones, so ${GITIGNORE_ENV_NOT_IGNORED.id} counts only the repository's .gitignore files and .git/info/exclude`,
      );
    }
  } catch (err) {
    result.notes.push(`env-file and .gitignore checks incomplete: ${errorMessage(err)}`);
  }
  return result;
}
