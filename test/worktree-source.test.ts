// The work-tree walker must agree with git on which files are ignored.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBlob } from '../src/sources/decode.js';
import { gitBlobId, worktreeSource } from '../src/sources/worktree.js';
import type { SourceItem } from '../src/types.js';
import { tempDir } from './helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function tree(files: Record<string, string>): string {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir.path, path)), { recursive: true });
    writeFileSync(join(dir.path, path), content);
  }
  return dir.path;
}

async function collect(root: string): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of worktreeSource({ root, maxFileSize: 1 << 20, seen: new Set() })) items.push(item);
  return items;
}

function gitVisibleFiles(root: string): string[] {
  execFileSync('git', ['init', '-q', root]);
  const out = execFileSync('git', ['-c', 'core.excludesFile=/dev/null', 'ls-files', '-z', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return out.split('\0').filter(Boolean).sort();
}

const IGNORE_CASES: Record<string, Record<string, string>> = {
  'nested rules and negations': {
    '.gitignore': '*.log\n!keep.log\nbuild/\n/top-only.txt\nsecret*\n!secret-ok.md\n',
    'a.log': '',
    'keep.log': '',
    'top-only.txt': '',
    'sub/top-only.txt': '',
    'build/out.js': '',
    'sub/build/x.js': '',
    'secret.env': '',
    'secret-ok.md': '',
    'sub/.gitignore': '!a.log\n*.tmp\nnested/\n',
    'sub/a.log': '',
    'sub/b.tmp': '',
    'sub/nested/deep.txt': '',
    'sub/keep.txt': '',
    'other/b.tmp': '',
  },
  'directory patterns and anchors': {
    '.gitignore': 'docs/*.md\n!docs/README.md\n**/cache/**\nlogs\n/root.txt\n',
    'docs/a.md': '',
    'docs/README.md': '',
    'docs/sub/b.md': '',
    'x/cache/y.txt': '',
    'logs/today.txt': '',
    'src/logs': '',
    'root.txt': '',
    'src/root.txt': '',
  },
  'info/exclude and a deeper override': {
    '.gitignore': '*.secret\n',
    'pkg/.gitignore': '!important.secret\n',
    'a.secret': '',
    'pkg/important.secret': '',
    'pkg/other.secret': '',
    'plain.txt': '',
  },
  'a deeper file un-ignores a directory a shallower one ignores': {
    '.gitignore': 'a/b/\n',
    'a/.gitignore': '!b/\n',
    'a/b/file.txt': '',
    'a/c.txt': '',
  },
};

describe('worktree source and .gitignore', () => {
  it.each(Object.keys(IGNORE_CASES))('agrees with git ls-files --exclude-standard: %s', async (name) => {
    const root = tree(IGNORE_CASES[name]!);
    const ours = (await collect(root)).map((i) => ('provenance' in i && i.provenance ? i.provenance.path : '')).sort();
    expect(ours).toEqual(gitVisibleFiles(root));
  });

  it('applies .git/info/exclude', async () => {
    const root = tree({ 'a.txt': 'x', 'b.private': 'y' });
    execFileSync('git', ['init', '-q', root]);
    writeFileSync(join(root, '.git/info/exclude'), '*.private\n');
    const paths = (await collect(root)).map((i) => (i.kind !== 'error' ? i.provenance.path : ''));
    expect(paths).toEqual(['a.txt']);
  });

  it('gives each file the blob id git would, and reports a repeat as seen', async () => {
    const root = tree({ 'one.txt': 'same content\n', 'two.txt': 'same content\n' });
    const items = await collect(root);
    const gitId = execFileSync('git', ['hash-object', join(root, 'one.txt')], { encoding: 'utf8' }).trim();
    expect(items.map((i) => [i.kind, 'blobId' in i ? i.blobId : null])).toEqual([
      ['blob', gitId],
      ['seen', gitId],
    ]);
    expect(gitBlobId(Buffer.from('same content\n'))).toBe(gitId);
  });
});

describe('decodeBlob', () => {
  it('treats a NUL in the first 8000 bytes as binary', () => {
    expect(decodeBlob(Buffer.from([0x61, 0x00, 0x62])).kind).toBe('binary');
    expect(decodeBlob(Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])])).kind).toBe('text');
  });

  it('decodes UTF-16 LE and BE with a BOM and strips a UTF-8 BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('key: välue', 'utf16le')]);
    expect(decodeBlob(le)).toMatchObject({ kind: 'text', text: 'key: välue', encoding: 'utf-16le' });
    const beBody = Buffer.from('key: välue', 'utf16le').swap16();
    expect(decodeBlob(Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]))).toMatchObject({ text: 'key: välue', encoding: 'utf-16be' });
    expect(decodeBlob(Buffer.from('\uFEFFabc', 'utf8'))).toMatchObject({ text: 'abc' });
  });
});
