// `leakhound rules check`: what a rule must satisfy beyond loading. Unique ids, examples that
// really match through the detector, negative examples that really do not, and a pattern that
// stays linear on hostile input (a scanner must not hang on a crafted file).

import type { PathRule, Rule } from '../types.js';
import { pathRuleMatches } from '../detect/path-rules.js';
import { detectText } from '../detect/detect-text.js';

export interface RuleProblem {
  ruleId: string;
  source: string;
  message: string;
}

/** A rule is too slow when one adversarial input of ~100 KB takes longer than this. */
export const BACKTRACKING_LIMIT_MS = 250;
const ADVERSARIAL_SIZE = 100_000;
/** Grow inputs step by step: an exponential pattern trips on 28 chars, a quadratic one on 20 KB. */
const SIZES = [28, 2_000, 20_000, ADVERSARIAL_SIZE] as const;

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / Math.max(1, unit.length)))).slice(0, size);
}

/** Punctuation the pattern mentions: the characters its classes and literals can consume. */
function patternPunctuation(pattern: string): string[] {
  const candidates = `-_./+=:@$~!%&*,;#?|'"\`<>()[]{} \t`;
  return [...candidates].filter((ch) => pattern.includes(ch));
}

/** Inputs built from a rule's own keywords and character classes (prefix + run with no end). */
export function adversarialInputs(rule: Rule, size: number = ADVERSARIAL_SIZE): string[] {
  const caseFolded = rule.regex.flags.includes('i');
  const seeds = new Set<string>();
  for (const keyword of rule.keywords.slice(0, 3)) {
    seeds.add(keyword);
    if (!caseFolded) seeds.add(keyword.toUpperCase());
  }
  if (seeds.size === 0) seeds.add('');
  const runs = ['aZ0', 'a', 'A', '0', 'f', ' ', '=', '"', "'", '\n', ...patternPunctuation(rule.pattern)];
  const inputs: string[] = [];
  for (const seed of seeds) {
    inputs.push(repeatTo(seed, size));
    inputs.push(repeatTo(`${seed}aZ0`, size));
    inputs.push(repeatTo(`${seed} = "aZ0aZ0aZ0aZ0aZ0aZ0\n`, size));
    inputs.push(repeatTo(`${seed}:${seed}@${seed}.`, size));
    for (const run of new Set(runs)) inputs.push(seed + repeatTo(run, size - seed.length));
    inputs.push(seed + repeatTo('aZ0-_./+=', size - seed.length));
  }
  for (const example of rule.examples.slice(0, 2)) {
    // Near misses in bulk: every copy lacks its last character.
    inputs.push(repeatTo(`${example.slice(0, -1)} `, size));
  }
  return inputs;
}

function timeRegex(regex: RegExp, input: string): number {
  const started = performance.now();
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(input)) !== null) {
    if (match[0].length === 0) regex.lastIndex++;
  }
  regex.lastIndex = 0;
  return performance.now() - started;
}

/** Milliseconds of the slowest adversarial input, or undefined when all stay under the limit. */
function slowestInput(rule: Rule): { ms: number; size: number } | undefined {
  for (const size of SIZES) {
    // Scale the limit with the size: a linear pattern fits, a quadratic one trips early.
    const limit = (BACKTRACKING_LIMIT_MS * size) / ADVERSARIAL_SIZE;
    for (const input of adversarialInputs(rule, size)) {
      // A shared machine stalls now and then: a slow input (short of a second) is timed again and
      // only counts if it is slow every time, as a catastrophic pattern always is.
      let ms = timeRegex(rule.regex, input);
      for (let retry = 0; retry < 2 && ms > Math.max(limit, 5) && ms < 1000; retry++) {
        ms = Math.min(ms, timeRegex(rule.regex, input));
      }
      if (ms > Math.max(limit, 5) && (size === ADVERSARIAL_SIZE || ms > 20)) return { ms, size };
    }
  }
  return undefined;
}

function checkExamples(rule: Rule, say: (message: string) => void): void {
  if (rule.examples.length === 0) say('has no examples');
  if (rule.negativeExamples.length === 0) say('has no negative examples');
  rule.examples.forEach((example, index) => {
    if (!detectText(example, [rule]).some((match) => match.ruleId === rule.id)) {
      say(`example #${index + 1} does not match`);
    }
  });
  rule.negativeExamples.forEach((example, index) => {
    if (detectText(example, [rule]).some((match) => match.ruleId === rule.id)) {
      say(`negative example #${index + 1} matches`);
    }
  });
}

/**
 * For each rule in turn, the function that records its problems, having recorded the first one
 * already: an id another rule (of `earlier`, or checked before) has too.
 */
function problemsOfEach(problems: RuleProblem[], earlier: readonly { id: string; source: string }[] = []) {
  const firstSource = new Map<string, string>(earlier.map((r) => [r.id, r.source]));
  return (rule: { id: string; source: string }) => {
    const say = (message: string): void => {
      problems.push({ ruleId: rule.id, source: rule.source, message });
    };
    const first = firstSource.get(rule.id);
    if (first !== undefined) say(`duplicate id (also in ${first})`);
    else firstSource.set(rule.id, rule.source);
    return say;
  };
}

/** Every problem of every rule; empty when the rule set is fit to ship. */
export function checkRules(rules: readonly Rule[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const sayFor = problemsOfEach(problems);
  for (const rule of rules) {
    const say = sayFor(rule);
    checkExamples(rule, say);
    const slow = slowestInput(rule);
    if (slow) {
      say(`pattern may backtrack catastrophically: ${slow.ms.toFixed(0)} ms on a crafted ${Math.round(slow.size / 1000)} KB input`);
    }
  }
  return problems;
}

/** Hostile paths for a path regex: long runs of path characters, with and without the example's tail. */
function adversarialPaths(rule: PathRule): string[] {
  const runs = ['a', '/', '.', 'a/', 'a.', '_', '-', 'id_', '.p12', 'a/.ssh/'];
  const inputs = runs.map((run) => repeatTo(run, ADVERSARIAL_SIZE));
  for (const example of rule.examples.slice(0, 2)) inputs.push(repeatTo(`${example}/`, ADVERSARIAL_SIZE), repeatTo(example.slice(0, -1), ADVERSARIAL_SIZE));
  return inputs;
}

/**
 * Every problem of every path rule: example paths that do not match, negative ones that do,
 * duplicate ids (also against pattern rules) and a path regex that is slow on a 100 KB path.
 */
export function checkPathRules(rules: readonly PathRule[], patternRules: readonly Rule[] = []): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const sayFor = problemsOfEach(problems, patternRules);
  for (const rule of rules) {
    const say = sayFor(rule);
    if (rule.examples.length === 0) say('has no examples');
    if (rule.negativeExamples.length === 0) say('has no negative examples');
    rule.examples.forEach((path, index) => {
      if (!pathRuleMatches(rule, path)) say(`example path #${index + 1} does not match`);
    });
    rule.negativeExamples.forEach((path, index) => {
      if (pathRuleMatches(rule, path)) say(`negative example path #${index + 1} matches`);
    });
    for (const input of adversarialPaths(rule)) {
      const started = performance.now();
      pathRuleMatches(rule, input);
      const ms = performance.now() - started;
      if (ms > BACKTRACKING_LIMIT_MS) {
        say(`path regex may backtrack catastrophically: ${ms.toFixed(0)} ms on a crafted 100 KB path`);
        break;
      }
    }
  }
  return problems;
}
