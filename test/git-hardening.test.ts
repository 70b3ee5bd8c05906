// A repository is untrusted input: its config, attributes and hooks must not make leakhound run
// anything. Every command-running knob is armed with a script that leaves a marker file; the
// three git sources run with the git engine; no marker may appear. Afterwards, plain git
// triggers some of the same knobs, to prove the trap was armed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hardenedGitEnv, hardenedGitArgs } from '../src/git/hardening.js';
import { openRepository } from '../src/git/open.js';
import { historySource } from '../src/sources/history.js';
import { rangeSource } from '../src/sources/range.js';
import { stagedSource } from '../src/sources/staged.js';
import { drain, testGitEnv, useTempDirs, type TestRepo } from './helpers/git-repo.js';
import { commandSettings, trap } from './helpers/hostile.js';

const temp = useTempDirs();

const HOOKS = ['pre-commit', 'post-checkout', 'post-merge', 'reference-transaction', 'post-index-change', 'pre-push', 'post-rewrite'];

function arm(repo: TestRepo, bin: string, markers: string): void {
  const t = (name: string) => trap(bin, markers, name);
  const settings: [string, string][] = [
    ...commandSettings(t, 'x'),
    ['core.alternateRefsCommand', t('alternate-refs')],
    ['uploadpack.packObjectsHook', t('pack-objects-hook')],
    ['core.hooksPath', join(bin, 'hooks')],
  ];
  for (const [key, value] of settings) repo.config(key, value);
  mkdirSync(join(bin, 'hooks'), { recursive: true });
  for (const hook of HOOKS) {
    trap(join(bin, 'hooks'), markers, `hook-${hook}`);
    writeFileSync(join(repo.gitDir, 'hooks', hook), `#!/bin/sh\ntouch '${join(markers, `own-hook-${hook}`)}'\n`, { mode: 0o755 });
  }
}

function buildHostileRepo(): { repo: TestRepo; partial: TestRepo; bin: string; markers: string } {
  const bin = temp.dir('leakhound-bin-');
  const markers = temp.dir('leakhound-markers-');
  const repo = temp.repo();
  repo.write('.gitattributes', '* filter=x diff=x\n').write('app.env', 'API_KEY=one\n').commit('one');
  const base = repo.head();
  repo.write('app.env', 'API_KEY=two\n').write('src/main.js', 'run()\n').commit('two');
  repo.tag('base', { ref: base });
  repo.write('staged.txt', 'staged content\n');

  // A partial clone whose promisor remote is a command: a lazy fetch would run it.
  const partial = temp.clone(repo, { filter: 'blob:none', noCheckout: true });
  partial.config('remote.origin.url', `ext::${trap(bin, markers, 'ext-remote')} %S`);
  partial.config('protocol.ext.allow', 'always');
  partial.config('protocol.allow', 'always');

  arm(repo, bin, markers);
  arm(partial, bin, markers);
  return { repo, partial, bin, markers };
}

describe('hostile repository config', () => {
  it('history, range and staged scans run nothing the repository names', async () => {
    const { repo, partial, markers } = buildHostileRepo();
    for (const target of [repo, partial]) {
      const reader = await openRepository(target.dir, { engine: 'git' });
      try {
        const history = await drain(historySource(reader, { maxFileSize: 1 << 20, seen: new Set() }));
        const range = await drain(rangeSource(reader, { range: 'base..HEAD', maxFileSize: 1 << 20, seen: new Set() }));
        const staged = await drain(stagedSource(reader, { maxFileSize: 1 << 20, seen: new Set() }));
        expect(history.items.length).toBeGreaterThan(0);
        expect(range.items.length).toBeGreaterThan(0);
        if (target === partial) expect(history.items.every((i) => i.kind === 'error' || i.kind === 'seen')).toBe(true);
        else expect(staged.items.map((i) => i.provenance?.path)).toContain('staged.txt');
      } finally {
        await reader.close();
      }
    }
    expect(readdirSync(markers)).toEqual([]);

    // The traps are real: plain git, without the hardening, springs them.
    const plain = (cwd: string, args: string[]) => {
      try {
        execFileSync('git', args, { cwd, env: testGitEnv(), stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
      } catch {
        /* some traps make git fail; the marker is what counts */
      }
    };
    plain(repo.dir, ['cat-file', '--filters', 'HEAD:app.env']);
    plain(repo.dir, ['status']);
    plain(partial.dir, ['cat-file', '-p', 'HEAD:app.env']);
    expect(readdirSync(markers).sort()).toEqual(expect.arrayContaining(['ext-remote', 'fsmonitor', 'smudge']));
  });
});

describe('hardened git invocation', () => {
  it('drops the caller’s GIT_* variables and sets the safe ones', () => {
    const env = hardenedGitEnv({ PATH: '/bin', GIT_DIR: '/elsewhere', GIT_SSH_COMMAND: 'evil', git_editor: 'evil', SSH_ASKPASS: 'evil' });
    expect(env).toMatchObject({ PATH: '/bin', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_NO_REPLACE_OBJECTS: '1' });
    for (const key of ['GIT_DIR', 'GIT_SSH_COMMAND', 'git_editor', 'SSH_ASKPASS']) expect(env).not.toHaveProperty(key);
  });

  it('puts the git dir explicitly and every setting before the command', () => {
    const args = hardenedGitArgs('/repo/.git', ['rev-list', '--stdin']);
    expect(args.slice(-3)).toEqual(['--git-dir=/repo/.git', 'rev-list', '--stdin']);
    expect(args).toContain('core.hooksPath=/dev/null');
    expect(args).toContain('core.fsmonitor=');
  });

  it('a GIT_DIR in the caller’s environment does not redirect the reader', async () => {
    const repo = temp.repo();
    repo.write('a.txt', 'a\n').commit('a');
    const other = temp.repo();
    other.write('b.txt', 'b\n').commit('b');
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = other.gitDir;
    try {
      const reader = await openRepository(repo.dir, { engine: 'git' });
      const { items } = await drain(historySource(reader, { maxFileSize: 1000, seen: new Set() }));
      await reader.close();
      expect(items.map((i) => i.provenance?.path)).toEqual(['a.txt']);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });
});
