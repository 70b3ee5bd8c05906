// Messages between the scan and its detection workers. Rules travel once (RegExps survive the
// structured clone; analyzers are code, so only the enabled rule ids travel); then each request
// is one blob's bytes, each reply its matches.
import type { Match, Rule } from '../types.js';

export interface WorkerInit {
  rules: Rule[];
  enabledAnalyzerRules: string[];
}

export interface DetectRequest {
  id: number;
  path: string;
  data: Uint8Array;
}

export type DetectReply = { id: number; binary: true } | { id: number; binary: false; matches: Match[] } | { id: number; error: string };
