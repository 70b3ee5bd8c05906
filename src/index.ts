// The library: `import { scan } from 'leakhound'`.
export { scan, DEFAULT_MAX_FILE_SIZE, type ScanOptions, type ScanProgress } from './scan.js';
export { loadRules, loadRuleSet, loadPathRules, parseRules, defaultPatternsDir } from './rules/load.js';
export { checkRules, checkPathRules } from './rules/check.js';
export { detectText, createDetector } from './detect/detect-text.js';
export { formatText } from './report/text.js';
export { formatJson, buildJsonReport, type JsonReport } from './report/json.js';
export { formatSarif, buildSarifLog } from './report/sarif.js';
export type { ReportMeta } from './report/meta.js';
export { loadConfig, parseConfig, type Config } from './config/load.js';
export { ConfigError, GitError, UsageError, LeakhoundError, EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR } from './errors.js';
export type * from './types.js';
export { VERSION } from './version.js';
export { assertStrongSecrets, WeakSecretError, type AssertStrongSecretsOptions } from './secrets/assert.js';
export { checkSecrets, type SecretsCheck, type WeakSecret } from './secrets/strength.js';
export { generateKey } from './secrets/generate.js';
