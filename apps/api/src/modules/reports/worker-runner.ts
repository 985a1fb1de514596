import type { Worker } from 'node:worker_threads';

export type WorkerRun<T> =
  | { readonly kind: 'reply'; readonly reply: T }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'out-of-memory' };

/** One job's exchange with a worker: its outcome, and whether the worker may take another. */
interface Exchange<T> {
  readonly outcome: { run: WorkerRun<T> } | { error: Error };
  /** Replied normally: nothing is left running in it. */
  readonly reusable: boolean;
}

/**
 * Sends one message to a worker and waits for its one reply, at most `timeoutMs`. A worker that
 * did not reply (timed out, reached its `resourceLimits`, failed, exited) is terminated, so a
 * parse stuck on a hostile file frees its thread; one that replied is left as it is.
 */
function exchange<T>(
  worker: Worker,
  message: unknown,
  transferList: ArrayBuffer[],
  timeoutMs: number,
): Promise<Exchange<T>> {
  return new Promise<Exchange<T>>((resolve) => {
    const settle = (result: Exchange<T>) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (!result.reusable) void worker.terminate();
      resolve(result);
    };
    const onMessage = (reply: T) =>
      settle({ outcome: { run: { kind: 'reply', reply } }, reusable: true });
    const onError = (error: Error & { code?: string }) =>
      settle({
        outcome:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { run: { kind: 'out-of-memory' } }
            : { error },
        reusable: false,
      });
    const onExit = (code: number) =>
      settle({
        outcome: { error: new Error(`worker exited with code ${code} before replying`) },
        reusable: false,
      });
    const timer = setTimeout(
      () => settle({ outcome: { run: { kind: 'timeout' } }, reusable: false }),
      timeoutMs,
    );
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(message, transferList);
  });
}

function outcomeOf<T>(result: Exchange<T>): WorkerRun<T> {
  if ('error' in result.outcome) throw result.outcome.error;
  return result.outcome.run;
}

interface ShelvedWorker {
  readonly worker: Worker;
  jobs: number;
  /** Takes the worker off the shelf if it exits while waiting there. */
  readonly onExit: () => void;
}

/**
 * Worker threads kept for the next job instead of one started for each: starting a thread and
 * loading the parser in it took ~135 ms on the 2-core machine, parsing a text report ~2 ms, so a
 * bulk import spent most of its time starting threads. A thread goes back on the shelf only after
 * a normal reply; one that timed out, ran out of memory, failed or exited is terminated. A thread
 * is retired after `maxJobs` jobs, so that whatever jobs leave in its heap cannot pile up.
 * Shelved threads do not keep the process alive.
 */
export class WorkerShelf {
  private readonly shelf: ShelvedWorker[] = [];

  constructor(
    private readonly createWorker: () => Worker,
    readonly maxShelved: number,
    readonly maxJobs = 200,
  ) {}

  get shelved(): number {
    return this.shelf.length;
  }

  /** With `keep` false the thread is retired after this job (e.g. one that grew a large heap). */
  async run<T>(
    message: unknown,
    transferList: ArrayBuffer[],
    timeoutMs: number,
    keep = true,
  ): Promise<WorkerRun<T>> {
    const kept = this.shelf.pop();
    if (kept) kept.worker.off('exit', kept.onExit);
    const worker = kept?.worker ?? this.createWorker();
    worker.ref();
    const jobs = (kept?.jobs ?? 0) + 1;
    const result = await exchange<T>(worker, message, transferList, timeoutMs);
    if (result.reusable) {
      if (keep && jobs < this.maxJobs && this.shelf.length < this.maxShelved)
        this.put(worker, jobs);
      else void worker.terminate();
    }
    return outcomeOf(result);
  }

  /** Ends every shelved thread (when the application stops). */
  async close(): Promise<void> {
    await Promise.all(this.shelf.splice(0).map((kept) => kept.worker.terminate()));
  }

  private put(worker: Worker, jobs: number): void {
    const kept: ShelvedWorker = {
      worker,
      jobs,
      onExit: () => {
        const at = this.shelf.indexOf(kept);
        if (at >= 0) this.shelf.splice(at, 1);
      },
    };
    worker.once('exit', kept.onExit);
    worker.unref();
    this.shelf.push(kept);
  }
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
