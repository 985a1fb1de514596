import { TrendQuery } from '../../src/modules/analytics/read/trend.query';
import { projectionWorld, type ProjectionWorld } from './projection-world';

describe('TrendQuery (real PostgreSQL)', () => {
  let world: ProjectionWorld;
  let query: TrendQuery;
  const points = (answer: Awaited<ReturnType<TrendQuery['answer']>>, group: string) =>
    answer.series.find((s) => s.group.key === group)?.points.map((p) => p.value);

  beforeAll(async () => {
    world = await projectionWorld();
    query = new TrendQuery(world.dataSource);
  }, 60_000);

  afterAll(() => world?.close());

  it('gives every year of the range for the whole scope', async () => {
    const answer = await query.answer(world.scope('R'), {
      metrics: ['applicationsNew'],
      fromYear: 2021,
      toYear: 2023,
      groupBy: 'none',
    });
    expect(points(answer, 'all')).toEqual([null, 2, 15]);
  });

  it('groups by child region with 本级 for the root itself', async () => {
    const answer = await query.answer(world.scope('R'), {
      metrics: ['applicationsNew'],
      fromYear: 2022,
      toYear: 2023,
      groupBy: 'child',
    });
    expect(answer.series.map((s) => s.group.name)).toEqual(['测试A', '测试B', '本级']);
    expect(points(answer, world.ids.A)).toEqual([2, 3]);
    expect(points(answer, world.ids.B)).toEqual([null, 12]);
  });

  it('groups by kind of agency', async () => {
    const answer = await query.answer(world.scope('R'), {
      metrics: ['applicationsNew'],
      fromYear: 2023,
      toYear: 2023,
      groupBy: 'kind',
    });
    expect(points(answer, 'department')).toEqual([10]);
    expect(points(answer, 'town')).toEqual([5]);
  });
});
