// Which file names are env files, which of them are templates meant to be committed, and the
// names every repository's ignore rules should cover. Pure: names in, verdicts out.

/** Env-file names whose leak is common enough that every repository should ignore them. */
export const REQUIRED_ENV_NAMES: readonly string[] = [
  '.env',
  '.env.local',
  '.env.development',
  '.env.development.local',
  '.env.test.local',
  '.env.production',
  '.env.production.local',
  '.env.staging',
];

/** Name parts that mark a template: documentation of the variables, committed on purpose. */
const TEMPLATE_PARTS = new Set(['example', 'examples', 'sample', 'samples', 'template', 'tmpl', 'tpl', 'dist', 'defaults', 'default', 'schema']);

/** The last path segment. */
export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** The directory part ('' at the root), without a trailing slash. */
export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** `.env`, `.env.<anything>` or `<name>.env` (e.g. `docker.env`); `.envrc` and `env.ts` are not. */
export function isEnvFileName(name: string): boolean {
  if (name === '.env') return true;
  if (name.startsWith('.env.') && name.length > 5) return true;
  return name.length > 4 && name.endsWith('.env') && !name.startsWith('.env');
}

/** An env file meant to be committed: `.env.example`, `.env.sample`, `app.env.template`, ... */
export function isEnvTemplateName(name: string): boolean {
  if (!isEnvFileName(name)) return false;
  return name
    .toLowerCase()
    .split('.')
    .some((part) => TEMPLATE_PARTS.has(part));
}

/** An env file that must never be committed: env-like and not a template. */
export function isSecretEnvFileName(name: string): boolean {
  return isEnvFileName(name) && !isEnvTemplateName(name);
}

export function isEnvFilePath(path: string): boolean {
  return isEnvFileName(baseName(path));
}
