import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineAllowFor, reasonFrom, withInlineAllows } from '../src/policy/inline-allow.js';
import { scan } from '../src/scan.js';
import type { Finding } from '../src/types.js';
import { fakeAwsKeyId } from './helpers/fake-secrets.js';
import { useTempDirs } from './helpers/git-repo.js';

describe('inlineAllowFor', () => {
  it('finds leakhound:allow in each comment syntax, with its reason', () => {
    const lines: [string, string | null][] = [
      ['key = "X" // leakhound:allow test key for the mock server', 'test key for the mock server'],
      ['key = "X"  # leakhound:allow: rotated 2024-05', 'rotated 2024-05'],
      ["SELECT 'X'; -- leakhound:allow - sample row", 'sample row'],
      ['.a { --k: "X"; } /* leakhound:allow demo token */', 'demo token'],
      ['<meta content="X"> <!-- leakhound:allow public demo -->', 'public demo'],
      ['key = "X" ; leakhound:allow', null],
    ];
    for (const [line, reason] of lines) {
      expect(inlineAllowFor(line, undefined), line).toEqual({ marker: 'leakhound:allow', reason });
    }
  });

  it('honours allow-next-line only for the following line', () => {
    expect(inlineAllowFor('key = "X"', '# leakhound:allow-next-line fixture')).toEqual({ marker: 'leakhound:allow-next-line', reason: 'fixture' });
    expect(inlineAllowFor('key = "X" # leakhound:allow-next-line', undefined)).toBeNull();
    expect(inlineAllowFor('key = "X"', '# leakhound:allow')).toBeNull();
  });

  it('honours gitleaks:allow unless switched off, and ignores markers glued to words', () => {
    expect(inlineAllowFor('k = "X" # gitleaks:allow', undefined)).toEqual({ marker: 'gitleaks:allow', reason: null });
    expect(inlineAllowFor('k = "X" # gitleaks:allow', undefined, { gitleaks: false })).toBeNull();
    expect(inlineAllowFor('k = "X" # myleakhound:allow', undefined)).toBeNull();
    expect(inlineAllowFor('k = "X" # leakhound:allowed', undefined)).toBeNull();
  });

  it('cuts comment closers and long reasons', () => {
    expect(reasonFrom(' sample */')).toBe('sample');
    expect(reasonFrom(' -->')).toBeNull();
    expect(reasonFrom(` ${'r'.repeat(300)}`)!.length).toBe(201);
  });

  it('marks matches by the line of their start, CRLF included', () => {
    const text = 'a\r\n# leakhound:allow-next-line ok\r\nsecret here\r\nother\r\n';
    const match = { ruleId: 'r', secret: 's', line: 3, column: 1, endLine: 3, endColumn: 2 };
    const [marked, plain] = withInlineAllows(text, [match, { ...match, line: 4 }]);
    expect(marked!.allow).toEqual({ marker: 'leakhound:allow-next-line', reason: 'ok' });
    expect(plain!.allow).toBeUndefined();
  });
});

describe('scan() with inline allows', () => {
  const temp = useTempDirs();

  function tree(files: Record<string, string>, config?: string): string {
    const dir = temp.dir();
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    if (config !== undefined) writeFileSync(join(dir, '.leakhound.yaml'), config);
    return dir;
  }

  const key = (n: number) => fakeAwsKeyId(`inline-${n}`);
  const aws = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'aws.access-key-id');
  const files = {
    'a.js': `const id = "${key(1)}"; // leakhound:allow mock server\n`,
    'b.py': `ID = "${key(2)}"  # leakhound:allow\n`,
    'c.sql': `INSERT INTO keys VALUES ('${key(3)}'); -- leakhound:allow seed data\n`,
    'd.css': `.x { --id: "${key(4)}"; } /* leakhound:allow theme demo */\n`,
    'e.html': `<div data-id="${key(5)}"></div> <!-- leakhound:allow docs page -->\n`,
    'f.ts': `// leakhound:allow-next-line generated fixture\nconst id = "${key(6)}";\n`,
    'g.sh': `export ID=${key(7)} # gitleaks:allow\n`,
    'h.js': `const id = "${key(8)}";\n`,
  };

  it('suppresses each comment syntax, reports the suppression with reason, redacted', async () => {
    const result = await scan({ path: tree(files), workers: 0 });
    expect(aws(result.findings).map((f) => f.occurrences[0]!.path)).toEqual(['h.js']);
    const suppressed = [...result.suppressed!].sort((a, b) => a.path.localeCompare(b.path));
    expect(suppressed.map((s) => [s.path, s.how, s.reason])).toEqual([
      ['a.js', 'inline', 'mock server'],
      ['b.py', 'inline', null],
      ['c.sql', 'inline', 'seed data'],
      ['d.css', 'inline', 'theme demo'],
      ['e.html', 'inline', 'docs page'],
      ['f.ts', 'inline', 'generated fixture'],
      ['g.sh', 'inline', null],
    ]);
    expect(result.summary.suppressed).toEqual({ inline: 7, baseline: 0, allowlist: 0 });
    const json = JSON.stringify(result);
    for (let n = 1; n <= 8; n++) expect(json.includes(key(n))).toBe(false);
    expect(suppressed[0]!.secret.endsWith('…')).toBe(true);
  });

  it('reports gitleaks:allow lines when the config switches them off', async () => {
    const result = await scan({ path: tree(files, 'inline_allow:\n  gitleaks: false\n'), workers: 0 });
    expect(aws(result.findings).map((f) => f.occurrences[0]!.path).sort()).toEqual(['g.sh', 'h.js']);
  });

  it('keeps a secret reported where it also appears without the comment', async () => {
    const result = await scan({
      path: tree({ 'a.js': `x = "${key(9)}" // leakhound:allow\n`, 'b.js': `y = "${key(9)}"\n` }),
      workers: 0,
    });
    expect(aws(result.findings)).toHaveLength(1);
    expect(aws(result.findings)[0]!.occurrences.map((o) => o.path)).toEqual(['b.js']);
    expect(result.suppressed).toEqual([]);
  });
});
