import type { CanonicalReport } from '@atlas/report-model';
import { generateReport } from './model';
import { narrativeText } from './narrative-text';
import { SeededRandom } from './random';
import { type DemoAgency, demoRegion } from './region';

export const DEMO_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;
export const DEMO_SEED = 20261127;

/**
 * The realistic faults the demo shows on purpose (each once): arithmetic (balance, carry), a late
 * and a missing report (D.LATE; the missing one makes the government's report H.COVERAGE), and
 * the text against the tables and the format (S.PARTS, S.PERIOD, N.FEE, N.COMPLETION,
 * N.PUBLISHED, N.PASS_RATE).
 */
export type DemoDefect =
  | 'late'
  | 'missing'
  | 'balance'
  | 'carry'
  | 'parts'
  | 'period'
  | 'fee'
  | 'completion'
  | 'published'
  | 'passRate';

export interface DemoReport {
  agencyCode: string;
  year: number;
  report: CanonicalReport;
  /**
   * When the agency submitted it (ISO date): departments and towns in January (their deadline is
   * 31 January), the people's government at the end of March (its deadline is 31 March), after
   * them, so that its report can be checked against theirs (H.COVERAGE).
   */
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
  { defect: 'parts', agencyCode: 'QS-D05', year: 2024 },
  { defect: 'period', agencyCode: 'QS-D06', year: 2023 },
  { defect: 'fee', agencyCode: 'QS-D07', year: 2024 },
  { defect: 'completion', agencyCode: 'QS-D08', year: 2023 },
  { defect: 'published', agencyCode: 'QS-D03', year: 2024 },
  { defect: 'passRate', agencyCode: 'QS-D10', year: 2022 },
];

/** The rule each defect shows, as the report's findings name it (missing: on the government's). */
export const DEMO_DEFECT_RULE: Readonly<Record<DemoDefect, string>> = {
  late: 'D.LATE',
  missing: 'H.COVERAGE',
  balance: 'T3.BALANCE',
  carry: 'X.CARRY',
  parts: 'S.PARTS',
  period: 'S.PERIOD',
  fee: 'N.FEE',
  completion: 'N.COMPLETION',
  published: 'N.PUBLISHED',
  passRate: 'N.PASS_RATE',
};

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
      if (defect !== undefined) plantTextDefect(report, defect);
      const day = String(random.int(defect === 'late' ? 10 : 5, defect === 'late' ? 28 : 30));
      reports.push({
        agencyCode: agency.code,
        year,
        report,
        submittedOn:
          agency.kind === 'government'
            ? `${year + 1}-03-30`
            : `${year + 1}-${defect === 'late' ? '03' : '01'}-${day.padStart(2, '0')}`,
        status: year === 2025 && random.chance(0.4) ? 'submitted' : 'accepted',
        ...(defect ? { defect } : {}),
      });
    }
  }
  // In the order they were submitted, as the seed uploads them.
  reports.sort((a, b) => a.submittedOn.localeCompare(b.submittedOn));
  plantCopiedPart(reports, agencies);
  return { agencies, reports, missing };
}

/**
 * One unit copies another's part 一 (内容雷同, N.COPIED): the source writes prose of its own, the
 * copy takes it with its own name in and a word changed. The copy is submitted later in January,
 * after twenty and more reports of the year, enough to tell common wording from copying.
 */
export const DEMO_COPY = { source: 'QS-D02', copy: 'QS-D30', year: 2024 } as const;

function plantCopiedPart(reports: readonly DemoReport[], agencies: readonly DemoAgency[]): void {
  const entry = (code: string) =>
    reports.find((report) => report.agencyCode === code && report.year === DEMO_COPY.year);
  const name = (code: string) => agencies.find((agency) => agency.code === code)?.name ?? code;
  const source = entry(DEMO_COPY.source);
  const copy = entry(DEMO_COPY.copy);
  if (!source || !copy) throw new Error('the copied part needs both reports of the year');
  // Sentences with numbers are left out: the numbers part 一 states stay the tables' own.
  const prose = narrativeText(
    new SeededRandom(DEMO_COPY.year),
    name(DEMO_COPY.source),
    DEMO_COPY.year,
  )
    .overview.split('。')
    .filter((sentence) => sentence !== '' && !/\d/.test(sentence))
    .map((sentence) => `${sentence}。`)
    .join('');
  source.report.narrative.overview = prose;
  copy.report.narrative.overview = prose
    .replaceAll(name(DEMO_COPY.source), name(DEMO_COPY.copy))
    .replace('持续', '不断');
}

/** Part 六 of the fee defect: not a word about fees. */
const NOTHING_TO_REPORT = '本单位无其他需要报告的事项。';

/**
 * The text defects, set in the canonical report so that the rendered document prints them (see
 * renderReportText) and the parser reads them back; the tables keep every sum.
 */
function plantTextDefect(report: CanonicalReport, defect: DemoDefect): void {
  const metrics = report.narrative.metrics;
  const rows = report.applications;
  switch (defect) {
    case 'parts':
      // 六 printed before 五.
      report.narrative.partsFound = [
        'overview',
        'proactive',
        'applications',
        'reviewLitigation',
        'other',
        'problems',
      ];
      return;
    case 'period': {
      const year = (report.year ?? 0) - 1;
      report.narrative.period = {
        start: `${year}-01-01`,
        end: `${year}-12-31`,
        text: `${year}年1月1日至${year}年12月31日`,
      };
      return;
    }
    case 'fee': {
      // A request dropped for an unpaid fee notice, and part 六 silent on fees.
      const unpaid = rows['otherHandling.unpaidFee'];
      if (unpaid === undefined) throw new Error('the fee defect needs the itemized （六）');
      for (const row of [rows.newReceived, unpaid, rows.totalHandled]) {
        row.naturalPerson += 1;
        row.total += 1;
      }
      metrics.applicationsReceived = rows.newReceived.total;
      metrics.processingFeeYuan = null;
      report.narrative.other = NOTHING_TO_REPORT;
      return;
    }
    case 'completion': {
      const due = rows.newReceived.total + rows.carriedOver.total;
      const share = due === 0 ? 100 : (rows.totalHandled.total / due) * 100;
      metrics.completionRate = Math.max(0, Math.floor(share) - 10);
      return;
    }
    case 'published': {
      const proactive = report.proactive as unknown as Record<string, Record<string, number>>;
      const column = report.formatVersion === '2021' ? 'issued' : 'newlyPublished';
      const issued =
        (proactive['regulations']?.[column] ?? 0) +
        (proactive['normativeDocuments']?.[column] ?? 0);
      metrics.publishedItems = [
        { channel: '政府信息公开专栏', count: Math.max(0, issued - 1), approximate: false },
      ];
      return;
    }
    case 'passRate':
      metrics.inspectionPassRates = [{ subject: '政务公开检查通报', rate: 105 }];
      return;
    default:
      return;
  }
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
