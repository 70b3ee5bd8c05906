import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { isZeroOid, parsePrePushInput, pushKind, remoteIsUrl } from '../src/hook/pre-push-input.js';
import { trackingRefs } from '../src/hook/pre-push-plan.js';

const Z40 = '0'.repeat(40);
const Z64 = '0'.repeat(64);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C64 = 'c'.repeat(64);

describe('pre-push input', () => {
  it('parses every line and classifies updates, creations and deletions (SHA-1 and SHA-256 zero oids)', () => {
    const text = [
      `refs/heads/main ${A} refs/heads/main ${B}`,
      `refs/heads/new ${A} refs/heads/new ${Z40}`,
      `(delete) ${Z40} refs/heads/old ${B}`,
      `refs/heads/x ${C64} refs/heads/x ${Z64}`,
      '',
    ].join('\n');
    const updates = parsePrePushInput(text);
    expect(updates.map((u) => [u.localRef, u.remoteRef, pushKind(u)])).toEqual([
      ['refs/heads/main', 'refs/heads/main', 'update'],
      ['refs/heads/new', 'refs/heads/new', 'create'],
      ['(delete)', 'refs/heads/old', 'delete'],
      ['refs/heads/x', 'refs/heads/x', 'create'],
    ]);
    expect(isZeroOid(Z64)).toBe(true);
    expect(isZeroOid(A)).toBe(false);
    expect(isZeroOid('000')).toBe(false);
  });

  it('empty input is no updates; a malformed line is a usage error naming the line', () => {
    expect(parsePrePushInput('')).toEqual([]);
    expect(parsePrePushInput('\n\r\n')).toEqual([]);
    expect(() => parsePrePushInput(`refs/heads/main ${A} refs/heads/main`)).toThrow(UsageError);
    expect(() => parsePrePushInput(`\nrefs/heads/main nothex refs/heads/main ${B}`)).toThrow(/line 2/);
  });

  it('tells a remote name from a URL', () => {
    expect(remoteIsUrl('origin', 'file:///srv/r.git')).toBe(false);
    expect(remoteIsUrl('team/fork', 'git@host:r.git')).toBe(false);
    expect(remoteIsUrl('file:///srv/r.git', 'file:///srv/r.git')).toBe(true);
    expect(remoteIsUrl('git@host:r.git', undefined)).toBe(true);
    expect(remoteIsUrl('/srv/r.git', undefined)).toBe(true);
    expect(remoteIsUrl(undefined, undefined)).toBe(true);
  });

  it("uses the remote's tracking refs as bases, all remotes' for a URL", () => {
    const refs = [
      { name: 'refs/heads/main', commit: A },
      { name: 'refs/remotes/origin/main', commit: A },
      { name: 'refs/remotes/origin/HEAD', commit: A },
      { name: 'refs/remotes/fork/dev', commit: B },
    ];
    expect(trackingRefs(refs, { remote: 'origin', url: 'file:///x' }).map((r) => r.name)).toEqual(['refs/remotes/origin/main']);
    expect(trackingRefs(refs, { remote: 'file:///x', url: 'file:///x' }).map((r) => r.name)).toEqual([
      'refs/remotes/origin/main',
      'refs/remotes/fork/dev',
    ]);
  });
});
