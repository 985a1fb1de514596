import type {
  BreakdownDto,
  ComplianceDto,
  Kpi,
  OverviewDto,
  QualityDto,
  QualityItem,
} from '@atlas/api-contract';
import { type BulletinSources, buildBulletin, checkPassRate, percentText } from './bulletin';
import { bulletinCharts, outcomesChart, regionsChart, submissionsChart } from './bulletin-charts';
import { sheetNameOf } from './bulletin-xlsx';

const scope = { agencies: [{ id: 'r', code: '100', name: '测试县' }], subtree: true };

function kpi(key: string, nameZh: string, value: number | null, ratio = false): Kpi {
  return {
    metric: {
      key,
      nameZh,
      nameEn: key,
      unit: ratio ? '%' : '件',
      definition: '',
      source: 'cells',
      ratio,
    },
    value,
    previous: null,
    change: null,
    sparkline: [],
  };
}

function item(
  type: QualityItem['type'],
  code: string,
  extra: Partial<QualityItem> = {},
): QualityItem {
  return {
    type,
    agency: { id: code, code, name: `单位${code}` },
    reportId: type === 'missing' ? null : `report-${code}`,
    errorCount: 0,
    warningCount: 0,
    daysLate: null,
    onTime: type === 'missing' ? null : true,
    findings: [],
    ...extra,
  };
}

function sources(): BulletinSources {
  const overview: OverviewDto = {
    scope,
    year: 2023,
    kpis: [
      kpi('applicationsReceived', '收到申请数', 15),
      kpi('reviewCorrectionRate', '复议纠错率', 12.345, true),
      kpi('litigationCorrectionRate', '诉讼纠错率', null, true),
      kpi('penaltyDecisions', '行政处罚', 9),
    ],
    submissions: {
      expected: 6,
      submitted: 4,
      onTime: 2,
      late: 2,
      missing: 2,
      accepted: 0,
      returned: 0,
      withErrors: 1,
      withWarnings: 1,
    },
    issues: [],
    issueCounts: {
      submitted: 4,
      missing: 2,
      late: 2,
      failing: 1,
      warningOnly: 1,
      carryOverMismatches: 0,
    },
  };
  const quality: QualityDto = {
    scope,
    year: 2023,
    counts: overview.issueCounts,
    rules: [],
    total: 5,
    items: [
      item('failing', '103', {
        errorCount: 2,
        onTime: false,
        daysLate: 3,
        findings: [
          { rule: 'T3.BALANCE', severity: 'error', message: '不平衡', cells: [] },
          { rule: 'T3.BALANCE', severity: 'error', message: '又不平衡', cells: [] },
          { rule: 'T3.ROWSUM', severity: 'error', message: '行和', cells: [] },
          { rule: 'N.FEE', severity: 'warning', message: '收费', cells: [] },
        ],
      }),
      item('missing', '100'),
      item('missing', '105'),
      item('late', '104', { onTime: false, daysLate: 30 }),
      // Late with a warning: listed again among the warnings.
      item('warning', '104', { onTime: false, daysLate: 30, warningCount: 1 }),
      item('warning', '102', { warningCount: 1 }),
    ],
  };
  const copied: QualityDto = {
    ...quality,
    items: [
      item('warning', '102', {
        findings: [{ rule: 'N.COPIED', severity: 'warning', message: '与甲局雷同', cells: [] }],
      }),
    ],
  };
  const compliance: ComplianceDto = {
    scope,
    fromYear: 2023,
    toYear: 2023,
    by: 'child',
    total: 2,
    rows: [
      {
        agency: { id: 'a', code: '101', name: '甲局' },
        name: '甲局',
        years: [
          {
            year: 2023,
            expected: 1,
            submitted: 1,
            onTime: 1,
            late: 0,
            missing: 0,
            withErrors: 0,
            withWarnings: 0,
            onTimeRate: 100,
            inspectionPassRate: null,
            completionRate: null,
            status: 'ok',
          },
        ],
      },
      {
        agency: { id: 'x', code: '109', name: '已撤销局' },
        name: '已撤销局',
        years: [
          {
            year: 2023,
            expected: 0,
            submitted: 0,
            onTime: 0,
            late: 0,
            missing: 0,
            withErrors: 0,
            withWarnings: 0,
            onTimeRate: null,
            inspectionPassRate: null,
            completionRate: null,
            status: 'not-expected',
          },
        ],
      },
    ],
  };
  const breakdown: BreakdownDto = {
    scope,
    year: 2023,
    reports: 4,
    columns: [],
    rows: [
      {
        key: 'newReceived',
        label: '一、本年新收',
        shortLabel: '本年新收',
        labelEn: '',
        outcome: false,
        values: { total: 15 },
      },
      {
        key: 'granted',
        label: '（一）予以公开',
        shortLabel: '予以公开',
        labelEn: '',
        outcome: true,
        values: { total: 4 },
      },
      {
        key: 'notHeld',
        label: '1.本机关不掌握',
        shortLabel: '不掌握',
        labelEn: '',
        outcome: true,
        values: { total: 7 },
      },
      {
        key: 'other',
        label: '3.其他',
        shortLabel: '其他',
        labelEn: '',
        outcome: true,
        values: { total: 0 },
      },
    ],
  };
  return { overview, breakdown, compliance, quality, copied, notices: null };
}

const rowsOf = (key: string) =>
  buildBulletin(sources()).tables.find((table) => table.key === key)?.rows;

describe('buildBulletin', () => {
  it('titles the notice with the region and year and sums up the submissions', () => {
    const bulletin = buildBulletin(sources());
    expect(bulletin.title).toBe('关于测试县2023年度政府信息公开工作年度报告情况的通报');
    expect(bulletin.lead).toContain('应报送政府信息公开工作年度报告6份，已报送4份');
    const summary = new Map(rowsOf('summary')?.map(([label, value]) => [label, value]));
    expect(summary.get('应报送年报（份）')).toBe(6);
    expect(summary.get('未报送（份）')).toBe(2);
    expect(summary.get('检查通过率（无错误的年报占已报送）')).toBe('75%');
    expect(summary.get('内容雷同的年报（份）')).toBe(1);
    expect(summary.get('收到申请数（件）')).toBe(15);
    expect(summary.get('复议纠错率')).toBe('12.3%');
    expect(summary.get('诉讼纠错率')).toBe('—');
    // Only the 通报's headline figures.
    expect(summary.has('行政处罚（件）')).toBe(false);
  });

  it('lists every late report once, failing or not, most days late first', () => {
    expect(rowsOf('late')).toEqual([
      ['104', '单位104', 30],
      ['103', '单位103', 3],
    ]);
  });

  it('lists missing, failing (error rules once each) and copied reports', () => {
    expect(rowsOf('missing')).toEqual([
      ['100', '单位100'],
      ['105', '单位105'],
    ]);
    expect(rowsOf('failing')).toEqual([['103', '单位103', 2, 'T3.BALANCE、T3.ROWSUM']]);
    expect(rowsOf('copied')).toEqual([['102', '单位102', '与甲局雷同']]);
  });

  it('leaves out regions that owed nothing and keeps the outcome rows of table 3', () => {
    expect(rowsOf('regions')).toEqual([['甲局', 1, 1, 1, 0, 0, 0, '100%']]);
    expect(rowsOf('outcomes')).toEqual([
      ['（一）予以公开', 4],
      ['1.本机关不掌握', 7],
      ['3.其他', 0],
    ]);
  });

  it('adds the rectification notices only when there is a record of them', () => {
    expect(buildBulletin(sources()).tables.map((t) => t.key)).not.toContain('rectifying');
    const withNotices = buildBulletin({
      ...sources(),
      notices: [
        {
          agencyName: '丙局',
          regionNames: ['测试县'],
          status: 'overdue',
          dueDate: '2024-05-01',
          items: 2,
          resolvedItems: 1,
          closedAt: null,
        },
        {
          agencyName: '甲局',
          regionNames: ['测试县'],
          status: 'closed',
          dueDate: '2024-05-01',
          items: 1,
          resolvedItems: 1,
          closedAt: '2024-04-02',
        },
      ],
    });
    const table = (key: string) => withNotices.tables.find((t) => t.key === key)?.rows;
    expect(table('rectifying')).toEqual([['测试县 / 丙局', '已逾期', '2024-05-01', '1/2', '—']]);
    expect(table('rectified')).toEqual([
      ['测试县 / 甲局', '已办结', '2024-05-01', '1/1', '2024-04-02'],
    ]);
  });

  it('formats rates', () => {
    expect(percentText(null)).toBe('—');
    expect(percentText(66.66666)).toBe('66.7%');
    expect(checkPassRate(0, 0)).toBeNull();
    expect(checkPassRate(4, 1)).toBe(75);
  });

  it('names sheets after the headings without their ordinal', () => {
    expect(sheetNameOf('四、逾期报送的单位')).toBe('逾期报送的单位');
    expect(sheetNameOf('十、' + '很'.repeat(40))).toHaveLength(31);
  });
});

describe('bulletin charts', () => {
  const { overview, compliance, breakdown } = sources();

  it('draws on time, late and missing as three bars', () => {
    const chart = submissionsChart(2023, overview.submissions);
    expect(chart.caption).toBe('图1 2023年度年报报送情况（应报送6份）');
    const series = chart.option['series'] as { data: { value: number }[] }[];
    expect(series[0]?.data.map((d) => d.value)).toEqual([2, 2, 2]);
    expect(chart.option['animation']).toBe(false);
  });

  it('stacks each region’s reports and leaves out regions that owed nothing', () => {
    const chart = regionsChart(2023, compliance);
    expect((chart.option['yAxis'] as { data: string[] }).data).toEqual(['甲局']);
    const series = chart.option['series'] as { name: string; data: number[]; stack: string }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['按时报送', [1]],
      ['逾期报送', [0]],
      ['未报送', [0]],
    ]);
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
  });

  it('draws the non-zero outcomes, largest first', () => {
    const chart = outcomesChart(2023, breakdown);
    expect((chart.option['yAxis'] as { data: string[] }).data).toEqual(['不掌握', '予以公开']);
    expect((chart.option['series'] as { data: number[] }[])[0]?.data).toEqual([7, 4]);
  });

  it('leaves out charts with nothing to draw', () => {
    const empty = { ...breakdown, rows: [] };
    const noRegions = { ...compliance, rows: [] };
    expect(
      bulletinCharts(2023, {
        submissions: overview.submissions,
        compliance: noRegions,
        breakdown: empty,
      }).map((c) => c.key),
    ).toEqual(['submissions']);
    expect(
      bulletinCharts(2023, { submissions: overview.submissions, compliance, breakdown }).map(
        (c) => c.key,
      ),
    ).toEqual(['submissions', 'regions', 'outcomes']);
  });
});
