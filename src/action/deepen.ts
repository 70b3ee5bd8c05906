// Makes a shallow Actions checkout deep enough for a range: `git fetch --deepen=<n>` of the
// checked-out ref from the workspace's own origin. Hardened like every other git run
// (src/git/hardening.ts), except that the one transport this fetch needs is allowed.
import { spawn } from 'node:child_process';
import { GitError } from '../errors.js';
import { hardenedGitArgs, hardenedGitEnv } from '../git/hardening.js';
import type { GitReader } from '../git/reader.js';

const FETCH_PROTOCOLS = ['https', 'http', 'ssh', 'file'];

/** Commits of base..head whose parents are missing, plus base/head themselves if missing. */
export async function missingForRange(reader: GitReader, base: string, head: string): Promise<string[]> {
  const [baseCommit, headCommit] = await Promise.all([reader.readCommit(base), reader.readCommit(head)]);
  const missing = [...(baseCommit ? [] : [base]), ...(headCommit ? [] : [head])];
  if (missing.length > 0) return missing;
  for await (const commit of reader.commits([head], [base])) {
    for (const parent of commit.parents) if (!(await reader.readCommit(parent))) missing.push(parent);
  }
  return missing;
}

export async function deepen(gitDir: string, cwd: string, ref: string, by: number): Promise<{ ok: boolean; message: string }> {
  const allow = FETCH_PROTOCOLS.flatMap((p) => ['-c', `protocol.${p}.allow=always`]);
  const args = [...allow, 'fetch', '--no-tags', '--no-recurse-submodules', '--quiet', `--deepen=${by}`, 'origin', ref];
  const env = { ...hardenedGitEnv(), GIT_ALLOW_PROTOCOL: FETCH_PROTOCOLS.join(':') };
  return new Promise((resolve, reject) => {
    const child = spawn('git', hardenedGitArgs(gitDir, args), { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-4096)));
    child.on('error', (err) => reject(new GitError(`cannot run git: ${err.message}`)));
    child.on('close', (code) => resolve({ ok: code === 0, message: stderr.trim().split('\n').pop() ?? '' }));
  });
}
