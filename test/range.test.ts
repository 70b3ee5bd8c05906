// Range source (A..B) and staged source, with both engines.
import { describe, expect, it } from 'vitest';
import { GitError } from '../src/errors.js';
import { openRepository } from '../src/git/open.js';
import type { EngineName } from '../src/git/reader.js';
import { parseRange, rangeSource } from '../src/sources/range.js';
import { stagedSource } from '../src/sources/staged.js';
import { drain, itemTuples, useTempDirs, type TestRepo } from './helpers/git-repo.js';

const temp = useTempDirs();
const ENGINES: EngineName[] = ['git', 'isomorphic'];

async function range(repo: TestRepo, engine: EngineName, spec: string) {
  const reader = await openRepository(repo.dir, { engine });
  try {
    return await drain(rangeSource(reader, { range: spec, maxFileSize: 1 << 20, seen: new Set() }));
  } finally {
    await reader.close();
  }
}

describe.each(ENGINES)('range source (%s engine)', (engine) => {
  it('yields only blobs introduced by commits in the range, with the parent versions as previous', async () => {
    const repo = temp.repo();
    repo.write('config.env', 'A=1\n').write('untouched.txt', 'same\n').commit('base');
    const base = repo.head();
    const before = repo.blob('config.env');
    repo.write('config.env', 'A=1\nB=2\n').commit('modify');
    const modify = repo.head();
    repo.write('new/file.txt', 'brand new\n').rm('untouched.txt').commit('add and delete');
    const add = repo.head();

    const { items, facts } = await range(repo, engine, `${base}..HEAD`);
    expect(facts.commitsScanned).toBe(2);
    expect(itemTuples(items)).toEqual(
      [
        `blob ${repo.blob('config.env', modify)} config.env ${modify} head prev=${before}`,
        `blob ${repo.blob('new/file.txt', add)} new/file.txt ${add} head`,
      ].sort(),
    );
  });

  it('for a merge, reports only what differs from every parent', async () => {
    const repo = temp.repo();
    repo.write('shared.txt', 'v0\n').commit('base');
    const base = repo.head();
    const v0 = repo.blob('shared.txt');
    repo.branch('topic').checkout('topic').write('topic.txt', 'topic\n').commit('topic work');
    const topic = repo.head();
    repo.checkout('main').write('main.txt', 'main\n').commit('main work');
    const mainWork = repo.head();
    repo.merge('topic');
    expect((await range(repo, engine, 'main~1..main')).items.map((i) => i.provenance?.path)).toEqual(['topic.txt']);

    // An "evil merge": the merge commit itself changes a file and adds one.
    repo.git('reset', '-q', '--hard', mainWork);
    repo.gitCommitting(['merge', '-q', '--no-ff', '--no-commit', 'topic']);
    repo.write('shared.txt', 'changed in the merge\n').write('evil.txt', 'merge only\n');
    repo.gitCommitting(['commit', '-q', '--no-edit']);
    const merge = repo.head();
    const { items } = await range(repo, engine, 'main~1..main');
    expect(itemTuples(items)).toEqual(
      [
        `blob ${repo.blob('evil.txt')} evil.txt ${merge} head`,
        `blob ${repo.blob('shared.txt')} shared.txt ${merge} head prev=${v0}`,
        `blob ${repo.blob('topic.txt')} topic.txt ${topic} head`,
      ].sort(),
    );
    const all = await range(repo, engine, `${base}..main`);
    expect(all.items.map((i) => i.provenance?.path).sort()).toEqual(['evil.txt', 'main.txt', 'shared.txt', 'topic.txt']);
  });

  it('treats a commit with a shared blob as seen, not read twice', async () => {
    const repo = temp.repo();
    repo.write('a.txt', 'base\n').commit('base');
    repo.write('b.txt', 'dup\n').write('c.txt', 'dup\n').commit('two copies');
    const { items } = await range(repo, engine, 'HEAD~1..HEAD');
    expect(items.map((i) => i.kind).sort()).toEqual(['blob', 'seen']);
  });

  it('accepts A.. and names unknown revisions in its error', async () => {
    const repo = temp.repo();
    repo.write('a.txt', 'a\n').commit('one').write('b.txt', 'b\n').commit('two');
    expect((await range(repo, engine, 'HEAD~1..')).items.map((i) => i.provenance?.path)).toEqual(['b.txt']);
    await expect(range(repo, engine, 'nope..HEAD')).rejects.toThrow(/unknown revision "nope"/);
    await expect(range(repo, engine, 'HEAD')).rejects.toThrow(GitError);
  });
});

describe.each(ENGINES)('staged source (%s engine)', (engine) => {
  it('yields the index entries, read from the object database, not the work tree', async () => {
    const repo = temp.repo();
    repo.write('committed.txt', 'committed\n').commit('c');
    repo.write('staged.txt', 'staged version\n').writeUnstaged('staged.txt', 'edited after staging\n');
    repo.write('copy.txt', 'committed\n');
    const { items } = await drain(stagedSource(repo.dir, { maxFileSize: 1000, seen: new Set(), engine }));
    const byPath = new Map(items.map((i) => [i.provenance?.path, i]));
    expect([...byPath.keys()].sort()).toEqual(['committed.txt', 'copy.txt', 'staged.txt']);
    const staged = byPath.get('staged.txt');
    expect(staged?.kind === 'blob' && staged.data.toString()).toBe('staged version\n');
    expect(items.map((i) => i.kind).sort()).toEqual(['blob', 'blob', 'seen']);
    expect(items.every((i) => i.provenance?.kind === 'staged')).toBe(true);
  });
});

describe('parseRange', () => {
  it('splits and defaults to HEAD', () => {
    expect(parseRange('a..b')).toEqual({ from: 'a', to: 'b' });
    expect(parseRange('v1..')).toEqual({ from: 'v1', to: 'HEAD' });
    expect(parseRange('..b')).toEqual({ from: 'HEAD', to: 'b' });
    expect(() => parseRange('a...b')).toThrow(/symmetric/);
    expect(() => parseRange('..')).toThrow(GitError);
  });
});
