import { listCells } from './cells';
import { readCanonicalReport } from './read-report';
import { emptyReport } from './report';

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('readCanonicalReport', () => {
  it('reads back what emptyReport wrote, cell for cell', () => {
    const original = emptyReport('2021');
    original.applications.newReceived.naturalPerson = 21;
    original.year = 2023;
    original.narrative.metrics.applicationsReceived = 21;
    const reading = readCanonicalReport(asJson(original));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(listCells(reading.report)).toEqual(listCells(original));
    expect(reading.report.year).toBe(2023);
    expect(reading.report.narrative.metrics.applicationsReceived).toBe(21);
  });

  it('recognises the single-row （六） layout and the 2019 format', () => {
    for (const report of [emptyReport('2021', 'singleOtherHandling'), emptyReport('2019')]) {
      const reading = readCanonicalReport(asJson(report));
      expect(reading.ok && listCells(reading.report)).toEqual(listCells(report));
    }
  });

  it('names each cell that is missing or not a number', () => {
    const input = asJson(emptyReport('2021'));
    const applications = input['applications'] as Record<string, Record<string, unknown>>;
    applications['granted'] = { ...applications['granted'], total: '3' };
    delete applications['carriedForward']?.['naturalPerson'];
    const reading = readCanonicalReport(input);
    expect(reading).toEqual({
      ok: false,
      problems: [
        'applications.granted.total: 应为数字，实为 "3"',
        'applications.carriedForward.naturalPerson: 应为数字，实为 缺失',
      ],
    });
  });

  it('refuses rows and columns the format does not have', () => {
    const input = asJson(emptyReport('2021'));
    (input['proactive'] as Record<string, unknown>)['procurement'] = { projects: 1 };
    ((input['reviewLitigation'] as Record<string, Record<string, unknown>>)['review'] ?? {})[
      'extra'
    ] = 1;
    const reading = readCanonicalReport(input);
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.problems).toEqual([
      'proactive.procurement: 2021 格式没有这一行',
      'reviewLitigation.review.extra: 没有这一列',
    ]);
  });

  it.each([
    [null, '报告应为 JSON 对象'],
    [{ formatVersion: '2020' }, 'formatVersion 应为 2021 或 2019，实为 "2020"'],
    [{ formatVersion: '2021' }, '缺少表格 proactive'],
  ])('rejects %j', (input, problem) => {
    const reading = readCanonicalReport(input);
    expect(!reading.ok && reading.problems).toContain(problem);
  });

  it('checks year and narrative types', () => {
    const input = {
      ...asJson(emptyReport('2021')),
      year: 23,
      narrative: { metrics: { completionRate: '100%' } },
    };
    const reading = readCanonicalReport(input);
    expect(!reading.ok && reading.problems).toEqual([
      'year 应为 1990–2100 的整数或 null，实为 23',
      'narrative.metrics.completionRate 应为数字或 null',
    ]);
  });
});

describe('readCanonicalReport: what S.PARTS and S.PERIOD read', () => {
  it('keeps the parts found and the stated period, and refuses malformed ones', () => {
    const base = JSON.parse(JSON.stringify(emptyReport('2021'))) as Record<string, unknown>;
    const narrative = {
      overview: '',
      problems: '',
      other: '',
      partsFound: ['overview', 'other', 'problems'],
      period: { start: '2023-01-01', end: '2023-12-31', text: '2023年1月1日至2023年12月31日' },
    };
    const reading = readCanonicalReport({ ...base, narrative });
    expect(reading.ok && reading.report.narrative.partsFound).toEqual([
      'overview',
      'other',
      'problems',
    ]);
    expect(reading.ok && reading.report.narrative.period?.end).toBe('2023-12-31');
    const bad = readCanonicalReport({
      ...base,
      narrative: {
        ...narrative,
        partsFound: ['preface'],
        period: { start: '2023', end: 'x', text: '' },
      },
    });
    expect(bad.ok ? [] : bad.problems).toEqual([
      'narrative.partsFound 应为部分名称（overview、proactive…）的数组',
      'narrative.period 应为 {start, end, text}（日期为 YYYY-MM-DD）',
    ]);
  });
});
