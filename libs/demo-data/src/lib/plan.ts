import type { CanonicalReport } from '@atlas/report-model';
import { generateReport } from './model';
import { SeededRandom } from './random';
import { type DemoAgency, demoRegion } from './region';

export const DEMO_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;
export const DEMO_SEED = 20261127;

/** The realistic faults the demo shows on purpose (each once). */
export type DemoDefect = 'late' | 'missing' | 'balance' | 'carry';

export interface DemoReport {
  agencyCode: string;
  year: number;
  report: CanonicalReport;
  /** When the agency submitted it (ISO date); the deadline is 31 January of the next year. */
  submittedOn: string;
  /** Older years were accepted by the oversight office; the latest may still wait for review. */
  status: 'accepted' | 'submitted';
  defect?: DemoDefect;
}

export interface DemoPlan {
  agencies: DemoAgency[];
  reports: DemoReport[];
  /** agency code + year of the report deliberately missing. */
  missing: { agencyCode: string; year: number }[];
}

const DEFECTS: readonly { defect: DemoDefect; agencyCode: string; year: number }[] = [
  { defect: 'late', agencyCode: 'QS-D26', year: 2023 },
  { defect: 'missing', agencyCode: 'QS-D35', year: 2024 },
  { defect: 'balance', agencyCode: 'QS-D24', year: 2022 },
  { defect: 'carry', agencyCode: 'QS-T01', year: 2023 },
];

/** The whole demo: the region and seven years of reports, the same for the same seed. */
export function demoPlan(seed = DEMO_SEED): DemoPlan {
  const random = new SeededRandom(seed);
  const agencies = demoRegion();
  const reports: DemoReport[] = [];
  const missing: DemoPlan['missing'] = [];
  for (const agency of agencies) {
    let previous: CanonicalReport | undefined;
    for (const year of DEMO_YEARS) {
      const defect = DEFECTS.find(
        (entry) => entry.agencyCode === agency.code && entry.year === year,
      )?.defect;
      const report = generateReport(random, {
        year,
        activity: agency.activity,
        agencyName: agency.name,
        previous,
      });
      previous = report;
      if (defect === 'missing') {
        missing.push({ agencyCode: agency.code, year });
        continue;
      }
      if (defect === 'balance') breakBalance(report);
      if (defect === 'carry') breakCarryOver(report);
      reports.push({
        agencyCode: agency.code,
        year,
        report,
        submittedOn:
          defect === 'late'
            ? `${year + 1}-03-${String(random.int(10, 28)).padStart(2, '0')}`
            : `${year + 1}-01-${String(random.int(5, 30)).padStart(2, '0')}`,
        status: year === 2025 && random.chance(0.4) ? 'submitted' : 'accepted',
        ...(defect ? { defect } : {}),
      });
    }
  }
  return { agencies, reports, missing };
}

/** One more request carried forward than the table's other rows allow: T3.BALANCE. */
function breakBalance(report: CanonicalReport): void {
  report.applications.carriedForward.naturalPerson += 1;
  report.applications.carriedForward.total += 1;
}

/** Carried over one request more than last year carried forward, sums kept: X.CARRY only. */
function breakCarryOver(report: CanonicalReport): void {
  const rows = report.applications;
  for (const row of [rows.carriedOver, rows.granted, rows.totalHandled]) {
    row.naturalPerson += 1;
    row.total += 1;
  }
}
