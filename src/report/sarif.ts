// SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer). Follows GitHub's documented
// expectations: every rule with descriptions and help, `security-severity` as a string, one
// result per finding with a stable partial fingerprint, repo-relative percent-encoded URIs.
import type { Finding, Occurrence, Rule, ScanResult, Severity } from '../types.js';
import { TOOL_NAME, TOOL_URI, type ReportMeta } from './meta.js';
import { asDirectoryUri, pathToUriReference } from './uri.js';
import { commitPhrase, plural, skipCounts, skipWords, stateWords } from './wording.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** GitHub shows a handful; thousands (a secret copied through history) only bloat the upload. */
export const MAX_RELATED_LOCATIONS = 100;
/** Large histories can skip thousands of binaries; list this many, count the rest. */
export const MAX_NOTIFICATIONS_PER_KIND = 1000;

type SarifLevel = 'error' | 'warning' | 'note';

/** GitHub ranks alerts by this score (critical >= 9.0, high >= 7.0, medium >= 4.0). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

// The subset of SARIF 2.1.0 written here; property names are SARIF's.
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [SarifRun];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  originalUriBaseIds?: Record<string, { uri: string }>;
  invocations: SarifInvocation[];
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  properties: Record<string, unknown>;
}

interface SarifDriver {
  name: string;
  version: string;
  semanticVersion: string;
  informationUri: string;
  rules: SarifRule[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: string; 'security-severity': string };
}

interface SarifInvocation {
  executionSuccessful: boolean;
  startTimeUtc?: string;
  endTimeUtc?: string;
  toolExecutionNotifications: SarifNotification[];
}

interface SarifNotification {
  level: SarifLevel;
  message: { text: string };
  locations?: { physicalLocation: SarifPhysicalLocation }[];
  properties?: Record<string, unknown>;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: string };
  region?: {
    startLine: number;
    startColumn?: number;
    endLine?: number;
    endColumn?: number;
    snippet?: { text: string };
  };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  partialFingerprints: Record<string, string>;
  locations: { physicalLocation: SarifPhysicalLocation }[];
  relatedLocations?: { id: number; physicalLocation: SarifPhysicalLocation; message: { text: string } }[];
  properties: Record<string, unknown>;
}

/** The SARIF log as an object. */
export function buildSarifLog(result: ScanResult, meta: ReportMeta): SarifLog {
  const rules = driverRules(result);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const run: SarifRun = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: meta.toolVersion,
        semanticVersion: meta.toolVersion,
        informationUri: TOOL_URI,
        rules,
      },
    },
    ...(meta.targetUri !== undefined && { originalUriBaseIds: { [SRCROOT]: { uri: asDirectoryUri(meta.targetUri) } } }),
    invocations: [invocation(result, meta)],
    columnKind: 'utf16CodeUnits',
    results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId) ?? 0)),
    properties: {
      mode: result.mode,
      complete: result.summary.complete,
      filesScanned: result.summary.filesScanned,
      blobsScanned: result.summary.blobsScanned,
      commitsScanned: result.summary.commitsScanned,
    },
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

/** Pretty-printed SARIF with a trailing newline. */
export function formatSarif(result: ScanResult, meta: ReportMeta): string {
  return `${JSON.stringify(buildSarifLog(result, meta), null, 2)}\n`;
}

/**
 * Every rule in force, then a descriptor for any finding whose rule is not among them (a
 * repo-level analyzer finding), so each result's ruleId resolves in `driver.rules`.
 */
function driverRules(result: ScanResult): SarifRule[] {
  const rules = result.rules.map(sarifRule);
  const known = new Set(rules.map((r) => r.id));
  for (const f of result.findings) {
    if (known.has(f.ruleId)) continue;
    known.add(f.ruleId);
    rules.push(
      sarifRule({
        id: f.ruleId,
        name: f.ruleName,
        description: f.ruleName,
        fix: 'Rotate the secret, then remove it from the code and load it from the environment or a secret manager.',
        severity: f.severity,
        tags: f.tags,
      }),
    );
  }
  return rules;
}

type RuleFacts = Pick<Rule, 'id' | 'name' | 'description' | 'fix' | 'severity' | 'tags'> &
  Partial<Pick<Rule, 'validator' | 'entropy'>>;

export function sarifRule(rule: RuleFacts): SarifRule {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.name },
    fullDescription: { text: rule.description || rule.name },
    help: {
      text: `${rule.description || rule.name}\n\nHow to fix: ${rule.fix}`,
      markdown: [
        `**${rule.name}** (severity: ${rule.severity})`,
        rule.description || rule.name,
        `**How to fix:** ${rule.fix}`,
        'A secret committed to git stays in every clone and in history after the line is deleted: ' +
          'rotate it first, then remove it, and rewrite history if it was pushed.',
      ].join('\n\n'),
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      // GitHub shows at most 10 tags; `security` first so it is never the one dropped.
      tags: ['security', ...rule.tags.filter((t) => t !== 'security')].slice(0, 10),
      precision: precisionOf(rule),
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

/** A checksum validator all but rules out chance matches; an entropy floor removes most. */
function precisionOf(rule: Partial<Pick<Rule, 'validator' | 'entropy'>>): string {
  if (rule.validator) return 'very-high';
  if (rule.entropy !== undefined) return 'high';
  return 'medium';
}

/** `github.pat` -> `GithubPat`, `jwt.alg-none` -> `JwtAlgNone`. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function sarifResult(finding: Finding, ruleIndex: number): SarifResult {
  const [first, ...others] = finding.occurrences;
  const related = others.slice(0, MAX_RELATED_LOCATIONS);
  const commit = first?.commit ?? null;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: resultMessage(finding, related.length) },
    partialFingerprints: { 'leakhound/v1': finding.id },
    locations: first ? [{ physicalLocation: physicalLocation(first) }] : [],
    ...(related.length > 0 && {
      relatedLocations: related.map((o, i) => ({
        id: i + 1,
        physicalLocation: physicalLocation(o),
        message: { text: o.commit ? `Also in commit ${commitPhrase(o.commit)}` : `Also ${sourceWords(o)}` },
      })),
    }),
    properties: {
      ...(commit && {
        commit: commit.sha,
        author: `${commit.authorName} <${commit.authorEmail}>`,
        authorDate: commit.authorDate,
      }),
      status: finding.status,
      occurrences: finding.occurrences.length,
      // Found by decoding: the encodings undone at locations[0], outermost first.
      ...(first?.encoding && { encoding: [...first.encoding] }),
    },
  };
}

function resultMessage(finding: Finding, relatedShown: number): string {
  const first = finding.occurrences[0];
  const parts = [`${finding.ruleName}: ${finding.secret} (${stateWords(finding)}).`];
  if (first?.commit) parts.push(`Introduced in commit ${commitPhrase(first.commit)}.`);
  if (first?.encoding) parts.push(`Found by decoding ${first.encoding.join(' > ')}.`);
  const total = finding.occurrences.length;
  if (total > 1) {
    const hidden = total - 1 - relatedShown;
    parts.push(`${plural(total, 'occurrence')}${hidden > 0 ? ` (${relatedShown} related locations listed)` : ''}.`);
  }
  return parts.join(' ');
}

function sourceWords(o: Occurrence): string {
  if (o.source === 'staged') return 'in the index';
  if (o.source === 'stdin') return 'in standard input';
  return 'in the working tree';
}

function physicalLocation(o: Occurrence): SarifPhysicalLocation {
  return {
    artifactLocation: { uri: pathToUriReference(o.path), uriBaseId: SRCROOT },
    region: {
      startLine: Math.max(1, o.line),
      startColumn: Math.max(1, o.column),
      endLine: Math.max(1, o.line, o.endLine),
      endColumn: Math.max(1, o.endColumn),
      ...(o.snippet !== undefined && { snippet: { text: o.snippet } }),
    },
  };
}

function fileLocation(path: string): { physicalLocation: SarifPhysicalLocation }[] {
  return [{ physicalLocation: { artifactLocation: { uri: pathToUriReference(path), uriBaseId: SRCROOT } } }];
}

function invocation(result: ScanResult, meta: ReportMeta): SarifInvocation {
  const { errors, skipped, notes, complete, durationMs } = result.summary;
  const notifications: SarifNotification[] = [
    ...errors.slice(0, MAX_NOTIFICATIONS_PER_KIND).map(
      (e): SarifNotification => ({
        level: 'error',
        message: { text: e.commit ? `${e.message} (commit ${e.commit})` : e.message },
        ...(e.path !== undefined && { locations: fileLocation(e.path) }),
        ...(e.commit !== undefined && { properties: { commit: e.commit } }),
      }),
    ),
    ...skipped.slice(0, MAX_NOTIFICATIONS_PER_KIND).map(
      (k): SarifNotification => ({
        level: 'note',
        message: { text: `Skipped (${skipWords(k.reason)}): ${k.path}` },
        locations: fileLocation(k.path),
        properties: {
          reason: k.reason,
          ...(k.size !== undefined && { size: k.size }),
          ...(k.commit !== undefined && { commit: k.commit }),
        },
      }),
    ),
    ...notes.map((n): SarifNotification => ({ level: 'warning', message: { text: n } })),
  ];
  for (const [list, what] of [
    [errors, 'errors'],
    [skipped, 'skipped files'],
  ] as const) {
    const left = list.length - MAX_NOTIFICATIONS_PER_KIND;
    if (left > 0) notifications.push({ level: 'note', message: { text: `${left} more ${what} not listed` } });
  }
  // Binary files are only counted, never named: one note gives the totals by reason.
  const skips = skipCounts(result.summary);
  if (skips.total > 0) {
    notifications.push({ level: 'note', message: { text: `Skipped ${plural(skips.total, 'file')}: ${skips.byReason}` } });
  }
  return {
    executionSuccessful: complete,
    ...(meta.now && {
      startTimeUtc: new Date(meta.now.getTime() - durationMs).toISOString(),
      endTimeUtc: meta.now.toISOString(),
    }),
    toolExecutionNotifications: notifications,
  };
}
