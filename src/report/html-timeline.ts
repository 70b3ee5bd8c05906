// The timeline of the HTML report: one bar per finding from the author date of its first
// occurrence to that of its last, on a shared time axis, coloured by status. A finding never
// committed (only on disk, staged or stdin) has no dates and so no bar; the caller says so.
import type { CommitInfo, Finding } from '../types.js';
import { h } from './html-escape.js';
import { dayOf, shortSha } from './wording.js';

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

const TICKS = 5;
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

/** The markup of the timeline section's body: axis, legend-free rows (the page has the legend). */
export function timelineHtml(spans: readonly TimelineSpan[]): string {
  if (spans.length === 0) return '';
  const min = Math.min(...spans.map((s) => s.first.time));
  const max = Math.max(...spans.map((s) => s.last.time));
  const range = max - min;
  const at = (time: number): number => (range === 0 ? 0 : ((time - min) / range) * 100);
  const label = (time: number): string => dateLabel(time, range);
  const ticks = Array.from({ length: TICKS }, (_, i) => {
    const pct = (i / (TICKS - 1)) * 100;
    const time = min + (range * i) / (TICKS - 1);
    // The last tick is anchored at its right edge so it stays inside the track.
    return `<span class="tk${i === TICKS - 1 ? ' tk-end' : ''}" style="left:${pct}%">${label(time)}</span>`;
  }).join('');
  const rows = spans.map((s) => timelineRow(s, at, label)).join('');
  return (
    `<div class="tl-axis" aria-hidden="true"><span></span><span></span><span class="tl-ticks">${ticks}</span><span></span></div>` +
    `<div class="tl" role="list">${rows}</div>`
  );
}

function timelineRow(s: TimelineSpan, at: (time: number) => number, label: (time: number) => string): string {
  const f = s.finding;
  const left = round(at(s.first.time));
  const width = round(at(s.last.time) - at(s.first.time));
  const path = f.occurrences[0]?.path ?? '';
  const from = label(s.first.time);
  const to = label(s.last.time);
  const span = from === to ? `on ${from}` : `from ${from} to ${to}`;
  return (
    `<div class="tr" role="listitem" data-fid="${s.index}">` +
    `<a class="tn" href="#f-${s.index}">${h(f.ruleName)}<small>${h(path)}</small></a>` +
    endHtml('te1', s.first, from) +
    `<span class="tt"><span class="bar b-${f.status}" style="left:${left}%;width:${width}%" role="img" ` +
    `aria-label="${f.status} ${span}, ${f.occurrences.length} occurrence${f.occurrences.length === 1 ? '' : 's'}"></span></span>` +
    endHtml('te2', s.last, to) +
    `</div>`
  );
}

function endHtml(cls: string, end: TimelineEnd, date: string): string {
  const c = end.commit;
  return (
    `<span class="${cls}" title="${h(`${c.sha} ${c.authorName} <${c.authorEmail}> ${c.authorDate}`)}">` +
    `<code>${h(shortSha(c.sha))}</code> ${h(c.authorName)}<small>${h(date)}</small></span>`
  );
}

/** A date for the axis and ends: days for long spans, minutes when everything is within days. */
function dateLabel(time: number, range: number): string {
  const iso = new Date(time).toISOString();
  return range < 3 * DAY_MS ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : dayOf(iso);
}

function round(pct: number): number {
  return Math.round(pct * 100) / 100;
}
