// Units and tables for the bench output. MB = 10^6 bytes (throughput, like disk vendors and
// most scanners' benchmarks); memory is in MiB = 2^20 bytes, as the kernel reports RSS in KiB.

export const MB = 1e6;

export const fmt = {
  mb: (bytes) => `${(bytes / MB).toFixed(1)} MB`,
  mbps: (bytes, ms) => `${(bytes / MB / (ms / 1000)).toFixed(1)} MB/s`,
  perSecond: (count, ms, unit) => `${Math.round(count / (ms / 1000)).toLocaleString('en-US')} ${unit}/s`,
  seconds: (ms) => `${(ms / 1000).toFixed(2)} s`,
  mibFromKiB: (kib) => `${(kib / 1024).toFixed(1)} MiB`,
  count: (n, unit = '') => `${n.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`,
  ratio: (a, b) => `${(a / b).toFixed(2)}x`,
};

/** Label/value lines, labels padded to one column. */
export function keyValues(pairs, indent = '  ') {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`).join('\n');
}

/** A plain-text table; the first column left-aligned, the others right-aligned (numbers). */
export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The most frequent rules as `id count`, for spotting a noisy rule at a glance. */
export function topRules(byRule, limit = 6) {
  const entries = Object.entries(byRule ?? {});
  if (entries.length === 0) return 'none';
  const shown = entries.slice(0, limit).map(([id, n]) => `${id} ${n}`).join(', ');
  return entries.length > limit ? `${shown}, ... (${entries.length} rules)` : shown;
}
