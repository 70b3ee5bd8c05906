// Builds the per-thread BlobScanner from what WorkerInit carries.
import { createBlobAnalyzers } from '../analyzers/run-blob-analyzers.js';
import { createDetector } from '../detect/detect-text.js';
import type { BlobScanner } from './analyze-blob.js';
import type { WorkerInit } from './protocol.js';

export function createBlobScanner(init: WorkerInit): BlobScanner {
  return {
    detector: createDetector(init.rules),
    analyzers: createBlobAnalyzers(new Set(init.enabledAnalyzerRules)),
    genericRuleIds: new Set(init.rules.filter((r) => r.tags.includes('generic')).map((r) => r.id)),
  };
}
