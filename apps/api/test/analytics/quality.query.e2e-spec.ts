import { QualityQuery } from '../../src/modules/analytics/read/quality.query';
import { projectionWorld, type ProjectionWorld } from './projection-world';

describe('QualityQuery (real PostgreSQL)', () => {
  let world: ProjectionWorld;
  let query: QualityQuery;

  beforeAll(async () => {
    world = await projectionWorld();
    query = new QualityQuery(world.dataSource);
  }, 60_000);

  afterAll(() => world?.close());

  it('counts the problems and lists them most serious first, with findings', async () => {
    const answer = await query.answer(world.scope('R'), { year: 2023, limit: 50, offset: 0 });
    expect(answer.counts).toEqual({
      submitted: 3,
      missing: 1,
      late: 1,
      failing: 1,
      warningOnly: 0,
      carryOverMismatches: 0,
    });
    expect(answer.rules).toEqual([{ rule: 'T3.BALANCE', reports: 1 }]);
    expect(answer.total).toBe(2);
    expect(answer.items.map((i) => [i.type, i.agency.id, i.reportId])).toEqual([
      ['failing', world.ids.B1, world.reportIds.B12023],
      ['missing', world.ids.R, null],
    ]);
    expect(answer.items[0].findings).toEqual([
      {
        rule: 'T3.BALANCE',
        severity: 'error',
        message: '表三 总计列：不平衡',
        cells: ['applications.newReceived.total'],
      },
    ]);
  });

  it('pages across sections and filters by type and rule', async () => {
    const second = await query.answer(world.scope('R'), { year: 2023, limit: 1, offset: 1 });
    expect(second.items.map((i) => i.type)).toEqual(['missing']);
    const byRule = await query.answer(world.scope('R'), {
      year: 2023,
      rule: 'X.CARRY',
      limit: 50,
      offset: 0,
    });
    expect(byRule.total).toBe(0);
    const missing = await query.answer(world.scope('R'), {
      year: 2023,
      type: 'missing',
      limit: 50,
      offset: 0,
    });
    expect(missing.items.map((i) => i.agency.id)).toEqual([world.ids.R]);
  });

  it('answers for the latest year of a range with a problem, or its last year when all are clean', async () => {
    const page = { limit: 50, offset: 0 };
    // A reported in 2022 and 2023, on time and clean; 2021 it was expected and is missing.
    const earlier = await query.answer(world.scope('A'), {
      year: { fromYear: 2021, toYear: 2023 },
      ...page,
    });
    expect(earlier.year).toBe(2021);
    expect(earlier.items.map((i) => [i.type, i.agency.id])).toEqual([['missing', world.ids.A]]);
    const clean = await query.answer(world.scope('A'), {
      year: { fromYear: 2022, toYear: 2023 },
      ...page,
    });
    expect([clean.year, clean.total]).toEqual([2023, 0]);
    // The year found is answered in full, rules and all, as if it had been asked for.
    const found = await query.answer(world.scope('R'), {
      year: { fromYear: 2021, toYear: 2023 },
      ...page,
    });
    const asked = await query.answer(world.scope('R'), { year: 2023, ...page });
    expect(found).toEqual(asked);
  });
});
