import { parentPort, threadId } from 'node:worker_threads';
import { type ParseReply, runParseJob } from './parse-job';

// Parses off the API's thread: pdfjs's legacy build installs process-wide polyfills and a large
// PDF keeps a thread busy for seconds, so neither belongs there. One job at a time; the thread is
// kept for the next one (WorkerShelf) unless this one failed.
parentPort?.on('message', (job) => {
  void runParseJob(job).then((outcome) => {
    const reply: ParseReply = { threadId, outcome };
    parentPort?.postMessage(reply);
  });
});
