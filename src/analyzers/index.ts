// The analyzers leakhound runs. Adding one: implement BlobAnalyzer or FindingsAnalyzer in its own
// file and list it here; its rules then appear in `rules list`, SARIF and config like any other.
import type { RuleInfo } from '../types.js';
import type { BlobAnalyzer, FactExtractor, FindingsAnalyzer } from './analyzer.js';
import { jwtCrossFileFacts } from './jwt-cross-file.js';
import { JWT_BLOB_ANALYZERS, JWT_FINDINGS_ANALYZERS } from './jwt-analyzers.js';
import { envFileAnalyzer } from './env-file.js';
import { terraformStateAnalyzer } from './terraform-state.js';
import { credentialsJsonAnalyzer } from './credentials-json.js';
import { ENV_FILE_COMMITTED } from './env-committed.js';
import { GITIGNORE_RULES } from './gitignore.js';

export const BLOB_ANALYZERS: readonly BlobAnalyzer[] = [...JWT_BLOB_ANALYZERS, envFileAnalyzer, terraformStateAnalyzer, credentialsJsonAnalyzer];

export const FINDINGS_ANALYZERS: readonly FindingsAnalyzer[] = [...JWT_FINDINGS_ANALYZERS];

/** Cross-file checks' per-blob halves (their rules are declared by the analyzers above). */
export const FACT_EXTRACTORS: readonly FactExtractor[] = [jwtCrossFileFacts];

/** The rules every analyzer declares. */
export function analyzerRules(): RuleInfo[] {
  return [...[...BLOB_ANALYZERS, ...FINDINGS_ANALYZERS].flatMap((a) => [...a.rules]), ...REPO_CHECK_RULES];
}

/** Rules of the repo-level checks scan.ts runs after the walk (env files, .gitignore coverage). */
export const REPO_CHECK_RULES: readonly RuleInfo[] = [ENV_FILE_COMMITTED, ...GITIGNORE_RULES];
