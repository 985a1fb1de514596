import { ComplianceQuery } from '../../src/modules/analytics/read/compliance.query';
import { projectionWorld, type ProjectionWorld } from './projection-world';

describe('ComplianceQuery (real PostgreSQL)', () => {
  let world: ProjectionWorld;
  let query: ComplianceQuery;
  const base = { fromYear: 2023, toYear: 2023, sort: 'code', limit: 50, offset: 0 } as const;

  beforeAll(async () => {
    world = await projectionWorld();
    query = new ComplianceQuery(world.dataSource);
  }, 60_000);

  afterAll(() => world?.close());

  it('gives each child region and 本级 its expected, submitted and worst status', async () => {
    const answer = await query.answer(world.scope('R'), { ...base, by: 'child' });
    expect(answer.total).toBe(3);
    expect(
      answer.rows.map((r) => [r.name, r.years[0].expected, r.years[0].submitted, r.years[0].status]),
    ).toEqual([
      ['测试A', 1, 1, 'ok'],
      ['测试B', 2, 2, 'failing'],
      ['本级', 1, 0, 'missing'],
    ]);
  });

  it('lists single agencies in tree order, or worst first', async () => {
    const inOrder = await query.answer(world.scope('R'), { ...base, by: 'agency' });
    expect(inOrder.total).toBe(4);
    expect(inOrder.rows[0]).toMatchObject({ agency: { id: world.ids.R } });
    const worst = await query.answer(world.scope('R'), {
      ...base,
      by: 'agency',
      sort: 'problems',
      limit: 2,
    });
    expect(worst.rows.map((r) => r.years[0].status)).toEqual(['missing', 'failing']);
  });

  it('stops expecting an agency retired before the year', async () => {
    await world.publishTree(
      world.placements().map((a) => (a.id === world.ids.A ? { ...a, activeToYear: 2022 } : a)),
    );
    const answer = await query.answer(world.scope('R'), { ...base, by: 'child' });
    expect(answer.rows[0].years[0]).toMatchObject({ expected: 0, submitted: 1 });
  });
});
