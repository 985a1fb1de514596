import { OverviewQuery } from '../../src/modules/analytics/read/overview.query';
import { QualityQuery } from '../../src/modules/analytics/read/quality.query';
import { projectionWorld, type ProjectionWorld } from './projection-world';

describe('OverviewQuery (real PostgreSQL)', () => {
  let world: ProjectionWorld;
  let query: OverviewQuery;

  beforeAll(async () => {
    world = await projectionWorld();
    query = new OverviewQuery(world.dataSource, new QualityQuery(world.dataSource));
  }, 60_000);

  afterAll(() => world?.close());

  it('sums the subtree, compares with last year and counts submissions', async () => {
    const answer = await query.answer(world.scope('R'), 2023);
    const kpi = (key: string) => answer.kpis.find((k) => k.metric.key === key);
    expect(kpi('applicationsHandled')).toMatchObject({ value: 6, previous: 2 });
    expect(kpi('disclosureRate')?.value).toBe(50);
    expect(kpi('missingReports')?.value).toBe(1);
    expect(kpi('applicationsHandled')?.sparkline.map((p) => p.value)).toEqual([
      null,
      null,
      null,
      2,
      6,
    ]);
    expect(answer.submissions).toEqual({
      expected: 4,
      submitted: 3,
      onTime: 2,
      late: 1,
      missing: 1,
      accepted: 0,
      returned: 0,
      withErrors: 1,
      withWarnings: 0,
    });
    expect(answer.issues.map((i) => [i.type, i.agency.id])).toEqual([
      ['failing', world.ids.B1],
      ['missing', world.ids.R],
    ]);
  });

  it('counts only the root itself without its subtree', async () => {
    const answer = await query.answer(world.scope('A', false), 2023);
    expect(answer.submissions).toMatchObject({ expected: 1, submitted: 1, missing: 0 });
    expect(answer.scope.agencies.map((a) => a.id)).toEqual([world.ids.A]);
  });
});
