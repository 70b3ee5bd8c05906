// A progress line on stderr for people at a terminal: only on a TTY, only after the first
// second, erased when the scan ends. Never part of a report.
import type { ScanProgress } from '../scan.js';

const SHOW_AFTER_MS = 1000;

export interface ProgressLine {
  update(progress: ScanProgress): void;
  clear(): void;
}

export function createProgressLine(stream: NodeJS.WriteStream, enabled: boolean): ProgressLine {
  let shown = false;
  if (!enabled || !stream.isTTY) return { update() {}, clear() {} };
  return {
    update(p) {
      if (p.elapsedMs < SHOW_AFTER_MS) return;
      const mb = p.bytesScanned / (1024 * 1024);
      const rate = mb / (p.elapsedMs / 1000);
      const commits = p.commitsScanned > 0 ? `, ${p.commitsScanned} commits` : '';
      stream.write(`\r\x1b[2Kscanning: ${p.filesScanned} files, ${mb.toFixed(1)} MB (${rate.toFixed(1)} MB/s)${commits}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
