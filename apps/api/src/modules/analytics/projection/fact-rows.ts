import type { EntityManager } from 'typeorm';
import { factFinding, type FactFinding, type ReportFact } from './analytics-fact';

/*
 * analytics_report rows: one fact per counted report, read back and written in batches.
 */

/** Rows per multi-row INSERT. */
export const WRITE_BATCH = 200;

export interface FactRow {
  report_id: string;
  version_id: string;
  agency_id: string;
  year: number;
  agency_path: string;
  agency_kind: string;
  agency_level: string;
  agency_active: boolean;
  status: string;
  submitted_at: Date;
  on_time: boolean;
  days_late: number;
  error_count: number;
  warning_count: number;
  failing_rules: string[];
  cells: (string | null)[];
  metrics: (number | null)[];
  narrative: number[];
  /** Absent where a read leaves the findings out (they are only shown in the quality list). */
  findings?: FactFinding[];
}

export function factFromRow(row: FactRow): ReportFact {
  return {
    reportId: row.report_id,
    versionId: row.version_id,
    agencyId: row.agency_id,
    year: row.year,
    agencyPath: row.agency_path,
    agencyKind: row.agency_kind,
    agencyLevel: row.agency_level,
    agencyActive: row.agency_active,
    status: row.status,
    submittedAt: row.submitted_at,
    onTime: row.on_time,
    daysLate: row.days_late,
    errorCount: row.error_count,
    warningCount: row.warning_count,
    failingRules: row.failing_rules,
    cells: row.cells.map((value) => (value === null ? null : Number(value))),
    metrics: row.metrics,
    narrative: row.narrative,
    findings: (row.findings ?? []).map(factFinding),
  };
}

export const FACT_COLUMNS = [
  'report_id',
  'version_id',
  'agency_id',
  'year',
  'agency_path',
  'agency_kind',
  'agency_level',
  'agency_active',
  'status',
  'submitted_at',
  'on_time',
  'days_late',
  'error_count',
  'warning_count',
  'failing_rules',
  'cells',
  'metrics',
  'narrative',
  'findings',
  'revision',
] as const;

/** Every column but the findings: what roll-ups and moves read of many facts. */
export const FACT_NUMBER_COLUMNS = FACT_COLUMNS.filter((c) => c !== 'findings').join(', ');

/** A fact's values in FACT_COLUMNS order. */
export function factValues(fact: ReportFact, revision: string): unknown[] {
  return [
    fact.reportId,
    fact.versionId,
    fact.agencyId,
    fact.year,
    fact.agencyPath,
    fact.agencyKind,
    fact.agencyLevel,
    fact.agencyActive,
    fact.status,
    fact.submittedAt,
    fact.onTime,
    fact.daysLate,
    fact.errorCount,
    fact.warningCount,
    fact.failingRules,
    numberArray(fact.cells),
    numberArray(fact.metrics),
    numberArray(fact.narrative),
    JSON.stringify(fact.findings),
    revision,
  ];
}

/**
 * Numbers as PostgreSQL array text. Given the array itself, the driver quotes and escapes every
 * element as if it were text, which took a fifth of a projection rebuild; numbers need neither.
 */
export function numberArray(values: readonly (number | null)[]): string {
  // Joined rather than appended to: a string grown piece by piece is flattened again when the
  // driver measures it.
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    parts[i] = value === null || value === undefined ? 'NULL' : String(value);
  }
  return `{${parts.join(',')}}`;
}

export function placeholders(rows: number, columns: number): string {
  return Array.from(
    { length: rows },
    (_, row) =>
      `(${Array.from({ length: columns }, (_, column) => `$${row * columns + column + 1}`).join(', ')})`,
  ).join(', ');
}

/** Upserts facts (one report each). */
export async function writeFacts(
  manager: EntityManager,
  facts: readonly ReportFact[],
  revision: string,
): Promise<void> {
  for (let start = 0; start < facts.length; start += WRITE_BATCH) {
    const batch = facts.slice(start, start + WRITE_BATCH);
    await manager.query(
      `INSERT INTO analytics_report (${FACT_COLUMNS.join(', ')})
       VALUES ${placeholders(batch.length, FACT_COLUMNS.length)}
       ON CONFLICT (report_id) DO UPDATE SET
         ${FACT_COLUMNS.slice(1)
           .map((column) => `${column} = EXCLUDED.${column}`)
           .join(', ')}`,
      batch.flatMap((fact) => factValues(fact, revision)),
    );
  }
}

export async function nextRevision(manager: EntityManager): Promise<string> {
  const [row] = await manager.query<{ revision: string }[]>(
    "SELECT nextval('analytics_revision_seq')::text AS revision",
  );
  return row.revision;
}
