// `leakhound scan [path]`: options -> scan() -> report -> stdout or --output -> exit code.
import { Command, InvalidArgumentError, Option } from 'commander';
import { pathToFileURL } from 'node:url';
import { MAX_DECODE_DEPTH } from '../config/load.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED } from '../errors.js';
import { formatHtml } from '../report/html.js';
import { formatJson } from '../report/json.js';
import type { ReportMeta } from '../report/meta.js';
import { formatSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { DEFAULT_MAX_FILE_SIZE, scan, type ScanOptions } from '../scan.js';
import type { ScanResult } from '../types.js';
import { VERSION } from '../version.js';
import { writeFileAtomic } from './output.js';
import { createProgressLine } from './progress.js';
import { shouldColor } from './tty.js';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'html';

interface ScanFlags {
  format: ReportFormat;
  output?: string;
  redact: boolean;
  maxFileSize: number;
  config?: string;
  baseline?: string;
  quiet?: boolean;
  verbose?: boolean;
  history?: boolean;
  worktree: boolean;
  refs?: string;
  range?: string;
  since?: string;
  staged?: boolean;
  engine?: 'git' | 'isomorphic';
  decodeDepth?: number;
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('scan files (and with --history, every commit of every ref) for secrets')
    .argument('[path]', 'directory, file or repository to scan', '.')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif', 'html']).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--no-redact', 'print secrets in full (they are masked by default)')
    .option('--max-file-size <bytes>', 'skip files larger than this (counted and named)', parseSize, DEFAULT_MAX_FILE_SIZE)
    .option('-c, --config <file>', 'config file (default: .leakhound.yaml in the scanned directory)')
    .option('--baseline <file>', 'report only findings not accepted in this baseline (see `leakhound baseline`)')
    .option('--history', 'also scan every commit of every branch, tag and remote-tracking ref')
    .option('--no-worktree', 'with --history: skip the files on disk')
    .option('--refs <glob>', "with --history: only refs matching this glob (e.g. 'refs/heads/*')")
    .option('--range <A..B>', 'only the commits in A..B, reporting only secrets they introduce')
    .option('--since <rev>', 'shorthand for --range <rev>..HEAD')
    .option('--staged', 'scan the index (what the next commit would contain)')
    .addOption(new Option('--engine <engine>', 'git engine (default: git when a git binary >= 2.30 exists)').choices(['git', 'isomorphic']))
    .option('--decode-depth <n>', `levels of base64/hex/percent encoding to look inside (default 2 or the config's decode.depth; 0: off)`, parseDecodeDepth)
    .option('-q, --quiet', 'no progress and no summary when nothing is found')
    .option('--verbose', 'explain what the scan did on stderr (never secrets)')
    .addHelpText(
      'after',
      `
Examples:
  $ leakhound scan
  $ leakhound scan --history --format json --output report.json ~/src/app
  $ leakhound scan --history --format html --output report.html
  $ leakhound scan --since origin/main          before you push
  $ leakhound scan --staged                     before you commit`,
    )
    .action(async (path: string, flags: ScanFlags) => {
      process.exitCode = await runScan(path, flags);
    });
}

function parseDecodeDepth(value: string): number {
  const depth = Number(value);
  if (!/^\d+$/.test(value.trim()) || depth > MAX_DECODE_DEPTH) throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_DECODE_DEPTH}`);
  return depth;
}

function parseSize(value: string): number {
  const match = /^(\d+)\s*([kmg]i?b?)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a number of bytes, e.g. 1048576 or 10MiB');
  const unit = (match[2] ?? '').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const size = Number(match[1]) * factor;
  if (!Number.isSafeInteger(size) || size <= 0) throw new InvalidArgumentError('must be a positive size');
  return size;
}

async function runScan(path: string, flags: ScanFlags): Promise<number> {
  const progress = createProgressLine(process.stderr, !flags.quiet && flags.format === 'text');
  const options: ScanOptions = {
    path,
    redact: flags.redact,
    maxFileSize: flags.maxFileSize,
    worktree: flags.worktree,
    onProgress: (p) => progress.update(p),
    ...(flags.config !== undefined ? { configPath: flags.config } : {}),
    ...(flags.baseline !== undefined ? { baselinePath: flags.baseline } : {}),
    ...(flags.history ? { history: true } : {}),
    ...(flags.refs !== undefined ? { refs: flags.refs } : {}),
    ...(flags.range !== undefined ? { range: flags.range } : {}),
    ...(flags.since !== undefined ? { since: flags.since } : {}),
    ...(flags.staged ? { staged: true } : {}),
    ...(flags.engine !== undefined ? { engine: flags.engine } : {}),
    ...(flags.decodeDepth !== undefined ? { decodeDepth: flags.decodeDepth } : {}),
  };
  // Ctrl-C: stop reading, report what was found so far (marked incomplete), exit 130.
  // A second Ctrl-C exits at once.
  const interrupt = new AbortController();
  const onSigint = (): void => {
    if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  let result: ScanResult;
  try {
    result = await scan({ ...options, signal: interrupt.signal });
  } finally {
    process.off('SIGINT', onSigint);
    progress.clear();
  }
  if (flags.verbose) writeVerbose(result);

  const meta: ReportMeta = {
    toolVersion: VERSION,
    color: flags.format === 'text' && flags.output === undefined && shouldColor(process.stdout),
    now: new Date(),
    targetUri: pathToFileURL(result.target).href,
  };
  const report = render(flags.format, result, meta);
  const quietClean = flags.quiet && flags.format === 'text' && result.findings.length === 0 && result.summary.complete;
  if (flags.output !== undefined) writeFileAtomic(flags.output, report);
  else if (!quietClean) process.stdout.write(report);
  if (interrupt.signal.aborted) {
    process.stderr.write('leakhound: interrupted: the report covers only what was scanned before Ctrl-C\n');
    return EXIT_INTERRUPTED;
  }
  return exitCodeOf(result);
}

export function render(format: ReportFormat, result: ScanResult, meta: ReportMeta): string {
  switch (format) {
    case 'json':
      return formatJson(result, meta);
    case 'sarif':
      return formatSarif(result, meta);
    case 'html':
      return formatHtml(result, meta);
    case 'text':
      return formatText(result, meta);
  }
}

export function exitCodeOf(result: ScanResult): number {
  if (!result.summary.complete) return EXIT_ERROR;
  return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

function writeVerbose(result: ScanResult): void {
  const s = result.summary;
  const lines = [
    `mode ${result.mode}, ${result.rules.length} rules`,
    `${s.blobsScanned} blobs scanned (${s.bytesScanned} bytes), ${s.blobsDeduplicated} already seen, ${s.commitsScanned} commits`,
    `skipped: ${Object.entries(s.skippedCounts)
      .map(([reason, n]) => `${reason} ${n}`)
      .join(', ')}`,
    `${s.durationMs} ms`,
  ];
  for (const line of lines) process.stderr.write(`leakhound: ${line}\n`);
}
