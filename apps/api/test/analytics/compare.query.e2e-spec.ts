import { CompareQuery } from '../../src/modules/analytics/read/compare.query';
import { projectionWorld, type ProjectionWorld } from './projection-world';

describe('CompareQuery (real PostgreSQL)', () => {
  let world: ProjectionWorld;
  let query: CompareQuery;
  const base = {
    year: 2023,
    metric: 'applicationsNew',
    order: 'desc',
    limit: 50,
    offset: 0,
  } as const;

  beforeAll(async () => {
    world = await projectionWorld();
    query = new CompareQuery(world.dataSource);
  }, 60_000);

  afterAll(() => world?.close());

  it('ranks child regions with last year and change', async () => {
    const answer = await query.answer(world.scope('R'), { ...base, by: 'child' });
    expect(answer.items.map((i) => [i.agency.id, i.value, i.rank, i.previous])).toEqual([
      [world.ids.B, 12, 1, null],
      [world.ids.A, 3, 2, 2],
    ]);
    expect(answer.stats).toMatchObject({ count: 2, min: 3, max: 12, mean: 7.5 });
  });

  it('ranks single agencies in SQL, ascending on request, a page at a time', async () => {
    const answer = await query.answer(world.scope('R'), {
      ...base,
      by: 'agency',
      order: 'asc',
      limit: 2,
    });
    expect(answer.total).toBe(3);
    expect(answer.items.map((i) => [i.agency.code, i.value, i.rank])).toEqual([
      ['W-A', 3, 1],
      ['W-B', 5, 2],
    ]);
  });

  it('follows an agency moved to another region', async () => {
    await world.publishTree(
      world.placements().map((a) =>
        a.id === world.ids.B1
          ? { ...a, parentId: world.ids.A, path: `${world.ids.R}.${world.ids.A}.${a.id}` }
          : a,
      ),
    );
    const answer = await query.answer(world.scope('R'), { ...base, by: 'child' });
    expect(answer.items.map((i) => [i.agency.id, i.value])).toEqual([
      [world.ids.A, 10],
      [world.ids.B, 5],
    ]);
  });
});
