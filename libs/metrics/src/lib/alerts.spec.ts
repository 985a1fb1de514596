import {
  alertOutcome,
  alertThresholdProblem,
  cellMetricSample,
  compareAlerts,
  type AlertThresholds,
} from './alerts';
import { cellSourceFromValues } from './cell-source';

const reviewRule: AlertThresholds = { direction: 'above', yellow: 10, red: 15, minSample: 30 };
const disclosureRule: AlertThresholds = { direction: 'below', yellow: 45, red: 40, minSample: 0 };

describe('alertOutcome', () => {
  it('judges a rate above its bounds red or yellow, only with enough cases', () => {
    expect(alertOutcome(reviewRule, { value: 16, sample: 40 })).toBe('red');
    expect(alertOutcome(reviewRule, { value: 12, sample: 30 })).toBe('yellow');
    expect(alertOutcome(reviewRule, { value: 10, sample: 30 })).toBe('normal');
    expect(alertOutcome(reviewRule, { value: 50, sample: 29 })).toBe('insufficient');
  });

  it('judges a rate below its bounds', () => {
    expect(alertOutcome(disclosureRule, { value: 39.9, sample: 5 })).toBe('red');
    expect(alertOutcome(disclosureRule, { value: 40, sample: 5 })).toBe('yellow');
    expect(alertOutcome(disclosureRule, { value: 45, sample: 5 })).toBe('normal');
  });

  it('says nothing without a value, and counts need no sample', () => {
    expect(alertOutcome(reviewRule, { value: null, sample: 100 })).toBe('none');
    const countRule: AlertThresholds = { direction: 'above', yellow: 0, red: 2, minSample: 30 };
    expect(alertOutcome(countRule, { value: 3, sample: null })).toBe('red');
    expect(alertOutcome(countRule, { value: 1, sample: null })).toBe('yellow');
  });
});

describe('alertThresholdProblem', () => {
  it('accepts consistent bounds', () => {
    expect(alertThresholdProblem('reviewCorrectionRate', reviewRule)).toBeNull();
    expect(alertThresholdProblem('disclosureRate', disclosureRule)).toBeNull();
    expect(
      alertThresholdProblem('missingReports', {
        direction: 'above',
        yellow: 0,
        red: 5,
        minSample: 0,
      }),
    ).toBeNull();
  });

  it('refuses a red bound on the good side of the yellow one, with the numbers', () => {
    expect(alertThresholdProblem('reviewCorrectionRate', { ...reviewRule, red: 5 })).toBe(
      '“高于”预警的红色阈值（5）不能低于黄色阈值（10）',
    );
    expect(alertThresholdProblem('disclosureRate', { ...disclosureRule, red: 50 })).toContain(
      '不能高于黄色阈值（45）',
    );
  });

  it('refuses a rate bound outside 0–100 and a fractional sample', () => {
    expect(alertThresholdProblem('disclosureRate', { ...disclosureRule, yellow: 145 })).toContain(
      '应在 0 到 100 之间',
    );
    expect(
      alertThresholdProblem('disclosureRate', { ...disclosureRule, minSample: 2.5 }),
    ).toContain('最小样本量');
  });
});

describe('cellMetricSample', () => {
  it('is a ratio’s denominator: decided reviews for the review correction rate', () => {
    const source = cellSourceFromValues({
      'reviewLitigation.review.upheld': 20,
      'reviewLitigation.review.corrected': 6,
      'reviewLitigation.review.other': 4,
      'reviewLitigation.review.pending': 9,
    });
    expect(cellMetricSample('reviewCorrectionRate', source)).toBe(30);
    expect(cellMetricSample('applicationsNew', source)).toBeNull();
    expect(cellMetricSample('disclosureRate', source)).toBeNull();
  });
});

describe('compareAlerts', () => {
  it('puts red first, then the worse value', () => {
    const items = [
      { level: 'yellow' as const, value: 12 },
      { level: 'red' as const, value: 16 },
      { level: 'yellow' as const, value: 14 },
    ];
    expect([...items].sort((a, b) => compareAlerts('above', a, b)).map((i) => i.value)).toEqual([
      16, 14, 12,
    ]);
    expect([...items].sort((a, b) => compareAlerts('below', a, b)).map((i) => i.value)).toEqual([
      16, 12, 14,
    ]);
  });
});
