import { APPLICATION_ROW, type ApplicationsTable } from '../applications';
import { applicationCell, narrativeMetricCell, reviewLitigationCell } from '../cells';
import { NARRATIVE_NUMBER, type Narrative } from '../narrative';
import { REPORT_TABLE } from '../report';
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
