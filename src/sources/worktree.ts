// Files on disk under a root: honours every .gitignore and .git/info/exclude, never enters a
// `.git`, never follows a symlink out of the root, and never reads a file over the size cap.
// Each file becomes a blob id (git's own hash of the content), so a file unchanged since a
// commit the history scan already read is recorded, not scanned again.
import { createHash } from 'node:crypto';
import { constants, promises as fsp, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SourceItem } from '../types.js';
import { IgnoreStack } from './ignore-rules.js';

export interface WorktreeOptions {
  /** Absolute path of the directory (or single file) to scan. */
  root: string;
  maxFileSize: number;
  seen: Set<string>;
  /** Paths (relative, `/`) to leave out entirely, e.g. config allowlist paths; checked before reading. */
  exclude?: (path: string) => boolean;
  /** Apply .gitignore rules (default true). */
  gitignore?: boolean;
}

/** git's blob id: sha1("blob <size>\0" + content). */
export function gitBlobId(data: Buffer): string {
  return createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
}

export async function* worktreeSource(options: WorktreeOptions): AsyncGenerator<SourceItem> {
  const rootStat = await fsp.stat(options.root);
  if (rootStat.isFile()) {
    const name = options.root.split(sep).pop() ?? options.root;
    yield await readFileItem(options.root, name, options);
    return;
  }
  const realRoot = await fsp.realpath(options.root);
  let stack = IgnoreStack.empty();
  if (options.gitignore !== false) stack = stack.with('', await readText(join(options.root, '.git', 'info', 'exclude')));
  yield* walk(options.root, '', stack, realRoot, options);
}

async function* walk(
  dir: string,
  relDir: string,
  parentStack: IgnoreStack,
  realRoot: string,
  options: WorktreeOptions,
): AsyncGenerator<SourceItem> {
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield { kind: 'error', provenance: { kind: 'worktree', path: relDir || '.' }, message: `cannot read directory: ${describeFsError(err)}` };
    return;
  }
  const inherited = relDir === '' ? parentStack : parentStack.enter(relDir);
  const stack =
    options.gitignore !== false && entries.some((e) => e.name === '.gitignore' && e.isFile())
      ? inherited.with(relDir, await readText(join(dir, '.gitignore')))
      : inherited;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const entry of entries) {
    if (entry.name === '.git') continue;
    const abs = join(dir, entry.name);
    const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
    const isDir = entry.isDirectory();
    if (stack.isIgnored(rel, isDir)) continue;
    if (options.exclude?.(rel)) continue;
    if (isDir) {
      yield* walk(abs, rel, stack, realRoot, options);
    } else if (entry.isFile()) {
      yield await readFileItem(abs, rel, options);
    } else if (entry.isSymbolicLink()) {
      const item = await symlinkItem(abs, rel, realRoot, options);
      if (item) yield item;
    } else {
      yield { kind: 'skipped', provenance: { kind: 'worktree', path: rel }, reason: 'special-file' };
    }
  }
}

/**
 * A symlink is read only when it resolves to a regular file inside the root (its content is then
 * scanned once, deduplicated by blob id). Links that leave the root are named in the skips;
 * links to directories are not followed (their target is walked where it really is).
 */
async function symlinkItem(abs: string, rel: string, realRoot: string, options: WorktreeOptions): Promise<SourceItem | null> {
  let target: string;
  try {
    target = await fsp.realpath(abs);
  } catch {
    return null; // dangling link: nothing to read
  }
  const inside = target === realRoot || !relative(realRoot, target).startsWith('..');
  if (!inside) return { kind: 'skipped', provenance: { kind: 'worktree', path: rel }, reason: 'symlink-outside' };
  const stat = await fsp.stat(target).catch(() => null);
  if (!stat?.isFile()) return null;
  return readFileItem(target, rel, options, false);
}

async function readFileItem(abs: string, rel: string, options: WorktreeOptions, noFollow = true): Promise<SourceItem> {
  const provenance = { kind: 'worktree', path: rel } as const;
  let handle: fsp.FileHandle | undefined;
  try {
    // O_NOFOLLOW: a file swapped for a symlink between listing and reading is refused, not followed.
    handle = await fsp.open(abs, constants.O_RDONLY | (noFollow ? constants.O_NOFOLLOW : 0));
    const stat = await handle.stat();
    if (!stat.isFile()) return { kind: 'skipped', provenance, reason: 'special-file' };
    if (stat.size > options.maxFileSize) return { kind: 'skipped', provenance, reason: 'too-large', size: stat.size };
    const data = await handle.readFile();
    const blobId = gitBlobId(data);
    if (options.seen.has(blobId)) return { kind: 'seen', blobId, provenance };
    options.seen.add(blobId);
    return { kind: 'blob', blobId, provenance, data };
  } catch (err) {
    return { kind: 'error', provenance, message: `cannot read file: ${describeFsError(err)}` };
  } finally {
    await handle?.close();
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await fsp.readFile(path, 'utf8');
  } catch {
    return '';
  }
}

/** A one-line reason without the absolute path (reports name the relative path themselves). */
function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no longer exists';
    case 'ELOOP':
      return 'is a symbolic link';
    case 'EISDIR':
      return 'is a directory';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}
