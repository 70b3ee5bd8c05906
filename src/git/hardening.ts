// The one place that decides how leakhound runs git. A scanned repository is untrusted: its
// .git/config, attributes and hooks are written by whoever made it. Everything git could run
// on a repository's behalf (fsmonitor, pager, hooks, ssh, askpass, credential helpers, external
// diff, textconv/filters, lazy fetch of missing objects through a remote helper) is turned off
// here, and the caller's GIT_* environment (GIT_DIR, GIT_INDEX_FILE, GIT_SSH_COMMAND, ...) is
// dropped so it cannot redirect git either.
//
// Per-key `-c` settings override the repository's own config (command-line config is read
// last). Settings git only honours from "protected" config (safe.directory,
// uploadpack.packObjectsHook) are accepted from the command line too.

/**
 * `-c` settings added to every invocation. Values are chosen so that older gits (which treat
 * core.fsmonitor as a hook path, for instance) also end up running nothing.
 */
export const HARDENING_CONFIG: readonly (readonly [key: string, value: string])[] = [
  ['core.fsmonitor', ''],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  ['core.editor', 'false'],
  ['sequence.editor', 'false'],
  ['core.sshCommand', 'false'],
  ['core.gitProxy', ''],
  ['core.askPass', ''],
  ['core.alternateRefsCommand', ''],
  ['credential.helper', ''],
  ['diff.external', ''],
  ['gpg.program', 'false'],
  ['gpg.ssh.program', 'false'],
  ['gpg.x509.program', 'false'],
  ['log.showSignature', 'false'],
  ['uploadpack.packObjectsHook', ''],
  // No transport at all: a partial clone's lazy fetch of a missing blob would otherwise run a
  // remote helper (ext::<command>!) named by the repository. Per-protocol keys too, because
  // protocol.<name>.allow in the repo config would win over protocol.allow.
  ['protocol.allow', 'never'],
  ['protocol.file.allow', 'never'],
  ['protocol.ext.allow', 'never'],
  ['protocol.ssh.allow', 'never'],
  ['protocol.git.allow', 'never'],
  ['protocol.http.allow', 'never'],
  ['protocol.https.allow', 'never'],
  ['submodule.recurse', 'false'],
  ['fetch.recurseSubmodules', 'false'],
  // Reading a repository owned by another user (CI checkouts, containers) is safe with the
  // settings above; git would otherwise refuse with "dubious ownership".
  ['safe.directory', '*'],
];

/** Environment variables set for every invocation (after all GIT_* are removed). */
export const HARDENING_ENV: Readonly<Record<string, string>> = {
  GIT_CONFIG_NOSYSTEM: '1',
  // Determinism: the user's ~/.gitconfig does not change what a scan sees (git >= 2.32).
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_NO_REPLACE_OBJECTS: '1',
  GIT_PAGER: 'cat',
  PAGER: 'cat',
  // A list naming no real protocol: git then allows no transport, whatever config says.
  GIT_ALLOW_PROTOCOL: 'none',
  GIT_PROTOCOL_FROM_USER: '0',
  // git >= 2.45: never fetch missing objects of a partial clone.
  GIT_NO_LAZY_FETCH: '1',
  GIT_ATTR_NOSYSTEM: '1',
  // Stable, parseable messages.
  LC_ALL: 'C',
  LANGUAGE: 'C',
};

/** Variables outside the GIT_ namespace that git would use to run a program. */
const DROPPED_ENV = new Set(['SSH_ASKPASS', 'EDITOR', 'VISUAL', 'PAGER', 'LESS', 'LV']);

/**
 * The environment for a git child: the caller's environment without any GIT_* variable (and
 * without programs git could start), plus HARDENING_ENV.
 */
export function hardenedGitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (key.toUpperCase().startsWith('GIT_') || DROPPED_ENV.has(key.toUpperCase())) continue;
    env[key] = value;
  }
  return { ...env, ...HARDENING_ENV };
}

/**
 * Full argument vector for `git`: hardening settings, the explicit git dir, then the command.
 * `gitDir` null is for commands that need no repository (`git --version`).
 */
export function hardenedGitArgs(gitDir: string | null, args: readonly string[]): string[] {
  const out: string[] = ['--no-pager'];
  for (const [key, value] of HARDENING_CONFIG) out.push('-c', `${key}=${value}`);
  if (gitDir !== null) out.push(`--git-dir=${gitDir}`);
  out.push(...args);
  return out;
}
