// A long-lived `git cat-file --batch` process. Requests are written as soon as they are made
// (coalesced per microtask) and answers are parsed as they stream back, in request order, so
// many concurrent requests cost one pipe round trip, not one each. A blob over the caller's
// size cap is skipped on the wire without being kept. If git dies on a damaged object, the
// request it was answering fails, a new process is started and the rest are sent again.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { hardenedGitArgs, hardenedGitEnv } from './hardening.js';

export type BatchResult =
  | { kind: 'object'; type: string; data: Buffer }
  | { kind: 'too-large'; type: string; size: number }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

interface Request {
  oid: string;
  maxSize: number;
  resolve(result: BatchResult): void;
}

type ParseState =
  | { phase: 'header'; parts: Buffer[] }
  | { phase: 'body'; type: string; size: number; remaining: number; body: Buffer | null; filled: number };

const STDERR_TAIL = 2048;

export class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | null = null;
  /** Requests written to the current process, oldest first, not yet answered. */
  private inFlight: Request[] = [];
  private inFlightHead = 0;
  private unsent: string[] = [];
  private flushScheduled = false;
  private state: ParseState = { phase: 'header', parts: [] };
  private stderrTail = '';
  private closed = false;

  /**
   * `batchCommand` (git >= 2.36): `cat-file --batch-command --buffer`, where git holds its
   * answers until each written group of requests ends with `flush`, so they arrive in large
   * chunks instead of one pipe write (and one Node 'data' event) per object.
   */
  constructor(
    private readonly gitDir: string,
    private readonly batchCommand = false,
  ) {}

  private requestLine(oid: string): string {
    return this.batchCommand ? `contents ${oid}\n` : `${oid}\n`;
  }

  /** Reads one object by full hex id (the caller validates the id). */
  get(oid: string, maxSize = Number.POSITIVE_INFINITY): Promise<BatchResult> {
    if (this.closed) return Promise.resolve({ kind: 'failed', message: 'reader is closed' });
    return new Promise((resolve) => {
      this.ensureProcess();
      this.inFlight.push({ oid, maxSize, resolve });
      this.unsent.push(this.requestLine(oid));
      this.scheduleFlush();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    this.child = null;
    if (!child) return;
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('close', () => resolve());
      child.stdin.end();
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
    this.failAll('reader is closed');
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      if (!this.child || this.unsent.length === 0) return;
      if (this.batchCommand) this.unsent.push('flush\n');
      const text = this.unsent.join('');
      this.unsent = [];
      this.child.stdin.write(text);
    });
  }

  private ensureProcess(): void {
    if (this.child) return;
    const args = this.batchCommand ? ['cat-file', '--batch-command', '--buffer'] : ['cat-file', '--batch'];
    const child = spawn('git', hardenedGitArgs(this.gitDir, args), {
      cwd: this.gitDir,
      env: hardenedGitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child = child;
    this.state = { phase: 'header', parts: [] };
    this.stderrTail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.child === child) this.onData(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.stdin.on('error', () => {
      /* EPIPE when git died: handled on 'close' */
    });
    child.on('error', (err) => {
      if (this.child !== child) return;
      this.child = null;
      this.failAll(`cannot run git cat-file: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      this.onCrash(code, signal);
    });
  }

  private onCrash(code: number | null, signal: NodeJS.Signals | null): void {
    const why = this.stderrTail.trim().split('\n').pop() || `exit ${code ?? signal}`;
    const culprit = this.takeInFlight();
    culprit?.resolve({ kind: 'failed', message: `git cat-file failed on ${culprit.oid}: ${why}` });
    const rest = this.inFlight.slice(this.inFlightHead);
    this.inFlight = [];
    this.inFlightHead = 0;
    this.unsent = [];
    if (rest.length === 0 || this.closed) {
      for (const r of rest) r.resolve({ kind: 'failed', message: 'reader is closed' });
      return;
    }
    this.ensureProcess();
    for (const r of rest) {
      this.inFlight.push(r);
      this.unsent.push(this.requestLine(r.oid));
    }
    this.scheduleFlush();
  }

  private failAll(message: string): void {
    for (let r = this.takeInFlight(); r; r = this.takeInFlight()) r.resolve({ kind: 'failed', message });
    this.inFlight = [];
    this.inFlightHead = 0;
    this.unsent = [];
  }

  private takeInFlight(): Request | undefined {
    if (this.inFlightHead >= this.inFlight.length) return undefined;
    const r = this.inFlight[this.inFlightHead];
    this.inFlight[this.inFlightHead] = undefined as unknown as Request;
    this.inFlightHead++;
    if (this.inFlightHead > 1024 && this.inFlightHead * 2 > this.inFlight.length) {
      this.inFlight = this.inFlight.slice(this.inFlightHead);
      this.inFlightHead = 0;
    }
    return r;
  }

  private peekInFlight(): Request | undefined {
    return this.inFlight[this.inFlightHead];
  }

  private onData(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      const state = this.state;
      if (state.phase === 'header') {
        const nl = chunk.indexOf(10, pos);
        if (nl < 0) {
          state.parts.push(chunk.subarray(pos));
          return;
        }
        state.parts.push(chunk.subarray(pos, nl));
        pos = nl + 1;
        this.onHeader(Buffer.concat(state.parts).toString('latin1'));
      } else {
        const take = Math.min(state.remaining, chunk.length - pos);
        if (state.body && state.filled < state.size) {
          const copy = Math.min(take, state.size - state.filled);
          chunk.copy(state.body, state.filled, pos, pos + copy);
          state.filled += copy;
        }
        state.remaining -= take;
        pos += take;
        if (state.remaining === 0) {
          const request = this.takeInFlight();
          this.state = { phase: 'header', parts: [] };
          request?.resolve(
            state.body
              ? { kind: 'object', type: state.type, data: state.body }
              : { kind: 'too-large', type: state.type, size: state.size },
          );
        }
      }
    }
  }

  private onHeader(header: string): void {
    const fields = header.split(' ');
    if (fields.length === 3) {
      const type = fields[1] as string;
      const size = Number(fields[2]);
      const request = this.peekInFlight();
      const keep = request !== undefined && size <= request.maxSize;
      // The body is followed by one LF, consumed with it.
      this.state = { phase: 'body', type, size, remaining: size + 1, body: keep ? Buffer.allocUnsafe(size) : null, filled: 0 };
      return;
    }
    this.state = { phase: 'header', parts: [] };
    const request = this.takeInFlight();
    if (fields[1] === 'missing') request?.resolve({ kind: 'missing' });
    else request?.resolve({ kind: 'failed', message: `git cat-file: ${header}` });
  }
}
