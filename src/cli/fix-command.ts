// `leakhound fix gitignore [path] [--dry-run] [--untrack]`: make the repository's .gitignore
// cover its env files, and optionally untrack the env files already committed.
import { Command } from 'commander';
import { EXIT_CLEAN, EXIT_ERROR } from '../errors.js';
import { fixGitignore, type FixGitignoreResult } from '../fix/gitignore-fix.js';

interface FixFlags {
  dryRun?: boolean;
  untrack?: boolean;
}

export function registerFixCommands(program: Command): void {
  const fix = program.command('fix').description('repair what a scan reports about the repository itself');
  fix
    .command('gitignore')
    .description("add the env-file names the repository's .gitignore files miss (templates stay committable)")
    .argument('[path]', 'directory inside the repository (or a plain directory)', '.')
    .option('--dry-run', 'print what would change, change nothing')
    .option('--untrack', 'also `git rm --cached` tracked env files (they stay on disk)')
    .addHelpText(
      'after',
      `
Examples:
  $ leakhound fix gitignore --dry-run
  $ leakhound fix gitignore --untrack      then commit .gitignore and the removal`,
    )
    .action(async (path: string, flags: FixFlags) => {
      const result = await fixGitignore({ path, ...(flags.dryRun ? { dryRun: true } : {}), ...(flags.untrack ? { untrack: true } : {}) });
      process.stdout.write(describe(result, Boolean(flags.dryRun)));
      if (result.remaining.length > 0) {
        process.stderr.write(`leakhound: still not ignored after the change: ${result.remaining.join('; ')}\n`);
        process.exitCode = EXIT_ERROR;
        return;
      }
      process.exitCode = EXIT_CLEAN;
    });
}

function describe(result: FixGitignoreResult, dryRun: boolean): string {
  const out: string[] = [];
  const verb = dryRun ? 'would add' : 'added';
  for (const change of result.changes) {
    out.push(`${change.gitignore}${change.created ? ' (new file)' : ''}: ${verb} ${change.lines.join(' ')}`);
  }
  if (result.changes.length === 0) out.push('.gitignore already covers every env file name: nothing to add');
  for (const path of result.untracked) out.push(`${dryRun ? 'would untrack' : 'untracked'} ${path} (git rm --cached; the file stays on disk)`);
  if (result.untracked.length > 0 && !dryRun) out.push('commit the change, rotate every secret those files held, and rewrite history if the repository is or was public');
  return `${out.join('\n')}\n`;
}
