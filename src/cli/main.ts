// The command line: parse, call the library, write, exit. One catch turns every error into a
// one-line message and exit code 2; nothing reaches the user as a stack trace.
import { Command, CommanderError, Option } from 'commander';
import { EXIT_ERROR, LeakhoundError, errorMessage } from '../errors.js';
import { VERSION } from '../version.js';
import { registerHookCommands } from './hook-command.js';
import { registerBaselineCommands } from './baseline-command.js';
import { registerFixCommands } from './fix-command.js';
import { registerRulesCommands } from './rules-command.js';
import { registerScanCommand } from './scan-command.js';
import { registerGenerateCommand } from './generate-command.js';
import { registerCheckEnvCommand } from './check-env-command.js';

function buildProgram(): Command {
  const program = new Command('leakhound')
    .description('Find leaked and weak authentication secrets in a repository: its files and every commit of every ref.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride();
  program.addOption(new Option('--verbose', 'explain what the scan does on stderr (never secrets)').hideHelp());
  registerScanCommand(program);
  registerRulesCommands(program);
  registerBaselineCommands(program);
  registerHookCommands(program);
  registerFixCommands(program);
  registerGenerateCommand(program);
  registerCheckEnvCommand(program);
  program.addHelpText(
    'after',
    `
Examples:
  $ leakhound scan .                         scan the files under the current directory
  $ leakhound scan --history .               ... and every commit of every branch and tag
  $ leakhound scan --range origin/main..HEAD only what these commits introduce
  $ leakhound scan --format sarif --output leakhound.sarif .
  $ leakhound rules list

Exit codes: 0 nothing found, 1 findings, 2 usage/config/git error or incomplete scan.`,
  );
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    return handleError(err, argv.includes('--verbose'));
  }
}

function handleError(err: unknown, verbose: boolean): number {
  if (err instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    return err.exitCode === 0 ? 0 : EXIT_ERROR;
  }
  if (err instanceof LeakhoundError) {
    process.stderr.write(`leakhound: ${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(`leakhound: internal error: ${errorMessage(err)}\n`);
  if (verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write('leakhound: run again with --verbose for details, and please report it\n');
  return EXIT_ERROR;
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
