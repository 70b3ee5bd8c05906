// Types of scripts/accuracy-lib.mjs, for the vitest test that runs the corpus.
export interface CorpusFile {
  path: string;
  text: string;
  labels: Map<number, string>;
}
export interface Counts {
  positives: number;
  truePositives: number;
  falsePositives: number;
  negatives: number;
  recall: number;
  precision: number;
  f1: number;
}
export interface AccuracyReport {
  overall: Counts;
  byFamily: Array<Counts & { family: string }>;
  misses: Array<{ path: string; line: number; expected: string; found: string[] }>;
  falseAlarms: Array<{ path: string; line: number; families: string[] }>;
  files: number;
  meetsTargets: boolean;
}
export declare const LABELS_FILE: string;
export declare const TARGETS: { recall: number; precision: number };
export declare function readCorpus(dir: string): CorpusFile[];
export declare function scoreCorpus(
  corpus: CorpusFile[],
  detect: (text: string, path: string) => Array<{ ruleId: string; line: number }>,
  familyOf: (ruleId: string) => string,
): AccuracyReport;
export declare function formatReport(report: AccuracyReport): string;
