import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW,
  type CanonicalReport,
  presentApplicationRowKeys,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  REPORT_PARTS,
  type ReportPartKey,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
} from '@atlas/report-model';

const TAB = '\t';
const line = (...cells: (string | number)[]) => cells.join(TAB);

/** Column headers of table 2 as the official templates print them, per group of rows. */
const TABLE2_GROUPS_2021 = [
  { clause: '第二十条第（一）项', rows: ['regulations', 'normativeDocuments'] },
  { clause: '第二十条第（五）项', rows: ['licensing'] },
  { clause: '第二十条第（六）项', rows: ['penalty', 'coercion'] },
  { clause: '第二十条第（八）项', rows: ['fees'] },
] as const;
const TABLE2_GROUPS_2019 = [
  { clause: '第二十条第（一）项', rows: ['regulations', 'normativeDocuments'] },
  { clause: '第二十条第（五）项', rows: ['licensing', 'otherServices'] },
  { clause: '第二十条第（六）项', rows: ['penalty', 'coercion'] },
  { clause: '第二十条第（八）项', rows: ['fees'] },
  { clause: '第二十条第（九）项', rows: ['procurement'] },
] as const;

/**
 * The report as a plain-text document in the official layout (tab-separated tables, the six
 * parts), the way agencies publish it: the demo data goes in through the real parser.
 */
export function renderReportText(report: CanonicalReport): string {
  const year = report.year ?? 0;
  const received = report.applications.newReceived.total;
  const metrics = report.narrative.metrics;
  const period = report.narrative.period;
  const sections: Record<ReportPartKey, string[]> = {
    overview: [
      '一、总体情况',
      `${year}年，${report.agencyName ?? '本单位'}认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请${received}件，办结率${metrics.completionRate ?? 100}%。`,
      ...renderStatements(report),
      // The agency's own prose, when the report has some (narrativeText).
      ...(report.narrative.overview ? [report.narrative.overview] : []),
    ],
    proactive: ['二、主动公开政府信息情况', ...renderTable2(report)],
    applications: [
      '三、收到和处理政府信息公开申请情况',
      line('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'),
      line('', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'),
      line('', '', '', '', ...APPLICANT_COLUMNS.slice(1, 6).map((column) => column.label)),
      ...renderTable3(report),
    ],
    reviewLitigation: ['四、政府信息公开行政复议、行政诉讼情况', ...renderTable4(report)],
    problems: [
      '五、存在的主要问题及改进情况',
      report.narrative.problems || '政策解读形式还不够丰富，下一步将加强解读工作。',
    ],
    other: [
      '六、其他需要报告的事项',
      report.narrative.other || renderFeeStatement(metrics.processingFeeYuan),
    ],
  };
  // The parts in the order the report says it prints them (the demo plants a swap), else 一 … 六.
  const order = report.narrative.partsFound ?? REPORT_PARTS.map((part) => part.key);
  return [
    report.title ?? `${report.agencyName ?? ''}${year}年政府信息公开工作年度报告`,
    period
      ? `本报告中所列数据的统计期限自${chineseDate(period.start)}起至${chineseDate(period.end)}止。`
      : `本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
    ...order.flatMap((part) => sections[part]),
    '',
  ].join('\n');
}

/** 2023-01-01 → 2023年1月1日 */
function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** Part 六 on processing fees: none charged, or the amount charged. */
function renderFeeStatement(feeYuan: number | null): string {
  return feeYuan ? `本年度收取信息处理费${feeYuan}元。` : '本年度未收取信息处理费。';
}

function renderTable4(report: CanonicalReport): string[] {
  return [
    line('行政复议', '', '', '', '', '行政诉讼'),
    line(
      ...REVIEW_COLUMNS.map((column) => column.label),
      '未经复议直接起诉',
      '',
      '',
      '',
      '',
      '复议后起诉',
    ),
    line(
      '',
      '',
      '',
      '',
      '',
      ...REVIEW_COLUMNS.map((column) => column.label),
      ...REVIEW_COLUMNS.map((column) => column.label),
    ),
    line(
      ...REVIEW_GROUPS.flatMap((group) =>
        REVIEW_COLUMNS.map((column) => report.reviewLitigation[group.key][column.key]),
      ),
    ),
  ];
}

/** Part 一's statements of published items and inspection results, as the model drew them. */
function renderStatements(report: CanonicalReport): string[] {
  const metrics = report.narrative.metrics;
  const items = (metrics.publishedItems ?? []).map(
    (item) => `通过${item.channel}发布政务信息${item.count}条`,
  );
  const rates = (metrics.inspectionPassRates ?? []).map(
    (rate) => `在${rate.subject}中，合格率为${rate.rate}%。`,
  );
  return [...(items.length > 0 ? [`全年${items.join('，')}。`] : []), ...rates];
}

function renderTable2(report: CanonicalReport): string[] {
  const rows = (
    report.formatVersion === '2021' ? PROACTIVE_ROWS_2021 : PROACTIVE_ROWS_2019
  ) as readonly {
    key: string;
    label: string;
    columns: readonly string[];
  }[];
  const columnLabels = new Map<string, string>();
  const values = report.proactive as unknown as Record<string, Record<string, number>>;
  const groups = report.formatVersion === '2021' ? TABLE2_GROUPS_2021 : TABLE2_GROUPS_2019;
  const headers = report.formatVersion === '2021' ? COLUMN_LABELS_2021 : COLUMN_LABELS_2019;
  for (const [key, label] of Object.entries(headers)) columnLabels.set(key, label);
  return groups.flatMap((group) => {
    const first = rows.find((row) => row.key === group.rows[0]);
    const header = line(
      '信息内容',
      ...(first?.columns ?? []).map((column) => columnLabels.get(column) ?? column),
    );
    return [
      group.clause,
      header,
      ...group.rows.map((key) => {
        const row = rows.find((candidate) => candidate.key === key);
        return line(
          row?.label ?? key,
          ...(row?.columns ?? []).map((column) => formatValue(values[key]?.[column] ?? 0, column)),
        );
      }),
    ];
  });
}

function formatValue(value: number, column: string): string {
  // The 2019 template prints a change as 增/减 in words.
  if (column === 'change' && value < 0) return `减${-value}`;
  return String(value);
}

const COLUMN_LABELS_2021: Record<string, string> = {
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  decisions: '本年处理决定数量',
  amountWanYuan: '本年收费金额（单位：万元）',
};
const COLUMN_LABELS_2019: Record<string, string> = {
  newlyMade: '本年新制作数量',
  newlyPublished: '本年新公开数量',
  totalPublished: '对外公开总数量',
  previousYearItems: '上一年项目数量',
  change: '本年增/减',
  decisions: '处理决定数量',
  projects: '采购项目数量',
  amount: '采购总金额',
};

function renderTable3(report: CanonicalReport): string[] {
  const printedHeadings = new Set<string>();
  return presentApplicationRowKeys(report.applications).map((rowKey) => {
    const row = APPLICATION_ROW[rowKey];
    // A group heading (（三）不予公开) is printed once, beside the group's first row.
    const heading = row.headings.filter(
      (text) => !printedHeadings.has(text) && !text.startsWith('三、'),
    );
    heading.forEach((text) => printedHeadings.add(text));
    const values = report.applications[rowKey];
    return line(
      ...heading,
      row.label,
      ...APPLICANT_COLUMNS.map((column) => values?.[column.key] ?? 0),
    );
  });
}
