// PM2 ecosystem files (`ecosystem.config.js`, `ecosystem.json`, `pm2.config.js`) keep one block
// of variables per environment in the same file: `env` (the default), `env_production`,
// `env_staging`, ... A JWT secret written into two of those blocks is reused across
// environments, although one file holds both. Pure: path and text in, block names out.

const ECOSYSTEM_FILE = /(?:^|\/)(?:[\w.-]+\.)?(?:ecosystem|pm2)(?:\.config)?\.(?:[cm]?js|json|ya?ml)$/i;

export function isPm2EcosystemFile(path: string): boolean {
  return ECOSYSTEM_FILE.test(path);
}

/** `env: {`, `env_production: {`, `"env_staging": {` */
const ENV_BLOCK = /(?<![\w$])["']?env(?:_([A-Za-z]\w*))?["']?\s*:\s*\{/g;

/**
 * The environment whose block encloses `offset`: the `env_<name>` suffix (`production`), or
 * `default` for the plain `env` block; null outside any block.
 */
export function pm2EnvironmentAt(text: string, offset: number): string | null {
  let found: string | null = null;
  for (const m of text.matchAll(ENV_BLOCK)) {
    if (m.index >= offset) break;
    const open = m.index + m[0].length - 1;
    if (blockEnd(text, open) > offset) found = (m[1] ?? 'default').toLowerCase();
  }
  return found;
}

/** Index of the `}` closing the `{` at `open` (strings skipped), or the text's length. */
function blockEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const close = text.indexOf(ch, i + 1);
      if (close === -1) return text.length;
      i = close;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return text.length;
}

/** For each secret value of an ecosystem file, the environment blocks holding it (sorted). */
export function environmentsByValue(text: string, secrets: readonly { start: number; value: string }[]): Map<string, string[]> {
  const byValue = new Map<string, Set<string>>();
  for (const s of secrets) {
    const env = pm2EnvironmentAt(text, s.start);
    if (env !== null) byValue.set(s.value, (byValue.get(s.value) ?? new Set()).add(env));
  }
  return new Map([...byValue].map(([value, envs]) => [value, [...envs].sort()]));
}
