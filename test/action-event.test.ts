import { describe, expect, it } from 'vitest';
import { annotationCommands, escapeProperty, maskCommands } from '../src/action/commands.js';
import { planForEvent } from '../src/action/event.js';
import { readInputs } from '../src/action/inputs.js';
import { UsageError } from '../src/errors.js';
import { sampleHistoryResult as sampleResult } from './helpers/sample-result.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

describe('action event plan', () => {
  it('pull_request: base.sha..head.sha with the commit count', () => {
    const payload = { pull_request: { commits: 3, base: { sha: A }, head: { sha: B } } };
    expect(planForEvent('pull_request', payload, 'auto')).toMatchObject({ kind: 'range', base: A, head: B, commits: 3 });
    expect(planForEvent('pull_request', payload, 'full')).toEqual({ kind: 'full' });
  });

  it('push: before..after; an all-zero before is a new branch', () => {
    expect(planForEvent('push', { before: A, after: B, commits: [{}, {}] }, 'auto')).toMatchObject({ kind: 'range', base: A, head: B, commits: 2 });
    expect(planForEvent('push', { before: ZERO, after: B, ref: 'refs/heads/x', commits: [{}] }, 'auto')).toEqual({
      kind: 'new-branch',
      head: B,
      commits: 1,
      ref: 'refs/heads/x',
    });
  });

  it('schedule and workflow_dispatch scan the full history; mode range there is an error', () => {
    expect(planForEvent('schedule', {}, 'auto')).toEqual({ kind: 'full' });
    expect(planForEvent('workflow_dispatch', {}, 'auto')).toEqual({ kind: 'full' });
    expect(() => planForEvent('schedule', {}, 'range')).toThrow(UsageError);
  });
});

describe('action inputs and workflow commands', () => {
  it('reads INPUT_ variables with hyphens kept, defaults for missing ones, every bad value at once', () => {
    expect(readInputs({ 'INPUT_SARIF-FILE': 'x.sarif', 'INPUT_FAIL-ON-FINDINGS': 'false' })).toEqual({
      path: '.',
      mode: 'auto',
      format: 'text',
      sarifFile: 'x.sarif',
      config: '',
      baseline: '',
      failOnFindings: false,
    });
    expect(() => readInputs({ INPUT_MODE: 'x', INPUT_FORMAT: 'y' })).toThrow(/mode.*; input format/);
  });

  it('escapes properties and masks every line of a multi-line secret', () => {
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    expect(maskCommands(['one\ntwo', 'one\ntwo'])).toBe('::add-mask::one\n::add-mask::two\n');
  });

  it('annotates each finding at its first occurrence', () => {
    const result = sampleResult();
    const text = annotationCommands(result.findings);
    expect(text.split('\n').filter(Boolean)).toHaveLength(result.findings.length);
    const first = result.findings[0]!.occurrences[0]!;
    expect(text).toContain(`::error file=${escapeProperty(first.path)},line=${first.line},col=${first.column},`);
  });
});
