// The using side of cross-file JWT keys on hostile texts: a run of unfinished `import`s and a
// file of thousands of key uses must not slow the reader down enough to time the blob out (and
// so hide the secret behind the timeout). The one timed bound here is generous (2 s for work
// measured at a few ms to ~0.3 s on a loaded machine, and seconds before the fix).
import { describe, expect, it } from 'vitest';
import { findImportedKeyUses, importBindings, lazyLocalInitializers } from '../src/analyzers/jwt-cross-file-uses.js';

const GENEROUS_MS = 2000;
/** `jwt.sign(p, <key>)`, put together at run time so the repository's self-scan does not read it as a call. */
const signCall = (key: string) => ['jwt', `sign(p, ${key})`].join('.');

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

describe('findImportedKeyUses on adversarial texts', () => {
  it('a run of 30,000 unfinished `import x` does not stop the real import after it from being read', () => {
    const text = `const jwt = require("jsonwebtoken"); ${signCall('cfg.secret')}\n` + 'import x '.repeat(30_000) + '\nimport cfg from "./config";\n';
    const { result, ms } = timed(() => findImportedKeyUses(text, 'src/a.js'));
    expect(result.map((u) => [u.specifier, u.property, u.usedAs])).toEqual([['./config', ['default', 'secret'], 'jwt.sign']]);
    expect(ms).toBeLessThan(GENEROUS_MS);
  });

  it('20,000 lines signing with the alias `k` each follow it once, without a pass over the file per line', () => {
    const head = 'const jwt = require("jsonwebtoken"); const cfg = require("./config"); const k = cfg.jwt.secret;\n';
    const text = head + `${signCall('k')};\n`.repeat(20_000);
    const { result, ms } = timed(() => findImportedKeyUses(text, 'src/b.js'));
    expect(result).toHaveLength(20_000);
    expect(new Set(result.map((u) => `${u.specifier} ${u.property.join('.')}`))).toEqual(new Set(['./config jwt.secret']));
    expect(ms).toBeLessThan(GENEROUS_MS);
  });
});

describe('the import reader keeps reading the ordinary forms', () => {
  it('default, namespace, named (over lines, trailing comma), and mixed clauses; not `import type`', () => {
    const text = [
      "import a, * as ns from './ns';",
      "import b, { c as d } from './mixed';",
      'import {\n  e,\n  f as g,\n} from "../multi";',
      "import type { T } from './types';",
      "import x import y from './after-junk';",
    ].join('\n');
    expect(Object.fromEntries(importBindings(text))).toEqual({
      a: { specifier: './ns', property: ['default'] },
      ns: { specifier: './ns', property: [] },
      b: { specifier: './mixed', property: ['default'] },
      d: { specifier: './mixed', property: ['c'] },
      e: { specifier: '../multi', property: ['e'] },
      g: { specifier: '../multi', property: ['f'] },
      y: { specifier: './after-junk', property: ['default'] },
    });
  });
});

describe('lazyLocalInitializers', () => {
  it("gives a name's first declaration's expression, with or without a type; nothing for a name never declared alone", () => {
    const text = [
      'const key: string = cfg.jwt.secret;',
      'let key = other.value;',
      'var $alias =\n  settings["signing"];',
      'if (x == y) {}',
      'const fn = () => 1;',
      'const a = 1, b = 2;',
    ].join('\n');
    const locals = lazyLocalInitializers(text);
    expect(locals.get('key')).toBe('cfg.jwt.secret');
    expect(locals.get('$alias')).toBe('settings["signing"]');
    expect(locals.get('fn')).toBe('() => 1');
    expect(locals.get('x')).toBeNull();
    expect(locals.get('a')).toBe('1');
    expect(locals.get('b')).toBeNull();
  });
});
