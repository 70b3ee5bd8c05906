// Parsers for raw git objects (commit, tree, tag bodies without the "<type> <size>\0" header).
// Both engines hand raw bytes to these functions, so they agree byte for byte on names, modes,
// idents and dates, whatever each engine's library would have done.
import type { CommitRecord, TreeEntry } from './reader.js';

export type ObjectType = 'blob' | 'tree' | 'commit' | 'tag';

export function isObjectType(value: string): value is ObjectType {
  return value === 'blob' || value === 'tree' || value === 'commit' || value === 'tag';
}

/** Hex length of an object id for the repository's hash. */
export function oidHexLength(format: 'sha1' | 'sha256'): number {
  return format === 'sha256' ? 64 : 40;
}

export function isOid(value: string, format: 'sha1' | 'sha256'): boolean {
  const len = oidHexLength(format);
  return value.length === len && /^[0-9a-f]+$/.test(value);
}

/**
 * git's canonical modes (what `ls-tree` prints): trees 040000, symlinks 120000, gitlinks
 * 160000, regular files 100644 or 100755 from the owner's exec bit. Odd modes written by old or
 * broken tools (100664, 40755) map the way git maps them.
 */
export function canonicalMode(raw: string): { mode: string; type: TreeEntry['type'] } {
  const value = Number.parseInt(raw, 8);
  const kind = value & 0o170000;
  if (kind === 0o040000) return { mode: '040000', type: 'tree' };
  if (kind === 0o120000) return { mode: '120000', type: 'blob' };
  if (kind === 0o100000) return { mode: value & 0o100 ? '100755' : '100644', type: 'blob' };
  return { mode: '160000', type: 'commit' };
}

/** Entries of a tree object, in stored order. Throws on a malformed tree. */
export function parseTree(data: Buffer, format: 'sha1' | 'sha256'): TreeEntry[] {
  const hashBytes = format === 'sha256' ? 32 : 20;
  const entries: TreeEntry[] = [];
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    const nul = space < 0 ? -1 : data.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 1 + hashBytes > data.length) throw new Error('malformed tree object');
    const { mode, type } = canonicalMode(data.toString('latin1', pos, space));
    const name = data.toString('utf8', space + 1, nul);
    const oid = data.toString('hex', nul + 1, nul + 1 + hashBytes);
    entries.push({ mode, type, oid, name });
    pos = nul + 1 + hashBytes;
  }
  return entries;
}

/** A commit object's header fields. Throws when there is no tree line. */
export function parseCommit(sha: string, data: Buffer): CommitRecord {
  const end = data.indexOf('\n\n');
  const header = data.toString('utf8', 0, end < 0 ? data.length : end);
  let tree: string | null = null;
  const parents: string[] = [];
  let author = { name: '', email: '', date: formatGitDate(0, '+0000') };
  for (const line of header.split('\n')) {
    if (line.startsWith(' ')) continue; // continuation of a multi-line header (gpgsig, mergetag)
    if (line.startsWith('tree ') && tree === null) tree = line.slice(5).trim();
    else if (line.startsWith('parent ')) parents.push(line.slice(7).trim());
    else if (line.startsWith('author ')) author = parseIdent(line.slice(7));
  }
  if (tree === null) throw new Error(`malformed commit object ${sha}`);
  // Every commit record lives until the walk ends: copies, so that slices do not keep each
  // commit's whole header text alive with them.
  return {
    sha,
    tree: detached(tree),
    parents: parents.map(detached),
    authorName: detached(author.name),
    authorEmail: detached(author.email),
    authorDate: detached(author.date),
  };
}

/** A copy of a string that shares no memory with the string it was cut from. */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Target of an annotated tag object. */
export function parseTagTarget(data: Buffer): { object: string; type: string } | null {
  const header = data.toString('latin1', 0, Math.min(data.length, 512));
  const object = /^object ([0-9a-f]+)$/m.exec(header)?.[1];
  const type = /^type (\w+)$/m.exec(header)?.[1];
  return object && type ? { object, type } : null;
}

/** `Name <email> 1700000000 +0200` the way git splits it (first `<`, its `>`, date after the last `>`). */
export function parseIdent(ident: string): { name: string; email: string; date: string } {
  const lt = ident.indexOf('<');
  if (lt < 0) return { name: ident.trim(), email: '', date: formatGitDate(0, '+0000') };
  const gt = ident.indexOf('>', lt + 1);
  const name = ident.slice(0, lt).trim();
  const email = ident.slice(lt + 1, gt < 0 ? ident.length : gt);
  const lastGt = ident.lastIndexOf('>');
  const [epoch = '0', tz = '+0000'] = ident
    .slice(lastGt < 0 ? ident.length : lastGt + 1)
    .trim()
    .split(/\s+/);
  return { name, email, date: formatGitDate(Number(epoch), tz) };
}

/** Strict ISO 8601 in the author's own zone, as `git log --format=%aI` prints it. */
export function formatGitDate(epochSeconds: number, tz: string): string {
  const m = /^([+-])(\d\d)(\d\d)$/.exec(tz);
  const sign = m?.[1] === '-' ? -1 : 1;
  const offsetMinutes = m ? sign * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const seconds = Number.isFinite(epochSeconds) ? epochSeconds : 0;
  const local = new Date((seconds + offsetMinutes * 60) * 1000);
  if (Number.isNaN(local.getTime())) return formatGitDate(0, tz);
  const iso = local.toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  const zone = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${iso}${zone}`;
}
