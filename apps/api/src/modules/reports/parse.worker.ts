import { parentPort, threadId } from 'node:worker_threads';
import { type ParseReply, runParseJob } from './parse-job';

// One parse per worker thread: pdfjs's legacy build installs process-wide polyfills and a large
// PDF keeps a thread busy for seconds, so neither belongs in the API's own thread.
parentPort?.once('message', (job) => {
  void runParseJob(job).then((outcome) => {
    const reply: ParseReply = { threadId, outcome };
    parentPort?.postMessage(reply);
  });
});
