// Files on disk under a root: honours every .gitignore and .git/info/exclude, never enters a
// `.git`, never follows a symlink out of the root, and never reads a file over the size cap.
// Each file becomes a blob id (git's own hash of the content), so a file unchanged since a
// commit the history scan already read is recorded, not scanned again.
//
// I/O is synchronous on purpose: for the many small files of a source tree one open/fstat/read/
// close in a row costs a fraction of four promise round-trips through libuv's thread pool, and
// detection runs on worker threads meanwhile (detect-pool), so nothing waits on this thread.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
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
  /** Files over the size cap to hash anyway (not scan): key files, reported by name and keyed by content. */
  hashTooLarge?: (path: string) => boolean;
}

/** git's blob id: sha1("blob <size>\0" + content). */
export function gitBlobId(data: Buffer): string {
  return createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
}

export async function* worktreeSource(options: WorktreeOptions): AsyncGenerator<SourceItem> {
  if (statSync(options.root).isFile()) {
    const name = options.root.split(sep).pop() ?? options.root;
    yield markSeen(readFileItem(options.root, name, options), options.seen);
    return;
  }
  const realRoot = realpathSync(options.root);
  let stack = IgnoreStack.empty();
  if (options.gitignore !== false) stack = stack.with('', readText(join(options.root, '.git', 'info', 'exclude')));
  for (const item of walk(options.root, '', stack, realRoot, options)) {
    yield markSeen(item, options.seen);
  }
}

/** The first file with some content is scanned; later copies are recorded as `seen`. */
function markSeen(item: SourceItem, seen: Set<string>): SourceItem {
  if (item.kind !== 'blob') return item;
  if (seen.has(item.blobId)) return { kind: 'seen', blobId: item.blobId, provenance: item.provenance };
  seen.add(item.blobId);
  return item;
}

/**
 * A path on disk. Names that are not valid UTF-8 stay raw bytes (a Buffer path): decoding them
 * would give a name that does not exist. The report shows the decoded (lossy) name.
 */
type DiskPath = string | Buffer;

function childPath(dir: DiskPath, name: Buffer): DiskPath {
  const text = name.toString('utf8');
  if (typeof dir === 'string' && Buffer.from(text, 'utf8').equals(name)) return join(dir, text);
  return Buffer.concat([typeof dir === 'string' ? Buffer.from(dir, 'utf8') : dir, Buffer.from(sep), name]);
}

function* walk(dir: DiskPath, relDir: string, parentStack: IgnoreStack, realRoot: string, options: WorktreeOptions): Generator<SourceItem> {
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (err) {
    const message = `cannot read directory: ${describeFsError(err)}`;
    yield { kind: 'error', provenance: { kind: 'worktree', path: relDir || '.' }, message };
    return;
  }
  const inherited = relDir === '' ? parentStack : parentStack.enter(relDir);
  const stack =
    options.gitignore !== false && entries.some((e) => e.name.toString('utf8') === '.gitignore' && e.isFile())
      ? inherited.with(relDir, readText(childPath(dir, Buffer.from('.gitignore'))))
      : inherited;
  const named = entries.map((entry) => ({ entry, name: entry.name.toString('utf8') }));
  named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const { entry, name } of named) {
    if (name === '.git') continue;
    const abs = childPath(dir, entry.name);
    const rel = relDir === '' ? name : `${relDir}/${name}`;
    const isDir = entry.isDirectory();
    if (stack.isIgnored(rel, isDir)) continue;
    if (options.exclude?.(rel)) continue;
    if (isDir) {
      yield* walk(abs, rel, stack, realRoot, options);
    } else if (entry.isFile()) {
      yield readFileItem(abs, rel, options);
    } else if (entry.isSymbolicLink()) {
      const item = symlinkItem(abs, rel, realRoot, options);
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
function symlinkItem(abs: DiskPath, rel: string, realRoot: string, options: WorktreeOptions): SourceItem | null {
  let target: Buffer;
  try {
    target = realpathSync(abs, { encoding: 'buffer' });
  } catch {
    return null; // dangling link: nothing to read
  }
  const targetText = target.toString('utf8');
  const inside = targetText === realRoot || !relative(realRoot, targetText).startsWith('..');
  if (!inside) return { kind: 'skipped', provenance: { kind: 'worktree', path: rel }, reason: 'symlink-outside' };
  try {
    if (!statSync(target).isFile()) return null;
  } catch {
    return null;
  }
  return readFileItem(target, rel, options);
}

function readFileItem(abs: DiskPath, rel: string, options: WorktreeOptions): SourceItem {
  const provenance = { kind: 'worktree', path: rel } as const;
  let fd: number | undefined;
  try {
    // O_NOFOLLOW: a file swapped for a symlink between listing and reading is refused, not followed.
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: 'skipped', provenance, reason: 'special-file' };
    if (stat.size > options.maxFileSize) {
      const blobId = options.hashTooLarge?.(rel) ? streamedBlobId(fd, stat.size) : undefined;
      return { kind: 'skipped', provenance, reason: 'too-large', size: stat.size, ...(blobId !== undefined ? { blobId } : {}) };
    }
    const data = readExactly(fd, stat.size, options.maxFileSize);
    if (data === null) return { kind: 'skipped', provenance, reason: 'too-large' };
    return { kind: 'blob', blobId: gitBlobId(data), provenance, data };
  } catch (err) {
    return { kind: 'error', provenance, message: `cannot read file: ${describeFsError(err)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** git's blob id of a file read in chunks (never whole in memory); undefined if its size changed meanwhile. */
function streamedBlobId(fd: number, size: number): string | undefined {
  const hash = createHash('sha1').update(`blob ${size}\0`);
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  let total = 0;
  for (let n = readSync(fd, chunk, 0, chunk.length, total); n > 0; n = readSync(fd, chunk, 0, chunk.length, total)) {
    hash.update(chunk.subarray(0, n));
    total += n;
  }
  return total === size ? hash.digest('hex') : undefined;
}

/**
 * Reads a file whose size fstat gave; a file that grew past the cap meanwhile gives null. The
 * bytes land in a buffer of exactly that size (a full buffer is not doubled just to meet EOF):
 * a big file costs its size once, and the scan can move that buffer to a worker, not copy it.
 */
function readExactly(fd: number, expected: number, cap: number): Buffer | null {
  const buffer = Buffer.allocUnsafe(expected);
  let length = 0;
  while (length < expected) {
    const n = readSync(fd, buffer, length, expected - length, null);
    if (n === 0) return buffer.subarray(0, length);
    length += n;
  }
  // Grown since fstat: read on, a chunk at a time, up to the cap.
  const more: Buffer[] = [];
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) {
    length += n;
    if (length > cap) return null;
    more.push(Buffer.from(chunk.subarray(0, n)));
  }
  return more.length === 0 ? buffer : Buffer.concat([buffer, ...more]);
}

function readText(path: DiskPath): string {
  try {
    return readFileSync(path, 'utf8');
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
