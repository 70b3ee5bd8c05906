// Reads git's index file (versions 2, 3 and 4) for the pure-JS engine: path, mode, blob id and
// stage of every entry. Only what a staged scan needs; extensions (cache tree, untracked
// cache, ...) after the entries are ignored.
import { canonicalMode } from './objects.js';
import type { IndexEntry } from './reader.js';

export function parseIndexFile(data: Buffer, format: 'sha1' | 'sha256'): IndexEntry[] {
  if (data.length < 12 || data.toString('latin1', 0, 4) !== 'DIRC') throw new Error('not a git index file');
  const version = data.readUInt32BE(4);
  if (version < 2 || version > 4) throw new Error(`unsupported index version ${version}`);
  const count = data.readUInt32BE(8);
  const hashBytes = format === 'sha256' ? 32 : 20;
  const entries: IndexEntry[] = [];
  let pos = 12;
  let previousName: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = pos;
    const mode = data.readUInt32BE(pos + 24);
    pos += 40;
    const oid = data.toString('hex', pos, pos + hashBytes);
    pos += hashBytes;
    const flags = data.readUInt16BE(pos);
    pos += 2;
    if (version >= 3 && flags & 0x4000) pos += 2;
    let name: Buffer;
    if (version === 4) {
      let byte = data[pos++] ?? 0;
      let strip = byte & 127;
      while (byte & 128) {
        byte = data[pos++] ?? 0;
        strip = ((strip + 1) << 7) | (byte & 127);
      }
      const end = data.indexOf(0, pos);
      if (end < 0) throw new Error('truncated index file');
      name = Buffer.concat([previousName.subarray(0, previousName.length - strip), data.subarray(pos, end)]);
      pos = end + 1;
    } else {
      const end = data.indexOf(0, pos);
      if (end < 0) throw new Error('truncated index file');
      name = data.subarray(pos, end);
      // Entries are NUL-padded to a multiple of 8 bytes (at least one NUL).
      pos = start + ((end - start + 8) & ~7);
    }
    previousName = name;
    const canonical = canonicalMode(mode.toString(8));
    if (canonical.type === 'tree') continue; // sparse-index directory entry
    entries.push({ path: name.toString('utf8'), mode: canonical.mode, oid, stage: (flags >> 12) & 3 });
  }
  return entries;
}
