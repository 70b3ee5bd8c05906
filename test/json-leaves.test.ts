// The JSON leaf reader under the analyzers that read JSON (cross-file JWT exports, Terraform
// state, credentials.json): positions and paths of every string value, and bounds that hold on a
// hostile file nested thousands deep (which ran a scan out of heap: every value copied the whole
// nesting path).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JSON_LEAF_LIMITS, jsonStringLeaves } from '../src/analyzers/json-leaves.js';
import { literalExports } from '../src/analyzers/jwt-cross-file-exports.js';
import { REPO_ROOT, runCli, tempDir } from './helpers/cli.js';

/** The review's repro: `{"key": [[[...[ "a", "a", ... "b" ]...]]]}`, `depth` arrays deep, every value at the bottom. */
function deeplyNested(depth: number): string {
  return `{"key":${'['.repeat(depth)}${'"a",'.repeat(depth)}"b"${']'.repeat(depth)}}`;
}

/** `["a", ["a", [ ... ]]]`: one value on every level. */
function valueOnEveryLevel(depth: number): string {
  return `${'["a",'.repeat(depth)}"b"${']'.repeat(depth)}`;
}

/** The same nesting under one more key of an object text (before its last brace). */
function withDeepPart(objectText: string, depth: number): string {
  const close = objectText.lastIndexOf('}');
  return `${objectText.slice(0, close)}, "deep": ${deeplyNested(depth)}}\n`;
}

describe('jsonStringLeaves', () => {
  it('gives every string value (not key) with its path and the offsets of its raw text', () => {
    const text = '{\n  "a": "one",\n  "b": { "c": ["x", 2, "y\\n"], "d": null, "e": true },\n  "f": "\\u0041"\n}\n';
    const leaves = jsonStringLeaves(text)!;
    expect(leaves.map((l) => [l.path, l.value, text.slice(l.start, l.end)])).toEqual([
      [['a'], 'one', 'one'],
      [['b', 'c', 0], 'x', 'x'],
      [['b', 'c', 2], 'y\n', 'y\\n'],
      [['f'], 'A', '\\u0041'],
    ]);
  });

  it('is null for a text that is not JSON', () => {
    expect(jsonStringLeaves('{"a": "unterminated\n}')).toBeNull();
  });

  it('skips values deeper than maxDepth but keeps counting indices around them', () => {
    const text = '{"a": [["deep"], "shallow", {"b": {"c": "deeper"}}], "d": "top"}';
    const leaves = jsonStringLeaves(text, { maxDepth: 2 })!;
    expect(leaves.map((l) => [l.path, l.value])).toEqual([
      [['a', 1], 'shallow'],
      [['d'], 'top'],
    ]);
  });

  it('stops after maxLeaves', () => {
    const text = JSON.stringify({ list: Array.from({ length: 50 }, (_, i) => `v${i}`) });
    const leaves = jsonStringLeaves(text, { maxLeaves: 7 })!;
    expect(leaves.map((l) => l.value)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
  });

  it('on the file nested thousands deep, reports none of its values (all are past maxDepth), quickly', () => {
    expect(jsonStringLeaves(deeplyNested(25_000))).toEqual([]);
  });

  it('on a file with a value on each of thousands of levels, keeps those within maxDepth', () => {
    const leaves = jsonStringLeaves(valueOnEveryLevel(5000))!;
    const { maxDepth } = DEFAULT_JSON_LEAF_LIMITS;
    expect(leaves.map((l) => l.path)).toEqual(Array.from({ length: maxDepth }, (_, i) => Array.from({ length: i + 1 }, (_, j) => (j === i ? 0 : 1))));
  });

  it('with many values past the leaf bound, keeps the first maxLeaves', () => {
    const text = `[${'"x",'.repeat(30_000)}"y"]`;
    const leaves = jsonStringLeaves(text, { maxLeaves: 1000 })!;
    expect(leaves).toHaveLength(1000);
    expect(leaves[999]!.path).toEqual([999]);
  });
});

describe('analyzers on a deeply nested JSON file', () => {
  it('cross-file exports still read the shallow keys of a config file next to a deep part', () => {
    const value = `v1-${'x'.repeat(16)}`;
    const text = withDeepPart(`{"jwt": {"secret": "${value}"}}`, 5000);
    expect(literalExports(text, 'config/default.json').map((l) => [l.property, l.value])).toEqual([[['jwt', 'secret'], value]]);
  });

  it('a scan of a tree of such files completes and still reports the shallow secrets', () => {
    const fixture = (name: string) => readFileSync(join(REPO_ROOT, 'fixtures/key-files', name), 'utf8');
    const dir = tempDir('leakhound-json-depth-');
    try {
      const files: Record<string, string> = {
        'config/a.json': deeplyNested(25_000),
        'config/secrets.json': withDeepPart(JSON.stringify({ jwt: { secret: ['not', 'a', 'real', 'one'].join('-') } }), 25_000),
        'credentials.json': withDeepPart(fixture('credentials.json'), 25_000),
        'infra/terraform.tfstate': withDeepPart(fixture('terraform.tfstate'), 25_000),
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir.path, path)), { recursive: true });
        writeFileSync(join(dir.path, path), text);
      }
      const run = runCli(['scan', dir.path, '--format', 'json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; path: string }[] }).findings;
      const byRule = (id: string) => findings.filter((f) => f.ruleId === id).map((f) => f.path);
      expect(byRule('keyfile.credentials-json')).toEqual(['credentials.json']);
      expect(byRule('terraform.state-secret')).toHaveLength(3);
    } finally {
      dir.cleanup();
    }
  });
});
