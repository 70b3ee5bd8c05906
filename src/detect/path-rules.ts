// File-level rules: a key store or key file reported by its name (`id_rsa`, `*.p12`, `*.jks`...),
// confirmed by its structure (src/detect/key-file-structure.ts), whatever its bytes (binary
// files never reach the text detector). The finding's secret is the file's git blob id: the
// fingerprint follows the content, so one key file at two paths (or renamed) is one finding, and
// a baseline entry survives a rename. Pure.
import type { Match, PathRule } from '../types.js';

/** The rules whose path regex matches the repository-relative path. */
export function pathRulesFor(rules: readonly PathRule[], path: string): PathRule[] {
  return rules.filter((rule) => pathRuleMatches(rule, path));
}

export function pathRuleMatches(rule: PathRule, path: string): boolean {
  rule.pathRegex.lastIndex = 0;
  return rule.pathRegex.test(path);
}

/**
 * Matches of the path rules for one file. `structures`: the structure checks its bytes pass, or
 * null when the bytes were not read (a file over the size cap is then reported by name alone).
 */
export function keyFileMatches(rules: readonly PathRule[], path: string, blobId: string, structures: ReadonlySet<string> | null): Match[] {
  const matches: Match[] = [];
  for (const rule of pathRulesFor(rules, path)) {
    const structure = structures === null ? null : rule.structure.find((s) => structures.has(s));
    if (structure === undefined) continue;
    matches.push({
      ruleId: rule.id,
      secret: blobId,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      details: structure === null ? { keyFile: { structure: null, note: 'over the size cap: reported by name, content not read' } } : { keyFile: { structure } },
    });
  }
  return matches;
}
