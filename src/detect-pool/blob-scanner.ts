// Builds the per-thread BlobScanner from what WorkerInit carries.
import { BLOB_ANALYZERS, FACT_EXTRACTORS } from '../analyzers/index.js';
import { createBlobAnalyzers } from '../analyzers/run-blob-analyzers.js';
import { createDetector } from '../detect/detect-text.js';
import type { BlobScanner } from './analyze-blob.js';
import type { WorkerInit } from './protocol.js';

export function createBlobScanner(init: WorkerInit): BlobScanner {
  const analyzers = createBlobAnalyzers(new Set(init.enabledAnalyzerRules), BLOB_ANALYZERS, {
    knownJwtSecrets: new Set(init.knownJwtSecrets ?? []),
  });
  const extractors = FACT_EXTRACTORS.filter((e) => e.feeds.some((id) => init.enabledAnalyzerRules.includes(id)));
  const words = [...new Set([...analyzers.words, ...extractors.flatMap((e) => e.words ?? [])])];
  return {
    // one keyword pass per blob serves the rules and the analyzers' words
    detector: createDetector(init.rules, { ...(init.decodeDepth !== undefined ? { decodeDepth: init.decodeDepth } : {}), extraWords: words }),
    analyzers,
    genericRuleIds: new Set(
      [...init.rules, ...BLOB_ANALYZERS.flatMap((a) => a.rules)].filter((r) => r.tags.includes('generic')).map((r) => r.id),
    ),
    ...(init.inlineAllow ? { inlineAllow: init.inlineAllow } : {}),
    extractors,
  };
}
