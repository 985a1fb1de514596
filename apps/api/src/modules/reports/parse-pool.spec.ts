import { threadId } from 'node:worker_threads';
import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import type { PreviewContext } from './report-preview';
import { ParsePool } from './report-parsing.service';
import { BoundedPool, PoolBusyError } from './worker-runner';

const LIMITS = { threads: 1, queue: 4, timeoutMs: 120_000, memoryMb: 512 };

describe('ParsePool', () => {
  /** A generated report of `year` as text, run through a pool with one real parse thread. */
  async function runInPool(year: number, preview?: PreviewContext) {
    const report = generateReport(new SeededRandom(year), {
      agencyName: '测试市人民政府',
      year,
      activity: 1,
    });
    const run = await new ParsePool(LIMITS, true).run({
      bytes: new TextEncoder().encode(renderReportText(report)),
      fileName: '年报.txt',
      maxInputBytes: 20 * 1024 * 1024,
      ...(preview && { preview }),
    });
    if (run.kind !== 'reply') throw new Error(`no reply: ${run.kind}`);
    return run.reply;
  }

  it('parses in a worker thread, not in the API thread', async () => {
    const reply = await runInPool(2023);
    expect(reply.threadId).not.toBe(threadId);
    expect(reply.threadId).toBeGreaterThan(0);
    expect(reply.outcome).toMatchObject({ ok: true, parsed: { format: 'text' } });
  }, 120_000);

  it("composes a preview's answer in the thread and hands over its bytes", async () => {
    const reply = await runInPool(2022, { year: 2023 });
    if (!reply.outcome.ok || !('previewJson' in reply.outcome)) throw new Error('no preview');
    expect(reply.threadId).not.toBe(threadId);
    const answer = JSON.parse(new TextDecoder().decode(reply.outcome.previewJson));
    expect(answer).toMatchObject({
      format: 'text',
      report: { year: 2023, agencyName: '测试市人民政府' },
      warnings: [{ code: 'YEAR_MISMATCH' }],
    });
  }, 120_000);
});

describe('BoundedPool', () => {
  const deferred = () => {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    return { done, release };
  };

  it('runs at most `slots` tasks, queues `maxWaiting` in order and refuses the rest', async () => {
    const pool = new BoundedPool(1, 2);
    const started: number[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const runs = gates.map((gate, index) =>
      pool.run(async () => {
        started.push(index);
        await gate.done;
        return index;
      }),
    );
    await expect(pool.run(async () => 99)).rejects.toBeInstanceOf(PoolBusyError);
    await Promise.resolve();
    expect(started).toEqual([0]);
    expect([pool.active, pool.queued]).toEqual([1, 2]);

    gates[0]?.release();
    await runs[0];
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([pool.active, pool.queued]).toEqual([1, 1]);

    gates[1]?.release();
    gates[2]?.release();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2]);
    expect([pool.active, pool.queued]).toEqual([0, 0]);
  });

  it('frees the slot when a task fails', async () => {
    const pool = new BoundedPool(1, 0);
    await expect(pool.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(pool.run(async () => 'next')).resolves.toBe('next');
  });
});
