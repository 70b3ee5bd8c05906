// History source semantics over real repositories, with both engines.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openRepository } from '../src/git/open.js';
import type { EngineName } from '../src/git/reader.js';
import { historySource } from '../src/sources/history.js';
import type { SourceItem } from '../src/types.js';
import { drain, itemTuples, useTempDirs, type TestRepo } from './helpers/git-repo.js';

const temp = useTempDirs();
const ENGINES: EngineName[] = ['git', 'isomorphic'];
const MAX = 1024 * 1024;

async function history(repo: TestRepo | string, engine: EngineName, options: { refs?: string; maxFileSize?: number; seen?: Set<string> } = {}) {
  const reader = await openRepository(typeof repo === 'string' ? repo : repo.dir, { engine });
  try {
    return await drain(
      historySource(reader, {
        maxFileSize: options.maxFileSize ?? MAX,
        seen: options.seen ?? new Set(),
        ...(options.refs ? { refs: options.refs } : {}),
      }),
    );
  } finally {
    await reader.close();
  }
}

const ofKind = <K extends SourceItem['kind']>(items: SourceItem[], kind: K) =>
  items.filter((i): i is Extract<SourceItem, { kind: K }> => i.kind === kind);
const pathOf = (i: SourceItem) => i.provenance?.path;
const shaOf = (i: SourceItem) => (i.provenance?.kind === 'commit' ? i.provenance.commit.sha : null);

describe.each(ENGINES)('history source (%s engine)', (engine) => {
  it('reads a blob shared by two paths once, then records it as seen', async () => {
    const repo = temp.repo();
    repo.write('a/config.txt', 'same content\n').write('b/copy.txt', 'same content\n').commit('two copies');
    const { items } = await history(repo, engine);
    const blobId = repo.blob('a/config.txt');
    expect(ofKind(items, 'blob').map((i) => [i.blobId, pathOf(i)])).toEqual([[blobId, 'a/config.txt']]);
    expect(ofKind(items, 'seen').map((i) => [i.blobId, pathOf(i)])).toEqual([[blobId, 'b/copy.txt']]);
    expect(ofKind(items, 'blob')[0]?.data.toString()).toBe('same content\n');
  });

  it('attributes each (path, blob) to the commit that introduced it, oldest first', async () => {
    const repo = temp.repo();
    repo.write('app.env', 'v1\n').write('keep.txt', 'constant\n').commit('c1');
    const c1 = repo.head();
    repo.write('app.env', 'v2\n').commit('c2');
    const c2 = repo.head();
    repo.rm('app.env').commit('c3 removes');
    repo.write('app.env', 'v1\n').commit('c4 re-adds v1');
    const c4 = repo.head();
    const { items, facts } = await history(repo, engine);

    expect(facts.commitsScanned).toBe(4);
    expect(itemTuples(items)).toEqual(
      [
        `blob ${repo.blob('app.env', c1)} app.env ${c1} head`,
        `blob ${repo.blob('keep.txt', c1)} keep.txt ${c1} head`,
        `blob ${repo.blob('app.env', c2)} app.env ${c2} head`,
      ].sort(),
    );
    // v1 at app.env again in c4: same (path, blob) pair as c1, so no new item; the file is in HEAD.
    expect(facts.headTree.get('app.env')).toBe(repo.blob('app.env', c4));
    expect(facts.headCommit).toBe(c4);
  });

  it('a blob removed then re-added under another path is a seen item of the later commit', async () => {
    const repo = temp.repo();
    repo.write('secret.txt', 'token\n').commit('add');
    repo.rm('secret.txt').commit('remove');
    repo.write('moved/secret.txt', 'token\n').commit('re-add elsewhere');
    const readd = repo.head();
    const { items } = await history(repo, engine);
    const seen = ofKind(items, 'seen');
    expect(seen.map((i) => [pathOf(i), shaOf(i)])).toEqual([['moved/secret.txt', readd]]);
    expect(ofKind(items, 'blob')).toHaveLength(1);
  });

  it('marks commits only on a side branch as not on HEAD, and scans every ref', async () => {
    const repo = temp.repo();
    repo.write('main.txt', 'main\n').commit('base');
    repo.branch('feature').checkout('feature').write('feature.txt', 'feature work\n').commit('side');
    const side = repo.head();
    repo.checkout('main').write('main.txt', 'main 2\n').commit('main 2');
    repo.tag('v1', { message: 'release' });
    const { items, facts } = await history(repo, engine);
    const featureItem = items.find((i) => pathOf(i) === 'feature.txt');
    expect(featureItem?.provenance).toMatchObject({ kind: 'commit', onHead: false, commit: { sha: side } });
    expect(items.filter((i) => i.provenance?.kind === 'commit' && i.provenance.onHead)).toHaveLength(2);
    expect([...facts.headTree.keys()]).toEqual(['main.txt']);
  });

  it('narrows the walk to refs matching a glob', async () => {
    const repo = temp.repo();
    repo.write('base.txt', 'base\n').commit('base');
    repo.branch('other').checkout('other').write('other.txt', 'other\n').commit('other');
    repo.checkout('main');
    const { items } = await history(repo, engine, { refs: 'main' });
    expect(items.map(pathOf)).toEqual(['base.txt']);
    const all = await history(repo, engine, { refs: 'refs/heads/*' });
    expect(all.items.map(pathOf).sort()).toEqual(['base.txt', 'other.txt']);
  });

  it('skips symlinks, submodule entries and blobs over the size cap, and honours the seen set', async () => {
    const repo = temp.repo();
    const sub = temp.repo();
    sub.write('x', 'x').commit('sub');
    repo
      .write('big.bin', Buffer.alloc(5000, 7))
      .write('small.txt', 'small\n')
      .write('known.txt', 'already scanned elsewhere\n')
      .symlink('link', 'small.txt')
      .gitlink('vendor/lib', sub.head())
      .commit('mixed');
    const seen = new Set([repo.blob('known.txt')]);
    const { items } = await history(repo, engine, { maxFileSize: 1000, seen });
    const byPath = new Map(items.map((i) => [pathOf(i), i]));
    expect(byPath.get('big.bin')).toMatchObject({ kind: 'skipped', reason: 'too-large', size: 5000 });
    expect(byPath.get('link')).toMatchObject({ kind: 'skipped', reason: 'special-file' });
    expect(byPath.get('vendor/lib')).toMatchObject({ kind: 'skipped', reason: 'submodule' });
    expect(byPath.get('known.txt')).toMatchObject({ kind: 'seen', blobId: repo.blob('known.txt') });
    expect(byPath.get('small.txt')).toMatchObject({ kind: 'blob' });
    expect(seen.has(repo.blob('small.txt'))).toBe(true);
    expect(seen.has(repo.blob('big.bin'))).toBe(false);
  });

  it('yields nothing for an empty repository', async () => {
    const repo = temp.repo();
    const { items, facts } = await history(repo, engine);
    expect(items).toEqual([]);
    expect(facts).toMatchObject({ commitsScanned: 0, shallow: false, headCommit: null });
  });

  it('scans a shallow clone and says it is shallow', async () => {
    const repo = temp.repo();
    repo.write('old.txt', 'old\n').commit('old');
    repo.write('new.txt', 'new\n').commit('new');
    const clone = temp.clone(repo, { depth: 1 });
    const { items, facts } = await history(clone, engine);
    expect(facts.shallow).toBe(true);
    expect(facts.notes.join(' ')).toMatch(/shallow/);
    expect(facts.commitsScanned).toBe(1);
    expect(items.map(pathOf).sort()).toEqual(['new.txt', 'old.txt']);
  });

  it('reports missing blobs of a partial clone as errors and goes on', async () => {
    const repo = temp.repo();
    repo.write('a.txt', 'first version\n').commit('one');
    repo.write('a.txt', 'second version\n').write('b.txt', 'bee\n').commit('two');
    const clone = temp.clone(repo, { filter: 'blob:none', noCheckout: true });
    const { items, facts } = await history(clone, engine);
    expect(facts.commitsScanned).toBe(2);
    expect(ofKind(items, 'error').map(pathOf).sort()).toEqual(['a.txt', 'a.txt', 'b.txt']);
    expect(ofKind(items, 'blob')).toHaveLength(0);
  });

  it('reports a deleted loose object as an error and reads the rest', async () => {
    const repo = temp.repo();
    repo.write('gone.txt', 'will be deleted\n').write('stays.txt', 'stays\n').commit('one');
    rmSync(repo.looseObjectPath(repo.blob('gone.txt')));
    const { items } = await history(repo, engine);
    expect(ofKind(items, 'error').map(pathOf)).toEqual(['gone.txt']);
    expect(ofKind(items, 'blob').map(pathOf)).toEqual(['stays.txt']);
  });

  it('reports a missing tree as an error and goes on with the next commits', async () => {
    const repo = temp.repo();
    repo.write('dir/a.txt', 'a\n').commit('one');
    const brokenTree = repo.git('rev-parse', 'HEAD:dir');
    repo.write('dir/a.txt', 'a2\n').write('top.txt', 'top\n').commit('two');
    rmSync(repo.looseObjectPath(brokenTree));
    const { items } = await history(repo, engine);
    expect(ofKind(items, 'error').map(pathOf)).toEqual(['dir']);
    expect(ofKind(items, 'blob').map(pathOf).sort()).toEqual(['dir/a.txt', 'top.txt']);
  });

  it('stops producing when the consumer stops early', async () => {
    const repo = temp.repo();
    for (let i = 0; i < 20; i++) repo.write(`f${i}.txt`, `content ${i}\n`).commit(`c${i}`);
    const reader = await openRepository(repo.dir, { engine });
    try {
      const scan = historySource(reader, { maxFileSize: MAX, seen: new Set() });
      let n = 0;
      for await (const _ of scan.items) if (++n === 3) break;
      expect(n).toBe(3);
    } finally {
      await reader.close();
    }
  });
});
