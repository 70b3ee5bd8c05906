// Builds the bundled CLI once before the suite: end-to-end tests run the real dist/cli.js.
// A failed build does not stop unit tests from running; the end-to-end tests then fail loudly.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (build.status !== 0) process.stderr.write(`\n[global-setup] build failed; end-to-end tests will fail:\n${build.stderr}\n`);
}
