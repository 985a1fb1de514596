import { BreakdownQuery } from '../../src/modules/analytics/read/breakdown.query';
import { projectionWorld, type ProjectionWorld } from './projection-world';

describe('BreakdownQuery (real PostgreSQL)', () => {
  let world: ProjectionWorld;
  let query: BreakdownQuery;

  beforeAll(async () => {
    world = await projectionWorld();
    query = new BreakdownQuery(world.dataSource);
  }, 60_000);

  afterAll(() => world?.close());

  it('sums table 3 over the scope, rows that have numbers only', async () => {
    const answer = await query.answer(world.scope('R'), 2023);
    expect(answer.reports).toBe(3);
    const row = (key: string) => answer.rows.find((r) => r.key === key);
    expect(row('newReceived')?.values['total']).toBe(15);
    expect(row('granted')?.values['total']).toBe(3);
    expect(answer.columns.map((c) => c.key)).toContain('total');
  });

  it('reads an agency alone without the agencies below it', async () => {
    const answer = await query.answer(world.scope('B', false), 2023);
    expect(answer.reports).toBe(1);
    expect(answer.rows.find((r) => r.key === 'newReceived')?.values['total']).toBe(5);
  });
});
