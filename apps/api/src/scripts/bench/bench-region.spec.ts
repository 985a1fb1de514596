import { SeededRandom } from '@atlas/demo-data';
import { benchRegion } from './bench-region';

describe('benchRegion', () => {
  it.each([300, 1000, 10_000])('builds a consistent tree of exactly %i agencies', (total) => {
    const agencies = benchRegion(new SeededRandom(1), total);
    expect(agencies).toHaveLength(total);
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const seen = new Set<string>();
    for (const agency of agencies) {
      const parent = agency.parentId === null ? null : byId.get(agency.parentId);
      // Parents first; path = parent's path + own id; depth = number of ancestors.
      if (parent) expect(seen.has(parent.id)).toBe(true);
      expect(agency.path).toBe(parent ? `${parent.path}.${agency.id}` : agency.id);
      expect(agency.depth).toBe(agency.path.split('.').length - 1);
      seen.add(agency.id);
    }
    expect(new Set(agencies.map((a) => a.code)).size).toBe(total);
    expect(new Set(agencies.map((a) => `${a.parentId}|${a.name}`)).size).toBe(total);
    expect(agencies.filter((a) => a.parentId === null)).toHaveLength(1);
  });

  it('has a province, ~14 cities and ~100 counties at 10,000', () => {
    const agencies = benchRegion(new SeededRandom(1), 10_000);
    const governments = (level: string) =>
      agencies.filter((a) => a.kind === 'government' && a.level === level).length;
    expect(governments('province')).toBe(1);
    expect(governments('city')).toBe(14);
    expect(governments('county')).toBe(100);
    expect(agencies.some((a) => a.kind === 'town')).toBe(true);
    expect(agencies.some((a) => a.kind === 'subdistrict')).toBe(true);
    expect(agencies.some((a) => a.kind === 'development_zone')).toBe(true);
  });
});
