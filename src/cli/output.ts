// Writes a file atomically: a temp file beside it, then rename. A reader (or a crash) never
// sees half a file.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError, errorMessage } from '../errors.js';

/**
 * `mode` is the final permission of the file. The temp file is created with at most owner
 * read/write, so content meant for the owner only (a generated key) is never readable by others,
 * not even for a moment; reports use the default 0644.
 */
export function writeFileAtomic(path: string, content: string, mode = 0o644): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', mode & 0o600);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never created
    }
    throw new UsageError(`cannot write ${path}: ${errorMessage(err)}`);
  }
}
