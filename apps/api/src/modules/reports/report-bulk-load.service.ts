import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type CanonicalReport,
  listCells,
  type ReportCell,
  runSingleReportChecks,
} from '@atlas/report-model';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, SYSTEM } from '../audit';
import { cellAddressIds } from './report-cells';
import { copyInto, copyLine } from './copy-text';
import { assessTimeliness, statutoryDueDate } from './report-deadline';
import { withCrossReportFindings } from './report-findings';
import type { ReportStatus } from './report-status';

/** One version of a bulk-loaded report: what was submitted, when. */
export interface BulkReportVersion {
  readonly canonical: CanonicalReport;
  readonly createdAt: Date;
  readonly submittedAt: Date;
}

/** A report written elsewhere (the benchmark's generated province), its versions oldest first. */
export interface BulkReport {
  readonly agencyId: string;
  readonly year: number;
  readonly status: Extract<ReportStatus, 'submitted' | 'accepted'>;
  /** The last one is the version that counts; each later one is based on the one before. */
  readonly versions: readonly BulkReportVersion[];
}

export interface BulkLoadSummary {
  reports: number;
  versions: number;
  cells: number;
  copySeconds: number;
  indexSeconds: number;
}

/** The report tables a bulk load fills. */
const LOADED_TABLES = ['report', 'report_version', 'report_version_cells'];

interface SetAside {
  constraints: { table: string; name: string; definition: string; type: string }[];
  indexes: { name: string; definition: string }[];
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;

/**
 * Fills empty report tables far faster than one upload at a time, for the analytics benchmark's
 * 100,000 reports: COPY, one transaction per batch. For the whole load, what PostgreSQL's docs
 * advise for a bulk load: the tables' foreign keys and report_version_cells' key are set aside
 * and made again after it (one sort per index, one join per foreign key, instead of an index
 * insertion and a trigger firing per row) — so it refuses a database that has reports, and
 * is for a database no API is serving yet.
 * Findings are checked here as an upload checks them (single-report rules, then the cross-report
 * rules against the same agency's previous year when it is in the same batch); timeliness is
 * against the statutory deadline. Analytics is not told report by report: rebuild its projection
 * afterwards (AnalyticsProjection.rebuild(), the replay of every report's snapshot).
 */
@Injectable()
export class ReportBulkLoadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async load(
    batches: AsyncIterable<readonly BulkReport[]> | Iterable<readonly BulkReport[]>,
    createdBy: string,
    onBatch: (loaded: { reports: number; cells: number }) => void = () => undefined,
  ): Promise<BulkLoadSummary> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM report',
    );
    if (count > 0)
      throw new Error(
        '已有年报：批量写入只用于空的年报表 / bulk loading needs empty report tables',
      );
    const summary = { reports: 0, versions: 0, cells: 0 };
    const copyStarted = performance.now();
    const setAside = await this.setAside();
    let restored = false;
    try {
      for await (const batch of batches) {
        const loaded = await this.dataSource.transaction((manager) =>
          loadBatch(manager, batch, createdBy),
        );
        summary.reports += batch.length;
        summary.versions += loaded.versions;
        summary.cells += loaded.cells;
        onBatch(summary);
      }
      const copyMs = performance.now() - copyStarted;
      const indexStarted = performance.now();
      restored = true;
      await this.restore(setAside);
      const indexMs = performance.now() - indexStarted;
      await this.audit.record({
        ...SYSTEM,
        action: 'report.bulk-load',
        targetType: 'report',
        details: { ...summary },
      });
      return { ...summary, copySeconds: seconds(copyMs), indexSeconds: seconds(indexMs) };
    } finally {
      // A failed load still gets its keys back (on what was committed), so the tables stay whole.
      if (!restored) await this.restore(setAside);
    }
  }

  /** Drops the foreign keys and report_version_cells' keys and indexes; their definitions come from the catalogue. */
  private async setAside(): Promise<SetAside> {
    return this.dataSource.transaction(async (manager) => {
      const constraints = await manager.query<SetAside['constraints']>(
        `SELECT c.conrelid::regclass::text AS table, c.conname AS name,
                pg_get_constraintdef(c.oid) AS definition, c.contype AS type
           FROM pg_constraint c
          WHERE c.conrelid = ANY($1::regclass[])
            AND (c.contype = 'f' OR (c.conrelid = 'report_version_cells'::regclass AND c.contype IN ('p', 'u')))
          ORDER BY c.contype DESC, c.conname`,
        [LOADED_TABLES],
      );
      const indexes = await manager.query<SetAside['indexes']>(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
           FROM pg_index i
          WHERE i.indrelid = 'report_version_cells'::regclass
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      );
      for (const c of constraints)
        await manager.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
      for (const index of indexes) await manager.query(`DROP INDEX ${index.name}`);
      return { constraints, indexes };
    });
  }

  /** Keys first (a foreign key needs the key it points at), then plain indexes, then foreign keys. */
  private async restore(setAside: SetAside): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL maintenance_work_mem = '1GB'`);
      const add = (c: SetAside['constraints'][number]) =>
        manager.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.definition}`);
      for (const c of setAside.constraints.filter((c) => c.type !== 'f')) await add(c);
      for (const index of setAside.indexes) await manager.query(index.definition);
      for (const c of setAside.constraints.filter((c) => c.type === 'f')) await add(c);
    });
  }
}

/** The connection TypeORM runs the transaction on: COPY goes through it, inside the transaction. */
async function clientOf(manager: EntityManager): Promise<PoolClient> {
  if (!manager.queryRunner) throw new Error('COPY needs the transaction of a query runner');
  return (await manager.queryRunner.connect()) as PoolClient;
}

async function loadBatch(
  manager: EntityManager,
  batch: readonly BulkReport[],
  createdBy: string,
): Promise<{ versions: number; cells: number }> {
  const client = await clientOf(manager);
  // The counted version of each agency-year in the batch: next year's cross-report rules read it.
  const counted = new Map<string, CanonicalReport>();
  const reportLines: string[] = [];
  const versionLines: string[] = [];
  const versionCells: { versionId: string; cells: ReportCell[] }[] = [];
  const addresses = new Map<string, ReportCell>();
  let versions = 0;
  let cells = 0;
  for (const report of batch) {
    const reportId = randomUUID();
    const due = statutoryDueDate(report.year);
    const previousYear = counted.get(`${report.agencyId}|${report.year - 1}`) ?? null;
    let currentId = '';
    report.versions.forEach((version, index) => {
      const versionId = randomUUID();
      const canonical = structuredClone(version.canonical);
      canonical.findings = withCrossReportFindings(
        runSingleReportChecks(canonical),
        canonical,
        previousYear,
      );
      const timeliness = assessTimeliness(version.submittedAt, due);
      versionLines.push(
        copyLine([
          versionId,
          reportId,
          index + 1,
          JSON.stringify(canonical),
          JSON.stringify(canonical.findings),
          report.year,
          report.year,
          createdBy,
          version.createdAt,
          version.submittedAt,
          createdBy,
          timeliness.onTime,
          timeliness.daysLate,
          index === 0 ? null : index,
        ]),
      );
      const listed = listCells(canonical);
      for (const cell of listed) if (!addresses.has(cell.address)) addresses.set(cell.address, cell);
      versionCells.push({ versionId, cells: listed });
      cells += listed.length;
      versions++;
      currentId = versionId;
      if (index === report.versions.length - 1)
        counted.set(`${report.agencyId}|${report.year}`, canonical);
    });
    const first = report.versions[0];
    const last = report.versions[report.versions.length - 1];
    if (!first || !last)
      throw new Error(`report of ${report.agencyId} for ${report.year} has no version`);
    reportLines.push(
      copyLine([
        reportId,
        report.agencyId,
        report.year,
        report.status,
        currentId,
        first.createdAt,
        last.submittedAt,
      ]),
    );
  }
  await copyInto(
    client,
    'COPY report (id, agency_id, year, status, current_version_id, created_at, updated_at) FROM STDIN',
    reportLines.join(''),
  );
  await copyInto(
    client,
    `COPY report_version (id, report_id, version, canonical, findings, declared_year, parsed_year,
       created_by, created_at, submitted_at, submitted_by, on_time, days_late, based_on_version) FROM STDIN`,
    versionLines.join(''),
  );
  // One row per version: its address ids and values as array literals (nothing to escape).
  const ids = await cellAddressIds(manager, [...addresses.values()]);
  let cellLines = '';
  for (const { versionId, cells: listed } of versionCells) {
    const addressIds = listed.map((cell) => ids.get(cell.address));
    if (addressIds.includes(undefined)) throw new Error(`version ${versionId}: an address has no id`);
    cellLines += `${versionId}\t{${addressIds.join(',')}}\t{${listed.map((cell) => cell.value).join(',')}}\n`;
  }
  await copyInto(
    client,
    'COPY report_version_cells (version_id, address_ids, cell_values) FROM STDIN',
    cellLines,
  );
  return { versions, cells };
}
