// The Action's inputs, read from the runner's INPUT_<NAME> variables (name upper-cased, spaces
// to '_', hyphens kept). Pure: an environment in, validated inputs out; every problem at once.
import { UsageError } from '../errors.js';

export type ActionMode = 'auto' | 'range' | 'full';
export type ActionFormat = 'text' | 'json' | 'sarif';

export interface ActionInputs {
  path: string;
  mode: ActionMode;
  format: ActionFormat;
  /** Where the SARIF log goes; empty: not written. */
  sarifFile: string;
  config: string;
  baseline: string;
  failOnFindings: boolean;
}

/** The defaults action.yml declares (the runner fills them in; local runs may not). */
export const INPUT_DEFAULTS: Record<string, string> = {
  path: '.',
  mode: 'auto',
  format: 'text',
  'sarif-file': 'leakhound.sarif',
  config: '',
  baseline: '',
  'fail-on-findings': 'true',
};

export function inputValue(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  return (value ?? INPUT_DEFAULTS[name] ?? '').trim();
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const problems: string[] = [];
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T => {
    const value = inputValue(env, name);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`input ${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
    return allowed[0]!;
  };
  const mode = oneOf<ActionMode>('mode', ['auto', 'range', 'full']);
  const format = oneOf<ActionFormat>('format', ['text', 'json', 'sarif']);
  const fail = oneOf('fail-on-findings', ['true', 'false']);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return {
    path: inputValue(env, 'path') || '.',
    mode,
    format,
    sarifFile: inputValue(env, 'sarif-file'),
    config: inputValue(env, 'config'),
    baseline: inputValue(env, 'baseline'),
    failOnFindings: fail === 'true',
  };
}
