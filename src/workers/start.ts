import { Worker } from 'node:worker_threads';

/** Starts a worker thread running a TypeScript module; `data` reaches it as `workerData.data`. */
export function startWorker(module: URL, data: unknown): Worker {
  return new Worker(new URL('./boot.mjs', import.meta.url), { workerData: { module: module.href, data } });
}
