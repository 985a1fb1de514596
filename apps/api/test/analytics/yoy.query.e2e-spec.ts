import { YoyQuery } from '../../src/modules/analytics/read/yoy.query';
import { projectionWorld, type ProjectionWorld } from './projection-world';

describe('YoyQuery (real PostgreSQL)', () => {
  let world: ProjectionWorld;
  let query: YoyQuery;

  beforeAll(async () => {
    world = await projectionWorld();
    query = new YoyQuery(world.dataSource);
  }, 60_000);

  afterAll(() => world?.close());

  it('puts every cell and metric of two years side by side', async () => {
    const answer = await query.answer(world.scope('R'), { year: 2023, baseYear: 2022 });
    expect(answer.reports).toEqual({ current: 3, base: 1 });
    expect(answer.cells.find((c) => c.address === 'applications.newReceived.total')).toMatchObject({
      table: '表三',
      current: 15,
      base: 2,
      change: { absolute: 13, percent: 650 },
    });
    expect(answer.metrics.find((m) => m.metric.key === 'disclosureRate')).toMatchObject({
      current: 50,
      base: 50,
      change: { absolute: 0 },
    });
  });

  it('has no numbers for a year without reports', async () => {
    const answer = await query.answer(world.scope('O'), { year: 2023, baseYear: 2022 });
    expect(answer.reports).toEqual({ current: 1, base: 0 });
    expect(answer.metrics.every((m) => m.base === null)).toBe(true);
  });
});
