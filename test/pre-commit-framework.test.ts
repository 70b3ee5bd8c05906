// `pre-commit try-repo` (https://pre-commit.com) runs the hooks of .pre-commit-hooks.yaml the
// way users get them: it installs this package with npm (`language: node`) and runs
// `leakhound scan --staged` in a repository staging a secret. Needs the pre-commit binary
// (>= 3.2.0, which knows the stage names pre-commit/pre-push) and the npm registry.
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';
import { git, useTempDirs } from './helpers/git-repo.js';

const SECRET = ['AKIA', '5KQ7WXR3MBNZP2TD'].join('');

function preCommitVersion(): string | null {
  const run = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? (/(\d+\.\d+\.\d+)/.exec(run.stdout)?.[1] ?? null) : null;
}

function atLeast(version: string, minimum: string): boolean {
  const [a, b] = [version, minimum].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (a![i] !== b![i]) return a![i]! > b![i]!;
  return true;
}

const version = preCommitVersion();
const skipReason =
  version === null
    ? 'the pre-commit binary is not installed (apt-get install pre-commit)'
    : !atLeast(version, '3.2.0')
      ? `pre-commit ${version} is older than 3.2.0 and rejects the stage names pre-commit/pre-push`
      : null;
if (skipReason) process.stderr.write(`[pre-commit-framework.test] skipped: ${skipReason}\n`);

const temp = useTempDirs();

describe.skipIf(skipReason !== null)('pre-commit try-repo', () => {
  it(
    'the leakhound hook blocks a staged secret',
    () => {
      // try-repo needs the hooks committed: a snapshot of the package in a throwaway repository.
      const hookRepo = temp.dir('leakhound-hookrepo-');
      for (const name of ['package.json', 'package-lock.json', 'bin', 'src', 'scripts', 'patterns', 'tsconfig.json', '.pre-commit-hooks.yaml']) {
        cpSync(join(REPO_ROOT, name), join(hookRepo, name), { recursive: true });
      }
      git(hookRepo, ['init', '-q']);
      git(hookRepo, ['add', '.']);
      git(hookRepo, ['-c', 'user.name=T', '-c', 'user.email=t@example.test', 'commit', '-q', '-m', 'snapshot']);
      const user = temp.repo();
      user.write('config/app.env', `AWS_ACCESS_KEY_ID=${SECRET}\n`);
      const run = spawnSync('pre-commit', ['try-repo', hookRepo, 'leakhound'], {
        cwd: user.dir,
        encoding: 'utf8',
        env: { ...process.env, PRE_COMMIT_HOME: temp.dir('leakhound-pchome-'), NO_COLOR: '1' },
      });
      const out = run.stdout + run.stderr;
      expect(out).toMatch(/leakhound \(secrets in staged changes\)\.+Failed/);
      expect(out).toContain('config/app.env');
      expect(out).not.toContain(SECRET);
      expect(run.status).toBe(1);
    },
    600_000,
  );
});
