// Builds the per-thread BlobScanner from what WorkerInit carries.
import { BLOB_ANALYZERS } from '../analyzers/index.js';
import { createBlobAnalyzers } from '../analyzers/run-blob-analyzers.js';
import { createDetector } from '../detect/detect-text.js';
import type { BlobScanner } from './analyze-blob.js';
import type { WorkerInit } from './protocol.js';

export function createBlobScanner(init: WorkerInit): BlobScanner {
  return {
    detector: createDetector(init.rules),
    analyzers: createBlobAnalyzers(new Set(init.enabledAnalyzerRules), BLOB_ANALYZERS, {
      knownJwtSecrets: new Set(init.knownJwtSecrets ?? []),
    }),
    genericRuleIds: new Set(
      [...init.rules, ...BLOB_ANALYZERS.flatMap((a) => a.rules)].filter((r) => r.tags.includes('generic')).map((r) => r.id),
    ),
    ...(init.inlineAllow ? { inlineAllow: init.inlineAllow } : {}),
  };
}
