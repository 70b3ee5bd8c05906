// `leakhound rules list` and `leakhound rules check`.
import { Command, Option } from 'commander';
import { EXIT_CLEAN, EXIT_ERROR } from '../errors.js';
import { checkPathRules, checkRules } from '../rules/check.js';
import { analyzerRules } from '../analyzers/index.js';
import { loadRuleSet } from '../rules/load.js';
import type { PathRule, Rule, RuleInfo } from '../types.js';

export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description('list or check the detection rules');

  rules
    .command('list')
    .description('list every rule: id, severity, name')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--patterns <dir>', 'rules folder (default: the built-in patterns/)')
    .action((flags: { format: 'text' | 'json'; patterns?: string }) => {
      const loaded = loadRuleSet(flags.patterns !== undefined ? { dir: flags.patterns } : {});
      const all: RuleInfo[] = [...loaded.rules, ...loaded.pathRules, ...analyzerRules()];
      if (flags.format === 'json') {
        const rows = all.map((r) => ({
          id: r.id,
          name: r.name,
          severity: r.severity,
          tags: r.tags,
          kind: 'regex' in r ? 'pattern' : 'pathRegex' in r ? 'path' : 'analyzer',
          ...('regex' in r ? { keywords: (r as Rule).keywords, source: (r as Rule).source } : {}),
          ...('pathRegex' in r ? { path: (r as PathRule).path, source: (r as PathRule).source } : {}),
        }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const width = Math.max(...all.map((r) => r.id.length));
      for (const r of all) process.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.name}\n`);
      process.stdout.write(`${all.length} rules\n`);
    });

  rules
    .command('check')
    .description('validate rules: unique ids, examples match, negative examples do not, no catastrophic backtracking')
    .option('--patterns <dir>', 'rules folder (default: the built-in patterns/)')
    .action((flags: { patterns?: string }) => {
      const loaded = loadRuleSet(flags.patterns !== undefined ? { dir: flags.patterns } : {});
      const all = [...loaded.rules, ...loaded.pathRules];
      const problems = [...checkRules(loaded.rules), ...checkPathRules(loaded.pathRules, loaded.rules)];
      for (const p of problems) process.stderr.write(`${p.source}: ${p.ruleId}: ${p.message}\n`);
      if (problems.length > 0) {
        process.stderr.write(`leakhound: ${problems.length} problem(s) in ${all.length} rules\n`);
        process.exitCode = EXIT_ERROR;
        return;
      }
      process.stdout.write(`${all.length} rules OK: examples match, negative examples do not, patterns are backtracking-safe\n`);
      process.exitCode = EXIT_CLEAN;
    });
}
