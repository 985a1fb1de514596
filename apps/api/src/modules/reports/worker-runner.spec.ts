import { Worker } from 'node:worker_threads';
import { runInWorker } from './worker-runner';

/** Workers from inline JavaScript: Jest cannot load TypeScript inside a worker thread. */
const inlineWorker = (source: string) => () => new Worker(source, { eval: true });

describe('runInWorker', () => {
  it('returns the one reply and ends the worker', async () => {
    const run = await runInWorker<number>(
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
    const run = await runInWorker(
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
    const run = await runInWorker(
      () => new Worker(hog, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 32 } }),
      null,
      [],
      60_000,
    );
    expect(run).toEqual({ kind: 'out-of-memory' });
  });

  it('rejects when the worker fails or exits without replying', async () => {
    await expect(
      runInWorker(inlineWorker('throw new Error("boom")'), null, [], 5000),
    ).rejects.toThrow('boom');
    await expect(runInWorker(inlineWorker('process.exit(3)'), null, [], 5000)).rejects.toThrow(
      'code 3',
    );
  });
});
