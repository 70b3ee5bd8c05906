// The reporters by format name, for the CLI's --format and the library API.
import type { ScanResult } from '../types.js';
import { formatJson } from './json.js';
import type { ReportMeta } from './meta.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export type Reporter = (result: ScanResult, meta: ReportMeta) => string;
export type ReportFormat = 'text' | 'json' | 'sarif';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif'];

export const reporters: Readonly<Record<ReportFormat, Reporter>> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
};

export { formatJson, buildJsonReport, type JsonReport, type JsonFinding, type JsonOccurrence, type JsonSummary } from './json.js';
export { formatSarif, buildSarifLog, type SarifLog } from './sarif.js';
export { formatText } from './text.js';
export type { ReportMeta } from './meta.js';
