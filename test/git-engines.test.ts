// The two engines over the same repositories: identical item streams and facts; opening
// work trees, bare repos, linked worktrees; the reader's own answers cross-checked with git.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitError } from '../src/errors.js';
import { detectGitBinary, openRepository } from '../src/git/open.js';
import type { EngineName, GitReader } from '../src/git/reader.js';
import { historySource } from '../src/sources/history.js';
import { rangeSource } from '../src/sources/range.js';
import { stagedSource } from '../src/sources/staged.js';
import { drain, git, itemTuples, useTempDirs, type TempDirs, type TestRepo } from './helpers/git-repo.js';

const temp = useTempDirs();
const ENGINES: EngineName[] = ['git', 'isomorphic'];

/** Branches, merges (one with a conflict resolution), tags, renames, deletions, binary, symlinks, a gitlink. */
function richFixture(t: TempDirs): TestRepo {
  const sub = t.repo();
  sub.write('lib.c', 'int x;\n').commit('sub');
  const repo = t.repo();
  repo.write('README.md', '# demo\n').write('src/app.js', 'const a = 1;\n').write('img/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 255]));
  repo.commit('initial', { author: { name: 'Zoë Ünicode', email: 'zoe@example.test' } });
  repo.symlink('current', 'src/app.js').gitlink('deps/sub', sub.head()).commit('link and submodule');
  repo.branch('feature').checkout('feature');
  repo.write('src/feature.js', 'export const feature = true;\n').write('src/app.js', 'const a = 2;\n').commit('feature work');
  repo.mv('src/feature.js', 'lib/feature.js').commit('rename');
  repo.checkout('main').write('docs/guide.md', 'guide\n').rm('img/logo.png').commit('docs, drop logo');
  repo.tag('v1.0', { message: 'release 1.0' }).tag('light');
  repo.merge('feature', 'merge feature');
  repo.branch('conflict').checkout('conflict').write('README.md', '# demo (conflict side)\n').commit('conflict side');
  repo.checkout('main').write('README.md', '# demo (main side)\n').commit('main side');
  try {
    repo.merge('conflict');
  } catch {
    repo.write('README.md', '# demo (resolved)\n').gitCommitting(['commit', '-q', '--no-edit']);
  }
  repo.branch('orphan-ish', 'v1.0').checkout('orphan-ish').write('only-here.txt', 'side only\n').commit('side');
  repo.checkout('main');
  repo.git('update-ref', 'refs/remotes/origin/main', repo.head('HEAD~1'));
  return repo;
}

async function withReader<T>(path: string, engine: EngineName, fn: (reader: GitReader) => Promise<T>): Promise<T> {
  const reader = await openRepository(path, { engine });
  try {
    return await fn(reader);
  } finally {
    await reader.close();
  }
}

describe('engine parity', () => {
  it('history: identical items and facts', async () => {
    const repo = richFixture(temp);
    const runs = await Promise.all(
      ENGINES.map((engine) => withReader(repo.dir, engine, (r) => drain(historySource(r, { maxFileSize: 1 << 20, seen: new Set() })))),
    );
    const [cli, iso] = runs.map((r) => ({ items: itemTuples(r.items), facts: { ...r.facts, headTree: [...r.facts.headTree].sort() } }));
    expect(cli?.items.length).toBeGreaterThan(10);
    expect(iso?.items).toEqual(cli?.items);
    expect(iso?.facts).toEqual(cli?.facts);
    // Cross-check with git: every blob of every commit of every ref appears somewhere.
    const blobs = new Set(
      git(repo.dir, ['rev-list', '--all', '--objects'])
        .split('\n')
        .map((l) => l.split(' ')[0] as string),
    );
    const reported = new Set(runs[0]?.items.map((i) => ('blobId' in i ? i.blobId : '')));
    const unreported = [...blobs].filter((oid) => git(repo.dir, ['cat-file', '-t', oid]) === 'blob' && !reported.has(oid));
    expect(unreported).toEqual([]);
    // And git's own HEAD listing matches headTree.
    const lsTree = git(repo.dir, ['ls-tree', '-r', 'HEAD'])
      .split('\n')
      .filter((l) => !l.startsWith('160000'))
      .map((l) => [l.split('\t')[1], l.split(' ')[2]?.split('\t')[0]]);
    expect(cli?.facts.headTree).toEqual(lsTree.sort());
  });

  it('range and staged: identical items', async () => {
    const repo = richFixture(temp);
    repo.write('staged.txt', 'staged\n').write('README.md', 'staged readme\n');
    const results = await Promise.all(
      ENGINES.map((engine) =>
        withReader(repo.dir, engine, async (r) => ({
          range: itemTuples((await drain(rangeSource(r, { range: 'v1.0..main', maxFileSize: 1 << 20, seen: new Set() }))).items),
          staged: itemTuples((await drain(stagedSource(r, { maxFileSize: 1 << 20, seen: new Set() }))).items),
        })),
      ),
    );
    expect(results[0]?.range.length).toBeGreaterThan(3);
    expect(results[1]).toEqual(results[0]);
  });

  it('reader answers agree with git', async () => {
    const repo = richFixture(temp);
    for (const engine of ENGINES) {
      await withReader(repo.dir, engine, async (r) => {
        expect(await r.head()).toEqual({ commit: repo.head(), ref: 'refs/heads/main' });
        const refs = (await r.refs()).map((x) => `${x.name} ${x.commit}`);
        const expected = git(repo.dir, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/remotes'])
          .split('\n')
          .concat([`refs/tags/light ${repo.head('light')}`, `refs/tags/v1.0 ${repo.head('v1.0')}`]);
        expect(refs.sort()).toEqual(expected.sort());
        const commits: string[] = [];
        for await (const c of r.commits([repo.head()])) commits.push(c.sha);
        expect([...commits].sort()).toEqual(git(repo.dir, ['rev-list', 'HEAD']).split('\n').sort());
        // Parents always come before children.
        const position = new Map(commits.map((sha, i) => [sha, i]));
        for await (const c of r.commits([repo.head()])) for (const p of c.parents) expect(position.get(p)).toBeLessThan(position.get(c.sha) ?? -1);
        expect(await r.resolve('main~1')).toBe(repo.head('main~1'));
        expect(await r.resolve('HEAD^2')).toBe(repo.head('HEAD^2'));
        expect(await r.resolve('v1.0')).toBe(repo.head('v1.0'));
        expect(await r.resolve(repo.head().slice(0, 8))).toBe(repo.head());
        expect(await r.resolve('no-such-ref')).toBeNull();
        const first = await r.readCommit(repo.head('main~4'));
        expect(first?.authorDate).toBe(git(repo.dir, ['log', '-1', '--format=%aI', 'main~4']));
        expect(await r.blobSize(repo.blob('src/app.js'))).toBe(Buffer.byteLength('const a = 2;\n'));
        expect(await r.blobSize('0'.repeat(40))).toBeNull();
      });
    }
  });

  it('commit authors with non-ASCII names come out the same as git log', async () => {
    const repo = richFixture(temp);
    const sha = repo.head('main~5'); // the root commit
    for (const engine of ENGINES) {
      const c = await withReader(repo.dir, engine, (r) => r.readCommit(sha));
      expect(c?.authorName).toBe(git(repo.dir, ['log', '-1', '--format=%an', sha]));
      expect(c?.authorEmail).toBe('zoe@example.test');
    }
  });
});

describe.each(ENGINES)('openRepository (%s engine)', (engine) => {
  it('opens a work tree, from a subdirectory too', async () => {
    const repo = temp.repo();
    repo.write('a/b/c.txt', 'c\n').commit('c');
    const reader = await openRepository(join(repo.dir, 'a', 'b'), { engine });
    expect([reader.engine, reader.gitDir, reader.workTree, reader.objectFormat]).toEqual([engine, join(repo.dir, '.git'), repo.dir, 'sha1']);
    await reader.close();
  });

  it('opens a bare repository', async () => {
    const repo = temp.repo();
    repo.write('f.txt', 'f\n').commit('f');
    const bare = temp.clone(repo, { bare: true });
    await withReader(bare.dir, engine, async (r) => {
      expect(r.workTree).toBeNull();
      expect((await r.head()).commit).toBe(repo.head());
      expect((await drain(historySource(r, { maxFileSize: 1000, seen: new Set() }))).items.map((i) => i.provenance?.path)).toEqual(['f.txt']);
    });
  });

  it('opens a linked worktree, with its own HEAD and the shared objects', async () => {
    const repo = temp.repo();
    repo.write('f.txt', 'f\n').commit('f');
    const wt = temp.worktree(repo, 'wt-branch');
    wt.write('g.txt', 'g\n').commit('on worktree');
    await withReader(wt.dir, engine, async (r) => {
      expect(r.workTree).toBe(wt.dir);
      expect(await r.head()).toEqual({ commit: wt.head(), ref: 'refs/heads/wt-branch' });
      expect((await r.index()).map((e) => e.path).sort()).toEqual(['f.txt', 'g.txt']);
      const { items, facts } = await drain(historySource(r, { maxFileSize: 1000, seen: new Set() }));
      expect(items.map((i) => i.provenance?.path).sort()).toEqual(['f.txt', 'g.txt']);
      expect([...facts.headTree.keys()].sort()).toEqual(['f.txt', 'g.txt']);
    });
  });

  it('throws GitError for a directory that is not a repository', async () => {
    const dir = temp.dir();
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'x', '.git'), 'not a gitdir line\n');
    await expect(openRepository(join(dir, 'x'), { engine })).rejects.toThrow(GitError);
    await expect(openRepository(join(dir, 'missing'), { engine })).rejects.toThrow(/not a git repository/);
  });
});

describe('engine selection', () => {
  it('detects the git binary and defaults to it', async () => {
    const found = await detectGitBinary();
    expect(found?.version).toMatch(/^\d+\.\d+/);
    const repo = temp.repo();
    const reader = await openRepository(repo.dir);
    expect(reader.engine).toBe('git');
    await reader.close();
  });

  it('reads SHA-256 repositories with git and refuses them with isomorphic', async () => {
    const dir = temp.dir();
    git(dir, ['init', '-q', '--object-format=sha256', '.']);
    writeFileSync(join(dir, 'k.txt'), 'k\n');
    git(dir, ['add', 'k.txt']);
    git(dir, ['commit', '-q', '-m', 'k'], { GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@x' });
    await expect(openRepository(dir, { engine: 'isomorphic' })).rejects.toThrow(/SHA-256/);
    await withReader(dir, 'git', async (r) => {
      expect(r.objectFormat).toBe('sha256');
      const { items, facts } = await drain(historySource(r, { maxFileSize: 1000, seen: new Set() }));
      expect(items).toMatchObject([{ kind: 'blob', provenance: { path: 'k.txt' } }]);
      expect((items[0] as { blobId: string }).blobId).toHaveLength(64);
      expect(facts.headTree.get('k.txt')).toHaveLength(64);
    });
  });
});
