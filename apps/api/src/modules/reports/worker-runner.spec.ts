import { Worker } from 'node:worker_threads';
import { WorkerShelf } from './worker-runner';

/** Workers from inline JavaScript: Jest cannot load TypeScript inside a worker thread. */
const inlineWorker = (source: string) => () => new Worker(source, { eval: true });

/** One job in a thread that is not kept: what a shelf does with a thread it has no room for. */
const runOnce = <T = unknown>(
  createWorker: () => Worker,
  message: unknown,
  transferList: ArrayBuffer[],
  timeoutMs: number,
) => new WorkerShelf(createWorker, 0).run<T>(message, transferList, timeoutMs);

describe('one job in a thread', () => {
  it('returns the one reply and ends the worker', async () => {
    const run = await runOnce<number>(
      inlineWorker(
        `require('node:worker_threads').parentPort.once('message', (n) => require('node:worker_threads').parentPort.postMessage(n * 2));`,
      ),
      21,
      [],
      5000,
    );
    expect(run).toEqual({ kind: 'reply', reply: 42 });
  });

  it('gives up after the time limit and terminates a worker that never answers', async () => {
    let worker: Worker | undefined;
    const started = Date.now();
    const run = await runOnce(
      () => (worker = new Worker('setInterval(() => {}, 1000);', { eval: true })),
      null,
      [],
      200,
    );
    expect(run).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    // Terminated, it exits (a worker that never answers would otherwise run on and this wait
    // would time out). The code depends on whether it had started running: 1, or 0 before.
    const exitCode = await new Promise<number>((resolve) => {
      if (worker?.threadId === -1) resolve(0);
      else worker?.once('exit', resolve);
    });
    expect([0, 1]).toContain(exitCode);
  });

  it('reports a worker that reaches its heap limit as out-of-memory', async () => {
    const hog = `const kept = []; require('node:worker_threads').parentPort.once('message', () => {
      for (;;) kept.push(new Array(100000).fill({ n: kept.length }));
    });`;
    const run = await runOnce(
      () => new Worker(hog, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 32 } }),
      null,
      [],
      60_000,
    );
    expect(run).toEqual({ kind: 'out-of-memory' });
  });

  it('rejects when the worker fails or exits without replying', async () => {
    await expect(runOnce(inlineWorker('throw new Error("boom")'), null, [], 5000)).rejects.toThrow(
      'boom',
    );
    await expect(runOnce(inlineWorker('process.exit(3)'), null, [], 5000)).rejects.toThrow(
      'code 3',
    );
  });
});

describe('WorkerShelf', () => {
  /** Replies with its thread id; `hang` never replies, `boom` throws. */
  const echo = () =>
    new Worker(
      `const { parentPort, threadId } = require('node:worker_threads');
       parentPort.on('message', (job) => {
         if (job === 'hang') return;
         if (job === 'boom') throw new Error('boom');
         parentPort.postMessage(threadId);
       });`,
      { eval: true },
    );

  it('keeps a thread that replied for the next job', async () => {
    const shelf = new WorkerShelf(echo, 1);
    const first = await shelf.run<number>('job', [], 5000);
    const second = await shelf.run<number>('job', [], 5000);
    expect(first.kind).toBe('reply');
    expect(second).toEqual(first);
    expect(shelf.shelved).toBe(1);
    await shelf.close();
    expect(shelf.shelved).toBe(0);
  });

  it('never reuses a thread that timed out or failed', async () => {
    const shelf = new WorkerShelf(echo, 1);
    const before = await shelf.run<number>('job', [], 5000);
    expect(await shelf.run('hang', [], 200)).toEqual({ kind: 'timeout' });
    expect(shelf.shelved).toBe(0);
    const after = await shelf.run<number>('job', [], 5000);
    expect(after).not.toEqual(before);
    await expect(shelf.run('boom', [], 5000)).rejects.toThrow('boom');
    expect(shelf.shelved).toBe(0);
    await shelf.close();
  });

  it('retires a thread after its number of jobs, and shelves no more than asked', async () => {
    const shelf = new WorkerShelf(echo, 1, 2);
    const first = await shelf.run<number>('job', [], 5000);
    expect(await shelf.run<number>('job', [], 5000)).toEqual(first);
    expect(shelf.shelved).toBe(0);
    expect(await shelf.run<number>('job', [], 5000)).not.toEqual(first);
    const once = await shelf.run<number>('job', [], 5000, false);
    expect(shelf.shelved).toBe(0);
    expect(await shelf.run<number>('job', [], 5000)).not.toEqual(once);
    const none = new WorkerShelf(echo, 0);
    await none.run('job', [], 5000);
    expect(none.shelved).toBe(0);
    await shelf.close();
  });
});
