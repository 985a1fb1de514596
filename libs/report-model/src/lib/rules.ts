import type { ReportPartKey } from './narrative';

/** `error`: the report contradicts itself; `warning`: unusual, or cannot be verified. */
export type Severity = 'error' | 'warning';

/**
 * Where a rule runs: `report` on one report's numbers, `crossReport` against the same agency's
 * report for the year before (when reports are stored), `submission` when the report is
 * submitted (its date against the deadline, the agencies below it), `parse` by the parser while
 * reading.
 */
export type RuleScope = 'report' | 'crossReport' | 'submission' | 'parse';

/**
 * Where a rule comes from: the 条例 itself, a national notice, the official format's own
 * relations (its 总计 rows and columns, its notes), or the practice of checking reports.
 */
export type RuleSourceKind = 'regulation' | 'notice' | 'template' | 'practice';

export interface RuleSource {
  readonly kind: RuleSourceKind;
  /** What to look up, in Chinese: 《条例》第五十条, 国办公开办函〔2021〕30号 附件 表三注. */
  readonly cite: string;
}

export interface RuleInfo<Id extends string = string> {
  readonly id: Id;
  readonly severity: Severity;
  readonly scope: RuleScope;
  readonly name: string;
  readonly nameEn: string;
  readonly description: string;
  readonly descriptionEn: string;
  /** The cells or parts the rule reads, in Chinese. */
  readonly looksAt: string;
  readonly source: RuleSource;
}

const FORMAT_2021 = '国办公开办函〔2021〕30号 附件《中华人民共和国政府信息公开工作年度报告格式》';
const REGULATION = '《中华人民共和国政府信息公开条例》';

/** The check rules (勾稽关系) of the spec, with the severity every finding of the rule has. */
export const RULES = [
  {
    id: 'T3.BALANCE',
    severity: 'error',
    scope: 'report',
    name: '表三收支平衡',
    nameEn: 'Table 3 balance',
    description: '表三每一列：第一项加第二项之和，等于第三项加第四项之和。',
    descriptionEn: 'Table 3, every column: new + carried over = total handled + carried forward.',
    looksAt: '表三 新收、上年结转、办理结果总计、结转下年度，每一列',
    source: {
      kind: 'template',
      cite: FORMAT_2021 + ' 表三注：第一项加第二项之和，等于第三项加第四项之和',
    },
  },
  {
    id: 'T3.OUTCOMES',
    severity: 'error',
    scope: 'report',
    name: '表三办理结果合计',
    nameEn: 'Table 3 outcome total',
    description: '表三每一列：办理结果总计等于各项办理结果之和。',
    descriptionEn: 'Table 3, every column: total handled = sum of the outcome rows.',
    looksAt: '表三 各项办理结果与办理结果总计，每一列',
    source: { kind: 'template', cite: FORMAT_2021 + ' 表三“总计”行' },
  },
  {
    id: 'T3.ROWSUM',
    severity: 'error',
    scope: 'report',
    name: '表三行合计',
    nameEn: 'Table 3 row total',
    description: '表三每一行：总计等于六类申请人之和。',
    descriptionEn: 'Table 3, every row: total = sum of the six applicant columns.',
    looksAt: '表三 每一行的六类申请人与总计',
    source: { kind: 'template', cite: FORMAT_2021 + ' 表三“总计”列' },
  },
  {
    id: 'T4.TOTAL',
    severity: 'error',
    scope: 'report',
    name: '表四合计',
    nameEn: 'Table 4 total',
    description: '表四每一组：总计等于结果维持、结果纠正、其他结果、尚未审结之和。',
    descriptionEn: 'Table 4, every group: total = upheld + corrected + other + pending.',
    looksAt: '表四 行政复议、未经复议直接起诉、复议后起诉三组，各组四项结果与总计',
    source: { kind: 'template', cite: FORMAT_2021 + ' 表四“总计”列' },
  },
  {
    id: 'T2.STOCK',
    severity: 'warning',
    scope: 'crossReport',
    name: '表二存量衔接',
    nameEn: 'Table 2 stock continuity',
    description: '规章、行政规范性文件：现行有效件数等于上年现行有效件数加本年制发减本年废止。',
    descriptionEn:
      'Regulations, normative documents: in force = last year in force + issued − repealed.',
    looksAt: '表二 规章、行政规范性文件的本年制发、本年废止、现行有效；上年报告的现行有效',
    source: { kind: 'practice', cite: '现行有效件数的定义（上年现行有效 + 本年制发 − 本年废止）' },
  },
  {
    id: 'T2.REPEAL',
    severity: 'error',
    scope: 'crossReport',
    name: '表二废止件数',
    nameEn: 'Table 2 repeals',
    description: '规章、行政规范性文件：本年废止件数不能超过上年现行有效件数加本年制发件数。',
    descriptionEn:
      'Regulations, normative documents: repealed ≤ last year in force + issued this year.',
    looksAt: '表二 规章、行政规范性文件的本年制发、本年废止；上年报告的现行有效',
    source: { kind: 'practice', cite: '只能废止已有的文件：本年废止 ≤ 上年现行有效 + 本年制发' },
  },
  {
    id: 'X.CARRY',
    severity: 'error',
    scope: 'crossReport',
    name: '跨年结转衔接',
    nameEn: 'Carry-over continuity',
    description: '表三每一列：上年结转等于上年度报告的结转下年度。',
    descriptionEn: "Table 3, every column: carried over = last year's carried forward.",
    looksAt: '表三 上年结转（每一列）；上年报告的结转下年度',
    source: {
      kind: 'template',
      cite: FORMAT_2021 + ' 表三“上年结转政府信息公开申请数量”“结转下年度继续办理”',
    },
  },
  {
    id: 'N.APPLICATIONS',
    severity: 'warning',
    scope: 'report',
    name: '正文申请数核对',
    nameEn: 'Applications in the text',
    description: '正文所述收到申请数与表三新收（或新收加上年结转）一致。',
    descriptionEn:
      'The application count in the text matches table 3 (new, or new + carried over).',
    looksAt: '第一部分正文所述收到申请数；表三 新收、上年结转（总计列）',
    source: {
      kind: 'regulation',
      cite: REGULATION + '第五十条第（二）项：收到和处理政府信息公开申请的情况',
    },
  },
  {
    id: 'N.REVIEW',
    severity: 'warning',
    scope: 'report',
    name: '正文行政复议数核对',
    nameEn: 'Reviews in the text',
    description: '正文所述行政复议数与表四行政复议总计一致。',
    descriptionEn: 'The administrative review count in the text matches table 4.',
    looksAt: '正文所述行政复议数；表四 行政复议总计',
    source: {
      kind: 'regulation',
      cite: REGULATION + '第五十条第（三）项：因政府信息公开工作被申请行政复议、提起行政诉讼的情况',
    },
  },
  {
    id: 'N.LITIGATION',
    severity: 'warning',
    scope: 'report',
    name: '正文行政诉讼数核对',
    nameEn: 'Lawsuits in the text',
    description: '正文所述行政诉讼数与表四两类行政诉讼总计之和一致。',
    descriptionEn: 'The lawsuit count in the text matches the two litigation totals of table 4.',
    looksAt: '正文所述行政诉讼数；表四 两类行政诉讼总计',
    source: {
      kind: 'regulation',
      cite: REGULATION + '第五十条第（三）项：因政府信息公开工作被申请行政复议、提起行政诉讼的情况',
    },
  },
  {
    id: 'N.COPIED',
    severity: 'warning',
    scope: 'crossReport',
    name: '内容雷同',
    nameEn: 'Copied text',
    description:
      '正文某一部分与本单位往年报告或同一地区其他单位同年报告的同一部分雷同（去掉套话、数字和日期后，大部分文字相同）。',
    descriptionEn:
      "A part of the text is mostly the same as that part of the agency's earlier report or of another agency's report of the year (set phrases, numbers and dates left out).",
    looksAt: '正文第一部分总体情况、第五部分存在的主要问题及改进情况、第六部分其他需要报告的事项',
    source: {
      kind: 'notice',
      cite: '国办公开办函〔2021〕30号：年度报告“发布内容不准确不全面或者内容雷同”的，依法依规追责',
    },
  },
  {
    id: 'S.PARTS',
    severity: 'warning',
    scope: 'report',
    name: '六个部分齐全有序',
    nameEn: 'The six parts, in order',
    description:
      '报告有格式规定的六个部分（总体情况、主动公开、依申请公开、复议诉讼、问题及改进、其他事项），且按一至六的顺序排列。',
    descriptionEn:
      'The report has the six parts of the format (overview, proactive, applications, review and litigation, problems, other) in the order 一 to 六.',
    looksAt: '正文六个部分的标题及其先后顺序（一个标题也没有的，如只有表格的电子表格，不判断）',
    source: { kind: 'regulation', cite: REGULATION + '第五十条；' + FORMAT_2021 + ' 正文六个部分' },
  },
  {
    id: 'S.PERIOD',
    severity: 'warning',
    scope: 'report',
    name: '报告年度与统计期限',
    nameEn: 'Report year and period',
    description: '标题所写年度、正文所述统计期限（该年1月1日至12月31日）与报告所属年度三者一致。',
    descriptionEn:
      'The year in the title, the reporting period the text states (1 January to 31 December of that year) and the year the report is filed for agree.',
    looksAt: '标题中的年度；正文统计期限；上传时所选的报告年度',
    source: {
      kind: 'regulation',
      cite: REGULATION + '第四十九条：公布本行政机关上一年度政府信息公开工作年度报告',
    },
  },
  {
    id: 'N.FEE',
    severity: 'warning',
    scope: 'report',
    name: '信息处理费核对',
    nameEn: 'Processing fees',
    description:
      '第六部分所述信息处理费与表三（六）2“逾期未按收费通知要求缴纳费用”及表二行政事业性收费金额相互一致：发过收费通知的应说明收费情况，所述收费金额不应超过表二行政事业性收费金额。',
    descriptionEn:
      'The processing fee part 六 states agrees with table 3 (六)2 (fee notices not paid) and with the fee amount of table 2: fee notices call for a statement on fees, and a stated fee cannot exceed the fees table 2 reports.',
    looksAt:
      '第六部分所述信息处理费（元）；表三（六）2 逾期未缴纳费用（总计列）；表二 行政事业性收费金额（万元）',
    source: {
      kind: 'notice',
      cite: '国办函〔2020〕109号《政府信息公开信息处理费管理办法》第十二条：在年度报告中公开信息处理费收取情况',
    },
  },
  {
    id: 'N.COMPLETION',
    severity: 'warning',
    scope: 'report',
    name: '正文办结率核对',
    nameEn: 'Completion rate in the text',
    description:
      '正文所述办结率不低于表三办理总计占（新收 + 上年结转）的比例（按四舍五入容差），也不超过 100%。',
    descriptionEn:
      'The completion rate in the text is no lower than table 3 total handled / (new + carried over), allowing for rounding, and no higher than 100 %.',
    looksAt: '正文所述办结率；表三 新收、上年结转、办理结果总计（总计列）',
    source: {
      kind: 'regulation',
      cite: REGULATION + '第五十条第（二）项：收到和处理政府信息公开申请的情况',
    },
  },
  {
    id: 'N.PUBLISHED',
    severity: 'warning',
    scope: 'report',
    name: '正文发布条数核对',
    nameEn: 'Items published in the text',
    description:
      '正文所述主动公开发布的信息条数不少于表二本年制发的规章和行政规范性文件件数之和（制发的文件都应公开）。',
    descriptionEn:
      'The number of items the text says were published is at least the regulations and normative documents table 2 says were issued (each must be published).',
    looksAt: '正文所述发布政务信息条数；表二 规章、行政规范性文件本年制发件数',
    source: {
      kind: 'regulation',
      cite: REGULATION + '第五十条第（一）项：主动公开政府信息的情况；第二十条第（一）项',
    },
  },
  {
    id: 'N.PASS_RATE',
    severity: 'warning',
    scope: 'report',
    name: '正文合格率核对',
    nameEn: 'Pass rates in the text',
    description: '正文所述各项检查的合格率在 0 至 100% 之间（报告表格无对应数字，只查是否可能）。',
    descriptionEn:
      'Every inspection pass rate the text states lies between 0 and 100 % (the tables hold no counterpart, so only whether it is possible is checked).',
    looksAt: '正文所述合格率',
    source: { kind: 'practice', cite: '比率不能超过 100%' },
  },
  {
    id: 'D.LATE',
    severity: 'warning',
    scope: 'submission',
    name: '逾期发布',
    nameEn: 'Late report',
    description:
      '报告在法定期限之后提交：部门（及乡镇、街道、开发区）为次年1月31日，人民政府为次年3月31日；地区可按年度另行规定。未收到申请的也应按期报送全为 0 的报告，不是缺报。',
    descriptionEn:
      "The report was submitted after its deadline: 31 January of the next year for departments (and towns, subdistricts, zones), 31 March for people's governments; a region may set other dates per year. An agency that received no request still files a report of zeros.",
    looksAt: '提交日期；该单位该年度的报送期限（单位、上级地区、年度或法定期限）',
    source: {
      kind: 'regulation',
      cite:
        REGULATION +
        '第四十九条：每年1月31日前向本级政府信息公开工作主管部门提交，县级以上人民政府3月31日前向社会公布',
    },
  },
  {
    id: 'H.COVERAGE',
    severity: 'warning',
    scope: 'submission',
    name: '下级报告覆盖',
    nameEn: 'Coverage of subordinate reports',
    description:
      '人民政府的报告提交时，其所属部门和乡镇、街道都已报送本年度报告（所属单位此后报送、被退回或重新打开时重新判断）；地区规定本级报告须汇总所属部门时，本级表三新收、办理总计不小于各部门之和。',
    descriptionEn:
      "When a people's government submits, its departments and towns have all filed the year's report (judged again when one of them files later, is returned or reopened); where the region so rules, its table 3 new and handled totals are at least the sum of its departments'.",
    looksAt: '所属部门、乡镇、街道的本年度报告；表三 新收、办理结果总计（总计列）与各部门之和',
    source: {
      kind: 'regulation',
      cite: REGULATION + '第四十九条、第五十条；汇总规则为地区规定',
    },
  },
  {
    id: 'F.MISSING_TABLE',
    severity: 'error',
    scope: 'parse',
    name: '缺少表格',
    nameEn: 'Missing table',
    description: '未找到表二、表三或表四。',
    descriptionEn: 'Table 2, 3 or 4 was not found.',
    looksAt: '表二、表三、表四',
    source: { kind: 'regulation', cite: REGULATION + '第五十条；' + FORMAT_2021 },
  },
  {
    id: 'F.TEMPLATE',
    severity: 'error',
    scope: 'parse',
    name: '模板未填写',
    nameEn: 'Template not filled in',
    description:
      '正文仍是格式模板的占位文字（如“（文字描述）”）：上传的是空白或未填完的模板，不是已发布的年报。',
    descriptionEn:
      'The text still holds the template placeholders (such as “（文字描述）”): a blank or unfinished template, not the published report.',
    looksAt: '全文（格式模板的占位文字）',
    source: { kind: 'practice', cite: '上传的应是已发布的年度报告' },
  },
  {
    id: 'F.UNKNOWN_ROW',
    severity: 'warning',
    scope: 'parse',
    name: '无法识别的行',
    nameEn: 'Unknown row',
    description: '某行标签与任何已知行都不匹配（保留并报告，不丢弃）。',
    descriptionEn: 'A row label matches no known row (kept and reported, not dropped).',
    looksAt: '表格的行标签',
    source: { kind: 'practice', cite: '读取报告时发现的问题' },
  },
  {
    id: 'F.LAYOUT',
    severity: 'warning',
    scope: 'parse',
    name: '版式无法确定',
    nameEn: 'Layout not settled',
    description:
      '表格版式不确定（缺行、并行、标签折行、错列），且没有唯一一种读法符合表内勾稽关系：列出未能确定位置的单元格及原文，请核对。',
    descriptionEn:
      'The table layout is uncertain and no single reading satisfies its sums; lists the cells not placed with certainty and the text seen.',
    looksAt: '版式无法确定的表格行与单元格',
    source: { kind: 'practice', cite: '读取报告时发现的问题' },
  },
  {
    id: 'F.AMBIGUOUS',
    severity: 'error',
    scope: 'parse',
    name: '数值无法唯一确定',
    nameEn: 'Ambiguous value',
    description:
      '某些数值无法唯一读出（如数字连写且有多种拆分满足表内关系），列出相关单元格及候选值。',
    descriptionEn:
      'A value could not be read unambiguously; lists the cells and the candidate values.',
    looksAt: '数值无法唯一确定的单元格',
    source: { kind: 'practice', cite: '读取报告时发现的问题' },
  },
] as const satisfies readonly RuleInfo[];

export type RuleId = (typeof RULES)[number]['id'];

export const RULE = Object.fromEntries(RULES.map((rule) => [rule.id, rule])) as {
  readonly [Id in RuleId]: Extract<(typeof RULES)[number], { id: Id }>;
};

/** The narrative parts copied text is looked for in. */
export type NarrativePartKey = 'overview' | 'problems' | 'other';

/** N.COPIED only: the report the part stands in, and what the two share. */
export interface CopiedFrom {
  readonly reportId: string;
  readonly agencyId: string;
  readonly agencyName: string;
  readonly year: number;
  /** The other report's version that was compared (absent in findings made before it was kept). */
  readonly version?: number;
  readonly part: NarrativePartKey;
  /** Share (0–1) of the shorter part's own wording that stands in the other. */
  readonly similarity: number;
  /** This report's sentences that stand in the other, as written. */
  readonly sharedSentences: string[];
}

/** H.COVERAGE only: who below a people's government filed the year's report. */
export interface CoverageDetail {
  reported: { agencyId: string; name: string }[];
  missing: { agencyId: string; name: string }[];
}

/** One broken rule, as it appears in a report's `findings`. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Addresses (see cells.ts) of every cell of this report that the rule involves. */
  cells: string[];
  /** In Chinese, with the numbers: "表三 自然人列：新收 21 + 上年结转 0 ≠ 办理总计 20 + 结转下年度 0". */
  message: string;
  /**
   * Cross-report rules (X.CARRY, T2.STOCK) only: addresses of the cells of last year's report
   * that were compared. Kept apart from `cells`, whose addresses all refer to this report.
   */
  previousCells?: string[];
  /** N.COPIED only: the other report and the sentences the two share. */
  copiedFrom?: CopiedFrom;
  /** S.PARTS (and N.FEE, N.PUBLISHED …): the parts of the text the finding points at. */
  parts?: ReportPartKey[];
  /** H.COVERAGE only: the agencies below that have and have not filed the year's report. */
  coverage?: CoverageDetail;
  /**
   * F.AMBIGUOUS only: the readings that fit; each candidate has one value per entry of
   * `cells`, in the same order.
   */
  candidates?: number[][];
}

/** A finding of that rule, with the rule's severity. */
export function createFinding(
  rule: RuleId,
  cells: string[],
  message: string,
  extra: Pick<Finding, 'previousCells' | 'candidates' | 'copiedFrom' | 'parts' | 'coverage'> = {},
): Finding {
  return { rule, severity: RULE[rule].severity, cells, message, ...extra };
}
