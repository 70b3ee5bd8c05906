// Entry of a detection worker thread (bundled as dist/detect-worker.js).
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import { analyzeBlob } from './analyze-blob.js';
import { createBlobScanner } from './blob-scanner.js';
import type { DetectReply, DetectRequest, WorkerInit } from './protocol.js';

const port = parentPort;
if (port) {
  const scanner = createBlobScanner(workerData as WorkerInit);
  port.on('message', (request: DetectRequest) => {
    let reply: DetectReply;
    try {
      const data = Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength);
      reply = { id: request.id, ...analyzeBlob(scanner, data, request.path) };
    } catch (err) {
      reply = { id: request.id, error: errorMessage(err) };
    }
    port.postMessage(reply);
  });
}
