import type { Worker } from 'node:worker_threads';

export type WorkerRun<T> =
  { readonly kind: 'reply'; readonly reply: T } | { readonly kind: 'timeout' };

/**
 * Sends one message to a fresh worker and waits for its one reply, at most `timeoutMs`. The
 * worker is terminated in every case, so a parse stuck on a hostile file frees its thread.
 * Rejects when the worker fails (an uncaught error, running out of memory) or exits silently.
 */
export function runInWorker<T>(
  createWorker: () => Worker,
  message: unknown,
  transferList: ArrayBuffer[],
  timeoutMs: number,
): Promise<WorkerRun<T>> {
  return new Promise<WorkerRun<T>>((resolve, reject) => {
    const worker = createWorker();
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      finish();
    };
    const timer = setTimeout(() => settle(() => resolve({ kind: 'timeout' })), timeoutMs);
    worker.once('message', (reply: T) => settle(() => resolve({ kind: 'reply', reply })));
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`worker exited with code ${code} before replying`))),
    );
    worker.postMessage(message, transferList);
  });
}
