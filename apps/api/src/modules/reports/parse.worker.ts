import { parentPort } from 'node:worker_threads';
import { type ParseJob, runParseJob } from './parse-job';

// One parse per worker thread: pdfjs's legacy build installs process-wide polyfills and a large
// PDF keeps a thread busy for seconds, so neither belongs in the API's own thread.
parentPort?.once('message', (job: ParseJob) => {
  void runParseJob(job).then((outcome) => parentPort?.postMessage(outcome));
});
