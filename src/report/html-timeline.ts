// The timeline of the HTML report, as data: one bar per finding from the author date of its
// first occurrence to that of its last, on a shared axis. The page's script draws it. A finding
// never committed (only on disk, staged or stdin) has no dates and so no bar.
import type { CommitInfo, Finding } from '../types.js';
import { dayOf } from './wording.js';

/** One end of a bar: the commit, and its author date in ms since the epoch. */
export interface TimelineEnd {
  time: number;
  commit: CommitInfo;
}

/** A finding's exposure in time; `index` is its position in `ScanResult.findings`. */
export interface TimelineSpan {
  index: number;
  finding: Finding;
  first: TimelineEnd;
  last: TimelineEnd;
}

/** A bar placed on the axis: percentages of the axis width, and the date labels of its ends. */
export interface TimelineBar {
  span: TimelineSpan;
  left: number;
  width: number;
  from: string;
  to: string;
}

export interface TimelineLayout {
  /** Axis labels at percentages of the width. */
  ticks: { at: number; label: string }[];
  bars: TimelineBar[];
}

const TICKS = 4;
const DAY_MS = 86_400_000;

/** Spans of the findings seen in commits, ordered by first then last date (then as given). */
export function timelineSpans(findings: readonly Finding[]): TimelineSpan[] {
  const spans: TimelineSpan[] = [];
  findings.forEach((finding, index) => {
    let first: TimelineEnd | undefined;
    let last: TimelineEnd | undefined;
    // Occurrences come oldest first by commit order, but author dates can disagree with that
    // order (rebases, wrong clocks): the bar spans the earliest to the latest date.
    for (const o of finding.occurrences) {
      if (o.commit === null) continue;
      const time = Date.parse(o.commit.authorDate);
      if (Number.isNaN(time)) continue;
      if (first === undefined || time < first.time) first = { time, commit: o.commit };
      if (last === undefined || time >= last.time) last = { time, commit: o.commit };
    }
    if (first && last) spans.push({ index, finding, first, last });
  });
  return spans.sort((a, b) => a.first.time - b.first.time || a.last.time - b.last.time || a.index - b.index);
}

/** Places the spans on one axis from the earliest first date to the latest last date. */
export function layoutTimeline(spans: readonly TimelineSpan[]): TimelineLayout {
  if (spans.length === 0) return { ticks: [], bars: [] };
  const min = Math.min(...spans.map((s) => s.first.time));
  const max = Math.max(...spans.map((s) => s.last.time));
  const range = max - min;
  const at = (time: number): number => (range === 0 ? 0 : ((time - min) / range) * 100);
  const label = (time: number): string => dateLabel(time, range);
  const ticks = Array.from({ length: range === 0 ? 1 : TICKS }, (_, i) => {
    const time = min + (range * i) / (TICKS - 1);
    // Minute labels are long: after the first, drop the year so neighbours do not collide.
    const text = label(time);
    return { at: round(at(time)), label: i > 0 && range < 3 * DAY_MS ? text.slice(5) : text };
  });
  const bars = spans.map((span) => ({
    span,
    left: round(at(span.first.time)),
    width: round(at(span.last.time) - at(span.first.time)),
    from: label(span.first.time),
    to: label(span.last.time),
  }));
  return { ticks, bars };
}

/** A UTC date for the axis and the ends: days for long spans, minutes when all is within days. */
function dateLabel(time: number, range: number): string {
  const iso = new Date(time).toISOString();
  return range < 3 * DAY_MS ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : dayOf(iso);
}

function round(pct: number): number {
  return Math.round(pct * 100) / 100;
}
