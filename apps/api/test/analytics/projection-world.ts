import { randomUUID } from 'node:crypto';
import { emptyReport, type Finding, setCell } from '@atlas/report-model';
import { DataSource } from 'typeorm';
import type { AgencyPlacement } from '../../src/common/events/agency-tree-changed';
import type { ReportSnapshot } from '../../src/common/events/report-snapshot';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { projectAgencyTree } from '../../src/modules/analytics/projection/agency-projection';
import { projectSnapshot } from '../../src/modules/analytics/projection/snapshot-projection';
import type { AnalyticsScope } from '../../src/modules/analytics/read/analytics-scope';
import { countedNumbers } from '../../src/modules/reports/report-snapshot';
import { createSeparateDatabase } from '../support/test-database';

/*
 * A small world for the analytics query specs, in a database of its own (migrated, then fed
 * only the events analytics subscribes to: the agency tree and report snapshots). The query
 * objects read nothing else, so no reports or agencies module is involved.
 *
 *   R (root, county government, expected, no report)
 *   ├── A    department   2022: 2 new applications, 2023: 3
 *   └── B    town         2023: 5
 *       └── B1 department 2023: 7, a T3.BALANCE error, 30 days late
 *   O (another root)      2023: 100
 *
 * Each report: n new applications, 1 granted, 2 handled (公开率 50 %).
 */

export type WorldAgency = 'R' | 'A' | 'B' | 'B1' | 'O';

export interface ProjectionWorld {
  readonly dataSource: DataSource;
  readonly ids: Record<WorldAgency, string>;
  readonly reportIds: Record<string, string>;
  /** The tree as the agencies module would publish it. */
  placements(): AgencyPlacement[];
  /** The scope of one agency, with or without the agencies below it. */
  scope(agency: WorldAgency, subtree?: boolean): AnalyticsScope;
  /** Publishes a changed tree (e.g. a move) into the projection. */
  publishTree(agencies: readonly AgencyPlacement[]): Promise<void>;
  close(): Promise<void>;
}

const BALANCE_ERROR: Finding = {
  rule: 'T3.BALANCE',
  severity: 'error',
  cells: ['applications.newReceived.total'],
  message: '表三 总计列：不平衡',
} as Finding;

export function snapshotOf(
  reportId: string,
  agencyId: string,
  year: number,
  newApplications: number,
  options: { findings?: Finding[]; daysLate?: number; status?: string } = {},
): ReportSnapshot {
  const report = emptyReport('2021');
  report.year = year;
  setCell(report, 'applications.newReceived.total', newApplications);
  setCell(report, 'applications.granted.total', 1);
  setCell(report, 'applications.totalHandled.total', 2);
  const daysLate = options.daysLate ?? 0;
  return {
    reportId,
    agencyId,
    year,
    status: options.status ?? 'submitted',
    counted: {
      versionId: randomUUID(),
      submittedAt: new Date(`${year + 1}-01-20T10:00:00+08:00`),
      onTime: daysLate === 0,
      daysLate,
      ...countedNumbers(report, options.findings ?? []),
    },
  };
}

export async function projectionWorld(): Promise<ProjectionWorld> {
  const database = await createSeparateDatabase('atlas_projection');
  const dataSource = new DataSource(buildDataSourceOptions(database.url, false));
  await dataSource.initialize();

  const ids = {
    R: randomUUID(),
    A: randomUUID(),
    B: randomUUID(),
    B1: randomUUID(),
    O: randomUUID(),
  };
  const agency = (
    key: WorldAgency,
    parentPath: string | null,
    kind: string,
    code: string,
  ): AgencyPlacement => ({
    id: ids[key],
    parentId: parentPath ? (parentPath.split('.').at(-1) ?? null) : null,
    code,
    name: `测试${key}`,
    path: parentPath ? `${parentPath}.${ids[key]}` : ids[key],
    kind,
    level: 'county',
    activeFromYear: null,
    activeToYear: null,
  });
  const tree = [
    agency('R', null, 'government', 'W-R'),
    agency('A', ids.R, 'department', 'W-A'),
    agency('B', ids.R, 'town', 'W-B'),
    agency('B1', `${ids.R}.${ids.B}`, 'department', 'W-B1'),
    agency('O', null, 'government', 'W-O'),
  ];
  const reportIds: Record<string, string> = {
    A2022: randomUUID(),
    A2023: randomUUID(),
    B2023: randomUUID(),
    B12023: randomUUID(),
    O2023: randomUUID(),
  };
  await dataSource.transaction(async (manager) => {
    await projectAgencyTree(manager, tree);
    for (const snapshot of [
      snapshotOf(reportIds.A2022, ids.A, 2022, 2),
      snapshotOf(reportIds.A2023, ids.A, 2023, 3),
      snapshotOf(reportIds.B2023, ids.B, 2023, 5),
      snapshotOf(reportIds.B12023, ids.B1, 2023, 7, { findings: [BALANCE_ERROR], daysLate: 30 }),
      snapshotOf(reportIds.O2023, ids.O, 2023, 100),
    ])
      await projectSnapshot(manager, snapshot);
  });

  return {
    dataSource,
    ids,
    reportIds,
    placements: () => tree.map((a) => ({ ...a })),
    scope: (key, subtree = true) => {
      const placement = tree.find((a) => a.id === ids[key]) as AgencyPlacement;
      return {
        roots: [
          { id: placement.id, code: placement.code, name: placement.name, path: placement.path },
        ],
        subtree,
      };
    },
    publishTree: (agencies) =>
      dataSource.transaction((manager) => projectAgencyTree(manager, agencies)),
    async close() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
