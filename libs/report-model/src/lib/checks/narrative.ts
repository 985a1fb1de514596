import { APPLICATION_ROW, type ApplicationsTable } from '../applications';
import {
  applicationCell,
  narrativeMetricCell,
  proactiveCell,
  reviewLitigationCell,
} from '../cells';
import { NARRATIVE_NUMBER, type Narrative } from '../narrative';
import {
  PROACTIVE_COLUMN_2019,
  PROACTIVE_COLUMN_2021,
  PROACTIVE_ROW_2019,
  PROACTIVE_ROW_2021,
} from '../proactive';
import { REPORT_TABLE, type CanonicalReport } from '../report';
import {
  LITIGATION_GROUP_KEYS,
  REVIEW_COLUMN,
  REVIEW_GROUP,
  type ReviewLitigationTable,
} from '../review-litigation';
import { createFinding, type Finding } from '../rules';
import { formatNumber, formatSum, formatTerm, sameNumber, sum, type Term } from './arithmetic';

const TABLE3 = REPORT_TABLE.applications.shortLabel;
const TABLE4 = REPORT_TABLE.reviewLitigation.shortLabel;
const TABLE2 = REPORT_TABLE.proactive.shortLabel;
/** The table-2 rows of documents every report publishes (in both formats). */
const STOCK_ROWS = ['regulations', 'normativeDocuments'] as const;

/**
 * N.APPLICATIONS — the number of applications the text states must be table 3's 新收 total or
 * 新收 + 上年结转 (texts count either way: pingtan-2022 says 75 = 74 new + 1 carried over).
 */
export function checkNarrativeApplications({
  narrative,
  applications,
}: {
  readonly narrative: Narrative;
  readonly applications: ApplicationsTable;
}): Finding[] {
  const stated = narrative.metrics.applicationsReceived;
  if (stated === null) return [];
  const received: Term = {
    label: APPLICATION_ROW.newReceived.shortLabel,
    value: applications.newReceived.total,
  };
  const carriedOver: Term = {
    label: APPLICATION_ROW.carriedOver.shortLabel,
    value: applications.carriedOver.total,
  };
  const receivedWithCarriedOver = received.value + carriedOver.value;
  if (sameNumber(stated, received.value) || sameNumber(stated, receivedWithCarriedOver)) return [];
  const text: Term = { label: NARRATIVE_NUMBER.applicationsReceived.label, value: stated };
  return [
    createFinding(
      'N.APPLICATIONS',
      [
        narrativeMetricCell('applicationsReceived'),
        applicationCell('newReceived', 'total'),
        applicationCell('carriedOver', 'total'),
      ],
      `${formatTerm(text)} ≠ ${TABLE3} ${formatTerm(received)}，也 ≠ ${formatSum([received, carriedOver])} = ${formatNumber(receivedWithCarriedOver)}`,
    ),
  ];
}

interface Table4NarrativeInput {
  readonly narrative: Narrative;
  readonly reviewLitigation: ReviewLitigationTable;
}

/** N.REVIEW — the number of 行政复议 the text states must be table 4's review total. */
export function checkNarrativeReview({
  narrative,
  reviewLitigation,
}: Table4NarrativeInput): Finding[] {
  const stated = narrative.metrics.reviewCount;
  if (stated === undefined || stated === null) return [];
  const total = reviewLitigation.review.total;
  if (sameNumber(stated, total)) return [];
  const text: Term = { label: NARRATIVE_NUMBER.reviewCount.label, value: stated };
  const table: Term = {
    label: `${REVIEW_GROUP.review.shortLabel}${REVIEW_COLUMN.total.label}`,
    value: total,
  };
  return [
    createFinding(
      'N.REVIEW',
      [narrativeMetricCell('reviewCount'), reviewLitigationCell('review', 'total')],
      `${formatTerm(text)} ≠ ${TABLE4} ${formatTerm(table)}`,
    ),
  ];
}

/** N.LITIGATION — the number of 行政诉讼 the text states must be both litigation totals. */
export function checkNarrativeLitigation({
  narrative,
  reviewLitigation,
}: Table4NarrativeInput): Finding[] {
  const stated = narrative.metrics.litigationCount;
  if (stated === undefined || stated === null) return [];
  const totals = LITIGATION_GROUP_KEYS.map((group) => ({
    label: `${REVIEW_GROUP[group].shortLabel}${REVIEW_COLUMN.total.label}`,
    value: reviewLitigation[group].total,
  }));
  const litigationSum = sum(totals.map((t) => t.value));
  if (sameNumber(stated, litigationSum)) return [];
  const text: Term = { label: NARRATIVE_NUMBER.litigationCount.label, value: stated };
  return [
    createFinding(
      'N.LITIGATION',
      [
        narrativeMetricCell('litigationCount'),
        ...LITIGATION_GROUP_KEYS.map((group) => reviewLitigationCell(group, 'total')),
      ],
      `${formatTerm(text)} ≠ ${TABLE4} ${formatSum(totals)} = ${formatNumber(litigationSum)}`,
    ),
  ];
}

/** Percentage points a stated rate may lie below the table's (rates are printed rounded or cut). */
const RATE_TOLERANCE = 1;

/**
 * N.COMPLETION — the 办结率 the text states lies between table 3's share handled
 * (办理总计 ÷ (新收 + 上年结转)) and 100 %. Texts often say 100 % while requests not yet due are
 * carried forward, so only a rate below the table's, or above 100 %, is a contradiction.
 */
export function checkNarrativeCompletion({
  narrative,
  applications,
}: {
  readonly narrative: Narrative;
  readonly applications: ApplicationsTable;
}): Finding[] {
  const stated = narrative.metrics.completionRate;
  if (stated === null) return [];
  const terms: Term[] = [
    { label: APPLICATION_ROW.newReceived.shortLabel, value: applications.newReceived.total },
    { label: APPLICATION_ROW.carriedOver.shortLabel, value: applications.carriedOver.total },
  ];
  const handled: Term = {
    label: APPLICATION_ROW.totalHandled.shortLabel,
    value: applications.totalHandled.total,
  };
  const due = sum(terms.map((term) => term.value));
  const share = due === 0 ? 100 : (handled.value / due) * 100;
  if (stated <= 100 && stated >= share - RATE_TOLERANCE) return [];
  const text = `${NARRATIVE_NUMBER.completionRate.label} ${formatNumber(stated)}%`;
  const reason =
    stated > 100
      ? `${text} 超过 100%`
      : `${text} 低于${TABLE3} ${formatTerm(handled)} ÷ (${formatSum(terms)}) = ${formatNumber(Math.round(share * 10) / 10)}%`;
  return [
    createFinding(
      'N.COMPLETION',
      [
        narrativeMetricCell('completionRate'),
        applicationCell('totalHandled', 'total'),
        applicationCell('newReceived', 'total'),
        applicationCell('carriedOver', 'total'),
      ],
      reason,
    ),
  ];
}

/**
 * N.PUBLISHED — the items the text says were published (the largest count of any channel) are
 * at least the regulations and normative documents table 2 says were issued (2021 format) or
 * newly published (2019 format): each of them must be published.
 */
export function checkNarrativePublished(report: CanonicalReport): Finding[] {
  const items = report.narrative.metrics.publishedItems;
  if (items === null || items.length === 0) return [];
  const largest = items.reduce((best, item) => (item.count > best.count ? item : best));
  const column = report.formatVersion === '2021' ? 'issued' : 'newlyPublished';
  const rows = report.formatVersion === '2021' ? PROACTIVE_ROW_2021 : PROACTIVE_ROW_2019;
  const columnLabel =
    report.formatVersion === '2021'
      ? PROACTIVE_COLUMN_2021.issued.label
      : PROACTIVE_COLUMN_2019.newlyPublished.label;
  const table = report.proactive as unknown as Record<string, Record<string, number>>;
  const documents: Term[] = STOCK_ROWS.map((row) => ({
    label: `${rows[row].label}${columnLabel}`,
    value: table[row]?.[column] ?? 0,
  }));
  const issued = sum(documents.map((term) => term.value));
  if (largest.count >= issued) return [];
  return [
    createFinding(
      'N.PUBLISHED',
      STOCK_ROWS.map((row) => proactiveCell(row, column)),
      `正文所述通过${largest.channel}发布 ${formatNumber(largest.count)}${largest.approximate ? ' 余' : ''} 条 < ${TABLE2} ${formatSum(documents)} = ${formatNumber(issued)}`,
      { parts: ['overview'] },
    ),
  ];
}

/** N.PASS_RATE — every 合格率 the text states lies between 0 and 100 %. */
export function checkNarrativePassRates({
  narrative,
}: {
  readonly narrative: Narrative;
}): Finding[] {
  const impossible = (narrative.metrics.inspectionPassRates ?? []).filter(
    (rate) => rate.rate > 100 || rate.rate < 0,
  );
  if (impossible.length === 0) return [];
  return [
    createFinding(
      'N.PASS_RATE',
      [],
      `正文所述合格率不可能：${impossible.map((rate) => `${rate.subject}合格率 ${formatNumber(rate.rate)}%`).join('、')}（应在 0 至 100% 之间）`,
      { parts: ['overview'] },
    ),
  ];
}

/**
 * N.FEE — part 六's 信息处理费 against the tables: table 3 (六)2 counts requests dropped because a
 * fee notice went unpaid, so fees were levied and part 六 has to say what was charged (未收取
 * included: an unpaid notice brings nothing in); and a
 * fee the text says was charged is an administrative fee, so it cannot exceed table 2's 行政事业性
 * 收费 amount (2021 format, in 万元).
 */
export function checkNarrativeFee(report: CanonicalReport): Finding[] {
  const stated = report.narrative.metrics.processingFeeYuan;
  const unpaid = report.applications['otherHandling.unpaidFee']?.total ?? 0;
  const findings: Finding[] = [];
  // "未收取" is consistent with unpaid notices (nothing was paid); saying nothing is not. Only a
  // part 六 that is there can be silent: without its text (data entered, part not found) there
  // is nothing to judge (S.PARTS names a missing part).
  if (unpaid > 0 && stated === null && report.narrative.other.trim() !== '') {
    findings.push(
      createFinding(
        'N.FEE',
        [applicationCell('otherHandling.unpaidFee', 'total')],
        `${TABLE3}（六）2 逾期未缴纳费用 ${formatNumber(unpaid)} 件，说明发出过收费通知，但正文未说明信息处理费收取情况`,
        { parts: ['other'] },
      ),
    );
  }
  if (stated !== null && stated > 0 && report.formatVersion === '2021') {
    const feesWanYuan = report.proactive.fees.amountWanYuan;
    if (feesWanYuan * 10_000 + 1e-6 < stated) {
      findings.push(
        createFinding(
          'N.FEE',
          [narrativeMetricCell('processingFeeYuan'), proactiveCell('fees', 'amountWanYuan')],
          `正文所述信息处理费 ${formatNumber(stated)} 元 > ${TABLE2} ${PROACTIVE_ROW_2021.fees.label}金额 ${formatNumber(feesWanYuan)} 万元`,
          { parts: ['other'] },
        ),
      );
    }
  }
  return findings;
}
