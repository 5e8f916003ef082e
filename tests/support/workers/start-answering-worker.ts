import { startWorker } from '../../../main/services/support/start-worker';

/** answering-worker.ts in a worker thread, as the app starts its own. */
export const startAnsweringWorker = () => startWorker(import.meta.url, 'answering-worker');
