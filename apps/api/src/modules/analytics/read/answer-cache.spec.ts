import type { AppConfig } from '../../../common/runtime';
import { AnalyticsAnswerCache } from './answer-cache';

/** The cache, asked through its JSON text and read back as the client reads it. */
const cacheOf = (bytes: number) => {
  const cache = new AnalyticsAnswerCache({ analyticsCacheBytes: bytes } as AppConfig);
  return {
    answer: async (key: string, compute: () => Promise<unknown>) =>
      JSON.parse(await cache.json(key, compute)) as unknown,
    json: (key: string, compute: () => Promise<unknown>) => cache.json(key, compute),
  };
};

/** A computation that counts its runs and answers `{ n, pad }` (pad: to size the answer). */
function counted(pad = 0) {
  let runs = 0;
  return {
    compute: () => Promise.resolve({ n: ++runs, pad: 'x'.repeat(pad) }),
    runs: () => runs,
  };
}

describe('AnalyticsAnswerCache', () => {
  it('computes an answer once and serves it again under the same key', async () => {
    const cache = cacheOf(1024 * 1024);
    const work = counted();
    const first = await cache.answer('overview|all|7.1|2023', work.compute);
    const again = await cache.answer('overview|all|7.1|2023', work.compute);
    expect(again).toEqual(first);
    expect(work.runs()).toBe(1);
    // Another revision of the same question is another answer.
    expect(await cache.answer('overview|all|8.1|2023', work.compute)).toMatchObject({ n: 2 });
  });

  it('computes once for requests that ask the same uncached answer at the same time', async () => {
    const cache = cacheOf(1024 * 1024);
    let release: (value: unknown) => void = () => undefined;
    let runs = 0;
    const compute = () => {
      runs++;
      return new Promise((resolve) => (release = resolve));
    };
    const waiting = [cache.answer('k', compute), cache.answer('k', compute)];
    release({ value: 42 });
    expect(await Promise.all(waiting)).toEqual([{ value: 42 }, { value: 42 }]);
    expect(runs).toBe(1);
  });

  it('keeps no failed computation: the next request tries again', async () => {
    const cache = cacheOf(1024 * 1024);
    await expect(cache.answer('k', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await cache.answer('k', () => Promise.resolve('ok'))).toBe('ok');
  });

  it('stays within its byte budget, dropping the least recently used answer', async () => {
    // Each answer is ~1,015 bytes of JSON; 4,200 bytes hold four of them.
    const cache = cacheOf(4200);
    const work = counted(1000);
    for (const key of ['a', 'b', 'c', 'd']) await cache.answer(key, work.compute);
    await cache.answer('a', work.compute); // a used last: b is now the least recently used
    await cache.answer('e', work.compute);
    expect(work.runs()).toBe(5);
    for (const key of ['a', 'c', 'd', 'e']) await cache.answer(key, work.compute);
    expect(work.runs()).toBe(5);
    await cache.answer('b', work.compute);
    expect(work.runs()).toBe(6);
  });

  it('does not keep an answer larger than a quarter of its budget', async () => {
    const cache = cacheOf(3000);
    const work = counted(1000);
    await cache.answer('big', work.compute);
    await cache.answer('big', work.compute);
    expect(work.runs()).toBe(2);
  });

  it('keeps the JSON text it sent: a kept answer is not serialised again', async () => {
    const cache = cacheOf(1024 * 1024);
    const answer = { n: 1 };
    const first = await cache.json('k', () => Promise.resolve(answer));
    answer.n = 2; // a later change to the object cannot reach what was kept
    expect(await cache.json('k', () => Promise.resolve(answer))).toBe(first);
    expect(first).toBe('{"n":1}');
  });

  it('keeps nothing when its size is 0', async () => {
    const cache = cacheOf(0);
    const work = counted();
    await cache.answer('k', work.compute);
    await cache.answer('k', work.compute);
    expect(work.runs()).toBe(2);
  });
});
