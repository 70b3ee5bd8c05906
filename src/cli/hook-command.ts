// `leakhound hook pre-push|install|uninstall`: the git-hook adapter. pre-push reads git's
// protocol on stdin, scans exactly the commits being pushed (range semantics: only secrets
// they introduce) and blocks the push with exit 1, explaining the fix and the bypass on stderr.
import { Command } from 'commander';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXIT_CLEAN, UsageError } from '../errors.js';
import { openRepository } from '../git/open.js';
import type { HookName } from '../hook/hook-script.js';
import { installHooks, uninstallHooks, type HookChange } from '../hook/install.js';
import { parsePrePushInput } from '../hook/pre-push-input.js';
import { planPrePush, trackingRefs, type PushPlan } from '../hook/pre-push-plan.js';
import { formatText } from '../report/text.js';
import { scan } from '../scan.js';
import type { ScanResult } from '../types.js';
import { VERSION } from '../version.js';
import { exitCodeOf } from './scan-command.js';
import { shouldColor } from './tty.js';

interface PrePushFlags {
  config?: string;
  verbose?: boolean;
}

interface InstallFlags {
  prePush?: boolean;
  preCommit?: boolean;
  force?: boolean;
}

export function registerHookCommands(program: Command): void {
  const hook = program.command('hook').description('git hooks: block pushes and commits that add secrets');
  hook
    .command('pre-push')
    .description("git's pre-push hook: scan the commits being pushed (refs on stdin), exit 1 to block")
    .argument('[remote]', 'name of the remote (git passes it)')
    .argument('[url]', 'URL of the remote (git passes it)')
    .option('-c, --config <file>', 'config file (default: .leakhound.yaml at the repository root)')
    .option('--verbose', 'say what was scanned on stderr')
    .action(async (remote: string | undefined, url: string | undefined, flags: PrePushFlags) => {
      process.exitCode = await runPrePush(remote, url, flags);
    });
  hook
    .command('install')
    .description('install leakhound as the git pre-push (default) and/or pre-commit hook of a repository')
    .argument('[path]', 'any directory inside the repository', '.')
    .option('--pre-push', 'install the pre-push hook (scan the commits being pushed)')
    .option('--pre-commit', 'install the pre-commit hook (scan the index: leakhound scan --staged)')
    .option('--force', 'chain a hook written by a hook manager (husky, lefthook, pre-commit) instead of refusing')
    .addHelpText(
      'after',
      `
An existing hook is kept as <hook>.leakhound-chained and runs after leakhound, with the same
arguments and input. Hooks go where git looks for them (git rev-parse --git-path hooks, which
honours core.hooksPath). The hook runs this very leakhound by absolute path.

Examples:
  $ leakhound hook install                       pre-push hook in the current repository
  $ leakhound hook install --pre-push --pre-commit ~/src/app
  $ leakhound hook uninstall`,
    )
    .action((path: string, flags: InstallFlags) => {
      const changes = installHooks({ path, hooks: selectedHooks(flags), force: flags.force === true, command: selfCommand() });
      printChanges(changes);
    });
  hook
    .command('uninstall')
    .description('remove the hooks leakhound installed (only those), restoring any chained hook')
    .argument('[path]', 'any directory inside the repository', '.')
    .option('--pre-push', 'only the pre-push hook')
    .option('--pre-commit', 'only the pre-commit hook')
    .action((path: string, flags: InstallFlags) => {
      const hooks: HookName[] = flags.prePush || flags.preCommit ? selectedHooks(flags) : ['pre-push', 'pre-commit'];
      printChanges(uninstallHooks(path, hooks));
    });
}

function selectedHooks(flags: InstallFlags): HookName[] {
  const hooks: HookName[] = [];
  if (flags.prePush || !flags.preCommit) hooks.push('pre-push');
  if (flags.preCommit) hooks.push('pre-commit');
  return hooks;
}

/** The node binary and CLI script running now: the installed hook calls exactly these. */
function selfCommand() {
  const script = process.argv[1];
  if (!script) throw new UsageError('cannot tell which script is running leakhound');
  return { node: process.execPath, cli: realpathSync(resolve(script)) };
}

function printChanges(changes: HookChange[]): void {
  const words: Record<HookChange['action'], string> = {
    installed: 'installed',
    updated: 'updated',
    chained: 'installed (the existing hook is kept and runs after it)',
    removed: 'removed',
    restored: 'removed (the previous hook is back)',
    'not-ours': 'left alone (not written by leakhound)',
    absent: 'not installed',
  };
  for (const c of changes) process.stdout.write(`${c.hook}: ${words[c.action]}: ${c.file}\n`);
}

async function runPrePush(remote: string | undefined, url: string | undefined, flags: PrePushFlags): Promise<number> {
  const input = await readStdin();
  const plan = await prePushPlan(process.cwd(), remote, url, input);
  if (flags.verbose) for (const note of plan.notes) process.stderr.write(`leakhound: ${note}\n`);
  if (!plan.spec) return EXIT_CLEAN;
  const result = await scan({ path: process.cwd(), rangeSpec: plan.spec, ...(flags.config ? { configPath: flags.config } : {}) });
  process.stderr.write(prePushReport(result));
  return exitCodeOf(result);
}

/** From git's stdin lines; from pre-commit's PRE_COMMIT_* variables when it runs us (it passes no stdin). */
async function prePushPlan(cwd: string, remote: string | undefined, url: string | undefined, input: string): Promise<PushPlan> {
  const updates = parsePrePushInput(input);
  const fromFramework = updates.length === 0 ? process.env.PRE_COMMIT_TO_REF : undefined;
  const reader = await openRepository(cwd);
  try {
    if (!fromFramework) return await planPrePush(reader, updates, { ...(remote ? { remote } : {}), ...(url ? { url } : {}) });
    const to = await reader.resolve(fromFramework);
    if (!to) throw new UsageError(`PRE_COMMIT_TO_REF names no commit: ${fromFramework}`);
    const from = process.env.PRE_COMMIT_FROM_REF ? await reader.resolve(process.env.PRE_COMMIT_FROM_REF) : null;
    const target = { remote: process.env.PRE_COMMIT_REMOTE_NAME ?? remote ?? '', url: process.env.PRE_COMMIT_REMOTE_URL ?? url ?? '' };
    const exclude = from ? [from] : trackingRefs(await reader.refs(), target).map((r) => r.commit);
    return { spec: { include: [to], exclude }, notes: ['refs from PRE_COMMIT_FROM_REF/PRE_COMMIT_TO_REF'] };
  } finally {
    await reader.close();
  }
}

function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return Promise.resolve('');
  return new Promise((resolveText, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolveText(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function prePushReport(result: ScanResult): string {
  const commits = `${result.summary.commitsScanned} commit(s)`;
  if (result.findings.length === 0 && result.summary.complete) return `leakhound: ${commits} checked, no new secrets\n`;
  const report = formatText(result, { toolVersion: VERSION, color: shouldColor(process.stderr), targetUri: pathToFileURL(result.target).href });
  if (result.findings.length === 0) return `${report}\nleakhound: push blocked: the commits could not all be read (see above). Bypass: git push --no-verify\n`;
  return [
    report,
    `leakhound: push blocked: ${result.findings.length} secret(s) added by the ${commits} being pushed.`,
    'How to fix:',
    '  1. Treat each secret as leaked if it ever left this machine: revoke or rotate it.',
    '  2. Remove it from the commit that added it (listed above): the last commit: edit, then `git commit --amend`;',
    '     an older one: `git rebase -i <commit>^` and edit it. Read it from the environment or a secret store instead.',
    '  3. Not a secret (a test value, an example)? Allowlist it in .leakhound.yaml.',
    'Bypass this check once (you take the risk): git push --no-verify',
    '',
  ].join('\n');
}
