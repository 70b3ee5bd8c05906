// `leakhound baseline create|update|import-gitleaks`: write a baseline file of accepted findings
// (hashes, rule, first location, reason, expiry; never a secret). `scan --baseline FILE` (or the
// config's `baseline:`) then reports only what is not in it.
import { Command, InvalidArgumentError } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { selectRules } from '../config/apply.js';
import { loadBaselineFile } from '../config/baseline-file.js';
import { loadConfig } from '../config/load.js';
import { createDetector } from '../detect/detect-text.js';
import { ConfigError, UsageError, errorMessage } from '../errors.js';
import { createBaseline, DEFAULT_BASELINE_FILE, formatBaseline, isIsoDate, updateBaseline, type EntryOptions } from '../policy/baseline.js';
import { importGitleaks } from '../policy/gitleaks-import.js';
import { loadRules } from '../rules/load.js';
import { scan } from '../scan.js';
import type { Finding } from '../types.js';
import { writeFileAtomic } from './output.js';

interface BaselineFlags {
  output: string;
  reason?: string;
  expires?: string;
  config?: string;
  history?: boolean;
}

function parseDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return value;
}

function withCommonOptions(command: Command): Command {
  return command
    .option('-o, --output <file>', 'baseline file', DEFAULT_BASELINE_FILE)
    .option('--reason <text>', 'why these findings are accepted (stored with each new entry)')
    .option('--expires <YYYY-MM-DD>', 'last day new entries are honoured; after it they are reported again', parseDate)
    .option('-c, --config <file>', 'config file (default: .leakhound.yaml in the scanned directory)');
}

export function registerBaselineCommands(program: Command): void {
  const baseline = program
    .command('baseline')
    .description('accept current findings (with a reason and optional expiry) so scans report only new ones')
    .addHelpText(
      'after',
      `
Examples:
  $ leakhound baseline create --reason "rotated 2024-05, history not rewritten" --expires 2025-06-30
  $ leakhound scan --baseline .leakhound-baseline.json
  $ leakhound baseline update                 add new findings, prune vanished ones (reasons kept)
  $ leakhound baseline import-gitleaks gitleaks-report.json`,
    );

  withCommonOptions(baseline.command('create').description('write a baseline of every current finding'))
    .argument('[path]', 'directory or repository to scan', '.')
    .option('--history', 'include findings from every commit of every ref')
    .action(async (path: string, flags: BaselineFlags) => {
      const findings = await currentFindings(path, flags);
      const created = createBaseline(findings, entryOptions(flags));
      writeFileAtomic(flags.output, formatBaseline(created));
      process.stderr.write(`leakhound: wrote ${created.entries.length} entr${created.entries.length === 1 ? 'y' : 'ies'} to ${flags.output}\n`);
    });

  withCommonOptions(baseline.command('update').description('add new findings to the baseline and prune entries no longer found'))
    .argument('[path]', 'directory or repository to scan', '.')
    .option('--history', 'include findings from every commit of every ref')
    .action(async (path: string, flags: BaselineFlags) => {
      const old = loadBaselineFile(flags.output);
      const findings = await currentFindings(path, flags);
      const updated = updateBaseline(old, findings, entryOptions(flags));
      writeFileAtomic(flags.output, formatBaseline(updated.baseline));
      process.stderr.write(`leakhound: ${flags.output}: ${updated.added} added, ${updated.kept} kept, ${updated.pruned} pruned\n`);
    });

  withCommonOptions(baseline.command('import-gitleaks').description('convert a gitleaks JSON report into a baseline'))
    .argument('<report>', 'gitleaks report (gitleaks detect --report-format json --report-path FILE)')
    .action((report: string, flags: BaselineFlags) => {
      if (!existsSync(report)) throw new UsageError(`no such file: ${report}`);
      let text: string;
      try {
        text = readFileSync(report, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${report}: ${errorMessage(err)}`);
      }
      const config = loadConfig(flags.config, process.cwd());
      const rules = selectRules(loadRules(), config).filter((r) => 'regex' in r);
      const detector = createDetector(rules);
      const imported = importGitleaks(text, report, (t) => detector.detect(t), entryOptions(flags, 'imported from gitleaks'));
      for (const message of imported.skipped) process.stderr.write(`leakhound: skipped ${message}\n`);
      writeFileAtomic(flags.output, formatBaseline(imported.baseline));
      process.stderr.write(
        `leakhound: wrote ${imported.baseline.entries.length} entries to ${flags.output} ` +
          `(${imported.mapped} mapped to leakhound rules, ${imported.unmapped} kept as gitleaks:<rule> with a secret hash)\n`,
      );
    });
}

function entryOptions(flags: BaselineFlags, defaultReason: string | null = null): EntryOptions {
  return { reason: flags.reason ?? defaultReason, expires: flags.expires ?? null };
}

/** Every finding of a scan that ignores any existing baseline (allowlist and inline allow apply). */
async function currentFindings(path: string, flags: BaselineFlags): Promise<Finding[]> {
  const result = await scan({
    path,
    redact: false,
    baseline: false,
    ...(flags.config !== undefined ? { configPath: flags.config } : {}),
    ...(flags.history ? { history: true } : {}),
  });
  if (!result.summary.complete) {
    throw new ConfigError(path, [
      `the scan was incomplete (${result.summary.errors.length} unreadable), so no baseline was written; run \`leakhound scan\` to see why`,
    ]);
  }
  return result.findings;
}
