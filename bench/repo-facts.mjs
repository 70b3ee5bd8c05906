// Facts about a repository measured with git itself, to put leakhound's figures in proportion:
// how many commits all refs reach, and how many unique blobs (and bytes) those commits hold.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Absolute git directory of a repository (bare or not), or an Error explaining why not. */
export function gitDirOf(path) {
  const run = spawnSync('git', ['-C', path, 'rev-parse', '--absolute-git-dir'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`not a git repository: ${path} (${(run.stderr || '').trim()})`);
  return run.stdout.trim();
}

export function commitCount(gitDir) {
  const run = spawnSync('git', ['--git-dir', gitDir, 'rev-list', '--all', '--count'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git rev-list failed: ${(run.stderr || '').trim()}`);
  return Number(run.stdout.trim());
}

/**
 * Unique blobs reachable from all refs and their total size: `git rev-list --objects --all`
 * piped into `git cat-file --batch-check`. Streams, so a large repository costs no memory.
 */
export async function uniqueBlobs(gitDir) {
  const list = spawn('git', ['--git-dir', gitDir, 'rev-list', '--objects', '--all', '--no-object-names'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const check = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch-check=%(objecttype) %(objectsize)'], { stdio: ['pipe', 'pipe', 'inherit'] });
  list.stdout.pipe(check.stdin);
  let blobs = 0;
  let bytes = 0;
  for await (const line of createInterface({ input: check.stdout })) {
    const [type, size] = line.split(' ');
    if (type === 'blob') {
      blobs++;
      bytes += Number(size);
    }
  }
  return { blobs, bytes };
}
