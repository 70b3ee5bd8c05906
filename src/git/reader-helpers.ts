// Logic both engines share, written against "read a raw object" so they behave the same.
import { parseTagTarget } from './objects.js';
import type { BlobRead, ReadOptions } from './reader.js';

export type RawObject = { type: string; data: Buffer } | null;

/** Follows annotated tags (tags of tags too) to the commit they name; null if not a commit. */
export async function peelToCommit(oid: string, readRaw: (oid: string) => Promise<RawObject>): Promise<string | null> {
  let current = oid;
  for (let depth = 0; depth < 16; depth++) {
    const object = await readRaw(current);
    if (!object) return null;
    if (object.type === 'commit') return current;
    if (object.type !== 'tag') return null;
    const target = parseTagTarget(object.data);
    if (!target) return null;
    current = target.object;
  }
  return null;
}

/**
 * A ref's tip for a history walk: peelToCommit, except that an object that cannot be read is
 * kept (its id returned) so the walk reports it as an unreadable commit instead of the ref
 * vanishing from the scan. Tags of trees or blobs still give null.
 */
export async function peelRefTip(oid: string, readRaw: (oid: string) => Promise<RawObject>): Promise<string | null> {
  let current = oid;
  for (let depth = 0; depth < 16; depth++) {
    const object = await readRaw(current);
    if (!object || object.type === 'commit') return current;
    if (object.type !== 'tag') return null;
    const target = parseTagTarget(object.data);
    if (!target) return null;
    current = target.object;
  }
  return null;
}

/**
 * readBlobs on top of readBlob: keeps up to `window` reads in flight (pipelined by the engine)
 * and yields results in request order.
 */
export async function* windowedReads(
  oids: Iterable<string> | AsyncIterable<string>,
  readBlob: (oid: string, options?: ReadOptions) => Promise<BlobRead>,
  options: ReadOptions | undefined,
  window = 64,
): AsyncGenerator<BlobRead> {
  const inFlight: Promise<BlobRead>[] = [];
  for await (const oid of oids) {
    inFlight.push(readBlob(oid, options));
    if (inFlight.length >= window) yield await (inFlight.shift() as Promise<BlobRead>);
  }
  while (inFlight.length > 0) yield await (inFlight.shift() as Promise<BlobRead>);
}

/** A ref glob (`refs/heads/*`, `main`, `v1.*`, `refs/**`) as a predicate on full ref names. */
export function refGlobMatcher(glob: string): (refName: string) => boolean {
  const patterns = glob
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map(globToRegExp);
  return (refName) => {
    const short = shortRefName(refName);
    return patterns.some((re) => re.test(refName) || re.test(short));
  };
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** refs/heads/main -> main, refs/tags/v1 -> v1, refs/remotes/origin/x -> origin/x. */
export function shortRefName(refName: string): string {
  for (const prefix of ['refs/heads/', 'refs/tags/', 'refs/remotes/']) {
    if (refName.startsWith(prefix)) return refName.slice(prefix.length);
  }
  return refName;
}
