// The rules in force: built-in (unless `extend: none`) plus custom, minus disabled ids or tags,
// with severity overrides applied.
import { ConfigError } from '../errors.js';
import type { RuleInfo } from '../types.js';
import type { Config } from './load.js';

export function selectRules<T extends RuleInfo>(builtIn: readonly T[], config: Config): (T | Config['rules'][number])[] {
  const custom = config.rules;
  const builtInIds = new Set(builtIn.map((r) => r.id));
  const clashes = custom.filter((r) => builtInIds.has(r.id) && config.extend === 'default');
  if (clashes.length > 0) {
    throw new ConfigError(
      config.file ?? 'config',
      clashes.map((r) => `rule id "${r.id}" is already a built-in rule; pick another id or disable the built-in one`),
    );
  }
  const all = config.extend === 'default' ? [...builtIn, ...custom] : [...custom];
  const disabled = new Set(config.disable);
  const known = new Set(all.flatMap((r) => [r.id, ...r.tags]));
  const unknownOverrides = Object.keys(config.severity).filter((id) => !all.some((r) => r.id === id));
  const unknownDisabled = config.disable.filter((id) => !known.has(id));
  if (unknownOverrides.length + unknownDisabled.length > 0) {
    throw new ConfigError(config.file ?? 'config', [
      ...unknownDisabled.map((id) => `disable: no rule or tag "${id}"`),
      ...unknownOverrides.map((id) => `severity: no rule "${id}"`),
    ]);
  }
  return all
    .filter((r) => !disabled.has(r.id) && !r.tags.some((t) => disabled.has(t)))
    .map((r) => (config.severity[r.id] ? { ...r, severity: config.severity[r.id]! } : r));
}
