import { SessionCache } from './session-cache';

describe('SessionCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 0));

  it('reads once within its time, and again after it', async () => {
    const cache = new SessionCache<number>(1000, 10, now);
    let reads = 0;
    const read = async () => ++reads;
    expect(await cache.get('u', read)).toBe(1);
    clock = 999;
    expect(await cache.get('u', read)).toBe(1);
    clock = 1000;
    expect(await cache.get('u', read)).toBe(2);
  });

  it('reads again at once after a key is forgotten', async () => {
    const cache = new SessionCache<string>(1000, 10, now);
    await cache.get('u', async () => 'before');
    cache.forget('u');
    expect(await cache.get('u', async () => 'after')).toBe('after');
  });

  it('does not keep a read that began before the key was forgotten', async () => {
    const cache = new SessionCache<string>(1000, 10, now);
    let release!: (value: string) => void;
    const slow = cache.get('u', () => new Promise<string>((resolve) => (release = resolve)));
    clock = 10;
    cache.forget('u'); // a change committed while the old value was being read
    release('old');
    expect(await slow).toBe('old');
    clock = 20;
    expect(await cache.get('u', async () => 'new')).toBe('new');
  });

  it('keeps at most its number of entries, dropping the oldest', async () => {
    const cache = new SessionCache<string>(1000, 2, now);
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('c', async () => 'c1');
    expect(await cache.get('a', async () => 'a2')).toBe('a2');
    expect(await cache.get('c', async () => 'c2')).toBe('c1');
  });
});
