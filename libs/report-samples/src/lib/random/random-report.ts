import {
  emptyReport,
  REVIEW_GROUPS,
  type CanonicalReport,
  type Table3Layout,
} from '@atlas/report-model';
import { deriveTotals, finishReport, type GeneratedReport } from '../generated-reports';
import { SeededRandom } from '../seeded-random';
import { randomAgency } from './agencies';
import { DEFECT_RULES, plantDefect, type DefectRule } from './planted-defects';
import { fillProactive2019, fillProactive2021, fillTable3, fillTable4 } from './random-tables';
import { PROFILE_WEIGHTS, VALUE_PROFILES, type ProfileName } from './value-profiles';

/**
 * Random reports of every shape real agencies publish, arithmetically consistent unless a defect
 * is planted, reproducible from their seed alone.
 */

/** 2021 format with （六） itemized (most), with （六） as one row, and the 2019 trial format. */
export const REPORT_SHAPES = ['2021-itemized', '2021-single', '2019'] as const;
export type ReportShape = (typeof REPORT_SHAPES)[number];

const SHAPE_WEIGHTS: readonly (readonly [ReportShape, number])[] = [
  ['2021-itemized', 7],
  ['2021-single', 1.5],
  ['2019', 1.5],
];

/** Share of reports with one relation broken on purpose. */
const DEFECT_SHARE = 0.2;

export interface RandomReportFacts {
  seed: number;
  shape: ReportShape;
  profile: ProfileName;
  /** The rule broken on purpose, and how; null for a consistent report. */
  defect: { rule: DefectRule; change: string } | null;
}

export interface RandomReport extends GeneratedReport<CanonicalReport> {
  facts: RandomReportFacts;
}

export interface RandomReportChoices {
  shape?: ReportShape;
  profile?: ProfileName;
  /** A rule to break, or null for none; by default one report in five breaks one. */
  defect?: DefectRule | null;
}

function layoutOf(shape: ReportShape): Table3Layout {
  return shape === '2021-itemized' ? 'itemizedOtherHandling' : 'singleOtherHandling';
}

function newReport(shape: ReportShape): CanonicalReport {
  return shape === '2019'
    ? emptyReport('2019', layoutOf(shape))
    : emptyReport('2021', layoutOf(shape));
}

export function generateRandomReport(
  seed: number,
  choices: RandomReportChoices = {},
): RandomReport {
  // Mixed: the first draws of xorshift from small consecutive seeds are tiny and alike.
  const random = SeededRandom.derived(seed, 'report');
  const shape = choices.shape ?? random.weighted(SHAPE_WEIGHTS);
  const profileName = choices.profile ?? random.weighted(PROFILE_WEIGHTS);
  const profile = VALUE_PROFILES[profileName];
  const report = newReport(shape);
  fillTable3(report, layoutOf(shape), profile, random);
  fillTable4(report, profile, random);
  if (report.formatVersion === '2019') fillProactive2019(report, profile, random);
  else fillProactive2021(report, profile, random);
  deriveTotals(report);

  const defectRule =
    choices.defect !== undefined
      ? choices.defect
      : random.chance(DEFECT_SHARE)
        ? random.pick(DEFECT_RULES)
        : null;
  const defect = defectRule
    ? { rule: defectRule, change: plantDefect(report, defectRule, random) }
    : null;

  const year = shape === '2019' ? random.int(2019, 2020) : random.int(2021, 2024);
  const identity = {
    agency: randomAgency(random, profileName),
    year,
    ...(random.chance(0.3) ? { yearWord: '年度' as const } : {}),
  };
  const name = `seed ${seed} · ${shape} · ${profileName}${defect ? ` · ${defect.rule}` : ''}`;
  const generated = finishReport(name, identity, report);
  const totals = REVIEW_GROUPS.map((group) => report.reviewLitigation[group.key].total);
  return {
    ...generated,
    casesStated: { reviews: totals[0] ?? 0, lawsuits: (totals[1] ?? 0) + (totals[2] ?? 0) },
    facts: { seed, shape, profile: profileName, defect },
  };
}
