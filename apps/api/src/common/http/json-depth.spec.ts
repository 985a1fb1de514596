import { MAX_JSON_DEPTH, nestsDeeperThan, refuseDeepJson } from './json-depth';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('JSON depth', () => {
  it('counts arrays and objects, not scalars', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1] } }, 2)).toBe(true);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('walks 20,000 levels without recursing', () => {
    expect(nestsDeeperThan(nested(20_000), MAX_JSON_DEPTH)).toBe(true);
  });

  it('hands the request on, or a 400 JSON_TOO_DEEP', () => {
    const next = jest.fn();
    refuseDeepJson({ body: { year: 2024 } } as never, {} as never, next);
    expect(next).toHaveBeenLastCalledWith();
    refuseDeepJson({ body: nested(100) } as never, {} as never, next);
    expect(next.mock.lastCall?.[0]).toMatchObject({
      response: { code: 'JSON_TOO_DEEP', message: expect.stringContaining('嵌套') },
    });
  });
});
