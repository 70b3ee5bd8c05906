// Reading and writing baseline files (the pure format lives in src/policy/baseline.ts).
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, errorMessage } from '../errors.js';
import { parseBaseline, type Baseline } from '../policy/baseline.js';

export function loadBaselineFile(path: string): Baseline {
  if (!existsSync(path)) throw new ConfigError(path, ['baseline file not found (create one with `leakhound baseline create`)']);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read: ${errorMessage(err)}`]);
  }
  return parseBaseline(text, path);
}
