// Copies a fixtures/jwt/ folder into a temp dir, renaming `dot-env*` files to `.env*` and
// `_gitignore` to `.gitignore` (the repository's .gitignore ignores real env files, and a real
// .gitignore would hide fixture files, so fixtures store them under other names).
import { cpSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, tempDir } from './cli.js';

function renameEnvFiles(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) renameEnvFiles(path);
    else if (name.startsWith('dot-env')) renameSync(path, join(dir, name.replace(/^dot-env/, '.env')));
    else if (name === '_gitignore') renameSync(path, join(dir, '.gitignore'));
  }
}

export function copyJwtFixture(name: string): { path: string; cleanup: () => void } {
  const dir = tempDir('leakhound-jwt-');
  cpSync(join(REPO_ROOT, 'fixtures', 'jwt', name), dir.path, { recursive: true });
  renameEnvFiles(dir.path);
  return dir;
}
