// One blob's bytes -> matches, or "binary". The unit of work a detection worker (or the scan
// itself, when it runs without workers) performs.
import type { Detector } from '../detect/detect-text.js';
import { decodeBlob } from '../sources/decode.js';
import type { Match } from '../types.js';

export type BlobVerdict = { binary: true } | { binary: false; matches: Match[] };

export function analyzeBlob(detector: Detector, data: Buffer, path: string): BlobVerdict {
  const decoded = decodeBlob(data);
  if (decoded.kind === 'binary') return { binary: true };
  return { binary: false, matches: detector.detect(decoded.text, { path }) };
}
