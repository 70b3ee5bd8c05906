// What can be learned about a repository from its files alone: where its git directory is,
// the common directory of a linked worktree, the object format, the shallow list, HEAD, and
// (for the pure-JS engine) loose and packed refs. No git binary, no isomorphic-git.
import { promises as fsp } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { GitError } from '../errors.js';

export interface RepoLocation {
  /** The repository's git directory (for a linked worktree: .git/worktrees/<name>). */
  gitDir: string;
  /** Where objects, refs and config live (differs from gitDir only for linked worktrees). */
  commonDir: string;
  workTree: string | null;
}

/**
 * Finds the repository containing `path` the way git does: a `.git` directory, a `.git` file
 * (`gitdir: ...`, linked worktrees and submodules), or a git directory itself (bare), looking
 * in `path` and then its parents.
 */
export async function locateRepository(path: string): Promise<RepoLocation> {
  const start = resolve(path);
  const startStat = await fsp.stat(start).catch(() => null);
  if (!startStat) throw new GitError(`not a git repository: ${path} (no such file or directory)`);
  let dir = startStat.isDirectory() ? start : dirname(start);
  for (;;) {
    const found = await repositoryAt(dir);
    if (found) return found;
    const parent = dirname(dir);
    if (parent === dir) throw new GitError(`not a git repository: ${path}`);
    dir = parent;
  }
}

async function repositoryAt(dir: string): Promise<RepoLocation | null> {
  const dotGit = join(dir, '.git');
  const stat = await fsp.stat(dotGit).catch(() => null);
  if (stat?.isDirectory() && (await isGitDir(dotGit))) {
    return { gitDir: dotGit, commonDir: await commonDirOf(dotGit), workTree: dir };
  }
  if (stat?.isFile()) {
    const text = await fsp.readFile(dotGit, 'utf8').catch(() => '');
    const target = /^gitdir:\s*(.+?)\s*$/m.exec(text)?.[1];
    if (target) {
      const gitDir = isAbsolute(target) ? target : resolve(dir, target);
      if (await isGitDir(gitDir)) return { gitDir, commonDir: await commonDirOf(gitDir), workTree: dir };
    }
  }
  if (await isGitDir(dir)) return { gitDir: dir, commonDir: await commonDirOf(dir), workTree: null };
  return null;
}

async function isGitDir(dir: string): Promise<boolean> {
  const head = await fsp.stat(join(dir, 'HEAD')).catch(() => null);
  if (!head?.isFile()) return false;
  const common = await commonDirOf(dir);
  const [objects, refs] = await Promise.all([
    fsp.stat(join(common, 'objects')).catch(() => null),
    fsp.stat(join(common, 'refs')).catch(() => null),
  ]);
  return Boolean(objects?.isDirectory() && refs?.isDirectory());
}

async function commonDirOf(gitDir: string): Promise<string> {
  const text = await fsp.readFile(join(gitDir, 'commondir'), 'utf8').catch(() => null);
  const target = text?.trim();
  if (!target) return gitDir;
  return isAbsolute(target) ? target : resolve(gitDir, target);
}

/** `extensions.objectformat` from the repository config; sha1 when absent. */
export async function readObjectFormat(commonDir: string): Promise<'sha1' | 'sha256'> {
  const text = await fsp.readFile(join(commonDir, 'config'), 'utf8').catch(() => '');
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const header = /^\[\s*([^\]\s"]+)/.exec(line);
    if (header) {
      section = (header[1] ?? '').toLowerCase();
      continue;
    }
    const kv = /^([A-Za-z0-9-]+)\s*=\s*(.*)$/.exec(line);
    if (section === 'extensions' && kv && kv[1]?.toLowerCase() === 'objectformat') {
      const value = (kv[2] ?? '').replace(/^"|"$/g, '').trim().toLowerCase();
      if (value === 'sha256') return 'sha256';
      if (value !== 'sha1') throw new GitError(`unsupported object format "${value}" in ${join(commonDir, 'config')}`);
    }
  }
  return 'sha1';
}

/** Commits listed in `shallow` (the boundary of a shallow clone); empty for a full clone. */
export async function readShallow(commonDir: string): Promise<Set<string>> {
  const text = await fsp.readFile(join(commonDir, 'shallow'), 'utf8').catch(() => '');
  return new Set(text.split('\n').map((l) => l.trim()).filter(Boolean));
}

/**
 * Whether the object has a loose file. git's cat-file answers "missing" for a loose object it
 * cannot inflate too; a file that is there tells the two apart.
 */
export async function hasLooseObject(commonDir: string, oid: string): Promise<boolean> {
  const stat = await fsp.stat(join(commonDir, 'objects', oid.slice(0, 2), oid.slice(2))).catch(() => null);
  return stat?.isFile() ?? false;
}

/** HEAD as stored: a symbolic ref name, or a detached commit id. */
export async function readHeadFile(gitDir: string): Promise<{ ref: string | null; oid: string | null }> {
  const text = (await fsp.readFile(join(gitDir, 'HEAD'), 'utf8').catch(() => '')).trim();
  const sym = /^ref:\s*(\S+)$/.exec(text);
  if (sym) return { ref: sym[1] ?? null, oid: null };
  return { ref: null, oid: /^[0-9a-f]{40,64}$/.test(text) ? text : null };
}

/**
 * Every ref under refs/ (loose files win over packed-refs), symbolic refs followed, with the
 * id each one stores (annotated tags not peeled).
 */
export async function readFsRefs(commonDir: string): Promise<Map<string, string>> {
  const stored = new Map<string, string>(); // name -> oid or "ref: target"
  const packed = await fsp.readFile(join(commonDir, 'packed-refs'), 'utf8').catch(() => '');
  for (const line of packed.split('\n')) {
    const m = /^([0-9a-f]{40,64}) (refs\/\S+)$/.exec(line.trim());
    if (m?.[1] && m[2]) stored.set(m[2], m[1]);
  }
  await collectLooseRefs(commonDir, 'refs', stored);

  const out = new Map<string, string>();
  for (const name of stored.keys()) {
    const oid = followRef(stored, name);
    if (oid) out.set(name, oid);
  }
  return out;
}

function followRef(stored: Map<string, string>, name: string): string | null {
  let value = stored.get(name);
  for (let depth = 0; value !== undefined && depth < 5; depth++) {
    if (!value.startsWith('ref:')) return value;
    value = stored.get(value.slice(4).trim());
  }
  return null;
}

async function collectLooseRefs(commonDir: string, rel: string, into: Map<string, string>): Promise<void> {
  const entries = await fsp.readdir(join(commonDir, rel), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const name = `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      await collectLooseRefs(commonDir, name, into);
    } else if (entry.isFile() && !entry.name.endsWith('.lock')) {
      const text = (await fsp.readFile(join(commonDir, name), 'utf8').catch(() => '')).trim();
      if (/^[0-9a-f]{40,64}$/.test(text) || text.startsWith('ref:')) into.set(name, text);
    }
  }
}

/** Resolves a ref name the way git's rev-parse tries them (name, refs/name, tags, heads, remotes). */
export function refCandidates(name: string): string[] {
  return [name, `refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`, `refs/remotes/${name}`, `refs/remotes/${name}/HEAD`];
}
