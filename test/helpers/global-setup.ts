// Builds the bundled CLI once before the suite: end-to-end tests run the real dist/cli.js.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
