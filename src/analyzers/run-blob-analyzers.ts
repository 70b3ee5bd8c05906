// Runs the blob analyzers that report at least one enabled rule, keeping only enabled rules'
// matches. Pure; used by the detector in-thread and in workers.
import type { Match } from '../types.js';
import type { AnalyzerData, BlobAnalyzer } from './analyzer.js';
import { BLOB_ANALYZERS } from './index.js';

export interface BlobAnalyzers {
  run(text: string, path: string): Match[];
}

export function createBlobAnalyzers(
  enabledRuleIds: ReadonlySet<string>,
  all: readonly BlobAnalyzer[] = BLOB_ANALYZERS,
  data?: AnalyzerData,
): BlobAnalyzers {
  const active = all.filter((a) => a.rules.some((r) => enabledRuleIds.has(r.id)));
  return {
    run(text, path) {
      const out: Match[] = [];
      for (const analyzer of active) {
        if (!analyzer.applies(path, text)) continue;
        for (const match of analyzer.analyze(text, path, data)) if (enabledRuleIds.has(match.ruleId)) out.push(match);
      }
      return out;
    },
  };
}
