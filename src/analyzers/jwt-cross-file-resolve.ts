// Cross-file JWT keys: which file a module specifier names, as Node and bundlers would find it,
// among the paths the scan has seen. Pure path arithmetic on repository-relative, `/`-separated
// paths; nothing here touches a file system.

const EXTENSIONS = ['.js', '.ts', '.cjs', '.mjs', '.cts', '.mts', '.jsx', '.tsx', '.json', '.yaml', '.yml'];
const INDEX_FILES = ['index.js', 'index.ts', 'index.cjs', 'index.mjs', 'index.json'];
/** TypeScript ESM imports name the compiled file: `./config.js` is `config.ts` in the sources. */
const TS_SOURCE_OF: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };
/** What the `config` package reads from its folder, in the order it merges them. */
const CONFIG_PACKAGE_EXT = /\.(?:json|ya?ml|[cm]?js|ts|json5)$/i;

function dirnameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** `base` joined with a relative specifier, normalised; null when it climbs out of the repository. */
export function joinRelative(base: string, specifier: string): string | null {
  const parts = base === '' ? [] : base.split('/');
  for (const part of specifier.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The files a relative specifier can mean, most likely first. */
export function relativeCandidates(fromPath: string, specifier: string): string[] {
  const target = joinRelative(dirnameOf(fromPath), specifier);
  if (target === null || target === '') return [];
  const out = [target, ...EXTENSIONS.map((ext) => target + ext), ...INDEX_FILES.map((f) => `${target}/${f}`)];
  const ext = /\.[cm]?jsx?$/.exec(target)?.[0];
  for (const alt of ext ? (TS_SOURCE_OF[ext] ?? []) : []) out.push(target.slice(0, -ext!.length) + alt);
  return out;
}

/**
 * The `config` package's files for code at `fromPath`: `config/*.{json,yaml,yml,js,ts}` in the
 * nearest folder above the code that has a config folder among `knownDirs` (the app's root).
 */
export function configPackageCandidates(fromPath: string, filesByDir: ReadonlyMap<string, readonly string[]>): string[] {
  let dir = dirnameOf(fromPath);
  for (;;) {
    const configDir = dir === '' ? 'config' : `${dir}/config`;
    const files = (filesByDir.get(configDir) ?? []).filter((p) => CONFIG_PACKAGE_EXT.test(p));
    if (files.length > 0) return files;
    if (dir === '') return [];
    dir = dirnameOf(dir);
  }
}

/** Paths grouped by their folder. */
export function groupByDir(paths: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const path of paths) {
    const dir = dirnameOf(path);
    const list = out.get(dir) ?? [];
    list.push(path);
    out.set(dir, list);
  }
  return out;
}
