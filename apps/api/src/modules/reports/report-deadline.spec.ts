import {
  assessTimeliness,
  effectiveDeadline,
  isCalendarDate,
  statutoryDueDate,
} from './report-deadline';

describe('deadlines', () => {
  const path = ['province', 'city', 'county'];

  it('falls back from the agency to its nearest ancestor, the year default and the statute', () => {
    expect(effectiveDeadline(2024, path, [])).toEqual({
      dueDate: '2025-01-31',
      source: 'statutory',
      agencyId: null,
    });
    const rules = [
      { agencyId: null, dueDate: '2025-01-20' },
      { agencyId: 'province', dueDate: '2025-01-25' },
      { agencyId: 'city', dueDate: '2025-01-28' },
    ];
    expect(effectiveDeadline(2024, path, rules.slice(0, 1))).toEqual({
      dueDate: '2025-01-20',
      source: 'year',
      agencyId: null,
    });
    expect(effectiveDeadline(2024, path, rules)).toEqual({
      dueDate: '2025-01-28',
      source: 'ancestor',
      agencyId: 'city',
    });
    expect(
      effectiveDeadline(2024, path, [...rules, { agencyId: 'county', dueDate: '2025-02-10' }]),
    ).toEqual({
      dueDate: '2025-02-10',
      source: 'agency',
      agencyId: 'county',
    });
    expect(statutoryDueDate(2023)).toBe('2024-01-31');
    expect(statutoryDueDate(2023, 'department')).toBe('2024-01-31');
    expect(statutoryDueDate(2023, 'town')).toBe('2024-01-31');
    // A people's government's own report: 31 March.
    expect(statutoryDueDate(2023, 'government')).toBe('2024-03-31');
    expect(effectiveDeadline(2024, path, [], 'government')).toMatchObject({
      dueDate: '2025-03-31',
      source: 'statutory',
    });
    // A deadline the region set still wins over the statute's, for governments too.
    expect(effectiveDeadline(2024, path, rules.slice(0, 1), 'government').dueDate).toBe(
      '2025-01-20',
    );
  });

  it('counts days late by the Chinese calendar day, whatever the server time zone', () => {
    expect(assessTimeliness(new Date('2025-01-31T15:59:00Z'), '2025-01-31')).toEqual({
      onTime: true,
      daysLate: 0,
    });
    // 00:30 on 1 February in Beijing is already a day late.
    expect(assessTimeliness(new Date('2025-01-31T16:30:00Z'), '2025-01-31')).toEqual({
      onTime: false,
      daysLate: 1,
    });
    expect(assessTimeliness(new Date('2025-03-03T04:00:00Z'), '2025-01-31')).toEqual({
      onTime: false,
      daysLate: 31,
    });
    expect(assessTimeliness(new Date('2024-12-01T00:00:00Z'), '2025-01-31')).toEqual({
      onTime: true,
      daysLate: 0,
    });
  });

  it('accepts real calendar dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-1')).toBe(false);
    expect(isCalendarDate('2024-01-31T00:00:00Z')).toBe(false);
  });
});
