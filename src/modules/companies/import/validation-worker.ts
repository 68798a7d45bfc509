import { parentPort, workerData } from 'node:worker_threads';
import { isCompanyHeader, mapHeaders } from '../../../domain/company-fields.ts';
import { validatedBatches } from './batches.ts';
import { type OffThreadRequest, type WorkerMessage, windowSize } from './off-thread.ts';
import { openTable, SpreadsheetError } from './reader.ts';

// Runs in a worker thread: reads, validates and encodes the file while the main thread loads earlier batches.

const port = parentPort;
if (!port) throw new Error('validation-worker runs as a worker thread');
const request = (workerData as { data: OffThreadRequest }).data;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  wake?.();
  wake = null;
});
const post = (message: WorkerMessage) => port.postMessage(message);

try {
  const input =
    'path' in request.input
      ? request.input
      : {
          buffer: Buffer.from(
            request.input.bytes.buffer,
            request.input.bytes.byteOffset,
            request.input.bytes.length,
          ),
        };
  const table = await openTable(input, { encoding: request.encoding, isKnownHeader: isCompanyHeader });
  const mapping = mapHeaders(table.headers, request.overrides, table.preamble);
  const ctx = {
    towns: new Map(request.towns),
    industries: new Map(request.industries),
    industryNames: new Map(request.industryNames),
    today: request.today,
  };
  for await (const batch of validatedBatches(table, mapping, ctx, request.batchSize)) {
    post({ type: 'batch', batch });
    // At most a few batches wait in memory: the reader must not run a million rows ahead of the database.
    if (++inFlight >= windowSize) await new Promise<void>((resolve) => (wake = resolve));
  }
  post({ type: 'end' });
} catch (err) {
  post({
    type: 'error',
    message: err instanceof Error ? err.message : String(err),
    refusal: err instanceof SpreadsheetError ? err.refusal : null,
  });
}
