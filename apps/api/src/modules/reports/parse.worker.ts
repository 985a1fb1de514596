import { setPriority } from 'node:os';
import { parentPort, threadId } from 'node:worker_threads';
import { type ParseReply, runParseJob, transferablesOf } from './parse-job';

// Below the API's own thread: on Linux a nice value belongs to a thread (setpriority on 0 is this
// thread only), so two threads parsing on a two-core machine no longer take the cores from the
// event loop — /api/health and every other request keep answering while a big file is read.
// Only on Linux: elsewhere it would lower the whole process.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // not allowed here: parse at the API's priority
  }
}

// Parses off the API's thread: pdfjs's legacy build installs process-wide polyfills and a large
// PDF keeps a thread busy for seconds, so neither belongs there. One job at a time; the thread is
// kept for the next one (WorkerShelf) unless this one failed.
parentPort?.on('message', (job) => {
  void runParseJob(job).then((outcome) => {
    const reply: ParseReply = { threadId, outcome };
    parentPort?.postMessage(reply, transferablesOf(reply));
  });
});
