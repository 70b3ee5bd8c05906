import { describe, expect, it } from 'vitest';
import { redactResult } from '../src/policy/redact.js';
import { buildJsonReport, formatJson, type JsonReport } from '../src/report/json.js';
import { sampleHistoryResult, sampleWorktreeResult } from './helpers/sample-result.js';

const meta = { toolVersion: '0.1.0', color: true, now: new Date('2024-05-01T12:00:00Z') };

describe('json report', () => {
  it('history scan', async () => {
    await expect(formatJson(redactResult(sampleHistoryResult()), meta)).toMatchFileSnapshot('__snapshots__/report-json.history.json');
  });

  it('working-tree scan', async () => {
    await expect(formatJson(redactResult(sampleWorktreeResult()), meta)).toMatchFileSnapshot('__snapshots__/report-json.worktree.json');
  });

  it('is 2-space pretty JSON with a trailing newline, equal to buildJsonReport', () => {
    const result = redactResult(sampleHistoryResult());
    const out = formatJson(result, meta);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n')[1]).toBe('  "version": 1,');
    expect(JSON.parse(out)).toEqual(buildJsonReport(result, meta));
  });

  it('keeps the contract names, and nothing else, at every level', () => {
    const doc = JSON.parse(formatJson(redactResult(sampleHistoryResult()), meta)) as JsonReport;
    expect(Object.keys(doc)).toEqual(['version', 'tool', 'scan', 'findings', 'summary']);
    expect(doc.version).toBe(1);
    expect(doc.tool).toEqual({ name: 'leakhound', version: '0.1.0' });
    expect(doc.scan).toEqual({ target: '/home/dev/projects/shop', mode: 'history' });
    const finding = doc.findings.find((f) => f.ruleId === 'jwt.weak-secret')!;
    expect(Object.keys(finding)).toEqual([
      'id', 'ruleId', 'ruleName', 'severity', 'status', 'secret', 'path', 'line', 'column', 'commit', 'tags', 'occurrences', 'details',
    ]);
    expect(Object.keys(finding.occurrences[0]!)).toEqual(['path', 'line', 'column', 'endLine', 'endColumn', 'commit', 'source']);
    expect(Object.keys(finding.occurrences[0]!.commit!)).toEqual(['sha', 'authorName', 'authorEmail', 'authorDate']);
    expect(Object.keys(doc.summary)).toEqual([
      'findings', 'bySeverity', 'byStatus', 'filesScanned', 'blobsScanned', 'blobsDeduplicated', 'bytesScanned',
      'commitsScanned', 'skipped', 'skippedCounts', 'errors', 'complete', 'notes', 'durationMs',
    ]);
    expect(doc.findings.find((f) => f.ruleId === 'github.pat')).not.toHaveProperty('details');
  });

  it('puts the first occurrence at the top of each finding', () => {
    const result = redactResult(sampleHistoryResult());
    const doc = buildJsonReport(result, meta);
    for (const [i, f] of doc.findings.entries()) {
      const first = result.findings[i]!.occurrences[0]!;
      expect([f.path, f.line, f.column, f.commit]).toEqual([first.path, first.line, first.column, first.commit!.sha]);
    }
    const pat = doc.findings.find((f) => f.ruleId === 'github.pat')!;
    expect(pat.occurrences.map((o) => o.commit?.sha)).toEqual(
      result.findings.find((f) => f.ruleId === 'github.pat')!.occurrences.map((o) => o.commit?.sha),
    );
  });

  it('writes commit null for files on disk', () => {
    const doc = buildJsonReport(redactResult(sampleWorktreeResult()), meta);
    expect(doc.findings.length).toBeGreaterThan(0);
    for (const f of doc.findings) {
      expect(f.commit).toBeNull();
      for (const o of f.occurrences) expect(o).toMatchObject({ commit: null, source: 'worktree' });
    }
  });

  it('carries the summary through: counts, skips, errors, completeness', () => {
    const result = sampleHistoryResult();
    const doc = buildJsonReport(result, meta);
    expect(doc.summary.findings).toBe(result.findings.length);
    expect(doc.summary.bySeverity).toEqual(result.summary.bySeverity);
    expect(doc.summary.skipped).toEqual(result.summary.skipped);
    expect(doc.summary.skippedCounts).toEqual(result.summary.skippedCounts);
    expect(doc.summary.errors).toEqual(result.summary.errors);
    expect(doc.summary.complete).toBe(false);
  });
});
