// Runs the real, built CLI (dist/cli.js via bin/leakhound.js) as a child process.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO_ROOT, 'bin', 'leakhound.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(prefix = 'leakhound-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Copies a fixture tree into a temp dir. Fixture files named `_gitignore` become `.gitignore`
 * there (a real `.gitignore` inside fixtures/ would hide fixture files from this repository).
 */
export function copyFixture(name: string): { path: string; cleanup: () => void } {
  const dir = tempDir();
  cpSync(join(REPO_ROOT, 'fixtures', name), dir.path, { recursive: true });
  renameGitignores(dir.path);
  return dir;
}

function renameGitignores(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) renameGitignores(path);
    else if (name === '_gitignore') renameSync(path, join(dir, '.gitignore'));
  }
}
