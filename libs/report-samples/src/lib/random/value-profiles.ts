import type { ApplicantTypeColumnKey } from '@atlas/report-model';
import { NO_APPLICANTS } from '../generated-reports';

/**
 * How big an agency's numbers are. Real reports range from a township office with two
 * applications (only 自然人 and 总计 filled, zeros everywhere) to a city bureau with thousands.
 */
export type ProfileName = 'smallUnit' | 'countyBureau' | 'cityBureau';

export interface ValueProfile {
  /** Largest value of a main outcome cell per applicant column; 0 leaves the column empty. */
  outcomeMax: Record<ApplicantTypeColumnKey, number>;
  /** Probability that an outcome cell is 0. */
  zeroShare: number;
  /** Largest 上年结转 / 结转下年度 per non-empty column. */
  carryMax: number;
  /** Probability that table 4 has any case at all, and the largest result value. */
  reviewChance: number;
  reviewMax: number;
  /** Table 2: largest count of documents, of decisions, and of fees in 万元. */
  documentsMax: number;
  decisionsMax: number;
  feeMaxWanYuan: number;
}


export const VALUE_PROFILES: Readonly<Record<ProfileName, ValueProfile>> = {
  smallUnit: {
    outcomeMax: { ...NO_APPLICANTS, naturalPerson: 6 },
    zeroShare: 0.8,
    carryMax: 2,
    reviewChance: 0.1,
    reviewMax: 1,
    documentsMax: 6,
    decisionsMax: 60,
    feeMaxWanYuan: 5,
  },
  countyBureau: {
    outcomeMax: { ...NO_APPLICANTS, naturalPerson: 60, commercial: 9, legalService: 3, otherOrg: 4 },
    zeroShare: 0.55,
    carryMax: 8,
    reviewChance: 0.35,
    reviewMax: 4,
    documentsMax: 30,
    decisionsMax: 900,
    feeMaxWanYuan: 300,
  },
  cityBureau: {
    outcomeMax: {
      naturalPerson: 1800,
      commercial: 240,
      research: 12,
      nonprofit: 8,
      legalService: 60,
      otherOrg: 40,
    },
    zeroShare: 0.3,
    carryMax: 300,
    reviewChance: 0.7,
    reviewMax: 60,
    documentsMax: 120,
    decisionsMax: 9999,
    feeMaxWanYuan: 9000,
  },
};

export const PROFILE_WEIGHTS: readonly (readonly [ProfileName, number])[] = [
  ['smallUnit', 4],
  ['countyBureau', 4],
  ['cityBureau', 2],
];
