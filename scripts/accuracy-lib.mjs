// Scores the labelled accuracy corpus (fixtures/accuracy/) against a detector, line by line.
// labels.tsv names, for every scored line, the rule id that must flag it or `-` (must not be
// flagged); `~` marks lines that are not scored (the body of a multi-line key). A line counts as
// flagged when a finding starts on it. Pure apart from reading the corpus folder.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LABELS_FILE = 'labels.tsv';
export const TARGETS = { recall: 0.95, precision: 0.95 };

/** Reads the corpus: every file named in labels.tsv, with its labels by 1-based line. */
export function readCorpus(dir) {
  const labels = new Map();
  const text = readFileSync(join(dir, LABELS_FILE), 'utf8');
  for (const row of text.split('\n')) {
    if (row === '' || row.startsWith('#')) continue;
    const [file, line, label] = row.split('\t');
    if (!file || !line || !label) throw new Error(`${LABELS_FILE}: bad row "${row}"`);
    if (!labels.has(file)) labels.set(file, new Map());
    labels.get(file).set(Number(line), label);
  }
  return [...labels].map(([path, byLine]) => ({ path, text: readFileSync(join(dir, path), 'utf8'), labels: byLine }));
}

const ratio = (part, whole) => (whole === 0 ? 1 : part / whole);
const f1 = (recall, precision) => (recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision));

function emptyCounts() {
  return { positives: 0, truePositives: 0, falsePositives: 0, negatives: 0 };
}

function finish(counts) {
  const recall = ratio(counts.truePositives, counts.positives);
  const precision = ratio(counts.truePositives, counts.truePositives + counts.falsePositives);
  return { ...counts, recall, precision, f1: f1(recall, precision) };
}

/**
 * detect(text, path) returns matches ({ ruleId, line }); familyOf(ruleId) names the rule's family
 * (its patterns/ file). Overall: a labelled line is found when any rule flags it; a `-` line (or
 * an unlabelled one) that is flagged is a false positive. Per family: a line counts for the
 * family of its expected rule only when a rule of that family flags it, and a family's false
 * positives are the lines it flags that were expected from another family or from none.
 */
export function scoreCorpus(corpus, detect, familyOf) {
  const overall = emptyCounts();
  const families = new Map();
  const familyCounts = (family) => {
    if (!families.has(family)) families.set(family, emptyCounts());
    return families.get(family);
  };
  const misses = [];
  const falseAlarms = [];
  for (const file of corpus) {
    const flaggedBy = new Map();
    for (const match of detect(file.text, file.path)) {
      if (!flaggedBy.has(match.line)) flaggedBy.set(match.line, new Set());
      flaggedBy.get(match.line).add(familyOf(match.ruleId));
    }
    for (const [line, label] of file.labels) {
      if (label === '~') continue;
      const found = flaggedBy.get(line) ?? new Set();
      if (label === '-') {
        overall.negatives++;
        if (found.size > 0) {
          overall.falsePositives++;
          falseAlarms.push({ path: file.path, line, families: [...found] });
        }
        for (const family of found) familyCounts(family).falsePositives++;
        continue;
      }
      const expected = familyOf(label);
      overall.positives++;
      if (found.size > 0) overall.truePositives++;
      const counts = familyCounts(expected);
      counts.positives++;
      if (found.has(expected)) counts.truePositives++;
      else misses.push({ path: file.path, line, expected: label, found: [...found] });
      for (const family of found) if (family !== expected) familyCounts(family).falsePositives++;
    }
    // a finding on a line the corpus does not label at all is a false alarm too
    for (const [line, found] of flaggedBy) {
      if (file.labels.has(line)) continue;
      overall.falsePositives++;
      falseAlarms.push({ path: file.path, line, families: [...found] });
      for (const family of found) familyCounts(family).falsePositives++;
    }
  }
  const byFamily = [...families].sort(([a], [b]) => (a < b ? -1 : 1)).map(([family, counts]) => ({ family, ...finish(counts) }));
  const totals = finish(overall);
  return {
    overall: totals,
    byFamily,
    misses,
    falseAlarms,
    files: corpus.length,
    meetsTargets: totals.recall >= TARGETS.recall && totals.precision >= TARGETS.precision,
  };
}

const pct = (value) => value.toFixed(3);

/** The report as text: totals, then one row per family. */
export function formatReport(report) {
  const { overall } = report;
  const lines = [
    `accuracy corpus: ${report.files} files, ${overall.positives} lines to flag, ${overall.negatives} lines not to flag`,
    `overall  recall ${pct(overall.recall)}  precision ${pct(overall.precision)}  F1 ${pct(overall.f1)}  (TP ${overall.truePositives}, FN ${overall.positives - overall.truePositives}, FP ${overall.falsePositives})`,
    `targets  recall >= ${TARGETS.recall}, precision >= ${TARGETS.precision}: ${report.meetsTargets ? 'met' : 'NOT met'}`,
    '',
    `${'family'.padEnd(20)} ${'lines'.padStart(5)} ${'TP'.padStart(4)} ${'FN'.padStart(4)} ${'FP'.padStart(4)}  recall  precision  F1`,
  ];
  for (const row of report.byFamily) {
    lines.push(
      `${row.family.padEnd(20)} ${String(row.positives).padStart(5)} ${String(row.truePositives).padStart(4)} ${String(row.positives - row.truePositives).padStart(4)} ${String(row.falsePositives).padStart(4)}  ${pct(row.recall)}   ${pct(row.precision)}    ${pct(row.f1)}`,
    );
  }
  if (report.misses.length > 0) {
    lines.push('', 'missed (file:line expected rule -> families that fired):');
    for (const miss of report.misses) lines.push(`  ${miss.path}:${miss.line} ${miss.expected} -> ${miss.found.join(', ') || 'nothing'}`);
  }
  if (report.falseAlarms.length > 0) {
    lines.push('', 'false alarms (file:line -> families):');
    for (const alarm of report.falseAlarms) lines.push(`  ${alarm.path}:${alarm.line} -> ${alarm.families.join(', ')}`);
  }
  return lines.join('\n');
}
