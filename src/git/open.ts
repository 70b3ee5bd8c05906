// Opens a repository for reading: finds its git directory, reads its object format, and picks
// the engine (the git binary when a recent enough one is installed, isomorphic-git otherwise).
import { GitError } from '../errors.js';
import { CliGitReader } from './cli-reader.js';
import { locateRepository, readObjectFormat } from './fs-repo.js';
import { IsoGitReader } from './iso-reader.js';
import type { EngineName, GitReader } from './reader.js';
import { runGit } from './run.js';
import { versionAtLeast } from './version.js';

export { versionAtLeast } from './version.js';

export const MIN_GIT_VERSION = '2.30.0';

export interface OpenOptions {
  /** Force an engine; by default git when available (>= 2.30), else isomorphic. */
  engine?: EngineName;
}

export async function openRepository(path: string, options: OpenOptions = {}): Promise<GitReader> {
  const location = await locateRepository(path);
  const objectFormat = await readObjectFormat(location.commonDir);
  const engine = options.engine ?? ((await usableGit()) ? 'git' : 'isomorphic');
  if (engine === 'isomorphic') return new IsoGitReader(location, objectFormat);
  const git = await detectGitBinary();
  if (!git) throw new GitError('the git engine needs a git binary on PATH (none found); use --engine isomorphic');
  if (!versionAtLeast(git.version, MIN_GIT_VERSION)) {
    throw new GitError(`the git engine needs git >= ${MIN_GIT_VERSION} (found ${git.version}); use --engine isomorphic`);
  }
  return new CliGitReader(location, objectFormat, git.version);
}

/** The git binary on PATH and its version ("2.39.5"), or null when there is none. */
export async function detectGitBinary(): Promise<{ version: string } | null> {
  try {
    const run = await runGit(null, ['--version'], { cwd: process.cwd() });
    const version = /git version (\d+\.\d+(?:\.\d+)?)/.exec(run.stdout.toString('utf8'))?.[1];
    return run.code === 0 && version ? { version } : null;
  } catch {
    return null;
  }
}

async function usableGit(): Promise<boolean> {
  const git = await detectGitBinary();
  return git !== null && versionAtLeast(git.version, MIN_GIT_VERSION);
}
