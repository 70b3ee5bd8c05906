// Detection on every core: worker threads each hold a Detector; blobs go to the least busy one.
// Small scans never start a worker (start-up would cost more than it saves): detection runs in
// the scan's own thread until enough bytes have been seen — except for a big blob, which goes to
// a single guard worker so that the time budget below applies to it.
//
// Time budget: a worker that has not answered a request within its budget — `blobTimeoutMs`
// plus one second per MiB of the blob, so a big but ordinary file (a 100 MB bundle) is never cut
// short on a slow machine — is stuck (a pathological blob for some rule). It is terminated, the blob is reported as timed out (a
// named skip, not a hang), and a fresh worker takes over the requests that were queued behind it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyzeBlob, type BlobScanner, type BlobVerdict } from './analyze-blob.js';
import { createBlobScanner } from './blob-scanner.js';
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
  /** Number of workers; 0 detects in-thread only (no time budget). Default: one per core. */
  workers?: number;
  /** Time one blob may take in a worker before it is given up as timed out (default 5 s, plus 1 s per MiB). */
  blobTimeoutMs?: number;
}

export class DetectPool {
  private readonly scanner: BlobScanner;
  private readonly workerScript: string | null;
  private readonly workerCount: number;
  private readonly blobTimeoutMs: number;
  private readonly slots: WorkerSlot[] = [];
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
  }

  /** In-thread detection, for work that must not wait in a worker queue. */
  analyzeNow(data: Buffer, path: string): BlobVerdict {
    return analyzeBlob(this.scanner, data, path);
  }

  analyze(data: Buffer, path: string): Promise<PoolVerdict> {
    this.bytesSeen += data.length;
    this.grow(data.length);
    if (this.slots.length === 0) return Promise.resolve(this.analyzeNow(data, path));
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const request: DetectRequest = { id: this.nextId++, path, data };
    return new Promise<PoolVerdict>((resolve, reject) => {
      slot.pending.set(request.id, { request, resolve, reject });
      slot.worker.postMessage(request);
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
      else waiter.resolve(reply.binary ? { binary: true } : { binary: false, matches: reply.matches });
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
    slot.watchdog = setTimeout(() => this.timeOut(slot), blobBudgetMs(this.blobTimeoutMs, running.request.data.byteLength));
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
    stuck.resolve({ timedOut: true, budgetMs: blobBudgetMs(this.blobTimeoutMs, stuck.request.data.byteLength) });
  }
}
