import type { RowContext } from '../../../domain/company-row.ts';
import type { Message } from '../../../domain/messages.ts';
import { startWorker } from '../../../workers/start.ts';
import type { ValidatedBatch } from './batches.ts';
import { type Encoding, SpreadsheetError } from './reader.ts';

export interface OffThreadRequest {
  input: { path: string } | { bytes: Uint8Array };
  encoding: 'auto' | Encoding;
  overrides: Record<string, string>;
  towns: [string, string][];
  industries: [string, string][];
  industryNames: [string, string][];
  today?: string;
  batchSize: number;
}

export type WorkerMessage =
  | { type: 'batch'; batch: ValidatedBatch }
  | { type: 'end' }
  | { type: 'error'; message: string; refusal: Message | null };

/** Batches the worker may have read ahead of the one being loaded. */
export const windowSize = 2;

/**
 * The same batches as validatedBatches, read and validated in a worker thread, so that reading the next batch
 * overlaps loading this one (the embedded database runs on the main thread). Stopping early ends the worker.
 */
export async function* offThreadBatches(
  input: { path: string } | { buffer: Buffer },
  options: {
    encoding: 'auto' | Encoding;
    overrides: Record<string, string>;
    ctx: RowContext;
    batchSize: number;
  },
): AsyncGenerator<ValidatedBatch> {
  const request: OffThreadRequest = {
    input: 'path' in input ? input : { bytes: input.buffer },
    encoding: options.encoding,
    overrides: options.overrides,
    towns: [...options.ctx.towns],
    industries: [...options.ctx.industries],
    industryNames: [...options.ctx.industryNames],
    today: options.ctx.today,
    batchSize: options.batchSize,
  };
  const worker = startWorker(new URL('./validation-worker.ts', import.meta.url), request);
  const queue: WorkerMessage[] = [];
  let waiting: (() => void) | null = null;
  const arrive = (message: WorkerMessage) => {
    queue.push(message);
    waiting?.();
    waiting = null;
  };
  worker.on('message', arrive);
  worker.on('error', (err) => arrive({ type: 'error', message: err.message, refusal: null }));
  worker.on('exit', (code) => {
    if (code !== 0) arrive({ type: 'error', message: `the reader stopped (exit ${code})`, refusal: null });
  });
  try {
    for (;;) {
      if (!queue.length) await new Promise<void>((resolve) => (waiting = resolve));
      const message = queue.shift() as WorkerMessage;
      if (message.type === 'end') return;
      if (message.type === 'error') {
        throw message.refusal ? new SpreadsheetError(message.refusal) : new Error(message.message);
      }
      worker.postMessage('next');
      yield message.batch;
    }
  } finally {
    await worker.terminate();
  }
}
