// `baseline import-gitleaks`: a gitleaks JSON report (an array of findings with RuleID, Secret,
// File, StartLine, Commit, Match, Fingerprint, ...) turned into baseline entries. Mapping:
//   1. run our detection on the gitleaks Secret (then on its Match text); every leakhound match
//      whose secret is exactly that Secret gives an entry under our rule id and finding id;
//   2. otherwise the entry keeps ruleId `gitleaks:<RuleID>`, id = findingId of that pair, and
//      `secretSha256` = sha256(Secret), which accepts a leakhound finding of any rule whose secret
//      is the same string.
// Only hashes are kept. Pure: the caller reads the file and passes the detector in.
import { ConfigError } from '../errors.js';
import type { Match } from '../types.js';
import { findingId } from './fingerprint.js';
import { BASELINE_VERSION, sha256Hex, type Baseline, type BaselineEntry, type EntryOptions } from './baseline.js';

export interface GitleaksImport {
  baseline: Baseline;
  /** Report entries mapped to a leakhound rule. */
  mapped: number;
  /** Report entries kept under a `gitleaks:` rule id with a secret hash. */
  unmapped: number;
  /** Why some report entries could not be imported (e.g. a report written with --redact). */
  skipped: string[];
}

interface GitleaksFinding {
  RuleID: string;
  Secret: string;
  File: string;
  StartLine: number;
  Commit?: string;
  Match?: string;
}

/** Redacted gitleaks reports carry this instead of the secret. */
const GITLEAKS_REDACTED = /^(REDACTED|\*+)$/;

export function importGitleaks(
  text: string,
  file: string,
  detect: (text: string) => Match[],
  options: EntryOptions = {},
): GitleaksImport {
  const findings = parseGitleaksReport(text, file);
  const entries = new Map<string, BaselineEntry>();
  const skipped: string[] = [];
  let mapped = 0;
  let unmapped = 0;
  findings.forEach((g, index) => {
    if (GITLEAKS_REDACTED.test(g.Secret) || g.Secret === '') {
      skipped.push(`entry ${index} (${g.RuleID} in ${g.File}:${g.StartLine}): the secret is redacted; run gitleaks without --redact`);
      return;
    }
    const location = { path: g.File, line: g.StartLine, commit: g.Commit ? g.Commit : null };
    const ours = ourRulesFor(g, detect);
    if (ours.length > 0) mapped++;
    else unmapped++;
    const add = (entry: BaselineEntry): void => {
      if (!entries.has(entry.id)) entries.set(entry.id, entry);
    };
    for (const ruleId of ours) {
      add({ id: findingId(ruleId, g.Secret), ruleId, ...location, ...entryExtras(options) });
    }
    if (ours.length === 0) {
      const ruleId = `gitleaks:${g.RuleID}`;
      add({ id: findingId(ruleId, g.Secret), ruleId, ...location, ...entryExtras(options), secretSha256: sha256Hex(g.Secret) });
    }
  });
  return { baseline: { version: BASELINE_VERSION, entries: [...entries.values()] }, mapped, unmapped, skipped };
}

function entryExtras(options: EntryOptions): Pick<BaselineEntry, 'reason' | 'expires' | 'source'> {
  return { reason: options.reason ?? 'imported from gitleaks', expires: options.expires ?? null, source: 'gitleaks' };
}

/** Our rule ids whose match is exactly the gitleaks secret, tried on the bare secret, then its Match line. */
function ourRulesFor(g: GitleaksFinding, detect: (text: string) => Match[]): string[] {
  for (const text of [g.Secret, g.Match]) {
    if (text === undefined || text === '') continue;
    const ids = [...new Set(detect(text).filter((m) => m.secret === g.Secret).map((m) => m.ruleId))];
    if (ids.length > 0) return ids;
  }
  return [];
}

/** Validates the report's shape; every problem at once. */
export function parseGitleaksReport(text: string, file: string): GitleaksFinding[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  if (!Array.isArray(doc)) throw new ConfigError(file, ['a gitleaks JSON report is a list of findings (gitleaks --report-format json)']);
  const problems: string[] = [];
  const out: GitleaksFinding[] = [];
  doc.forEach((raw: unknown, index) => {
    const say = (message: string): void => {
      problems.push(`[${index}]: ${message}`);
    };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return say('must be an object');
    const r = raw as Record<string, unknown>;
    const before = problems.length;
    if (typeof r.RuleID !== 'string' || r.RuleID === '') say('"RuleID" must be a non-empty string');
    if (typeof r.Secret !== 'string') say('"Secret" must be a string');
    if (typeof r.File !== 'string') say('"File" must be a string');
    if (!Number.isInteger(r.StartLine)) say('"StartLine" must be a whole number');
    if (r.Commit !== undefined && typeof r.Commit !== 'string') say('"Commit" must be a string');
    if (r.Match !== undefined && typeof r.Match !== 'string') say('"Match" must be a string');
    if (problems.length > before) return;
    out.push({
      RuleID: r.RuleID as string,
      Secret: r.Secret as string,
      File: r.File as string,
      StartLine: r.StartLine as number,
      ...(typeof r.Commit === 'string' ? { Commit: r.Commit } : {}),
      ...(typeof r.Match === 'string' ? { Match: r.Match } : {}),
    });
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return out;
}
