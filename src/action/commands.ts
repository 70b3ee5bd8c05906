// GitHub workflow commands and the job summary. Pure: findings in, text out. Escaping follows
// the runner's rules: in data, % CR LF are percent-encoded; in properties, also ':' and ','.
import type { Finding, ScanResult } from '../types.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::add-mask::` for each distinct value: the runner then replaces it with *** in the log. */
export function maskCommands(secrets: Iterable<string>): string {
  const lines: string[] = [];
  for (const secret of new Set(secrets)) {
    // The runner masks per line: mask every line of a multi-line secret (private keys).
    for (const part of secret.split(/\r?\n/)) if (part.trim().length > 0) lines.push(`::add-mask::${escapeData(part)}\n`);
  }
  return lines.join('');
}

/** One `::error file=,line=,col=,title=::` annotation per finding, at its introducing occurrence. */
export function annotationCommands(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const at = f.occurrences[0]!;
      const props = [`file=${escapeProperty(at.path)}`, `line=${at.line}`, `col=${at.column}`, `endLine=${at.endLine}`, `title=${escapeProperty(`leakhound: ${f.ruleName}`)}`];
      const where = at.commit ? ` (added in ${at.commit.sha.slice(0, 12)})` : '';
      const message = `${f.severity} ${f.ruleId}${where}: remove it and rotate it, or allowlist it if it is not a secret. Finding id ${f.id.slice(0, 16)}`;
      return `::error ${props.join(',')}::${escapeData(message)}\n`;
    })
    .join('');
}

export interface SummaryContext {
  /** e.g. https://github.com/o/r, for links to the file at the introducing commit. */
  repositoryUrl: string | null;
  /** Commit to link when an occurrence has none (working-tree findings). */
  fallbackCommit: string | null;
  /** What was scanned, in words. */
  scope: string;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

/** The job summary: counts and a Markdown table of findings with links (no secret, not even masked). */
export function summaryMarkdown(result: ScanResult, context: SummaryContext): string {
  const s = result.summary;
  const lines = [`## leakhound`, '', `Scanned ${context.scope}: ${s.commitsScanned} commit(s), ${s.filesScanned} file(s).`, ''];
  if (result.findings.length === 0) lines.push(s.complete ? 'No secrets found.' : '**The scan is incomplete**: see the log.');
  else {
    lines.push(`**${result.findings.length} finding(s)**`, '', '| Severity | Rule | Location | Commit | Status |', '| --- | --- | --- | --- | --- |');
    for (const f of result.findings) {
      const at = f.occurrences[0]!;
      const sha = at.commit?.sha ?? context.fallbackCommit;
      const location = `${at.path}:${at.line}`;
      const link = context.repositoryUrl && sha ? `[${cell(location)}](${context.repositoryUrl}/blob/${sha}/${at.path.split('/').map(encodeURIComponent).join('/')}#L${at.line})` : cell(location);
      lines.push(`| ${f.severity} | ${cell(f.ruleName)} (\`${f.ruleId}\`) | ${link} | ${at.commit ? `\`${at.commit.sha.slice(0, 12)}\`` : 'working tree'} | ${f.status} |`);
    }
  }
  for (const note of s.notes) lines.push('', `> ${cell(note)}`);
  lines.push('');
  return lines.join('\n');
}

/** `name=value` lines for $GITHUB_OUTPUT (values here are single-line). */
export function outputLines(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([k, v]) => `${k}=${v.replace(/[\r\n]/g, ' ')}\n`)
    .join('');
}
