import type { Worker } from 'node:worker_threads';

export type WorkerRun<T> =
  | { readonly kind: 'reply'; readonly reply: T }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'out-of-memory' };

/**
 * Sends one message to a fresh worker and waits for its one reply, at most `timeoutMs`. The
 * worker is terminated in every case, so a parse stuck on a hostile file frees its thread.
 * A worker that reaches its `resourceLimits` is reported as `out-of-memory`; other failures (an
 * uncaught error, exiting silently) reject.
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
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? resolve({ kind: 'out-of-memory' })
          : reject(error),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`worker exited with code ${code} before replying`))),
    );
    worker.postMessage(message, transferList);
  });
}

/** The queue of a pool is full: the caller should answer "busy, try again", not wait. */
export class PoolBusyError extends Error {
  constructor() {
    super('worker pool queue is full');
  }
}

/**
 * At most `slots` tasks at once, at most `maxWaiting` more waiting in arrival order; a task
 * beyond that is refused at once (PoolBusyError), so a flood cannot queue unbounded memory.
 */
export class BoundedPool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly slots: number,
    readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) {
      if (this.waiting.length >= this.maxWaiting) throw new PoolBusyError();
      // The slot is handed over by the task that ends, so `running` never drops in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
