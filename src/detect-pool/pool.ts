// Detection on every core: worker threads each hold a Detector; blobs go to the least busy one.
// Small scans never start a worker (start-up would cost more than it saves): detection runs in
// the scan's own thread until enough bytes have been seen.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyzeBlob, type BlobScanner, type BlobVerdict } from './analyze-blob.js';
import { createBlobScanner } from './blob-scanner.js';
import type { DetectReply, DetectRequest, WorkerInit } from './protocol.js';

/** Bytes detected in-thread before workers are worth their start-up. */
const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;

interface WorkerSlot {
  worker: Worker;
  pending: Map<number, { resolve: (v: BlobVerdict) => void; reject: (e: Error) => void }>;
}

export interface DetectPoolOptions {
  /** Number of workers; 0 detects in-thread only. Default: one per core. */
  workers?: number;
}

export class DetectPool {
  private readonly scanner: BlobScanner;
  private readonly workerScript: string | null;
  private readonly workerCount: number;
  private slots: WorkerSlot[] | null = null;
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
  }

  /** In-thread detection, for work that must not wait in a worker queue. */
  analyzeNow(data: Buffer, path: string): BlobVerdict {
    return analyzeBlob(this.scanner, data, path);
  }

  analyze(data: Buffer, path: string): Promise<BlobVerdict> {
    this.bytesSeen += data.length;
    const slots = this.workers();
    if (!slots) return Promise.resolve(this.analyzeNow(data, path));
    const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<BlobVerdict>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const request: DetectRequest = { id, path, data };
      slot.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const slots = this.slots ?? [];
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private workers(): WorkerSlot[] | null {
    if (this.slots) return this.slots.length > 0 ? this.slots : null;
    if (!this.workerScript || this.workerCount < 2 || this.bytesSeen < WORKER_THRESHOLD_BYTES) return null;
    this.slots = Array.from({ length: this.workerCount }, () => this.startWorker(this.workerScript!));
    return this.slots;
  }

  private startWorker(script: string): WorkerSlot {
    const worker = new Worker(script, { workerData: this.init });
    const slot: WorkerSlot = { worker, pending: new Map() };
    worker.on('message', (reply: DetectReply) => {
      const waiter = slot.pending.get(reply.id);
      if (!waiter) return;
      slot.pending.delete(reply.id);
      if ('error' in reply) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.binary ? { binary: true } : { binary: false, matches: reply.matches });
    });
    worker.on('error', (err) => {
      for (const waiter of slot.pending.values()) waiter.reject(err);
      slot.pending.clear();
    });
    worker.on('exit', (code) => {
      for (const waiter of slot.pending.values()) waiter.reject(new Error(`detection worker stopped (exit code ${code})`));
      slot.pending.clear();
    });
    return slot;
  }
}
