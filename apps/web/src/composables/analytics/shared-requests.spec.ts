import { describe, expect, it, vi } from 'vitest';
import { sharedRequests } from './shared-requests';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('sharedRequests', () => {
  it('asks once for callers asking the same thing at the same time', async () => {
    const shared = sharedRequests();
    const pending = deferred<string>();
    const ask = vi.fn(() => pending.promise);
    const first = shared.joint('a', ask);
    const second = shared.joint('a', ask);
    pending.resolve('answer');
    await expect(Promise.all([first, second])).resolves.toEqual(['answer', 'answer']);
    expect(ask).toHaveBeenCalledOnce();
  });

  it('asks again once the answer has come, and for other keys', async () => {
    const shared = sharedRequests();
    const ask = vi.fn(async () => 'answer');
    await shared.joint('a', ask);
    await shared.joint('a', ask);
    await shared.joint('b', ask);
    expect(ask).toHaveBeenCalledTimes(3);
  });

  it('forgets a failure, so a retry asks again', async () => {
    const shared = sharedRequests();
    await expect(shared.joint('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(shared.joint('a', async () => 'up')).resolves.toBe('up');
  });

  it('hands a guess asked ahead to the query asking exactly that, once', async () => {
    const shared = sharedRequests();
    const guess = vi.fn(async () => 'guessed');
    const ask = vi.fn(async () => 'asked');
    shared.ahead('2025', guess);
    await expect(shared.take('2025', ask)).resolves.toBe('guessed');
    await expect(shared.take('2025', ask)).resolves.toBe('asked');
    expect(guess).toHaveBeenCalledOnce();
    expect(ask).toHaveBeenCalledOnce();
  });

  it('asks for itself when the guess was wrong', async () => {
    const shared = sharedRequests();
    shared.ahead('2025', async () => 'guessed');
    await expect(shared.take('2024', async () => 'asked')).resolves.toBe('asked');
    // The wrong guess is gone, too.
    await expect(shared.take('2025', async () => 'asked again')).resolves.toBe('asked again');
  });

  it('does not ask twice for the same guess, and a failed guess untaken is quiet', async () => {
    const shared = sharedRequests();
    const guess = vi.fn(() => Promise.reject(new Error('down')));
    shared.ahead('2025', guess);
    shared.ahead('2025', guess);
    expect(guess).toHaveBeenCalledOnce();
    await expect(shared.take('2025', async () => 'asked')).rejects.toThrow('down');
  });
});
