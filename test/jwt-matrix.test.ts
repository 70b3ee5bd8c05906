// The rule x file type matrix of issue 4: for every JWT/auth rule id and every file type (JS, TS,
// JSX, Vue, JSON, YAML, .env, Dockerfile, docker-compose, PM2 ecosystem files) a positive and a
// negative fixture, or a written reason why the rule cannot apply. fixtures/jwt-matrix/matrix.yaml
// is the manifest; the real CLI scans all positives in one run and all negatives in another
// (separately, so a negative never borrows a key from a positive for the cross-file rules), and
// findings are mapped back to their cells by path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyzerRules } from '../src/analyzers/index.js';
import type { JsonReport } from '../src/report/json.js';
import { loadRules } from '../src/rules/load.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { copyJwtFixture } from './helpers/jwt-fixtures.js';

const MATRIX = join(REPO_ROOT, 'fixtures', 'jwt-matrix');

/** The rule ids issue 4 names: the matrix must have a row for each, and no other. */
const RULES = [
  'jwt.hardcoded-secret',
  'jwt.weak-secret',
  'jwt.secret-reused',
  'jwt.secret-in-client',
  'jwt.secret-logged',
  'jwt.token',
  'jwt.alg-none',
  'jwt.no-expiry',
  'jwt.weak-signature',
  'jwt.sign-without-expiry',
  'jwt.verify-without-algorithms',
  'auth.token-in-localstorage',
  'auth.token-in-sessionstorage',
  'auth.token-in-url',
  'auth.cookie-not-httponly',
  'auth.cookie-not-secure',
  'auth.cookie-no-samesite',
];
/** The file types of the "Must show", plus PM2 ecosystem files. */
const TYPES = ['js', 'ts', 'jsx', 'vue', 'json', 'yaml', 'env', 'dockerfile', 'compose', 'pm2'];

type Polarity = 'positive' | 'negative';
type Cell = string | Record<Polarity, string[]>;
interface Manifest {
  types: string[];
  cells: Record<string, Record<string, Cell>>;
}

interface FixtureRef {
  rule: string;
  type: string;
  /** Path under positive/ or negative/, as stored. */
  file: string;
  /** Expected lines written in the manifest (JSON files). */
  lines: number[];
}

const manifest = parse(readFileSync(join(MATRIX, 'matrix.yaml'), 'utf8')) as Manifest;

function refs(polarity: Polarity): FixtureRef[] {
  const out: FixtureRef[] = [];
  for (const [rule, byType] of Object.entries(manifest.cells)) {
    for (const [type, cell] of Object.entries(byType)) {
      if (typeof cell === 'string') continue;
      for (const entry of cell[polarity] ?? []) {
        const [file, lines] = entry.split(':') as [string, string | undefined];
        out.push({ rule, type, file, lines: lines ? lines.split(',').map(Number) : [] });
      }
    }
  }
  return out;
}

/** Where the scan sees a stored fixture: `dot-env*` files are copied as `.env*`. */
const scannedPath = (file: string) => file.replace(/(^|\/)dot-env/, '$1.env');

/** Lines a fixture marks for `rule`: `expect: <rules>` on the line, `expect-next: <rules>` on the line before. */
function markedLines(text: string, rule: string): number[] {
  const out: number[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /\bexpect(-next)?: ([\w.,\s-]+)$/.exec(line);
    if (m && m[2]!.split(/[,\s]+/).includes(rule)) out.push(m[1] ? i + 2 : i + 1);
  });
  return out;
}

function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(root, path) : [relative(root, path).split('\\').join('/')];
  });
}

/** rule -> scanned path -> lines where the real CLI reported that rule. */
type Found = Map<string, Map<string, Set<number>>>;

function scanFolder(folder: Polarity): Found {
  // copyJwtFixture renames dot-env* to .env* (the helper resolves under fixtures/jwt/)
  const dir = copyJwtFixture(`../jwt-matrix/${folder}`);
  try {
    const run = runCli(['scan', dir.path, '--format', 'json', '--quiet']);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.summary.complete).toBe(true);
    const found: Found = new Map();
    for (const f of report.findings) {
      const byPath = found.get(f.ruleId) ?? new Map<string, Set<number>>();
      for (const o of f.occurrences) byPath.set(o.path, (byPath.get(o.path) ?? new Set()).add(o.line));
      found.set(f.ruleId, byPath);
    }
    return found;
  } finally {
    dir.cleanup();
  }
}

let positives: Found;
let negatives: Found;
beforeAll(() => {
  positives = scanFolder('positive');
  negatives = scanFolder('negative');
});

const linesOf = (found: Found, rule: string, file: string) => [...(found.get(rule)?.get(scannedPath(file)) ?? [])].sort((a, b) => a - b);
const label = (r: FixtureRef) => `${r.rule} × ${r.type}: ${r.file}`;

describe('the matrix covers every rule id × file type', () => {
  it('has exactly the rules of issue 4, each known to leakhound, and every type in each row', () => {
    expect(Object.keys(manifest.cells).sort()).toEqual([...RULES].sort());
    expect(manifest.types).toEqual(TYPES);
    const known = new Set([...loadRules().map((r) => r.id), ...analyzerRules().map((r) => r.id)]);
    for (const rule of RULES) {
      expect(known.has(rule), rule).toBe(true);
      expect(Object.keys(manifest.cells[rule]!).sort(), rule).toEqual([...TYPES].sort());
    }
  });

  it('gives each cell a positive and a negative fixture, or a reason it cannot apply', () => {
    for (const rule of RULES) {
      for (const type of TYPES) {
        const cell = manifest.cells[rule]![type]!;
        if (typeof cell === 'string') {
          expect(cell, `${rule} × ${type}`).toMatch(/^n\/a: \S.{15,}/);
        } else {
          expect(cell.positive?.length, `${rule} × ${type} positive`).toBeGreaterThan(0);
          expect(cell.negative?.length, `${rule} × ${type} negative`).toBeGreaterThan(0);
        }
      }
    }
    // the nine file types: every rule applies to JS and TS at least
    for (const rule of RULES) expect(typeof manifest.cells[rule]!.js, rule).toBe('object');
  });

  it('lists every fixture file, and every listed file exists', () => {
    for (const polarity of ['positive', 'negative'] as const) {
      const listed = refs(polarity).map((r) => r.file).sort();
      expect(new Set(listed).size, `${polarity}: a file listed twice`).toBe(listed.length);
      expect(filesUnder(join(MATRIX, polarity)).sort()).toEqual(listed);
    }
  });
});

describe('positives: the rule is reported at the marked lines (real CLI, one run)', () => {
  const cases = refs('positive').map((r) => [label(r), r] as const);
  it.each(cases)('%s', (_, ref) => {
    const text = readFileSync(join(MATRIX, 'positive', ref.file), 'utf8');
    const expected = [...ref.lines, ...markedLines(text, ref.rule)].sort((a, b) => a - b);
    expect(expected.length, 'the fixture marks no expected line').toBeGreaterThan(0);
    expect(linesOf(positives, ref.rule, ref.file)).toEqual(expected);
  });
});

describe('negatives: the rule is not reported (real CLI, one run)', () => {
  const cases = refs('negative').map((r) => [label(r), r] as const);
  it.each(cases)('%s', (_, ref) => {
    const text = readFileSync(join(MATRIX, 'negative', ref.file), 'utf8');
    expect(markedLines(text, ref.rule).length + ref.lines.length, 'a negative marks no line').toBe(0);
    expect(linesOf(negatives, ref.rule, ref.file)).toEqual([]);
  });
});
