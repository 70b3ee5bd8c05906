// `leakhound hook install|uninstall`: writes hook files into the user's own repository. This
// is the documented exception to hardening (src/git/hardening.ts): it must see the user's real
// config (core.hooksPath), so it runs plain git, and only `rev-parse`.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GitError, UsageError, errorMessage } from '../errors.js';
import { CHAINED_SUFFIX, hookManagerOf, hookScript, isLeakhoundHook, type HookCommand, type HookName } from './hook-script.js';

export interface InstallOptions {
  /** Any directory inside the repository. */
  path: string;
  hooks: HookName[];
  /** Chain an existing hook even when a hook manager wrote it. */
  force: boolean;
  command: HookCommand;
}

export interface HookChange {
  hook: HookName;
  file: string;
  action: 'installed' | 'updated' | 'chained' | 'removed' | 'restored' | 'not-ours' | 'absent';
}

/** `git rev-parse --git-path hooks`, absolute: honours core.hooksPath and linked worktrees. */
export function hooksDirectory(path: string): string {
  const cwd = resolve(path);
  let out: string;
  try {
    out = execFileSync('git', ['rev-parse', '--git-path', 'hooks'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim().split('\n').pop();
    throw new GitError(`not a git repository (or git is missing): ${cwd}${stderr ? ` (${stderr})` : ''}`);
  }
  return resolve(cwd, out.trim());
}

export function installHooks(options: InstallOptions): HookChange[] {
  const dir = hooksDirectory(options.path);
  const plans = options.hooks.map((hook) => planInstall(join(dir, hook), hook, options.force));
  const refused = plans.filter((p): p is { refuse: string } => 'refuse' in p);
  if (refused.length > 0) throw new UsageError(refused.map((r) => r.refuse).join('\n'));
  mkdirSync(dir, { recursive: true });
  return plans.map((plan) => {
    const p = plan as Exclude<typeof plan, { refuse: string }>;
    if (p.chain) renameSync(p.file, p.file + CHAINED_SUFFIX);
    writeHook(p.file, hookScript(p.hook, options.command, p.file + CHAINED_SUFFIX));
    return { hook: p.hook, file: p.file, action: p.action };
  });
}

type InstallPlan = { refuse: string } | { hook: HookName; file: string; chain: boolean; action: HookChange['action'] };

function planInstall(file: string, hook: HookName, force: boolean): InstallPlan {
  const existing = readIfExists(file);
  if (existing === null) return { hook, file, chain: false, action: 'installed' };
  if (isLeakhoundHook(existing)) return { hook, file, chain: false, action: 'updated' };
  const manager = hookManagerOf(existing);
  if (manager && !force) {
    return {
      refuse: `${file} was written by ${manager}: add leakhound to your ${manager} config instead (see README "Git hooks"), or run again with --force to keep that hook and run it after leakhound`,
    };
  }
  if (existsSync(file + CHAINED_SUFFIX)) {
    return { refuse: `${file}${CHAINED_SUFFIX} already exists: move it away first (an earlier chained hook?)` };
  }
  return { hook, file, chain: true, action: 'chained' };
}

export function uninstallHooks(path: string, hooks: HookName[]): HookChange[] {
  const dir = hooksDirectory(path);
  return hooks.map((hook) => {
    const file = join(dir, hook);
    const existing = readIfExists(file);
    if (existing === null) return { hook, file, action: 'absent' };
    if (!isLeakhoundHook(existing)) return { hook, file, action: 'not-ours' };
    unlinkSync(file);
    if (existsSync(file + CHAINED_SUFFIX)) {
      renameSync(file + CHAINED_SUFFIX, file);
      return { hook, file, action: 'restored' };
    }
    return { hook, file, action: 'removed' };
  });
}

function readIfExists(file: string): string | null {
  if (!existsSync(file)) return null;
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${errorMessage(err)}`);
  }
}

function writeHook(file: string, text: string): void {
  try {
    writeFileSync(file, text);
    chmodSync(file, 0o755);
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${errorMessage(err)}`);
  }
}
