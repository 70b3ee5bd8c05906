// Detection on every core: worker threads each hold a Detector; blobs go to the least busy one.
// Small scans never start a worker (start-up would cost more than it saves): detection runs in
// the scan's own thread until enough bytes have been seen — except for a big blob, which goes to
// a single guard worker, so that the scan's thread stays free (a second Ctrl-C still exits).
//
// Time budget: `blobTimeoutMs` plus one second per MiB of the blob, so a big but ordinary file
// (a 100 MB bundle) is never cut short on a slow machine. A blob over it is stuck (a
// pathological blob for some rule, a user's rule most likely) and is reported as timed out (a
// named skip, not a hang). In a worker: the worker is terminated and a fresh one takes over the
// requests queued behind it. In the scan's own thread: V8 interrupts the detection (see
// in-thread-budget.ts) — unless the owner turned that off (inThreadBudget: false) because every
// rule is a built-in one.
//
// Memory: a big blob of the work tree is moved to its worker, not copied (see analyze()).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyzeBlob, type BlobScanner, type BlobVerdict } from './analyze-blob.js';
import { createBlobScanner } from './blob-scanner.js';
import { createInThreadBudget, type InThreadBudget } from './in-thread-budget.js';
import type { DetectReply, DetectRequest, WorkerInit } from './protocol.js';

/** Bytes detected in-thread before workers are worth their start-up. */
const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;
/** Blobs at least this big go to a worker even in a small scan: only there can they be timed out. */
export const GUARDED_BLOB_BYTES = 256 * 1024;
export const DEFAULT_BLOB_TIMEOUT_MS = 5000;
/** Extra budget per MiB of blob: a floor of 1 MiB/s, far below any healthy scan's speed. */
const BUDGET_MS_PER_MIB = 1000;

/** The time one blob may take in a worker. */
export function blobBudgetMs(baseMs: number, bytes: number): number {
  return baseMs + Math.ceil(bytes / (1024 * 1024)) * BUDGET_MS_PER_MIB;
}

/** What the pool says about one blob: the detector's verdict, or that it ran out of time. */
export type PoolVerdict = BlobVerdict | { timedOut: true; budgetMs: number };

interface Waiter {
  request: DetectRequest;
  /** Size of the blob (its bytes may have been moved to the worker, leaving the request's view empty). */
  bytes: number;
  resolve: (v: PoolVerdict) => void;
  reject: (e: Error) => void;
}

interface WorkerSlot {
  worker: Worker;
  /** In the order sent: the worker answers them in that order, so the first is the one running. */
  pending: Map<number, Waiter>;
  watchdog: NodeJS.Timeout | null;
}

export interface DetectPoolOptions {
  /** Number of workers; 0 detects in-thread only. Default: one per core. */
  workers?: number;
  /** Time one blob may take before it is given up as timed out (default 5 s, plus 1 s per MiB). */
  blobTimeoutMs?: number;
  /**
   * Apply the time budget in the scan's own thread too (default true). It costs a watchdog
   * thread per blob (0.1-0.2 ms), so scan() turns it off when every rule is a built-in one:
   * those are held to linear time on adversarial input by `rules check`, and workers keep the
   * budget regardless.
   */
  inThreadBudget?: boolean;
}

export interface AnalyzeOptions {
  /**
   * The caller gives up `data`: a big blob may then be moved to its worker instead of copied
   * (its view is empty afterwards). Only for bytes nothing else holds (a file read for the scan).
   */
  transfer?: boolean;
}

/** Blobs at least this big are moved, not copied, to a worker when the caller allows it. */
const TRANSFER_MIN_BYTES = 64 * 1024;

export class DetectPool {
  private readonly scanner: BlobScanner;
  private readonly workerScript: string | null;
  private readonly workerCount: number;
  private readonly blobTimeoutMs: number;
  private readonly slots: WorkerSlot[] = [];
  private readonly budget: InThreadBudget | null;
  private closed = false;
  private bytesSeen = 0;
  private nextId = 0;

  constructor(
    private readonly init: WorkerInit,
    options: DetectPoolOptions = {},
  ) {
    this.scanner = createBlobScanner(init);
    // The worker exists only in the bundle (dist/detect-worker.js); from sources, run in-thread.
    const script = fileURLToPath(new URL('./detect-worker.js', import.meta.url));
    this.workerScript = existsSync(script) ? script : null;
    this.workerCount = options.workers ?? availableParallelism();
    this.blobTimeoutMs = options.blobTimeoutMs ?? DEFAULT_BLOB_TIMEOUT_MS;
    this.budget = options.inThreadBudget === false ? null : createInThreadBudget();
  }

  /** In-thread detection (within the time budget), for work that must not wait in a worker queue. */
  analyzeNow(data: Buffer, path: string): PoolVerdict {
    if (!this.budget) return analyzeBlob(this.scanner, data, path);
    const budgetMs = blobBudgetMs(this.blobTimeoutMs, data.length);
    const run = this.budget.run(() => analyzeBlob(this.scanner, data, path), budgetMs);
    return run.done ? run.value : { timedOut: true, budgetMs };
  }

  analyze(data: Buffer, path: string, options: AnalyzeOptions = {}): Promise<PoolVerdict> {
    const bytes = data.length;
    this.bytesSeen += bytes;
    this.grow(bytes);
    if (this.slots.length === 0) return Promise.resolve(this.analyzeNow(data, path));
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const request: DetectRequest = { id: this.nextId++, path, data };
    // Moved only to an idle worker: a request queued behind another may have to be re-sent to a
    // fresh worker if that one times out, and moved bytes cannot be sent twice.
    const move = options.transfer === true && slot.pending.size === 0 && bytes >= TRANSFER_MIN_BYTES && ownsItsMemory(data);
    return new Promise<PoolVerdict>((resolve, reject) => {
      slot.pending.set(request.id, { request, bytes, resolve, reject });
      slot.worker.postMessage(request, move ? [data.buffer as ArrayBuffer] : []);
      if (slot.pending.size === 1) this.arm(slot);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const slot of slots) this.disarm(slot);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** Starts workers as the scan turns out big (all cores) or meets a big blob (one guard worker). */
  private grow(blobBytes: number): void {
    if (!this.workerScript || this.workerCount < 1 || this.closed) return;
    const wanted =
      this.workerCount >= 2 && this.bytesSeen >= WORKER_THRESHOLD_BYTES ? this.workerCount : blobBytes >= GUARDED_BLOB_BYTES ? 1 : 0;
    while (this.slots.length < wanted) this.slots.push(this.startWorker(this.workerScript));
  }

  private startWorker(script: string): WorkerSlot {
    const slot: WorkerSlot = { worker: new Worker(script, { workerData: this.init }), pending: new Map(), watchdog: null };
    this.listen(slot);
    return slot;
  }

  private listen(slot: WorkerSlot): void {
    const worker = slot.worker;
    worker.on('message', (reply: DetectReply) => {
      const waiter = slot.pending.get(reply.id);
      if (!waiter) return;
      slot.pending.delete(reply.id);
      this.arm(slot);
      if ('error' in reply) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.binary ? { binary: true } : { binary: false, matches: reply.matches, ...(reply.facts ? { facts: reply.facts } : {}) });
    });
    const failAll = (err: Error) => {
      if (slot.worker !== worker) return; // a replaced worker: its requests live on in the new one
      this.disarm(slot);
      for (const waiter of slot.pending.values()) waiter.reject(err);
      slot.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`detection worker stopped (exit code ${code})`)));
  }

  /** (Re)starts the budget of the request the worker is on now, if any. */
  private arm(slot: WorkerSlot): void {
    this.disarm(slot);
    const [running] = slot.pending.values();
    if (!running || this.closed) return;
    slot.watchdog = setTimeout(() => this.timeOut(slot), blobBudgetMs(this.blobTimeoutMs, running.bytes));
    // The watchdog alone must not keep the process alive.
    slot.watchdog.unref();
  }

  private disarm(slot: WorkerSlot): void {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = null;
  }

  /** The running request overran: give it up, replace the worker, re-send the queue behind it. */
  private timeOut(slot: WorkerSlot): void {
    slot.watchdog = null;
    const [stuck] = slot.pending.values();
    if (!stuck || !this.workerScript) return;
    slot.pending.delete(stuck.request.id);
    const old = slot.worker;
    slot.worker = new Worker(this.workerScript, { workerData: this.init });
    this.listen(slot);
    void old.terminate();
    for (const waiter of slot.pending.values()) slot.worker.postMessage(waiter.request);
    this.arm(slot);
    stuck.resolve({ timedOut: true, budgetMs: blobBudgetMs(this.blobTimeoutMs, stuck.bytes) });
  }
}

/** A view of a whole, unshared ArrayBuffer (not a slice of Node's buffer pool or of a bigger read). */
function ownsItsMemory(data: Buffer): boolean {
  return data.buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
}
