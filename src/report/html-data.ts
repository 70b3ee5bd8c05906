// The data the HTML report's script renders per-finding details and the timeline from, embedded
// once as JSON. Rule texts, commits and occurrence paths are listed once and referred to by key or index: a secret
// copied through history shares its commits, and 1,000 findings of a few rules share their fix
// text, which keeps the page small. Every string from the repository is passed through
// escapeControl here (bidi and control characters shown as escapes); the script inserts strings
// with textContent only, never as markup.
import type { CommitInfo, Finding, Occurrence, RuleInfo, ScanResult } from '../types.js';
import { escapeControl } from './escape.js';
import { layoutTimeline, timelineSpans } from './html-timeline.js';
import { stateWords } from './wording.js';

/** A secret copied through history can have thousands of occurrences: list this many, count the rest. */
export const MAX_OCCURRENCES_SHOWN = 20;
const MAX_DETAIL_VALUE = 300;
export const FALLBACK_FIX = 'Rotate the secret, then remove it from the code and load it from the environment or a secret manager.';

/** [sha, author name, author email, author date] */
export type DataCommit = [string, string, string, string];
/** [index into paths, line, column, index into commits or -1, source] */
export type DataOccurrence = [number, number, number, number, Occurrence['source']];
/** [finding id, redacted secret, state in words, redacted first snippet, occurrences, occurrences not listed, details] */
export type DataFinding = [string, string, string, string, DataOccurrence[], number, [string, string][]];
/** [finding index, left %, width %, first commit, last commit, from label, to label] */
export type DataBar = [number, number, number, number, number, string, string];

export interface ReportData {
  /** Rule id -> [description, fix], for the rules that have findings. */
  rules: Record<string, [string, string]>;
  commits: DataCommit[];
  /** Paths of the listed occurrences. */
  paths: string[];
  /** In the order of `ScanResult.findings` (table rows refer to them by index). */
  findings: DataFinding[];
  timeline: { ticks: [number, string][]; bars: DataBar[] };
}

export function buildReportData(result: ScanResult): ReportData {
  const commits: DataCommit[] = [];
  const commitIndex = new Map<string, number>();
  const indexOf = (c: CommitInfo): number => {
    let i = commitIndex.get(c.sha);
    if (i === undefined) {
      i = commits.push([c.sha, escapeControl(c.authorName), escapeControl(c.authorEmail), c.authorDate]) - 1;
      commitIndex.set(c.sha, i);
    }
    return i;
  };
  const paths: string[] = [];
  const pathIndex = new Map<string, number>();
  const pathOf = (path: string): number => {
    let i = pathIndex.get(path);
    if (i === undefined) {
      i = paths.push(escapeControl(path)) - 1;
      pathIndex.set(path, i);
    }
    return i;
  };
  const known = new Map(result.rules.map((r) => [r.id, r]));
  const rules: Record<string, [string, string]> = {};
  for (const f of result.findings) rules[f.ruleId] ??= ruleTexts(known.get(f.ruleId));
  const findings = result.findings.map((f) => dataFinding(f, indexOf, pathOf));
  const layout = layoutTimeline(timelineSpans(result.findings));
  return {
    rules,
    commits,
    paths,
    findings,
    timeline: {
      ticks: layout.ticks.map((t) => [t.at, t.label]),
      bars: layout.bars.map((b) => [b.span.index, b.left, b.width, indexOf(b.span.first.commit), indexOf(b.span.last.commit), b.from, b.to]),
    },
  };
}

/** JSON safe inside a `<script type="application/json">` element: no `<` can close it. */
export function serializeReportData(data: ReportData): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

function ruleTexts(rule: RuleInfo | undefined): [string, string] {
  return [escapeControl(rule?.description ?? ''), escapeControl(rule?.fix || FALLBACK_FIX)];
}

function dataFinding(f: Finding, indexOf: (c: CommitInfo) => number, pathOf: (path: string) => number): DataFinding {
  const shown = f.occurrences.slice(0, MAX_OCCURRENCES_SHOWN);
  return [
    f.id,
    escapeControl(f.secret),
    stateWords(f),
    escapeControl(f.occurrences[0]?.snippet?.trim() ?? ''),
    shown.map((o) => [pathOf(o.path), o.line, o.column, o.commit ? indexOf(o.commit) : -1, o.source]),
    f.occurrences.length - shown.length,
    detailRows(f),
  ];
}

/** The finding's details as [name, value] rows; a secret found by decoding first names the chain, as the text report does. */
function detailRows(f: Finding): [string, string][] {
  const rows = Object.entries(f.details ?? {}).map(([k, v]): [string, string] => [escapeControl(k), escapeControl(detailValue(v))]);
  const chain = f.occurrences[0]?.encoding;
  return chain ? [['decoded', chain.join(' > ')], ...rows] : rows;
}

function detailValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_DETAIL_VALUE ? `${text.slice(0, MAX_DETAIL_VALUE)}…` : text;
}
