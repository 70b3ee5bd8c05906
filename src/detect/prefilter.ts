// The keyword gate: decides which rules can possibly fire on a text before any rule regex runs.
// All keywords are folded into one alternation so a text without any of them costs one regex
// pass over its lower-cased form, however many rules there are.

import type { Rule } from '../types.js';

export interface Prefilter {
  /** Rules whose keywords occur in the text (plus rules without keywords), in rule order. */
  candidates(text: string): Rule[];
}

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createPrefilter(rules: readonly Rule[]): Prefilter {
  const alwaysRun = new Set<Rule>(rules.filter((rule) => rule.keywords.length === 0));
  const rulesByKeyword = new Map<string, Rule[]>();
  for (const rule of rules) {
    for (const keyword of rule.keywords) {
      const list = rulesByKeyword.get(keyword) ?? [];
      if (!list.includes(rule)) list.push(rule);
      rulesByKeyword.set(keyword, list);
    }
  }
  // Longest first, so that where keywords overlap the longer (more specific) one is reported
  // and the shorter one is still found at its own later occurrences.
  const keywords = [...rulesByKeyword.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const source = keywords.map(escapeRegex).join('|');
  const order = new Map(rules.map((rule, index) => [rule, index]));

  return {
    candidates(text: string): Rule[] {
      if (keywords.length === 0) return [...alwaysRun];
      const found = new Set<Rule>(alwaysRun);
      // A fresh regex per call keeps the detector free of shared lastIndex state.
      const gate = new RegExp(source, 'g');
      const lower = text.toLowerCase();
      const seenKeywords = new Set<string>();
      let hit: RegExpExecArray | null;
      while ((hit = gate.exec(lower)) !== null) {
        const keyword = hit[0];
        // Resume one char later, not after the hit: a keyword may overlap the hit's tail.
        gate.lastIndex = hit.index + 1;
        if (seenKeywords.has(keyword)) continue;
        seenKeywords.add(keyword);
        for (const rule of rulesByKeyword.get(keyword)!) found.add(rule);
        // Overlapping shorter keywords inside this hit (e.g. `pass` in `password`).
        for (const other of keywords) {
          if (other.length < keyword.length && !seenKeywords.has(other) && keyword.includes(other)) {
            seenKeywords.add(other);
            for (const rule of rulesByKeyword.get(other)!) found.add(rule);
          }
        }
        if (found.size === rules.length || seenKeywords.size === keywords.length) break;
      }
      return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
    },
  };
}
