// Runs one hardened git command (argument arrays, never a shell) and collects its output.
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { GitError } from '../errors.js';
import { hardenedGitArgs, hardenedGitEnv } from './hardening.js';

export interface GitRun {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface RunOptions {
  /** Written to git's stdin, which is then closed. */
  input?: string;
  /** Called with each complete stdout line (without the terminator) as it arrives; stdout is then not kept. */
  onLine?: (line: string) => void;
  /** Line terminator for onLine: LF by default, NUL for `-z` output. */
  terminator?: '\n' | '\0';
  cwd?: string;
  /** Variables added after hardening (only for values leakhound itself decided, e.g. the index path). */
  env?: Record<string, string>;
}

export function runGit(gitDir: string | null, args: readonly string[], options: RunOptions = {}): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', hardenedGitArgs(gitDir, args), {
      cwd: options.cwd ?? gitDir ?? undefined,
      env: { ...hardenedGitEnv(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    let pendingLine = '';
    let stderr = '';
    const terminator = options.terminator ?? '\n';
    const decoder = new StringDecoder('utf8');
    child.stdout.on('data', (chunk: Buffer) => {
      if (!options.onLine) {
        out.push(chunk);
        return;
      }
      const lines = (pendingLine + decoder.write(chunk)).split(terminator);
      pendingLine = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-8192);
    });
    child.stdin.on('error', () => {
      /* git exited before reading all input; its exit code tells */
    });
    child.on('error', (err) => reject(new GitError(`cannot run git: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (options.onLine && pendingLine) options.onLine(pendingLine);
      resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Runs git and throws a GitError with git's own message when it fails. */
export async function runGitOk(gitDir: string | null, args: readonly string[], options: RunOptions = {}): Promise<Buffer> {
  const run = await runGit(gitDir, args, options);
  if (run.code !== 0) {
    const why = run.stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${run.code}`;
    throw new GitError(`git ${args[0] ?? ''} failed: ${why}`);
  }
  return run.stdout;
}
