import type { BenchUniverse } from './analytics-endpoints';
import {
  dataSetSize,
  type LoadSample,
  loadRequests,
  meetsLoadTargets,
  SMALL_REPORTS,
  summarizeLoad,
} from './load-bench';

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

describe('load benchmark', () => {
  it('sizes the data set from --reports: ten years per agency, or small', () => {
    expect(dataSetSize('100000')).toEqual({ reports: 100_000, agencies: 10_000, years: 10 });
    expect(dataSetSize('1000000')).toEqual({ reports: 1_000_000, agencies: 100_000, years: 10 });
    expect(dataSetSize('small')).toEqual({
      reports: SMALL_REPORTS,
      agencies: SMALL_REPORTS / 10,
      years: 10,
    });
    expect(() => dataSetSize('1005')).toThrow(/multiple of 10/);
    expect(() => dataSetSize('50')).toThrow(/--reports/);
    expect(() => dataSetSize('1e6')).toThrow(/--reports/);
    expect(() => dataSetSize('huge')).toThrow(/--reports/);
  });

  it('asks every endpoint in turn, scoped as the oversight user and nationally as the admin', () => {
    const requests = loadRequests(universe);
    const endpoints = [...new Set(requests.map((r) => r.endpoint))];
    expect(endpoints).toEqual([
      'overview',
      'trend',
      'compare',
      'yoy',
      'breakdown',
      'compliance',
      'quality',
      'rollup',
    ]);
    // Interleaved: the first eight requests are one of each endpoint.
    expect(requests.slice(0, 8).map((r) => r.endpoint)).toEqual(endpoints);
    // Each endpoint's requests differ, and every endpoint gets the same share.
    const perEndpoint = endpoints.map((name) => requests.filter((r) => r.endpoint === name));
    expect(new Set(perEndpoint.map((list) => list.length)).size).toBe(1);
    const overview = requests.filter((r) => r.endpoint === 'overview');
    const national = overview.filter((r) => r.user === 'admin');
    expect(national).toHaveLength(10);
    expect(national.every((r) => !r.path.includes('scope='))).toBe(true);
    const scoped = overview.filter((r) => r.user === 'oversight');
    expect(scoped.every((r) => r.path.includes('scope='))).toBe(true);
    // Province, both cities and every county are asked.
    expect(new Set(scoped.map((r) => /scope=([^&]+)/.exec(r.path)?.[1])).size).toBe(6);
    // yoy needs the year before: its national view starts a year later.
    expect(new Set(requests.filter((r) => r.endpoint === 'yoy' && r.user === 'admin')).size).toBe(
      9,
    );
    expect(new Set(overview.map((r) => `${r.user} ${r.path}`)).size).toBe(overview.length);
    // Over a range of years, fewer questions differ: they come round more often.
    const trend = requests.filter((r) => r.endpoint === 'trend');
    const distinctTrend = new Set(trend.map((r) => `${r.user} ${r.path}`)).size;
    expect(distinctTrend).toBeLessThan(trend.length);
    expect(new Set(trend).size).toBe(distinctTrend);
    expect(trend.some((r) => r.user === 'admin')).toBe(true);
  });

  it('sums up latency, errors and throughput per endpoint and in total', () => {
    const samples: LoadSample[] = [
      ...Array.from({ length: 100 }, (_, i) => ({ endpoint: 'overview', status: 200, ms: i + 1 })),
      { endpoint: 'trend', status: 200, ms: 5 },
      { endpoint: 'trend', status: 500, ms: 7 },
    ];
    const { endpoints, total } = summarizeLoad(samples, 10, ['overview', 'trend', 'rollup']);
    expect(endpoints[0]).toEqual({
      name: 'overview',
      requests: 100,
      errors: 0,
      requestsPerSecond: 10,
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
    });
    expect(endpoints[1]).toMatchObject({ name: 'trend', requests: 2, errors: 1, max: 7 });
    expect(endpoints[2]).toMatchObject({ name: 'rollup', requests: 0, errors: 0, p95: 0 });
    expect(total).toMatchObject({
      name: 'total',
      requests: 102,
      errors: 1,
      requestsPerSecond: 10.2,
    });
  });

  it('meets the targets only with no error, enough throughput and a low p95', () => {
    const row = {
      name: 'total',
      requests: 40_000,
      errors: 0,
      requestsPerSecond: 1300,
      p50: 20,
      p95: 80,
      p99: 120,
      max: 400,
    };
    expect(meetsLoadTargets(row, 0)).toBe(true);
    expect(meetsLoadTargets(row, 1)).toBe(false);
    expect(meetsLoadTargets({ ...row, errors: 1 }, 0)).toBe(false);
    expect(meetsLoadTargets({ ...row, requestsPerSecond: 999 }, 0)).toBe(false);
    expect(meetsLoadTargets({ ...row, p95: 101 }, 0)).toBe(false);
  });
});
