// Bundles the CLI, the library and the GitHub Action with esbuild. `--if-stale` skips the build
// when every output is newer than every source file, so `npm run leakhound` starts fast.
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  cli: 'src/cli/main.ts',
  index: 'src/index.ts',
  action: 'src/action/main.ts',
  'detect-worker': 'src/detect-pool/worker.ts',
};

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

function isStale() {
  const sources = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  return Object.keys(entries).some((name) => {
    const out = join(root, 'dist', `${name}.js`);
    return !existsSync(out) || statSync(out).mtimeMs < sources;
  });
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

const present = Object.fromEntries(Object.entries(entries).filter(([, src]) => existsSync(join(root, src))));
await build({
  absWorkingDir: root,
  entryPoints: present,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // ESM bundles of CommonJS deps need a real `require`.
  banner: { js: "import { createRequire as __lhCreateRequire } from 'node:module'; const require = __lhCreateRequire(import.meta.url);" },
});
