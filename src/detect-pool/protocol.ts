// Messages between the scan and its detection workers. Rules travel once (RegExps survive the
// structured clone; analyzers are code, so only the enabled rule ids travel); then each request
// is one blob's bytes, each reply its matches.
import type { InlineAllowOptions } from '../policy/inline-allow.js';
import type { Match, Rule } from '../types.js';

export interface WorkerInit {
  rules: Rule[];
  enabledAnalyzerRules: string[];
  /** Known default JWT secrets (patterns/jwt-known-secrets.txt), for the JWT analyzers. */
  knownJwtSecrets?: string[];
  /** Inline allow markers honoured (default: leakhound and gitleaks). */
  inlineAllow?: InlineAllowOptions;
  /** Levels of base64/hex/percent encoding the detector looks inside (default 2; 0: none). */
  decodeDepth?: number;
}

export interface DetectRequest {
  id: number;
  path: string;
  data: Uint8Array;
}

export type DetectReply =
  | { id: number; binary: true }
  | { id: number; binary: false; matches: Match[]; facts?: Match[] }
  | { id: number; error: string };
