import { DEMO_COPY, demoPlan } from './plan';

describe('the demo’s copied part (N.COPIED)', () => {
  const plan = demoPlan();
  const year = plan.reports.filter((entry) => entry.year === DEMO_COPY.year);
  const at = (code: string) => year.findIndex((entry) => entry.agencyCode === code);
  const name = (code: string) => plan.agencies.find((agency) => agency.code === code)?.name ?? '';
  const source = year[at(DEMO_COPY.source)];
  const copy = year[at(DEMO_COPY.copy)];

  it('has the copy take the source’s part 一 with its own name in, and no number of its own', () => {
    const original = source?.report.narrative.overview ?? '';
    const copied = copy?.report.narrative.overview ?? '';
    expect(original.length).toBeGreaterThan(100);
    expect(original).not.toMatch(/\d/);
    expect(copied).not.toBe(original);
    expect(copied).not.toContain(name(DEMO_COPY.source));
    const sentences = original.split('。').filter(Boolean);
    const kept = sentences.filter((sentence) => copied.includes(sentence));
    expect(kept.length / sentences.length).toBeGreaterThan(0.6);
    // Nobody else writes prose of their own: the demo shows the one copy, nothing else alike.
    const withProse = plan.reports.filter((entry) => entry.report.narrative.overview !== '');
    expect(withProse.map((entry) => entry.agencyCode).sort()).toEqual(
      [DEMO_COPY.source, DEMO_COPY.copy].sort(),
    );
  });

  it('is uploaded after its source and after twenty reports of the year (as the seed goes)', () => {
    expect(at(DEMO_COPY.source)).toBeGreaterThanOrEqual(0);
    expect(at(DEMO_COPY.copy)).toBeGreaterThan(at(DEMO_COPY.source));
    expect(at(DEMO_COPY.copy)).toBeGreaterThanOrEqual(20);
    expect(copy?.submittedOn.localeCompare(`${DEMO_COPY.year + 1}-01-31`)).toBeLessThanOrEqual(0);
  });
});
