// A damaged commit loses only itself: a commit object (or a tree, or a pack of commits) that
// cannot be read is reported by id, the walk goes around it, everything still reachable some
// other way is scanned, and the scan is marked incomplete. Both engines, real repositories.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitError } from '../src/errors.js';
import { openRepository } from '../src/git/open.js';
import type { EngineName } from '../src/git/reader.js';
import { scan } from '../src/scan.js';
import type { ScanResult } from '../src/types.js';
import { REPO_ROOT } from './helpers/cli.js';
import { testGitEnv, useTempDirs, type TestRepo } from './helpers/git-repo.js';

const temp = useTempDirs();
const STRIPE = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/worktree/planted-secrets.json'), 'utf8')).secrets[4] as string;
/** A distinct (still rule-matching) key per number: keys of the same format differ in their tail. */
const keyFor = (i: number) => `${STRIPE.slice(0, -4)}${String(i).padStart(4, '0').replace(/\d/g, (d) => 'QRSTUVWXYZ'[Number(d)]!)}`;
const ENGINES: EngineName[] = ['git', 'isomorphic'];

function historyScan(repo: TestRepo, engine: EngineName): Promise<ScanResult> {
  return scan({ path: repo.dir, history: true, worktree: false, engine, redact: false, workers: 0 });
}

/** `<key number>@<commit>` of each finding's introducing occurrence, sorted. */
function introduced(result: ScanResult, keys: Map<string, number>): string[] {
  return result.findings.map((f) => `${keys.get(f.secret) ?? f.secret}@${f.occurrences[0]?.commit?.sha ?? 'disk'}`).sort();
}

const keyNumbers = (...numbers: number[]) => new Map(numbers.map((n) => [keyFor(n), n]));

/** c1 adds key 1, c2 removes it, c3 adds key 3, c4 removes it, c5 adds key 5, c6 edits a file. */
function linearHistory(repo: TestRepo): string[] {
  const shas: string[] = [];
  const step = (change: () => void, message: string) => {
    change();
    repo.commit(message);
    shas.push(repo.head());
  };
  step(() => repo.write('one.py', `KEY = "${keyFor(1)}"\n`).write('README.md', 'r1\n'), 'c1');
  step(() => repo.rm('one.py').write('README.md', 'r2\n'), 'c2');
  step(() => repo.write('three.py', `KEY = "${keyFor(3)}"\n`), 'c3');
  step(() => repo.rm('three.py').write('README.md', 'r4\n'), 'c4');
  step(() => repo.write('five.py', `KEY = "${keyFor(5)}"\n`), 'c5');
  step(() => repo.write('README.md', 'r6\n'), 'c6');
  return shas;
}

describe.each(ENGINES)('engine %s', (engine) => {
  it('a deleted commit object in a linear history: later commits are scanned, the commit is named, incomplete', async () => {
    const repo = temp.repo();
    const [, , c3, c4, c5] = linearHistory(repo);
    rmSync(repo.looseObjectPath(c3!));

    const result = await historyScan(repo, engine);
    expect(introduced(result, keyNumbers(1, 3, 5))).toEqual([`5@${c5}`]);
    expect(result.summary.commitsScanned).toBe(3);
    expect(result.summary.complete).toBe(false);
    expect(result.summary.errors).toEqual([
      { message: `commit ${c3}: missing (parent of ${c4}); its files and the ancestors reachable only through it were not scanned` },
    ]);
  });

  it('a range scan (PR, pre-push) goes around a deleted commit in the range the same way', async () => {
    const repo = temp.repo();
    const [c1, , c3, c4, c5] = linearHistory(repo);
    rmSync(repo.looseObjectPath(c3!));

    const result = await scan({ path: repo.dir, range: `${c1}..HEAD`, worktree: false, engine, redact: false, workers: 0 });
    expect(introduced(result, keyNumbers(1, 3, 5))).toEqual([`5@${c5}`]);
    expect(result.summary.complete).toBe(false);
    expect(result.summary.errors).toContainEqual({
      message: `commit ${c3}: missing (parent of ${c4}); its files and the ancestors reachable only through it were not scanned`,
    });
  });

  it('a missing commit on one branch of a merge loses only what only it reaches', async () => {
    const repo = temp.repo();
    repo.write('base.py', `KEY = "${keyFor(10)}"\n`).commit('base');
    const base = repo.head();
    repo.branch('side').checkout('side');
    repo.write('side-a.py', `KEY = "${keyFor(11)}"\n`).commit('side a');
    const sideA = repo.head();
    repo.rm('side-a.py').write('side-b.py', `KEY = "${keyFor(12)}"\n`).commit('side b');
    const sideB = repo.head();
    repo.checkout('main').write('main.py', `KEY = "${keyFor(13)}"\n`).commit('main work');
    const mainWork = repo.head();
    repo.merge('side');
    rmSync(repo.looseObjectPath(sideA));

    const result = await historyScan(repo, engine);
    // base is still reached through main's first parents; only side a's own key is lost
    expect(introduced(result, keyNumbers(10, 11, 12, 13))).toEqual([`10@${base}`, `12@${sideB}`, `13@${mainWork}`].sort());
    expect(result.summary.commitsScanned).toBe(4);
    expect(result.summary.complete).toBe(false);
    expect(result.summary.errors.map((e) => e.message)).toEqual([expect.stringMatching(new RegExp(`^commit ${sideA}: missing \\(parent of ${sideB}\\)`))]);
  });

  it("a missing tree loses that commit's files only; the error names the commit and the tree", async () => {
    const repo = temp.repo();
    repo.write('a.py', `KEY = "${keyFor(20)}"\n`).commit('c1');
    const c1 = repo.head();
    repo.write('b.py', `KEY = "${keyFor(21)}"\n`).commit('c2');
    const c2 = repo.head();
    const lostTree = repo.git('rev-parse', `${c2}^{tree}`);
    repo.rm('b.py').write('c.py', `KEY = "${keyFor(22)}"\n`).commit('c3');
    const c3 = repo.head();
    rmSync(repo.looseObjectPath(lostTree));

    const result = await historyScan(repo, engine);
    expect(introduced(result, keyNumbers(20, 21, 22))).toEqual([`20@${c1}`, `22@${c3}`]);
    expect(result.summary.commitsScanned).toBe(3);
    expect(result.summary.complete).toBe(false);
    expect(result.summary.errors).toEqual([{ path: '.', commit: c2, message: expect.stringContaining(lostTree) }]);
    expect(result.summary.errors[0]?.message).toMatch(/missing/);
  });

  it('a branch whose tip commit is missing: the other refs are scanned, the tip is named', async () => {
    const repo = temp.repo();
    repo.write('a.py', `KEY = "${keyFor(30)}"\n`).commit('c1');
    const c1 = repo.head();
    repo.branch('ghost').checkout('ghost').write('g.py', `KEY = "${keyFor(31)}"\n`).commit('ghost work');
    const ghost = repo.head();
    repo.checkout('main');
    rmSync(repo.looseObjectPath(ghost));

    const result = await historyScan(repo, engine);
    expect(introduced(result, keyNumbers(30, 31))).toEqual([`30@${c1}`]);
    expect(result.summary.complete).toBe(false);
    expect(result.summary.errors.map((e) => e.message)).toEqual([expect.stringMatching(new RegExp(`^commit ${ghost}: missing \\(named by a ref\\)`))]);
  });

  it('a truncated pack of old commits: the newer loose commits are scanned, the lost parent is named', async () => {
    const repo = temp.repo();
    const [, , c3, c4, c5] = linearHistory(repo);
    // c1..c3 with their trees and blobs go into one pack (and out of the loose objects); then
    // the pack is cut. c4..c6 and everything they hold stay loose.
    const packDir = join(repo.gitDir, 'objects', 'pack');
    const objects = repo.git('rev-list', '--objects', c3!);
    const hash = execFileSync('git', ['pack-objects', '-q', join(packDir, 'pack')], { cwd: repo.dir, input: `${objects}\n`, env: testGitEnv(), encoding: 'utf8' }).trim();
    repo.git('prune-packed');
    const pack = join(packDir, `pack-${hash}.pack`);
    truncateSync(pack, Math.floor(statSync(pack).size / 2));

    const result = await historyScan(repo, engine);
    expect(introduced(result, keyNumbers(1, 3, 5))).toEqual([`5@${c5}`]);
    expect(result.summary.commitsScanned).toBe(3);
    expect(result.summary.complete).toBe(false);
    expect(result.summary.errors.map((e) => e.message)).toEqual([expect.stringMatching(new RegExp(`^commit ${c3}: \\w+.*\\(parent of ${c4}\\)`))]);
  });

  it('a walk without an onUnreadable callback fails with a GitError naming the commit (range scans)', async () => {
    const repo = temp.repo();
    const [c1, , c3, c4, , c6] = linearHistory(repo);
    rmSync(repo.looseObjectPath(c3!));
    const reader = await openRepository(repo.dir, { engine });
    try {
      const walk = async () => {
        for await (const _ of reader.commits([c6!], [c1!])) void _;
      };
      await expect(walk()).rejects.toThrow(GitError);
      await expect(walk()).rejects.toThrow(`commit ${c3}: missing (parent of ${c4})`);
      // excluding the damage makes the walk whole again
      const shas: string[] = [];
      for await (const c of reader.commits([c6!], [c4!])) shas.push(c.sha);
      expect(shas).toEqual([repo.head('HEAD~1'), c6]);
    } finally {
      await reader.close();
    }
  });
});

it('git engine: a commit git walks from its commit-graph but cannot read loses only its own files', async () => {
  const repo = temp.repo();
  const [c1, , c3, c4, c5] = linearHistory(repo);
  // one.py (key 1) was removed in c2 and three.py (key 3) lives only in c3: with the graph, git
  // still walks through c3 to c1, so key 1 is found and only key 3 is lost.
  repo.git('commit-graph', 'write', '--reachable');
  rmSync(repo.looseObjectPath(c3!));

  const result = await historyScan(repo, 'git');
  expect(introduced(result, keyNumbers(1, 3, 5))).toEqual([`1@${c1}`, `5@${c5}`]);
  expect(result.summary.commitsScanned).toBe(5);
  expect(result.summary.complete).toBe(false);
  expect(result.summary.errors).toEqual([{ message: `commit ${c3}: missing (parent of ${c4}); its files were not scanned` }]);
});

it('a corrupt commit object is reported as corrupt, by id', async () => {
  const repo = temp.repo();
  const [, , c3, c4, c5] = linearHistory(repo);
  const loose = repo.looseObjectPath(c3!);
  rmSync(loose);
  writeFileSync(loose, Buffer.from('not a zlib stream at all'));

  for (const engine of ENGINES) {
    const result = await historyScan(repo, engine);
    expect(introduced(result, keyNumbers(1, 3, 5))).toEqual([`5@${c5}`]);
    expect(result.summary.complete).toBe(false);
    expect(result.summary.errors.map((e) => e.message)).toEqual([expect.stringMatching(new RegExp(`^commit ${c3}: corrupt .*\\(parent of ${c4}\\)`))]);
  }
});
