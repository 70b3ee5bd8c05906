// What the history walk cannot tell about a committed env file, asked of the repository
// afterwards for the few env files found: which refs contain it (reach a commit that added a
// version of it) and the newest commit whose tree still had it. Runs only when env files were
// found, through the GitReader interface (both engines).
import type { EnvFileExtra } from '../analyzers/env-committed.js';
import type { CommitRecord, GitReader, RefInfo } from '../git/reader.js';
import { commitInfo } from './git-items.js';

/** Commits examined, at most, when looking for the last commit of a file deleted everywhere. */
const LAST_COMMIT_SEARCH_LIMIT = 5000;

export async function envFileExtras(reader: GitReader, files: readonly { path: string; commits: string[] }[]): Promise<Map<string, EnvFileExtra>> {
  const extras = new Map<string, EnvFileExtra>();
  if (files.length === 0) return extras;
  const refs = await refsWithHead(reader);
  const tips = new Map<string, CommitRecord | null>();
  const tipCommit = async (sha: string) => {
    if (!tips.has(sha)) tips.set(sha, await reader.readCommit(sha));
    return tips.get(sha) ?? null;
  };
  const reaches = new Reachability(reader);
  // The ref questions are independent git calls: ask them all at once (both cores).
  const containingOf = await Promise.all(files.map((file) => refsReaching(reader, reaches, refs, file.commits)));
  for (const [i, file] of files.entries()) {
    const containing = containingOf[i]!;
    // The newest tip that still has the file is the answer: look at tips newest first, stop at one.
    const tipsNewestFirst = (await Promise.all(containing.map((ref) => tipCommit(ref.commit))))
      .filter((tip): tip is CommitRecord => tip !== null)
      .sort((a, b) => Date.parse(b.authorDate) - Date.parse(a.authorDate));
    let last: CommitRecord | null = null;
    for (const tip of tipsNewestFirst) {
      if (await blobAt(reader, tip.tree, file.path)) {
        last = tip;
        break;
      }
    }
    last ??= await lastCommitWithPath(reader, containing.map((r) => r.commit), file);
    extras.set(file.path, { refs: containing.map((r) => r.name), lastCommit: last ? commitInfo(last) : null });
  }
  return extras;
}

/**
 * The refs that reach one of `commits`. The git engine answers in one `for-each-ref --contains`
 * (a repository can have thousands of refs, e.g. refs/pull/*: one walk per ref took minutes);
 * otherwise, and for a detached HEAD, a memoized walk per ref.
 */
async function refsReaching(reader: GitReader, reaches: Reachability, refs: RefInfo[], commits: string[]): Promise<RefInfo[]> {
  const reachesAny = async (ref: RefInfo) => {
    for (const commit of commits) if (await reaches.test(ref.commit, commit)) return true;
    return false;
  };
  if (!reader.refsContaining) {
    const out: RefInfo[] = [];
    for (const ref of refs) if (await reachesAny(ref)) out.push(ref);
    return out;
  }
  const names = new Set(await reader.refsContaining(commits, LISTED_REF_PREFIXES));
  const out: RefInfo[] = [];
  for (const ref of refs) if (names.has(ref.name) || (ref.name === 'HEAD' && (await reachesAny(ref)))) out.push(ref);
  return out;
}

/**
 * The refs worth naming: branches, tags and remote-tracking branches. Hosting namespaces such as
 * refs/pull/* (GitHub keeps one per pull request, 10,000 in webpack's mirror) would drown the
 * answer and cost a walk each.
 */
const LISTED_REF_PREFIXES = ['refs/heads/', 'refs/tags/', 'refs/remotes/'];

/** Branches, tags and remote-tracking branches, plus a detached HEAD (named HEAD). */
async function refsWithHead(reader: GitReader): Promise<RefInfo[]> {
  const refs = (await reader.refs()).filter((r) => LISTED_REF_PREFIXES.some((p) => r.name.startsWith(p)));
  const head = await reader.head();
  if (head.commit && !head.ref) refs.push({ name: 'HEAD', commit: head.commit });
  return refs.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The file is gone from every tip: the newest commit (in walk order, oldest first) among those
 * not older than its last version that still has it. Bounded; the last version's own commit
 * is the answer when the search finds nothing newer.
 */
async function lastCommitWithPath(reader: GitReader, tips: string[], file: { path: string; commits: string[] }): Promise<CommitRecord | null> {
  const lastVersion = file.commits[file.commits.length - 1];
  if (!lastVersion) return null;
  let last = await reader.readCommit(lastVersion);
  let examined = 0;
  for await (const commit of reader.commits(tips, [lastVersion])) {
    if (++examined > LAST_COMMIT_SEARCH_LIMIT) break;
    if (await blobAt(reader, commit.tree, file.path)) last = commit;
  }
  return last;
}

/** Blob id at `path` in a tree, or null. */
export async function blobAt(reader: GitReader, tree: string, path: string): Promise<string | null> {
  let oid = tree;
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    let entries;
    try {
      entries = await reader.tree(oid);
    } catch {
      return null;
    }
    const entry = entries.find((e) => e.name === segments[i]);
    if (!entry) return null;
    if (i === segments.length - 1) return entry.type === 'blob' ? entry.oid : null;
    if (entry.type !== 'tree') return null;
    oid = entry.oid;
  }
  return null;
}

/** Whether `tip` reaches `commit`, memoized: `commit` is reachable iff nothing is in `commit ^tip`. */
class Reachability {
  private readonly known = new Map<string, boolean>();
  constructor(private readonly reader: GitReader) {}

  async test(tip: string, commit: string): Promise<boolean> {
    if (tip === commit) return true;
    const key = `${tip} ${commit}`;
    let answer = this.known.get(key);
    if (answer === undefined) {
      answer = true;
      for await (const _ of this.reader.commits([commit], [tip])) {
        answer = false;
        break;
      }
      this.known.set(key, answer);
    }
    return answer;
  }
}
