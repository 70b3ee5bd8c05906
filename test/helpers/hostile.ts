// Traps for hostile-repository tests: scripts that leave a marker file when anything runs them,
// and the repository settings that name them. A scan must never spring one.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A script named `name` in `bin` that leaves `markers/name` and exits (never reads stdin: no hang). */
export function trap(bin: string, markers: string, name: string): string {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/sh\ntouch '${join(markers, name)}'\nexit 1\n`);
  chmodSync(path, 0o755);
  return path;
}

/**
 * Config settings through which a repository can make git run a command: every one names a
 * trap made by `t`. `driver` names the diff/filter driver that .gitattributes selects.
 */
export function commandSettings(t: (name: string) => string, driver: string): [string, string][] {
  return [
    ['core.fsmonitor', t('fsmonitor')],
    ['core.pager', t('pager')],
    ['core.sshCommand', t('ssh')],
    ['core.askPass', t('askpass')],
    ['core.editor', t('editor')],
    ['credential.helper', `!${t('credential')}`],
    ['diff.external', t('diff-external')],
    [`diff.${driver}.textconv`, t('textconv')],
    [`filter.${driver}.clean`, t('clean')],
    [`filter.${driver}.smudge`, t('smudge')],
    [`filter.${driver}.required`, 'true'],
    ['gpg.program', t('gpg')],
    ['log.showSignature', 'true'],
    ['pager.log', t('pager-log')],
  ];
}
