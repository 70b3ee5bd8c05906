// `env.file-committed`: every env file (not a template) tracked now or committed in any commit
// of any ref. Fed from the items of the scan's one history walk (each new (path, blob) pair
// with its commit), so no second walk is needed; the variable NAMES each version held are
// read from the bytes the walk already has. Values never leave this file.
import type { CommitInfo, Finding, Occurrence, SourceItem } from '../types.js';
import type { RuleInfo } from '../types.js';
import { findingId } from '../policy/fingerprint.js';
import { envVariableNames } from './env-file.js';
import { baseName, isSecretEnvFileName } from './env-names.js';

export const ENV_FILE_COMMITTED: RuleInfo = {
  id: 'env.file-committed',
  name: 'Env file committed',
  description:
    'An env file (not a template) is tracked, or was committed in some commit of some ref. Everyone who can read the repository, or any clone or fork of it, has every value it held, even after the file is deleted or ignored.',
  fix: 'Rotate every secret the file held (details.secretVariables), untrack it with `git rm --cached <path>` (the file stays on disk), add it to .gitignore (`leakhound fix gitignore --untrack` does both), and rewrite history (git filter-repo --invert-paths --path <path>) if the repository is or was public.',
  severity: 'high',
  tags: ['env', 'secret', 'history'],
};

interface Version {
  blobId: string;
  commit: CommitInfo;
}

interface EnvFileRecord {
  path: string;
  versions: Version[];
  names: Set<string>;
  secretNames: Set<string>;
}

/** Facts the walk alone cannot give, gathered afterwards (see src/sources/env-history.ts). */
export interface EnvFileExtra {
  /** Refs (full names) whose history contains a commit with the file. */
  refs: string[];
  /** The newest commit whose tree has the file, when known. */
  lastCommit: CommitInfo | null;
}

export class EnvFileTracker {
  private readonly files = new Map<string, EnvFileRecord>();
  private readonly namesByBlob = new Map<string, { names: string[]; secretNames: string[] }>();
  private readonly headCommits = new Set<string>();

  /** Looks at one item of a source; only committed env files are kept. */
  observe(item: SourceItem): void {
    if (item.kind === 'error') return;
    const provenance = item.provenance;
    if (provenance.kind !== 'commit' || !isSecretEnvFileName(baseName(provenance.path))) return;
    const blobId = item.blobId;
    if (blobId === undefined) return;
    if (item.kind === 'blob' && !this.namesByBlob.has(blobId) && !item.data.includes(0)) {
      this.namesByBlob.set(blobId, envVariableNames(item.data.toString('utf8'), provenance.path));
    }
    if (provenance.onHead) this.headCommits.add(provenance.commit.sha);
    let record = this.files.get(provenance.path);
    if (!record) {
      record = { path: provenance.path, versions: [], names: new Set(), secretNames: new Set() };
      this.files.set(provenance.path, record);
    }
    record.versions.push({ blobId, commit: provenance.commit });
    const names = this.namesByBlob.get(blobId);
    for (const n of names?.names ?? []) record.names.add(n);
    for (const n of names?.secretNames ?? []) record.secretNames.add(n);
  }

  /** A commit with an env file that HEAD reaches (for the status of these findings). */
  isOnHead(sha: string): boolean {
    return this.headCommits.has(sha);
  }

  /** Paths met, with the commits that introduced a version of each (oldest first). */
  committed(): { path: string; commits: string[] }[] {
    return [...this.files.values()].map((r) => ({ path: r.path, commits: r.versions.map((v) => v.commit.sha) }));
  }

  /**
   * One finding per env file: the committed ones, plus those `tracked` (the index) without a
   * commit (worktree scans read no history; a newly staged file has none yet).
   */
  findings(tracked: readonly string[], extra: ReadonlyMap<string, EnvFileExtra> = new Map()): Finding[] {
    const findings: Finding[] = [];
    const trackedSet = new Set(tracked);
    for (const record of this.files.values()) {
      findings.push(committedFinding(record, trackedSet.has(record.path), extra.get(record.path)));
    }
    for (const path of tracked) {
      if (this.files.has(path) || !isSecretEnvFileName(baseName(path))) continue;
      findings.push(committedFinding({ path, versions: [], names: new Set(), secretNames: new Set() }, true, undefined));
    }
    return findings;
  }
}

function committedFinding(record: EnvFileRecord, tracked: boolean, extra: EnvFileExtra | undefined): Finding {
  const secretNames = [...record.secretNames].sort();
  const names = [...record.names].sort();
  const snippet = names.length > 0 ? `variables: ${names.join(', ')}${secretNames.length > 0 ? ` (secret-looking: ${secretNames.join(', ')})` : ''}` : undefined;
  const occurrences: Occurrence[] = record.versions.map((v) => ({
    path: record.path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    commit: v.commit,
    source: 'commit',
    blobId: v.blobId,
    ...(snippet ? { snippet } : {}),
  }));
  // Tracked but in no commit read: the index (or a worktree scan) has it, so it is present.
  if (tracked && occurrences.length === 0) {
    occurrences.push({ path: record.path, line: 1, column: 1, endLine: 1, endColumn: 1, commit: null, source: 'staged' });
  }
  const first = record.versions[0]?.commit;
  return {
    id: findingId(ENV_FILE_COMMITTED.id, record.path),
    ruleId: ENV_FILE_COMMITTED.id,
    ruleName: ENV_FILE_COMMITTED.name,
    severity: secretNames.length > 0 ? 'critical' : ENV_FILE_COMMITTED.severity,
    tags: ENV_FILE_COMMITTED.tags,
    secret: `${ENV_FILE_COMMITTED.id}:${record.path}`,
    status: 'present',
    occurrences,
    details: {
      path: record.path,
      tracked,
      firstCommit: first ? commitFacts(first) : null,
      lastCommit: extra?.lastCommit ? commitFacts(extra.lastCommit) : null,
      refs: extra?.refs ?? [],
      versions: record.versions.length,
      variables: names,
      secretVariables: secretNames,
    },
  };
}

function commitFacts(commit: CommitInfo): Record<string, string> {
  return { sha: commit.sha, author: commit.authorName, email: commit.authorEmail, date: commit.authorDate };
}
