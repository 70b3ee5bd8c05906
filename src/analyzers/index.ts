// The analyzers leakhound runs. Adding one: implement BlobAnalyzer or FindingsAnalyzer in its own
// file and list it here; its rules then appear in `rules list`, SARIF and config like any other.
import type { RuleInfo } from '../types.js';
import type { BlobAnalyzer, FindingsAnalyzer } from './analyzer.js';

export const BLOB_ANALYZERS: readonly BlobAnalyzer[] = [];

export const FINDINGS_ANALYZERS: readonly FindingsAnalyzer[] = [];

/** The rules every analyzer declares. */
export function analyzerRules(): RuleInfo[] {
  return [...BLOB_ANALYZERS, ...FINDINGS_ANALYZERS].flatMap((a) => [...a.rules]);
}
