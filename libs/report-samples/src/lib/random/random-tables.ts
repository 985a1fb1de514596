import {
  APPLICANT_TYPE_COLUMN_KEYS,
  applicationCell,
  getCell,
  outcomeRowKeysFor,
  REVIEW_GROUPS,
  REVIEW_RESULT_COLUMN_KEYS,
  setCell,
  type ApplicationOutcomeRowKey,
  type CanonicalReport,
  type Report2019,
  type Report2021,
  type Table3Layout,
} from '@atlas/report-model';
import type { SeededRandom } from '../seeded-random';
import type { ValueProfile } from './value-profiles';

/**
 * The free cells of tables 2–4 drawn for a value profile; totals are left to deriveTotals.
 * Outcomes are skewed as in real reports: most requests are granted, partly granted, not held
 * or "other"; the rarer outcomes get a tenth of the range.
 */

const MAIN_OUTCOMES: ReadonlySet<ApplicationOutcomeRowKey> = new Set([
  'granted',
  'partiallyGranted',
  'unavailable.notHeld',
  'otherHandling',
  'otherHandling.other',
]);

export function fillTable3(
  report: CanonicalReport,
  layout: Table3Layout,
  profile: ValueProfile,
  random: SeededRandom,
): void {
  const outcomes = outcomeRowKeysFor(layout);
  for (const column of APPLICANT_TYPE_COLUMN_KEYS) {
    const max = profile.outcomeMax[column];
    if (max === 0) continue;
    for (const row of outcomes) {
      const rowMax = MAIN_OUTCOMES.has(row) ? max : Math.max(1, Math.floor(max / 10));
      const value = random.chance(profile.zeroShare) ? 0 : random.int(1, rowMax);
      setCell(report, applicationCell(row, column), value);
    }
    const handled = outcomes.reduce(
      (sum, row) => sum + (getCell(report, applicationCell(row, column)) ?? 0),
      0,
    );
    const carryMax = Math.min(profile.carryMax, Math.max(1, Math.ceil(max / 4)));
    const forward = random.chance(0.4) ? 0 : random.int(0, carryMax);
    setCell(report, applicationCell('carriedForward', column), forward);
    const over = random.chance(0.4) ? 0 : random.int(0, Math.min(carryMax, handled + forward));
    setCell(report, applicationCell('carriedOver', column), over);
  }
}

export function fillTable4(report: CanonicalReport, profile: ValueProfile, random: SeededRandom) {
  if (!random.chance(profile.reviewChance)) return;
  for (const { key } of REVIEW_GROUPS) {
    if (key !== 'review' && random.chance(0.5)) continue;
    for (const column of REVIEW_RESULT_COLUMN_KEYS) {
      report.reviewLitigation[key][column] = random.chance(0.5)
        ? 0
        : random.int(1, profile.reviewMax);
    }
  }
}

/** A count that is 0 in about one report of five. */
function count(random: SeededRandom, max: number): number {
  return random.chance(0.2) ? 0 : random.int(1, Math.max(1, Math.floor(max)));
}

/** An amount in 万元 as agencies print it: two decimals, sometimes four, sometimes whole. */
export function amountWanYuan(random: SeededRandom, max: number): number {
  if (random.chance(0.25)) return 0;
  const decimals = random.weighted([
    [2, 6],
    [4, 1],
    [1, 2],
    [0, 1],
  ] as const);
  const scale = 10 ** decimals;
  const value = random.int(1, Math.max(1, Math.floor(max * scale))) / scale;
  return Number(value.toFixed(decimals));
}

export function fillProactive2021(
  report: Report2021,
  profile: ValueProfile,
  random: SeededRandom,
): void {
  const p = report.proactive;
  const documents = profile.documentsMax;
  // Only governments make 规章: most agencies print zeros there.
  p.regulations = random.chance(0.2)
    ? { issued: count(random, 5), repealed: count(random, 3), inForce: random.int(5, 300) }
    : { issued: 0, repealed: 0, inForce: 0 };
  const issued = count(random, documents);
  p.normativeDocuments = {
    issued,
    repealed: count(random, Math.ceil(documents / 3)),
    inForce: issued + random.int(0, documents * 6),
  };
  p.licensing = { decisions: count(random, profile.decisionsMax) };
  p.penalty = { decisions: count(random, Math.ceil(profile.decisionsMax / 3)) };
  p.coercion = { decisions: random.chance(0.5) ? 0 : count(random, profile.decisionsMax / 20) };
  p.fees = { amountWanYuan: amountWanYuan(random, profile.feeMaxWanYuan) };
}

/** 上一年项目数量, 本年增/减 (negative possible), 处理决定数量 of a 2019 table-2 row. */
function itemsRow(random: SeededRandom, itemsMax: number, decisionsMax: number) {
  const previousYearItems = count(random, itemsMax);
  const change = random.chance(0.5) ? 0 : random.int(-Math.min(previousYearItems, 12), 15);
  return { previousYearItems, change, decisions: count(random, decisionsMax) };
}

export function fillProactive2019(
  report: Report2019,
  profile: ValueProfile,
  random: SeededRandom,
): void {
  const p = report.proactive;
  const documents = profile.documentsMax;
  const published = (max: number) => {
    const newlyMade = count(random, max);
    const newlyPublished = random.chance(0.7) ? newlyMade : random.int(0, newlyMade);
    return { newlyMade, newlyPublished, totalPublished: newlyPublished + random.int(0, max * 6) };
  };
  p.regulations = random.chance(0.2)
    ? published(5)
    : { newlyMade: 0, newlyPublished: 0, totalPublished: 0 };
  p.normativeDocuments = published(documents);
  p.licensing = itemsRow(random, 200, profile.decisionsMax);
  p.otherServices = itemsRow(random, 80, profile.decisionsMax / 4);
  p.penalty = itemsRow(random, 300, profile.decisionsMax / 3);
  p.coercion = itemsRow(random, 30, profile.decisionsMax / 20);
  const fees = itemsRow(random, 20, 0);
  p.fees = { previousYearItems: fees.previousYearItems, change: fees.change };
  p.procurement = {
    projects: count(random, documents * 2),
    amount: amountWanYuan(random, profile.feeMaxWanYuan * 3),
  };
}
