// Runs the blob analyzers that report at least one enabled rule, keeping only enabled rules'
// matches. Pure; used by the detector in-thread and in workers.
import type { Match } from '../types.js';
import type { AnalyzerData, BlobAnalyzer, WordHits } from './analyzer.js';
import { BLOB_ANALYZERS } from './index.js';
import { lookUpWords } from './text-search.js';

export interface BlobAnalyzers {
  /** The words the active analyzers look for: build the detector's keyword pass with them. */
  readonly words: readonly string[];
  /** `hits`: the text's keyword scan (which must include `words`); looked up on demand if absent. */
  run(text: string, path: string, hits?: WordHits): Match[];
}

export function createBlobAnalyzers(
  enabledRuleIds: ReadonlySet<string>,
  all: readonly BlobAnalyzer[] = BLOB_ANALYZERS,
  data?: AnalyzerData,
): BlobAnalyzers {
  const active = all.filter((a) => a.rules.some((r) => enabledRuleIds.has(r.id)));
  return {
    words: [...new Set(active.flatMap((a) => a.words ?? []))],
    run(text, path, hits = lookUpWords(text)) {
      const out: Match[] = [];
      for (const analyzer of active) {
        if (!analyzer.applies(path, text, hits)) continue;
        for (const match of analyzer.analyze(text, path, data, hits)) if (enabledRuleIds.has(match.ruleId)) out.push(match);
      }
      return out;
    },
  };
}
