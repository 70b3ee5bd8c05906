// Baselines: findings a team has accepted, each with a reason and an optional expiry. Entries are
// keyed by the content-based finding id (sha256 of rule id + NUL + secret), so an accepted secret
// stays quiet when its line moves, its file is renamed or history is rebased, while a different
// secret on the same line is new. Hashes only: a baseline file never holds a secret.
// Pure: reading and writing the file is the caller's job.
import { createHash } from 'node:crypto';
import { ConfigError } from '../errors.js';
import type { Finding, Suppression } from '../types.js';
import { suppressionOf } from './allowlist.js';

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = '.leakhound-baseline.json';

export interface BaselineEntry {
  /** Finding id: sha256(ruleId + "\0" + secret), hex. */
  id: string;
  ruleId: string;
  /** Where the finding was first seen when it was accepted (for people; matching ignores it). */
  path: string;
  line: number;
  commit: string | null;
  reason: string | null;
  /** Last day (YYYY-MM-DD, UTC) the entry is honoured; null = no expiry. */
  expires: string | null;
  /**
   * Imported entries only: sha256 of the secret alone. Matches a finding of any rule with that
   * secret (used when a gitleaks rule has no leakhound equivalent).
   */
  secretSha256?: string;
  /** Where the entry came from: `leakhound` (create/update) or `gitleaks` (import). */
  source?: 'leakhound' | 'gitleaks';
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

export interface EntryOptions {
  reason?: string | null;
  expires?: string | null;
}

const HEX64 = /^[0-9a-f]{64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A valid calendar date in YYYY-MM-DD form. */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Today's date (UTC) as YYYY-MM-DD, the form `expires` is compared in. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function isExpired(entry: BaselineEntry, today: string): boolean {
  return entry.expires !== null && entry.expires < today;
}

/** An entry for a finding (its first occurrence as the location). Never the secret. */
export function entryFor(finding: Finding, options: EntryOptions = {}): BaselineEntry {
  const first = finding.occurrences[0];
  return {
    id: finding.id,
    ruleId: finding.ruleId,
    path: first?.path ?? '',
    line: first?.line ?? 0,
    commit: first?.commit?.sha ?? null,
    reason: options.reason ?? null,
    expires: options.expires ?? null,
    source: 'leakhound',
  };
}

export function createBaseline(findings: readonly Finding[], options: EntryOptions = {}): Baseline {
  return { version: BASELINE_VERSION, entries: sortEntries(findings.map((f) => entryFor(f, options))) };
}

/** Finds the entry that accepts `finding` (by id, else by secret hash for imported entries). */
export function baselineMatcher(baseline: Baseline): (finding: Finding) => BaselineEntry | undefined {
  const byId = new Map(baseline.entries.map((e) => [e.id, e]));
  const bySecret = new Map(baseline.entries.filter((e) => e.secretSha256).map((e) => [e.secretSha256!, e]));
  return (finding) => byId.get(finding.id) ?? (bySecret.size > 0 ? bySecret.get(sha256Hex(finding.secret)) : undefined);
}

export interface BaselineUpdate {
  baseline: Baseline;
  added: number;
  kept: number;
  pruned: number;
}

/**
 * Adds entries for findings not in `old` (with `options`' reason and expiry), keeps entries still
 * found (with their own reasons and expiry), and prunes entries no finding matches any more.
 */
export function updateBaseline(old: Baseline, findings: readonly Finding[], options: EntryOptions = {}): BaselineUpdate {
  const match = baselineMatcher(old);
  const keptEntries = new Set<BaselineEntry>();
  const added: BaselineEntry[] = [];
  for (const finding of findings) {
    const entry = match(finding);
    if (entry) keptEntries.add(entry);
    else added.push(entryFor(finding, options));
  }
  const kept = old.entries.filter((e) => keptEntries.has(e));
  return {
    baseline: { version: BASELINE_VERSION, entries: sortEntries([...kept, ...added]) },
    added: added.length,
    kept: kept.length,
    pruned: old.entries.length - kept.length,
  };
}

/**
 * The findings the baseline does not accept, and a Suppression for each one it does. An expired
 * entry accepts nothing: its finding is reported again. Secrets are still raw here.
 */
export function partitionByBaseline(
  findings: Finding[],
  baseline: Baseline,
  today: string,
): { kept: Finding[]; suppressed: Suppression[]; expired: BaselineEntry[] } {
  const match = baselineMatcher(baseline);
  const kept: Finding[] = [];
  const suppressed: Suppression[] = [];
  const expired: BaselineEntry[] = [];
  for (const finding of findings) {
    const entry = match(finding);
    if (entry === undefined) kept.push(finding);
    else if (isExpired(entry, today)) {
      expired.push(entry);
      kept.push(finding);
    } else suppressed.push(suppressionOf(finding, 'baseline', entry.reason, entry.expires ? { expires: entry.expires } : {}));
  }
  return { kept, suppressed, expired };
}

/** The file's text: stable key order, entries sorted, two-space indent, trailing newline. */
export function formatBaseline(baseline: Baseline): string {
  const entries = sortEntries(baseline.entries).map((e) => ({
    id: e.id,
    ruleId: e.ruleId,
    path: e.path,
    line: e.line,
    commit: e.commit,
    reason: e.reason,
    expires: e.expires,
    ...(e.secretSha256 !== undefined ? { secretSha256: e.secretSha256 } : {}),
    ...(e.source !== undefined ? { source: e.source } : {}),
  }));
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: 'leakhound', entries }, null, 2)}\n`;
}

/** Parses and validates a baseline file; every problem at once, as a ConfigError. */
export function parseBaseline(text: string, file: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  if (!isObject(doc)) throw new ConfigError(file, ['a baseline must be a JSON object with "version" and "entries"']);
  const problems: string[] = [];
  if (doc.version !== BASELINE_VERSION) {
    problems.push(`unsupported version ${JSON.stringify(doc.version)} (this leakhound reads version ${BASELINE_VERSION})`);
  }
  if (!Array.isArray(doc.entries)) {
    problems.push('"entries" must be a list');
    throw new ConfigError(file, problems);
  }
  const entries: BaselineEntry[] = [];
  doc.entries.forEach((raw, index) => {
    const entry = parseEntry(raw, (message) => problems.push(`entries[${index}]: ${message}`));
    if (entry) entries.push(entry);
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { version: BASELINE_VERSION, entries };
}

function parseEntry(raw: unknown, say: (message: string) => void): BaselineEntry | undefined {
  if (!isObject(raw)) {
    say('must be an object');
    return undefined;
  }
  const before = { ok: true };
  const bad = (message: string): void => {
    before.ok = false;
    say(message);
  };
  if (typeof raw.id !== 'string' || !HEX64.test(raw.id)) bad('"id" must be 64 lowercase hex characters (a finding id)');
  if (typeof raw.ruleId !== 'string' || raw.ruleId === '') bad('"ruleId" must be a non-empty string');
  if (raw.path !== undefined && typeof raw.path !== 'string') bad('"path" must be a string');
  if (raw.line !== undefined && !(Number.isInteger(raw.line) && (raw.line as number) >= 0)) bad('"line" must be a whole number');
  if (raw.commit !== undefined && raw.commit !== null && typeof raw.commit !== 'string') bad('"commit" must be a string or null');
  if (raw.reason !== undefined && raw.reason !== null && typeof raw.reason !== 'string') bad('"reason" must be a string or null');
  if (raw.expires !== undefined && raw.expires !== null && !(typeof raw.expires === 'string' && isIsoDate(raw.expires))) {
    bad('"expires" must be a date YYYY-MM-DD or null');
  }
  if (raw.secretSha256 !== undefined && !(typeof raw.secretSha256 === 'string' && HEX64.test(raw.secretSha256))) {
    bad('"secretSha256" must be 64 lowercase hex characters');
  }
  if (raw.source !== undefined && raw.source !== 'leakhound' && raw.source !== 'gitleaks') bad('"source" must be "leakhound" or "gitleaks"');
  for (const key of Object.keys(raw)) {
    if (!ENTRY_KEYS.has(key)) bad(`unknown key "${key}"`);
  }
  if (!before.ok) return undefined;
  return {
    id: raw.id as string,
    ruleId: raw.ruleId as string,
    path: (raw.path as string | undefined) ?? '',
    line: (raw.line as number | undefined) ?? 0,
    commit: (raw.commit as string | null | undefined) ?? null,
    reason: (raw.reason as string | null | undefined) ?? null,
    expires: (raw.expires as string | null | undefined) ?? null,
    ...(raw.secretSha256 !== undefined ? { secretSha256: raw.secretSha256 as string } : {}),
    ...(raw.source !== undefined ? { source: raw.source as 'leakhound' | 'gitleaks' } : {}),
  };
}

const ENTRY_KEYS = new Set(['id', 'ruleId', 'path', 'line', 'commit', 'reason', 'expires', 'secretSha256', 'source']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.id.localeCompare(b.id));
}
