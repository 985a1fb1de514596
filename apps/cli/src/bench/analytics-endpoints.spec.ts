import { runCli } from '../program';
import {
  ANALYTICS_ENDPOINTS,
  type BenchUniverse,
  minYearOf,
  paramsAt,
} from './analytics-endpoints';
import { percentile } from './measure';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const universe: BenchUniverse = {
  root: { id: id(1), path: id(1), label: 'province' },
  cities: [2, 3].map((n) => ({ id: id(n), path: `${id(1)}.${id(n)}`, label: 'city' as const })),
  counties: [4, 5, 6].map((n) => ({
    id: id(n),
    path: `${id(1)}.${id(2)}.${id(n)}`,
    label: 'county' as const,
  })),
  firstYear: 2016,
  lastYear: 2025,
};

describe('analytics benchmark parameters', () => {
  it('rotate province, city and county scopes and walk every year', () => {
    const params = Array.from({ length: 30 }, (_, i) => paramsAt(universe, i));
    expect(params.slice(0, 3).map((p) => p.scope.label)).toEqual(['province', 'city', 'county']);
    expect(new Set(params.map((p) => p.year)).size).toBe(10);
    expect(
      new Set(params.filter((p) => p.scope.label === 'county').map((p) => p.scope.id)).size,
    ).toBe(3);
  });

  it('give yoy a year with a year before it', () => {
    const yoy = ANALYTICS_ENDPOINTS.find((e) => e.name === 'yoy');
    if (!yoy) throw new Error('no yoy endpoint');
    const years = Array.from(
      { length: 20 },
      (_, i) => paramsAt(universe, i, minYearOf(yoy, 2016)).year,
    );
    expect(Math.min(...years)).toBe(2017);
  });

  it.each(ANALYTICS_ENDPOINTS.map((e) => [e.name, e] as const))(
    '%s: the naive SQL binds exactly the values it is given',
    (_name, endpoint) => {
      for (let i = 0; i < 12; i++) {
        const query = endpoint.naive(paramsAt(universe, i, minYearOf(endpoint, 2016)));
        const placeholders = new Set([...query.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        expect([...placeholders].sort((a, b) => a - b)).toEqual(
          query.values.map((_, index) => index + 1),
        );
        expect(endpoint.path(paramsAt(universe, i))).toMatch(/^\/api\/analytics\/\w+\?.*scope=/);
      }
    },
  );
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(percentile(values, 50)).toBe(100);
    expect(percentile(values, 95)).toBe(190);
    expect(percentile(values, 100)).toBe(200);
    expect(percentile([], 95)).toBe(0);
  });
});

describe('atlas bench', () => {
  it('refuses an unknown benchmark and bad numbers before doing anything', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (text: string) => err.push(text) };
    expect(await runCli(['bench', 'nope'], io)).toBe(2);
    expect(await runCli(['bench', 'analytics', '--requests', '0'], io)).toBe(2);
    expect(err.join('')).toContain('--requests');
  });
});
