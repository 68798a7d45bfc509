// Worker threads do not inherit the loader that runs our TypeScript sources, so each worker registers it
// before importing its module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
