// Findings in tests and fixtures are still reported (fixtures leak too), but tagged `test-path` so
// people and tools can triage them apart. Pure.
import type { Finding } from '../types.js';

export const TEST_PATH_TAG = 'test-path';

const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'fixture', 'fixtures', '__fixtures__', 'testdata', '__mocks__', 'e2e']);
const TEST_FILE = /(\.|_|-)(test|spec)\.[^/]+$|^test_[^/]+\.py$|_test\.go$/i;

/** True for paths in a test or fixture folder, and for test files by name (`a.test.ts`, `x_test.go`). */
export function isTestPath(path: string): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1] ?? '';
  return parts.slice(0, -1).some((dir) => TEST_DIRS.has(dir.toLowerCase())) || TEST_FILE.test(name);
}

/** Adds the `test-path` tag to findings whose every occurrence is under a test path. */
export function tagTestPaths(findings: Finding[]): Finding[] {
  return findings.map((f) =>
    f.occurrences.length > 0 && f.occurrences.every((o) => isTestPath(o.path)) && !f.tags.includes(TEST_PATH_TAG)
      ? { ...f, tags: [...f.tags, TEST_PATH_TAG] }
      : f,
  );
}
