// The report for people: findings grouped by file, what to do about each, then one summary.
// Every string that came from scanned data (paths, snippets, author names, messages) passes
// through escapeControl, so a hostile repository cannot drive the terminal.
import pc from 'picocolors';
import { SEVERITIES, type Finding, type RuleInfo, type ScanResult, type ScanSummary, type Severity } from '../types.js';
import { escapeControl } from './escape.js';
import type { ReportMeta } from './meta.js';
import { commitPhrase, plural, severityOrder, shortSha, skipCounts, stateWords } from './wording.js';

type Colors = ReturnType<typeof pc.createColors>;

const INDENT = '  ';
/** Width of the widest label, CRITICAL, so columns line up. */
const LABEL_WIDTH = 8;
const DETAIL_INDENT = INDENT + ' '.repeat(LABEL_WIDTH + 2);
const MAX_SNIPPET = 160;

export function formatText(result: ScanResult, meta: ReportMeta): string {
  // Never picocolors' own detection: the CLI decided from NO_COLOR and the TTY.
  const c = pc.createColors(meta.color ?? false);
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const lines: string[] = [];
  if (result.findings.length === 0) {
    lines.push(c.green('No secrets found.'));
  } else {
    for (const [path, findings] of groupByPath(result.findings)) {
      lines.push(c.bold(c.underline(escapeControl(path))));
      for (const f of findings) lines.push(...findingLines(f, rules.get(f.ruleId), c));
      lines.push('');
    }
  }
  lines.push(...summaryLines(result.summary, c));
  return `${lines.join('\n')}\n`;
}

/** Findings by the path of their first occurrence; paths sorted, findings by line then severity. */
function groupByPath(findings: Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const path = f.occurrences[0]?.path ?? '';
    groups.set(path, [...(groups.get(path) ?? []), f]);
  }
  const byPosition = (a: Finding, b: Finding): number => {
    const [pa, pb] = [a.occurrences[0], b.occurrences[0]];
    return (
      (pa?.line ?? 0) - (pb?.line ?? 0) ||
      (pa?.column ?? 0) - (pb?.column ?? 0) ||
      severityOrder(a.severity) - severityOrder(b.severity)
    );
  };
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, list]) => [path, [...list].sort(byPosition)]);
}

function findingLines(f: Finding, rule: RuleInfo | undefined, c: Colors): string[] {
  const first = f.occurrences[0];
  const where = first ? `${escapeControl(first.path)}:${first.line}:${first.column}` : '';
  const lines = [
    `${INDENT}${severityLabel(f.severity, c)}  ${where}  ${escapeControl(f.ruleName)}  ${c.bold(escapeControl(f.secret))}`,
  ];
  const snippet = first?.snippet?.trim();
  if (snippet) lines.push(`${DETAIL_INDENT}${c.dim(`> ${escapeControl(truncate(snippet, MAX_SNIPPET))}`)}`);
  if (first?.encoding) lines.push(`${DETAIL_INDENT}decoded: ${first.encoding.join(' > ')}`);
  if (rule?.fix) lines.push(`${DETAIL_INDENT}fix: ${escapeControl(rule.fix)}`);
  if (first?.commit) {
    lines.push(
      `${DETAIL_INDENT}introduced in ${escapeControl(commitPhrase(first.commit))}, ${plural(f.occurrences.length, 'occurrence')}`,
      `${DETAIL_INDENT}${statusColor(f, c)(stateWords(f))}`,
    );
  }
  return lines;
}

function severityLabel(severity: Severity, c: Colors): string {
  const label = severity.toUpperCase().padEnd(LABEL_WIDTH);
  switch (severity) {
    case 'critical':
      return c.bold(c.magenta(label));
    case 'high':
      return c.bold(c.red(label));
    case 'medium':
      return c.yellow(label);
    case 'low':
      return c.cyan(label);
  }
}

function statusColor(f: Finding, c: Colors): (text: string) => string {
  return f.status === 'present' ? c.red : c.yellow;
}

function summaryLines(s: ScanSummary, c: Colors): string[] {
  const lines: string[] = [];
  if (s.findings > 0) {
    const counts = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev) => `${s.bySeverity[sev]} ${sev}`);
    lines.push(c.bold(`${plural(s.findings, 'finding')}: ${counts.join(', ')}`));
    if (s.byStatus['history-only'] + s.byStatus['other-refs'] > 0) {
      lines.push(
        `${s.byStatus.present} still present, ${s.byStatus['history-only']} only in history, ${s.byStatus['other-refs']} only on other refs`,
      );
    }
  }
  lines.push(scannedLine(s));
  const skips = skipCounts(s);
  if (skips.total > 0) lines.push(`Skipped ${plural(skips.total, 'file')}: ${skips.byReason}`);
  if (s.errors.length > 0) {
    lines.push(c.red(`${plural(s.errors.length, 'error')}:`));
    for (const e of s.errors) {
      const where = [e.path && escapeControl(e.path), e.commit && `commit ${escapeControl(shortSha(e.commit))}`].filter(Boolean).join(' at ');
      lines.push(`${INDENT}${where ? `${where}: ` : ''}${escapeControl(e.message)}`);
    }
  }
  for (const note of s.notes) lines.push(c.yellow(`note: ${escapeControl(note)}`));
  if (!s.complete) lines.push(c.bold(c.red('Scan incomplete: some content could not be read, so secrets may be missing from this report.')));
  return lines;
}

function scannedLine(s: ScanSummary): string {
  // History scans count blobs, not files: `0 files` would only confuse.
  const parts = s.filesScanned > 0 || s.blobsScanned === 0 ? [plural(s.filesScanned, 'file')] : [];
  if (s.commitsScanned > 0) parts.push(plural(s.commitsScanned, 'commit'));
  const dedup = s.blobsDeduplicated > 0 ? ` (${s.blobsDeduplicated} duplicates skipped)` : '';
  parts.push(`${plural(s.blobsScanned, 'blob')}${dedup}`, formatBytes(s.bytesScanned));
  return `Scanned ${parts.join(', ')} in ${formatDuration(s.durationMs)}`;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}
