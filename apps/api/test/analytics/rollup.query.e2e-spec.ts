import { RollupQuery } from '../../src/modules/analytics/read/rollup.query';
import { projectionWorld, type ProjectionWorld } from './projection-world';

describe('RollupQuery (real PostgreSQL)', () => {
  let world: ProjectionWorld;
  let query: RollupQuery;

  beforeAll(async () => {
    world = await projectionWorld();
    query = new RollupQuery(world.dataSource);
  }, 60_000);

  afterAll(() => world?.close());

  it('sums tables 2–4 in the national layout and lists the units in and out', async () => {
    const answer = await query.answer(world.scope('R'), { year: 2023, limit: 200, offset: 0 });
    expect(answer).toMatchObject({ year: 2023, formatVersion: '2021', reports: 3 });
    expect(answer.applications.find((r) => r.key === 'newReceived')?.values['total']).toBe(15);
    expect(answer.units.included).toBe(3);
    expect(answer.units.includedList.map((u) => u.agency.code)).toEqual(['W-A', 'W-B', 'W-B1']);
    expect(answer.units.includedList[2]).toMatchObject({ daysLate: 30, errorCount: 1 });
    expect(answer.units.missingList.map((u) => u.agency.id)).toEqual([world.ids.R]);
  });

  it('gives the sum of a year without reports as empty', async () => {
    const answer = await query.answer(world.scope('R'), { year: 2021, limit: 200, offset: 0 });
    expect(answer.reports).toBe(0);
    expect(answer.units.includedList).toEqual([]);
  });
});
