// Which index file `--staged` reads. git itself sets GIT_INDEX_FILE for hooks when the commit
// is built from a temporary index (`git commit -a`, `git commit <paths>`); honouring it is what
// makes a pre-commit scan see what is really being committed. The variable comes from the
// user's own environment (git running the user's hook), not from the scanned repository; it is
// used for the index path only and every other GIT_* variable is still dropped.
import { isAbsolute, join, resolve } from 'node:path';

export function indexFilePath(gitDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const requested = env.GIT_INDEX_FILE;
  if (!requested) return join(gitDir, 'index');
  return isAbsolute(requested) ? requested : resolve(requested);
}
