// End to end: a bare "server" repository, a clone with `leakhound hook install`, and real
// `git push` runs; git itself runs the hook, which runs the built CLI.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { testGitEnv, useTempDirs, type TestRepo } from './helpers/git-repo.js';

// Built from parts so this file is not itself a finding of the repository's self-scan.
const SECRET = ['AKIA', '5KQ7WXR3MBNZP2TD'].join('');
const SECOND_SECRET = ['AKIA', 'T2MWQ7ZR4XKP5NBD'].join('');

const temp = useTempDirs();

interface Push {
  code: number;
  stderr: string;
}

function push(repo: TestRepo, ...args: string[]): Push {
  const run = spawnSync('git', ['-c', 'protocol.file.allow=always', 'push', ...args], {
    cwd: repo.dir,
    env: testGitEnv({ NO_COLOR: '1' }),
    encoding: 'utf8',
  });
  return { code: run.status ?? -1, stderr: run.stderr };
}

/** A bare server with one clean commit on main, and a clone of it with the pre-push hook installed. */
function setup(): { server: TestRepo; clone: TestRepo } {
  const seed = temp.repo();
  seed.write('README.md', '# app\n').commit('initial');
  const server = temp.clone(seed, { bare: true });
  const clone = temp.clone(server);
  const install = runCli(['hook', 'install', '--pre-push'], { cwd: clone.dir });
  expect(install.code, install.stderr).toBe(0);
  return { server, clone };
}

function expectBlocked(result: Push, path: string): void {
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain('push blocked');
  expect(result.stderr).toContain(path);
  expect(result.stderr).toContain('git push --no-verify');
  expect(result.stderr).not.toContain(SECRET);
}

function expectPassed(result: Push): void {
  expect(result.stderr).not.toContain('push blocked');
  expect(result.code, result.stderr).toBe(0);
}

describe('pre-push hook (real git push)', () => {
  it('blocks a push whose commit adds a secret, and the server keeps its old tip', () => {
    const { server, clone } = setup();
    const before = server.head('main');
    clone.write('config/app.env', `AWS_ACCESS_KEY_ID=${SECRET}\n`).commit('add env');
    clone.write('notes.txt', 'later\n').commit('later, clean');
    expectBlocked(push(clone, 'origin', 'main'), 'config/app.env');
    expect(server.head('main')).toBe(before);
  });

  it('lets a clean push through', () => {
    const { server, clone } = setup();
    clone.write('src/app.ts', 'export const answer = 42;\n').commit('clean');
    const result = push(clone, 'origin', 'main');
    expectPassed(result);
    expect(result.stderr).toMatch(/1 commit\(s\) checked, no new secrets/);
    expect(server.head('main')).toBe(clone.head());
  });

  it('an old secret already on the remote does not block a new push, even in the same file', () => {
    const { clone } = setup();
    clone.write('config/aws.ini', `aws_access_key_id = ${SECRET}\n`).commit('old secret');
    expectPassed(push(clone, '--no-verify', 'origin', 'main'));
    clone.write('config/aws.ini', `aws_access_key_id = ${SECRET}\nregion = eu-west-1\n`).commit('edit the same file');
    clone.write('docs.md', 'docs\n').commit('docs');
    expectPassed(push(clone, 'origin', 'main'));
    clone.write('config/aws.ini', `aws_access_key_id = ${SECRET}\nregion = eu-west-1\nbackup_key_id = ${SECOND_SECRET}\n`).commit('a second key');
    expectBlocked(push(clone, 'origin', 'main'), 'config/aws.ini');
  });

  it('new branch: scans only the commits no remote-tracking ref of the remote has', () => {
    const { server, clone } = setup();
    clone.write('config/app.env', `AWS_ACCESS_KEY_ID=${SECRET}\n`).commit('old secret on main');
    expectPassed(push(clone, '--no-verify', 'origin', 'main'));
    clone.branch('feature').checkout('feature').write('feature.txt', 'clean\n').commit('clean feature');
    expectPassed(push(clone, 'origin', 'feature'));
    expect(server.head('feature')).toBe(clone.head());
    clone.branch('leaky').checkout('leaky').write('deploy/prod.env', `KEY=${SECOND_SECRET}\n`).commit('leaky');
    expectBlocked(push(clone, 'origin', 'leaky'), 'deploy/prod.env');
    expect(() => server.head('leaky')).toThrow();
  });

  it('new branch pushed to a URL: the bases are the tracking refs of all remotes', () => {
    const { server, clone } = setup();
    clone.write('config/app.env', `AWS_ACCESS_KEY_ID=${SECRET}\n`).commit('old secret on main');
    expectPassed(push(clone, '--no-verify', 'origin', 'main'));
    const url = `file://${server.dir}`;
    clone.write('clean.txt', 'clean\n').commit('clean');
    expectPassed(push(clone, url, 'HEAD:refs/heads/by-url'));
    clone.write('deploy/prod.env', `KEY=${SECOND_SECRET}\n`).commit('leaky');
    expectBlocked(push(clone, url, 'HEAD:refs/heads/by-url-2'), 'deploy/prod.env');
  });

  it('force-push over commits this clone has never seen: falls back to the remote-tracking refs', () => {
    const { server, clone } = setup();
    clone.write('config/app.env', `AWS_ACCESS_KEY_ID=${SECRET}\n`).commit('old secret on main');
    expectPassed(push(clone, '--no-verify', 'origin', 'main'));
    // Someone else pushes a commit this clone never fetches.
    const other = temp.clone(server);
    other.write('theirs.txt', 'theirs\n').commit('theirs');
    expectPassed(push(other, '--no-verify', 'origin', 'main'));

    clone.write('mine.txt', 'mine\n').commit('mine, clean');
    expectPassed(push(clone, '--force', 'origin', 'main'));
    expect(server.head('main')).toBe(clone.head());

    other.git('fetch', '-q', 'origin');
    other.git('reset', '-q', '--hard', 'origin/main');
    other.write('more.txt', 'more\n').commit('more');
    expectPassed(push(other, '--no-verify', 'origin', 'main'));
    clone.write('deploy/prod.env', `KEY=${SECOND_SECRET}\n`).commit('leaky');
    expectBlocked(push(clone, '--force', 'origin', 'main'), 'deploy/prod.env');
  });

  it('tag push: a tag on unpushed commits with a secret is blocked, a tag on pushed commits passes', () => {
    const { server, clone } = setup();
    clone.tag('v1.0.0', { message: 'release 1.0.0' });
    expectPassed(push(clone, 'origin', 'v1.0.0'));
    expect(server.git('tag', '--list')).toBe('v1.0.0');
    clone.write('config/app.env', `AWS_ACCESS_KEY_ID=${SECRET}\n`).commit('add env');
    clone.tag('v1.1.0', { message: 'release 1.1.0' });
    expectBlocked(push(clone, 'origin', 'v1.1.0'), 'config/app.env');
    clone.tag('v1.1.0-light');
    expectBlocked(push(clone, 'origin', 'v1.1.0-light'), 'config/app.env');
  });

  it('branch deletion is not scanned and passes, even when the branch holds a secret', () => {
    const { server, clone } = setup();
    clone.branch('old').checkout('old').write('config/app.env', `AWS_ACCESS_KEY_ID=${SECRET}\n`).commit('secret');
    expectPassed(push(clone, '--no-verify', 'origin', 'old'));
    const result = push(clone, 'origin', '--delete', 'old');
    expectPassed(result);
    expect(result.stderr).not.toContain('checked');
    expect(() => server.head('old')).toThrow();
  });

  it('honours the repository config (an allowlisted path does not block)', () => {
    const { clone } = setup();
    clone.write('.leakhound.yaml', 'allowlist:\n  paths: ["config/**"]\n').commit('config');
    clone.write('config/app.env', `AWS_ACCESS_KEY_ID=${SECRET}\n`).commit('add env');
    expectPassed(push(clone, 'origin', 'main'));
  });
});
