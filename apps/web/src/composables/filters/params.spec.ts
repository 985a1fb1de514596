import { describe, expect, it } from 'vitest';
import {
  boolParam,
  defaultFilters,
  enumParam,
  idListParam,
  idParam,
  intParam,
  isCanonical,
  parseFilters,
  serializeFilters,
  textParam,
} from './params';

const A = '3c0bd836-979b-47e1-a8ee-8fd4191425db';
const B = '7c27f942-fc19-453b-a530-73d817f89952';

const schema = {
  scope: idParam(),
  year: intParam(2024, { min: 2008, max: 2026 }),
  metric: enumParam(['requests', 'disclosed'] as const, 'requests'),
  agencies: idListParam({ max: 3 }),
  q: textParam({ maxLength: 5 }),
  late: boolParam(),
};

describe('filter parameters', () => {
  it('reads typed values and fills in defaults for absent ones', () => {
    expect(parseFilters(schema, { scope: A, year: '2019', metric: 'disclosed' })).toEqual({
      scope: A,
      year: 2019,
      metric: 'disclosed',
      agencies: [],
      q: '',
      late: false,
    });
    expect(parseFilters(schema, {})).toEqual(defaultFilters(schema));
  });

  it('replaces invalid values with the defaults', () => {
    expect(
      parseFilters(schema, {
        scope: 'not-a-uuid',
        year: '2019abc',
        metric: 'DROP TABLE',
        late: 'maybe',
      }),
    ).toEqual(defaultFilters(schema));
    expect(parseFilters(schema, { year: '2007' }).year).toBe(2024);
    expect(parseFilters(schema, { year: '2027' }).year).toBe(2024);
    expect(parseFilters(schema, { year: '20.5' }).year).toBe(2024);
    expect(parseFilters(schema, { year: '' }).year).toBe(2024);
  });

  it('takes the first of repeated keys for single values', () => {
    expect(parseFilters(schema, { year: ['2020', '2021'] }).year).toBe(2020);
  });

  it('reads id lists comma-separated or repeated, dropping bad and duplicate ids, up to the maximum', () => {
    expect(parseFilters(schema, { agencies: `${A},bad,${B.toUpperCase()},${A}` }).agencies).toEqual(
      [A, B],
    );
    expect(parseFilters(schema, { agencies: [A, B] }).agencies).toEqual([A, B]);
    const many = Array.from({ length: 5 }, (_, i) => A.replace(/.$/, String(i))).join(',');
    expect(parseFilters(schema, { agencies: many }).agencies).toHaveLength(3);
  });

  it('trims and cuts free text', () => {
    expect(parseFilters(schema, { q: '  教育局局长办公室 ' }).q).toBe('教育局局长');
  });

  it('writes only what differs from the defaults and keeps other query keys', () => {
    const values = { ...defaultFilters(schema), year: 2020, agencies: [A, B], late: true };
    expect(serializeFilters(schema, values, { tab: 'x', year: '2019', scope: A })).toEqual({
      tab: 'x',
      year: '2020',
      agencies: `${A},${B}`,
      late: '1',
    });
    expect(serializeFilters(schema, defaultFilters(schema))).toEqual({});
  });

  it('round-trips: what it writes, it reads back', () => {
    const values = {
      scope: A,
      year: 2010,
      metric: 'disclosed' as const,
      agencies: [B],
      q: '教育',
      late: true,
    };
    const query = serializeFilters(schema, values) as Record<string, string>;
    expect(parseFilters(schema, query)).toEqual(values);
  });

  it('tells a clean query from one with bad values, spelled-out defaults or broken rules', () => {
    expect(isCanonical(schema, { year: '2020', other: 'kept' })).toBe(true);
    expect(isCanonical(schema, {})).toBe(true);
    expect(isCanonical(schema, { year: 'x' })).toBe(false);
    expect(isCanonical(schema, { year: '2024' })).toBe(false);
    expect(isCanonical(schema, { agencies: `${A},${A}` })).toBe(false);

    const range = { fromYear: intParam(2020), toYear: intParam(2024) };
    const ordered = (v: { fromYear: number; toYear: number }) =>
      v.fromYear <= v.toYear ? v : { fromYear: v.toYear, toYear: v.fromYear };
    expect(isCanonical(range, { fromYear: '2025', toYear: '2019' }, ordered)).toBe(false);
    expect(parseFilters(range, { fromYear: '2025', toYear: '2019' }, ordered)).toEqual({
      fromYear: 2019,
      toYear: 2025,
    });
  });

  it('computes date-dependent defaults when asked', () => {
    let latest = 2024;
    const year = intParam(() => latest, { max: () => latest });
    expect(parseFilters({ year }, {}).year).toBe(2024);
    latest = 2025;
    expect(parseFilters({ year }, {}).year).toBe(2025);
    expect(parseFilters({ year }, { year: '2025' }).year).toBe(2025);
  });
});
