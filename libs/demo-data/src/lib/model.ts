import {
  APPLICANT_TYPE_COLUMN_KEYS,
  type ApplicantCells,
  type ApplicantTypeColumnKey,
  type ApplicationRowKey,
  type CanonicalReport,
  emptyReport,
  outcomeRowKeysFor,
  type Report2019,
  type Report2021,
  REVIEW_GROUPS,
  table3Layout,
} from '@atlas/report-model';
import { SeededRandom } from './random';

export interface ReportProfile {
  year: number;
  /** Multiplier on request volumes (a busy land bureau vs a small township). */
  activity: number;
  agencyName: string;
  /** Last year's report of the same agency: carried-over requests and stocks continue from it. */
  previous?: CanonicalReport;
}

/** Relative frequency of each way a request ends, in the order of outcomeRowKeysFor. */
const OUTCOME_WEIGHTS: Partial<Record<ApplicationRowKey, number>> = {
  granted: 40,
  partiallyGranted: 6,
  'denied.stateSecret': 0.3,
  'denied.lawProhibited': 0.6,
  'denied.securityStability': 0.3,
  'denied.thirdParty': 1.2,
  'denied.internalAffairs': 1.5,
  'denied.processInfo': 2,
  'denied.enforcementFile': 0.8,
  'denied.queryMatter': 1,
  'unavailable.notHeld': 26,
  'unavailable.needsCreation': 4,
  'unavailable.unclear': 2,
  'notProcessed.complaint': 4,
  'notProcessed.duplicate': 2,
  'notProcessed.publication': 0.5,
  'notProcessed.massRepeat': 0.5,
  'notProcessed.confirmation': 0.5,
  'otherHandling.noCorrection': 3,
  'otherHandling.unpaidFee': 0.2,
  'otherHandling.other': 6,
  otherHandling: 9,
};

/** Share of requests by applicant type (natural persons dominate everywhere). */
const APPLICANT_MEANS: Record<ApplicantTypeColumnKey, number> = {
  naturalPerson: 10,
  commercial: 1.2,
  research: 0.05,
  nonprofit: 0.1,
  legalService: 0.5,
  otherOrg: 0.2,
};

/**
 * A report whose numbers satisfy every rule of the spec (T3.*, T4.*, and against `previous`
 * X.CARRY and T2.STOCK), drawn from a simple model of a unit's year: requests arrive by applicant
 * type, a few are carried forward, the rest end in outcomes by fixed frequencies.
 */
export function generateReport(random: SeededRandom, profile: ReportProfile): CanonicalReport {
  const formatVersion = profile.year >= 2021 ? '2021' : '2019';
  const report = formatVersion === '2021' ? emptyReport('2021') : emptyReport('2019');
  report.year = profile.year;
  report.agencyName = profile.agencyName;
  report.title = `${profile.agencyName}${profile.year}年政府信息公开工作年度报告`;
  fillApplications(random, report, profile);
  fillReviewLitigation(random, report, profile.activity);
  if (report.formatVersion === '2021') fillProactive2021(random, report, profile);
  else fillProactive2019(random, report, profile);
  report.narrative.metrics.applicationsReceived = report.applications.newReceived.total;
  report.narrative.metrics.completionRate = 100;
  report.narrative.metrics.processingFeeYuan = 0;
  fillNarrativeStatements(report, profile);
  return report;
}

/**
 * What part 一 states besides the tables: items published by channel and the pass rate of the
 * year's inspection. Drawn from a sequence of their own (seeded by unit and year), so that the
 * tables of every report stay as they were before these statements existed.
 */
function fillNarrativeStatements(report: CanonicalReport, profile: ReportProfile): void {
  let seed = profile.year;
  for (const char of profile.agencyName) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
  const random = new SeededRandom(seed);
  const scale = Math.max(1, Math.round(profile.activity));
  report.narrative.metrics.publishedItems = [
    { channel: '政府信息公开专栏', count: random.int(40, 400) * scale, approximate: false },
    { channel: '政务新媒体', count: random.int(10, 200), approximate: false },
  ];
  // Most units pass every inspection; some fall a few points short.
  const rate = random.chance(0.75) ? 100 : random.int(88, 99);
  report.narrative.metrics.inspectionPassRates = [{ subject: '政务公开检查通报', rate }];
}

function fillApplications(
  random: SeededRandom,
  report: CanonicalReport,
  profile: ReportProfile,
): void {
  const rows = report.applications;
  const previousForward = profile.previous?.applications.carriedForward;
  const outcomeKeys = outcomeRowKeysFor(table3Layout(report));
  const weights = outcomeKeys.map((key) => OUTCOME_WEIGHTS[key] ?? 0.1);
  for (const column of APPLICANT_TYPE_COLUMN_KEYS) {
    const received = random.count(APPLICANT_MEANS[column] * profile.activity);
    const carriedOver = previousForward
      ? previousForward[column]
      : random.count(0.02 * APPLICANT_MEANS[column] * profile.activity);
    const available = received + carriedOver;
    // Requests late in December are answered next year.
    const carriedForward = Math.min(available, random.count(0.04 * available));
    const handled = available - carriedForward;
    rows.newReceived[column] = received;
    rows.carriedOver[column] = carriedOver;
    rows.carriedForward[column] = carriedForward;
    rows.totalHandled[column] = handled;
    const outcomes = random.split(handled, weights);
    outcomeKeys.forEach((key, index) => {
      const row = rows[key];
      if (row) row[column] = outcomes[index] ?? 0;
    });
  }
  for (const row of Object.values(rows) as ApplicantCells[]) {
    row.total = APPLICANT_TYPE_COLUMN_KEYS.reduce((sum, column) => sum + row[column], 0);
  }
}

function fillReviewLitigation(
  random: SeededRandom,
  report: CanonicalReport,
  activity: number,
): void {
  for (const group of REVIEW_GROUPS) {
    const mean = (group.key === 'review' ? 0.25 : 0.12) * activity;
    const cells = report.reviewLitigation[group.key];
    cells.upheld = random.count(mean);
    cells.corrected = random.count(mean * 0.15);
    cells.other = random.count(mean * 0.2);
    cells.pending = random.count(mean * 0.1);
    cells.total = cells.upheld + cells.corrected + cells.other + cells.pending;
  }
}

function fillProactive2021(random: SeededRandom, report: Report2021, profile: ReportProfile): void {
  const table = report.proactive;
  const previous =
    profile.previous?.formatVersion === '2021' ? profile.previous.proactive : undefined;
  const government = profile.activity >= 2.5;
  for (const key of ['regulations', 'normativeDocuments'] as const) {
    const stock = previous
      ? previous[key].inForce
      : random.int(0, key === 'regulations' && !government ? 0 : 30);
    const issued =
      key === 'regulations' && !government
        ? 0
        : random.count(key === 'regulations' ? 0.5 : 2 * profile.activity);
    const repealed = Math.min(
      stock,
      random.count(key === 'regulations' ? 0.2 : 0.8 * profile.activity),
    );
    table[key] = { issued, repealed, inForce: stock + issued - repealed };
  }
  table.licensing.decisions = random.count(120 * profile.activity);
  table.penalty.decisions = random.count(60 * profile.activity);
  table.coercion.decisions = random.count(4 * profile.activity);
  table.fees.amountWanYuan = Math.round(random.next() * 500 * profile.activity * 100) / 100;
}

function fillProactive2019(random: SeededRandom, report: Report2019, profile: ReportProfile): void {
  const table = report.proactive;
  for (const key of ['regulations', 'normativeDocuments'] as const) {
    const made = random.count(key === 'regulations' ? 0.3 : 2 * profile.activity);
    table[key] = {
      newlyMade: made,
      newlyPublished: made,
      totalPublished: made + random.int(0, 40),
    };
  }
  for (const key of ['licensing', 'otherServices', 'penalty', 'coercion'] as const) {
    table[key] = {
      previousYearItems: random.int(0, 60),
      change: random.int(-3, 3),
      decisions: random.count(50 * profile.activity),
    };
  }
  table.fees = { previousYearItems: random.int(0, 12), change: random.int(-1, 1) };
  table.procurement = {
    projects: random.count(3 * profile.activity),
    amount: Math.round(random.next() * 300 * profile.activity * 100) / 100,
  };
}
