// Machinery the git-backed sources (history, range, staged) share:
//  - BlobItems decides what each (path, blob) pair becomes (blob, seen, skipped, error) and
//    starts its read at once, so reads are pipelined while the source keeps walking;
//  - orderedItems runs a source's producer ahead of its consumer with bounded look-ahead and
//    hands items out in production order (a blob's `blob` item always precedes its `seen`s).
import type { GitReader, TreeEntry } from '../git/reader.js';
import type { CommitRecord } from '../git/reader.js';
import type { CommitInfo, Provenance, SourceItem } from '../types.js';
import { errorMessage } from '../errors.js';

/** What a source reports besides its items; complete once the items are exhausted. */
export interface HistoryFacts {
  commitsScanned: number;
  shallow: boolean;
  headCommit: string | null;
  /** HEAD's tree, path -> blob id (regular files and symlinks; history scans only). */
  headTree: Map<string, string>;
  notes: string[];
}

export interface HistoryScan {
  items: AsyncIterable<SourceItem>;
  facts(): HistoryFacts;
}

export function emptyFacts(): HistoryFacts {
  return { commitsScanned: 0, shallow: false, headCommit: null, headTree: new Map(), notes: [] };
}

export type Slot = () => SourceItem | Promise<SourceItem>;

/** Items (slots) produced but not yet consumed. */
const MAX_SLOTS = 1024;
/** Bytes of read blobs waiting to be consumed before the producer pauses. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

class Cancelled extends Error {}

/** Shared state between a producer and the consumer of orderedItems. */
export class SlotQueue {
  private slots: Slot[] = [];
  private head = 0;
  private finished = false;
  private failure: { error: unknown } | null = null;
  private cancelled = false;
  private wakeProducer: (() => void) | null = null;
  private wakeConsumer: (() => void) | null = null;
  /** Bytes of resolved reads not yet handed out (maintained by BlobItems). */
  bufferedBytes = 0;

  private get size(): number {
    return this.slots.length - this.head;
  }

  async push(slot: Slot): Promise<void> {
    while (!this.cancelled && (this.size >= MAX_SLOTS || this.bufferedBytes > MAX_BUFFERED_BYTES)) {
      await new Promise<void>((resolve) => (this.wakeProducer = resolve));
    }
    if (this.cancelled) throw new Cancelled();
    this.slots.push(slot);
    this.wake('consumer');
  }

  finish(error?: unknown): void {
    this.finished = true;
    if (error !== undefined && !(error instanceof Cancelled)) this.failure = { error };
    this.wake('consumer');
  }

  cancel(): void {
    this.cancelled = true;
    this.wake('producer');
  }

  async take(): Promise<Slot | null> {
    while (this.size === 0 && !this.finished) {
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
    if (this.size === 0) {
      if (this.failure) throw this.failure.error;
      return null;
    }
    const slot = this.slots[this.head] as Slot;
    this.slots[this.head] = undefined as unknown as Slot;
    this.head++;
    if (this.head > 4096) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
    this.wake('producer');
    return slot;
  }

  wake(who: 'producer' | 'consumer'): void {
    const wake = who === 'producer' ? this.wakeProducer : this.wakeConsumer;
    if (who === 'producer') this.wakeProducer = null;
    else this.wakeConsumer = null;
    wake?.();
  }
}

/**
 * Runs `produce` concurrently with the consumer. The producer pushes slots into the queue
 * (waiting when the consumer is behind); the consumer gets each slot's item in order. Stopping
 * the iteration early stops the producer at its next push.
 */
export async function* orderedItems(queue: SlotQueue, produce: () => Promise<void>): AsyncGenerator<SourceItem> {
  const running = produce().then(
    () => queue.finish(),
    (err: unknown) => queue.finish(err),
  );
  try {
    for (let slot = await queue.take(); slot; slot = await queue.take()) {
      yield await slot();
      queue.wake('producer');
    }
  } finally {
    queue.cancel();
    await running;
  }
}

type BlobState = { kind: 'pending'; read: Promise<SourceItem> } | { kind: 'scanned' } | { kind: 'too-large'; size: number } | { kind: 'error'; message: string };

export interface BlobItemOptions {
  maxFileSize: number;
  seen: Set<string>;
}

/**
 * Turns tree or index entries into items. The first time a blob id is met it is read (unless
 * the scan's `seen` set has it, or it is over the size cap); every later entry with that id is
 * a `seen` item (or the same skip/error), so the scan can record every occurrence.
 */
export class BlobItems {
  private readonly state = new Map<string, BlobState>();

  constructor(
    private readonly reader: GitReader,
    private readonly queue: SlotQueue,
    private readonly options: BlobItemOptions,
  ) {}

  slotFor(entry: Pick<TreeEntry, 'mode' | 'type' | 'oid'>, provenance: Provenance): Slot {
    if (entry.type === 'commit') {
      return () => ({ kind: 'skipped', provenance, reason: 'submodule' });
    }
    if (entry.mode === '120000') {
      return () => ({ kind: 'skipped', provenance, reason: 'special-file', blobId: entry.oid });
    }
    const oid = entry.oid;
    const known = this.state.get(oid);
    if (known) return () => this.repeatItem(oid, provenance);
    if (this.options.seen.has(oid)) {
      this.state.set(oid, { kind: 'scanned' });
      return () => ({ kind: 'seen', blobId: oid, provenance });
    }
    const read = this.read(oid, provenance);
    this.state.set(oid, { kind: 'pending', read });
    return () => read;
  }

  private async read(oid: string, provenance: Provenance): Promise<SourceItem> {
    const result = await this.reader.readBlob(oid, { maxSize: this.options.maxFileSize });
    if ('data' in result) {
      // Counted until the consumer takes the item (see consumed()).
      this.queue.bufferedBytes += result.data.length;
      return { kind: 'blob', blobId: oid, provenance, data: result.data };
    }
    if ('tooLarge' in result) {
      this.state.set(oid, { kind: 'too-large', size: result.size });
      return { kind: 'skipped', provenance, reason: 'too-large', size: result.size, blobId: oid };
    }
    this.state.set(oid, { kind: 'error', message: result.error });
    return { kind: 'error', provenance, message: result.error };
  }

  /** Called by the consumer when a blob item is handed out. */
  consumed(item: SourceItem): void {
    if (item.kind !== 'blob') return;
    this.state.set(item.blobId, { kind: 'scanned' });
    this.options.seen.add(item.blobId);
    this.queue.bufferedBytes -= item.data.length;
  }

  private async repeatItem(oid: string, provenance: Provenance): Promise<SourceItem> {
    let state = this.state.get(oid);
    if (state?.kind === 'pending') {
      await state.read;
      state = this.state.get(oid);
    }
    if (state?.kind === 'too-large') return { kind: 'skipped', provenance, reason: 'too-large', size: state.size, blobId: oid };
    if (state?.kind === 'error') return { kind: 'error', provenance, message: state.message };
    return { kind: 'seen', blobId: oid, provenance };
  }
}

/** Wraps orderedItems so every blob item marks its blob scanned as it is handed out. */
export async function* trackedItems(queue: SlotQueue, blobs: BlobItems, produce: () => Promise<void>): AsyncGenerator<SourceItem> {
  for await (const item of orderedItems(queue, produce)) {
    blobs.consumed(item);
    yield item;
  }
}

export function commitInfo(commit: CommitRecord): CommitInfo {
  return { sha: commit.sha, authorName: commit.authorName, authorEmail: commit.authorEmail, authorDate: commit.authorDate };
}

export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Reads trees in bounded concurrent groups (pipelined by the engine); errors come back as strings. */
export async function readTrees(reader: GitReader, oids: string[]): Promise<(TreeEntry[] | { error: string })[]> {
  const out: (TreeEntry[] | { error: string })[] = [];
  for (let i = 0; i < oids.length; i += 256) {
    const group = await Promise.all(
      oids.slice(i, i + 256).map((oid) => reader.tree(oid).catch((err: unknown) => ({ error: errorMessage(err) }))),
    );
    out.push(...group);
  }
  return out;
}

/** Every file of a tree, path -> blob id (gitlinks left out), read level by level. */
export async function listTree(reader: GitReader, root: string): Promise<{ files: Map<string, string>; errors: string[] }> {
  const files = new Map<string, string>();
  const errors: string[] = [];
  let level = [{ oid: root, path: '' }];
  while (level.length > 0) {
    const trees = await readTrees(
      reader,
      level.map((t) => t.oid),
    );
    const next: { oid: string; path: string }[] = [];
    level.forEach((t, i) => {
      const entries = trees[i];
      if (!entries || 'error' in entries) {
        errors.push(entries?.error ?? `cannot read tree ${t.oid}`);
        return;
      }
      for (const e of entries) {
        const path = joinPath(t.path, e.name);
        if (e.type === 'tree') next.push({ oid: e.oid, path });
        else if (e.type === 'blob') files.set(path, e.oid);
      }
    });
    level = next;
  }
  return { files, errors };
}
