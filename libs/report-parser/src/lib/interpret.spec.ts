import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getCell, runTableChecks } from '@atlas/report-model';
import { cloneGenerated, encodeText, generateRandomReport, REPORT_E, renderWebPageLine } from '@atlas/report-samples';
import { parseReport } from './parse-report';

const CORPUS = resolve(__dirname, '../../../../../shared/corpus');
const corpusIt = existsSync(CORPUS) ? it : it.skip;
const jiyuanText = () => readFileSync(join(CORPUS, 'jiyuan-etdz-2023', 'source.txt'), 'utf8');
const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('interpreting tables', () => {
  corpusIt(
    'reports a full row no label claims, without merging it in (F.UNKNOWN_ROW)',
    async () => {
      const text = jiyuanText().replace(
        /(\(七\) 总计[^\n]*\n)/,
        '$1（八）其他情形\t\t5\t0\t0\t0\t0\t0\t5\t\n',
      );
      const { report } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
      const unknown = report.findings.filter((finding) => finding.rule === 'F.UNKNOWN_ROW');
      expect(unknown).toHaveLength(1);
      expect(unknown[0]?.severity).toBe('warning');
      expect(unknown[0]?.message).toContain('（八）其他情形');
      expect(unknown[0]?.message).toContain('5、0、0、0、0、0、5');
      expect(getCell(report, 'applications.totalHandled.total')).toBe(2);
    },
  );

  corpusIt('keeps where every cell came from', async () => {
    const { provenance } = await parseReport(bytesOf(jiyuanText()), { fileName: 'report.txt' });
    const newReceived = provenance['applications.newReceived.naturalPerson'];
    expect(newReceived?.raw).toBe('2');
    expect(newReceived?.source.line).toBeGreaterThan(0);
    expect(Object.keys(provenance)).toHaveLength(200);
  });

  corpusIt('names the missing table when one is absent (F.MISSING_TABLE)', async () => {
    const withoutTable4 = jiyuanText().split('四、政府信息公开行政复议')[0] ?? '';
    const { report } = await parseReport(bytesOf(withoutTable4), { fileName: 'report.txt' });
    expect(
      report.findings
        .filter((finding) => finding.rule === 'F.MISSING_TABLE')
        .map((finding) => finding.cells),
    ).toEqual([['reviewLitigation']]);
  });

  corpusIt(
    'marks the split it chose when digits ran together ambiguously (F.AMBIGUOUS)',
    async () => {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, 'pingtan-2021', 'source.txt')));
      const { report, provenance } = await parseReport(bytes, { fileName: 'source.txt' });
      const ambiguous = report.findings.find((finding) => finding.rule === 'F.AMBIGUOUS');
      expect(ambiguous?.cells).toEqual([
        'proactive.normativeDocuments.issued',
        'proactive.normativeDocuments.repealed',
        'proactive.normativeDocuments.inForce',
      ]);
      expect(ambiguous?.candidates?.length).toBe(10);
      expect(provenance['proactive.normativeDocuments.issued']).toMatchObject({
        raw: '693665',
        method: 'digit-run',
      });
    },
  );
});

describe('the 2019 trial format', () => {
  const row = (label: string, values: (number | string)[]) => `${label}\t${values.join('\t')}`;
  const table3Rows: [string, number[]][] = [
    ['一、本年新收政府信息公开申请数量', [10, 2, 0, 0, 1, 0, 13]],
    ['二、上年结转政府信息公开申请数量', [1, 0, 0, 0, 0, 0, 1]],
    ['三、本年度办理结果\t（一）予以公开', [5, 1, 0, 0, 0, 0, 6]],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', [1, 0, 0, 0, 0, 0, 1]],
    ['（三）不予公开\t1.属于国家秘密', [0, 0, 0, 0, 0, 0, 0]],
    ['2.其他法律行政法规禁止公开', [0, 0, 0, 0, 0, 0, 0]],
    ['3.危及“三安全一稳定”', [0, 0, 0, 0, 0, 0, 0]],
    ['4.保护第三方合法权益', [1, 0, 0, 0, 0, 0, 1]],
    ['5.属于三类内部事务信息', [0, 0, 0, 0, 0, 0, 0]],
    ['6.属于四类过程性信息', [0, 0, 0, 0, 0, 0, 0]],
    ['7.属于行政执法案卷', [0, 0, 0, 0, 0, 0, 0]],
    ['8.属于行政查询事项', [0, 0, 0, 0, 0, 0, 0]],
    ['（四）无法提供\t1.本机关不掌握相关政府信息', [2, 1, 0, 0, 0, 0, 3]],
    ['2.没有现成信息需要另行制作', [0, 0, 0, 0, 0, 0, 0]],
    ['3.补正后申请内容仍不明确', [0, 0, 0, 0, 0, 0, 0]],
    ['（五）不予处理\t1.信访举报投诉类申请', [1, 0, 0, 0, 0, 0, 1]],
    ['2.重复申请', [0, 0, 0, 0, 0, 0, 0]],
    ['3.要求提供公开出版物', [0, 0, 0, 0, 0, 0, 0]],
    ['4.无正当理由大量反复申请', [0, 0, 0, 0, 0, 0, 0]],
    ['5.要求行政机关确认或重新出具已获取信息', [0, 0, 0, 0, 0, 0, 0]],
    ['（六）其他处理', [1, 0, 0, 0, 1, 0, 2]],
    ['（七）总计', [11, 2, 0, 0, 1, 0, 14]],
    ['四、结转下年度继续办理', [0, 0, 0, 0, 0, 0, 0]],
  ];
  const text = [
    '某县人民政府2019年政府信息公开工作年度报告',
    '本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。',
    '一、总体情况',
    '2019年，本县共收到政府信息公开申请13件。',
    '二、主动公开政府信息情况',
    '第二十条第（一）项',
    '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量',
    row('规章', [0, 0, 5]),
    row('规范性文件', [3, 3, 40]),
    '第二十条第（五）项',
    '信息内容\t上一年项目数量\t本年增/减\t处理决定数量',
    row('行政许可', [12, '减2', 300]),
    row('其他对外管理服务事项', [4, 0, 20]),
    '第二十条第（六）项',
    '信息内容\t上一年项目数量\t本年增/减\t处理决定数量',
    row('行政处罚', [8, 1, 150]),
    row('行政强制', [3, 0, 7]),
    '第二十条第（八）项',
    '信息内容\t上一年项目数量\t本年增/减',
    row('行政事业性收费', [5, '减1']),
    '第二十条第（九）项',
    '信息内容\t采购项目数量\t采购总金额',
    row('政府集中采购', [6, 120.5]),
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
    '\t\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计',
    ...table3Rows.map(([label, values]) => row(label, values)),
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议\t\t\t\t\t行政诉讼',
    '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉',
    '\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
    row('', [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]).slice(1),
    '五、存在的主要问题及改进情况',
    '无。',
    '六、其他需要报告的事项',
    '本年度未收取信息处理费。',
  ].join('\n');

  it('reads table 2 of the 2019 layout, （六） as one row, and checks it', async () => {
    const { report } = await parseReport(bytesOf(text), { fileName: '2019.txt' });
    expect(report.formatVersion).toBe('2019');
    expect(report.year).toBe(2019);
    expect(report.proactive).toEqual({
      regulations: { newlyMade: 0, newlyPublished: 0, totalPublished: 5 },
      normativeDocuments: { newlyMade: 3, newlyPublished: 3, totalPublished: 40 },
      licensing: { previousYearItems: 12, change: -2, decisions: 300 },
      otherServices: { previousYearItems: 4, change: 0, decisions: 20 },
      penalty: { previousYearItems: 8, change: 1, decisions: 150 },
      coercion: { previousYearItems: 3, change: 0, decisions: 7 },
      fees: { previousYearItems: 5, change: -1 },
      procurement: { projects: 6, amount: 120.5 },
    });
    expect(report.applications.otherHandling).toEqual({
      naturalPerson: 1,
      commercial: 0,
      research: 0,
      nonprofit: 0,
      legalService: 1,
      otherOrg: 0,
      total: 2,
    });
    expect('otherHandling.other' in report.applications).toBe(false);
    expect(getCell(report, 'reviewLitigation.litigationDirect.total')).toBe(1);
    expect(report.narrative.metrics.applicationsReceived).toBe(13);
    expect(report.findings).toEqual([]);
  });
});

describe('uncertain layouts: the sums decide, never a false alarm', () => {
  const ruleOf = (findings: readonly { rule: string }[]) => findings.map((finding) => finding.rule);

  corpusIt('a row whose total was printed on a line of its own is ordered by its row sum', async () => {
    // 予以公开 1 0 0 0 0 0 1: the total on the label's first line, the six applicant values on
    // its second, as a tall PDF cell aligned higher than its neighbours comes out.
    const text = jiyuanText().replace(/(\(一\) 予以公开)\t1\t0\t0\t0\t0\t0\t1\t\n/, '$1\t1\n1 0 0 0 0 0\n');
    expect(text).not.toBe(jiyuanText());
    const { report, provenance } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    expect(report.applications.granted).toMatchObject({ naturalPerson: 1, commercial: 0, total: 1 });
    expect(ruleOf(report.findings)).toEqual([]);
    expect(provenance['applications.granted.total']?.certainty).toBe('inferred');
    expect(provenance['applications.granted.total']?.context).toBe('三、本年度办理结果 | (一) 予以公开 | 1');
    expect(provenance['applications.newReceived.total']?.certainty).toBeUndefined();
    expect(provenance['applications.newReceived.total']?.context).toBeUndefined();
  });

  corpusIt('a row that is not printed is read as zeros when the sums confirm them', async () => {
    const text = jiyuanText().replace(/\t\t2\. 重复申请[^\n]*\n/, '');
    const { report, provenance } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    expect(report.applications['notProcessed.duplicate']?.total).toBe(0);
    expect(ruleOf(report.findings)).toEqual([]);
    expect(provenance['applications.notProcessed.duplicate.total']).toBeUndefined();
  });

  corpusIt('a lost row the sums need: F.LAYOUT names it, no T3 finding accuses the report', async () => {
    const text = jiyuanText().replace(/\t\(四\) 无法提供\t1\. 本机关不掌握相关政府信息[^\n]*\n/, '\t(四) 无法提供\n');
    const { report } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    expect(ruleOf(report.findings)).toEqual(['F.LAYOUT']);
    const layout = report.findings[0];
    expect(layout?.cells).toContain('applications.unavailable.notHeld.naturalPerson');
    expect(layout?.message).toContain('本机关不掌握相关政府信息');
    expect(layout?.severity).toBe('warning');
  });

  corpusIt('a document whose printed numbers break a rule still gets that rule', async () => {
    const text = jiyuanText().replace(/(\(一\) 予以公开)\t1\t0\t0\t0\t0\t0\t1/, '$1\t2\t0\t0\t0\t0\t0\t2');
    const { report } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    expect(ruleOf(report.findings)).toEqual(['T3.OUTCOMES', 'T3.OUTCOMES']);
  });

  corpusIt('table 4 printed a group per line keeps its order when every total holds', async () => {
    const text = jiyuanText().replace(/\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n/, '\n1\t0\t0\t0\t1\n0\t2\t0\t0\t2\n0\t0\t0\t3\t3\n');
    expect(text).not.toBe(jiyuanText());
    const { report, provenance } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    expect(report.reviewLitigation.review).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
    expect(report.reviewLitigation.litigationAfterReview).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 3, total: 3 });
    expect(ruleOf(report.findings)).toEqual([]);
    expect(provenance['reviewLitigation.review.total']?.certainty).toBe('inferred');
  });

  corpusIt('table 4 on one printed row is certain, and its broken total is reported', async () => {
    const text = jiyuanText().replace(/\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n/, '\n1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n');
    const { report } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    expect(ruleOf(report.findings)).toEqual(['T4.TOTAL']);
  });
});

describe('two cells that lost the border between them', () => {
  corpusIt('are cut apart by the row sum ("01" = 0 and 1)', async () => {
    const text = jiyuanText().replace(/(\(一\) 予以公开)\t1\t0\t0\t0\t0\t0\t1/, '$1\t1\t0\t0\t0\t0\t01');
    expect(text).not.toBe(jiyuanText());
    const { report, provenance } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    expect(report.applications.granted).toMatchObject({ naturalPerson: 1, otherOrg: 0, total: 1 });
    expect(report.findings).toEqual([]);
    expect(provenance['applications.granted.total']).toMatchObject({ method: 'digit-run', certainty: 'inferred' });
  });
});

describe('group subtotal rows', () => {
  const withSubtotal = (values: string) =>
    jiyuanText().replace('\t(四) 无法提供\t1. 本机关不掌握相关政府信息', `\t(四) 无法提供\t\t${values}\n\t\t1. 本机关不掌握相关政府信息`);

  corpusIt('a subtotal that adds up is accepted silently', async () => {
    const text = withSubtotal('1\t0\t0\t0\t0\t0\t1');
    expect(text).not.toBe(jiyuanText());
    const { report } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    expect(report.findings).toEqual([]);
    expect(report.applications['unavailable.notHeld']?.total).toBe(1);
  });

  corpusIt('a subtotal that does not add up is reported as a row of its own', async () => {
    const { report } = await parseReport(bytesOf(withSubtotal('5\t0\t0\t0\t0\t0\t5')), { fileName: 'report.txt' });
    expect(report.findings.map((finding) => finding.rule)).toEqual(['F.UNKNOWN_ROW']);
  });
});

describe('numbers written with units or separators', () => {
  const withTable2 = (fees: string, licensing: string) =>
    jiyuanText().replace(/(行政事业性收费)\t0/, `$1\t${fees}`).replace(/(行政许可)\t0/, `$1\t${licensing}`);

  corpusIt.each([
    ['251000元', 25.1],
    ['12.5万元', 12.5],
    ['1,234.5', 1234.5],
    ['0.35', 0.35],
  ])('fee %s is read as %d 万元', async (printed, wanYuan) => {
    const { report, provenance } = await parseReport(bytesOf(withTable2(printed, '30件')), { fileName: 'report.txt' });
    expect(getCell(report, 'proactive.fees.amountWanYuan')).toBeCloseTo(wanYuan, 6);
    expect(getCell(report, 'proactive.licensing.decisions')).toBe(30);
    expect(provenance['proactive.fees.amountWanYuan']?.raw).toBe(printed);
    expect(report.findings).toEqual([]);
  });

  corpusIt('a count with thousands separators is one number', async () => {
    const { report } = await parseReport(bytesOf(withTable2('0', '1,234')), { fileName: 'report.txt' });
    expect(getCell(report, 'proactive.licensing.decisions')).toBe(1234);
  });
});

describe('text copied from a web page whose table cells hold paragraphs', () => {
  // What Chromium's copy gives for a Word-style HTML table: every cell's paragraph on a line of
  // its own, blank lines between, an empty cell (&nbsp;) as a line of a no-break space, labels
  // wrapped over two lines and spaced out where the page's source broke lines.
  const cells = (...texts: string[]) => texts.join('\n\n');
  const table2 = cells(
    '二、主动公开政府信息情况',
    '第 二 十 条 第',
    '（ 一 ） 项',
    '信 息',
    '内 容',
    '本 年 制',
    '发 件 数',
    '本 年 废',
    '止 件 数',
    '现 行 有',
    '效 件 数',
    '规',
    '章',
    '\u00a0',
    '0',
    '36',
    '行 政 规 范',
    '性 文 件',
    '10',
    '\u00a0',
    '72',
    '第 二 十 条 第',
    '（ 五 ） 项',
    '信 息',
    '内 容',
    '本 年 处 理',
    '决 定 数 量',
    '行 政',
    '许 可',
    '180',
  );

  it('reads empty cells from the empty lines a browser leaves, notes wrapped in a cell, typos over lines', async () => {
    // A LibreOffice HTML page copied: cells one per line with an empty line between, an empty
    // cell two more empty lines; 行政规范性文件's note wrapped; 规章 misprinted 规草 over two lines.
    const text = [
      '某局2023年政府信息公开工作年度报告',
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容',
      '本年制发件数',
      '本年废止件数',
      '现行有效件数',
      '规',
      '草',
      '4\n\n\n',
      '240',
      '行政规范',
      '性文件',
      '12 （其中修',
      '订 3 件）',
      '7',
      '108',
      '三、收到和处理政府信息公开申请情况',
    ].join('\n\n');
    const { report } = await parseReport(bytesOf(text), { fileName: 'copy.txt' });
    expect(report.proactive).toMatchObject({
      regulations: { issued: 4, repealed: 0, inForce: 240 },
      normativeDocuments: { issued: 12, repealed: 7, inForce: 108 },
    });
    expect(report.findings.filter((finding) => finding.cells.some((cell) => cell.startsWith('proactive.regulations')))).toEqual([]);
  });

  it('reads each row from its cells, one per line, an empty cell as 0', async () => {
    const text = `某局2023年政府信息公开工作年度报告\n\n${table2}\n\n三、收到和处理政府信息公开申请情况\n`;
    const { report, provenance } = await parseReport(bytesOf(text), { fileName: 'copy.txt' });
    expect(report.proactive).toMatchObject({
      regulations: { issued: 0, repealed: 0, inForce: 36 },
      normativeDocuments: { issued: 10, repealed: 0, inForce: 72 },
      licensing: { decisions: 180 },
    });
    expect(provenance['proactive.normativeDocuments.inForce']?.certainty).toBeUndefined();
  });
});

describe('digits run together in a report that breaks a sum', () => {
  it('never blames the report for a cut the sums could not settle', async () => {
    // 新收 自然人 one more than the table balances: no cut of that run satisfies every sum.
    const generated = cloneGenerated(REPORT_E, 'E broken');
    generated.report.applications.newReceived.naturalPerson += 1;
    generated.report.applications.newReceived.total += 1;
    const truth = runTableChecks(generated.report).map((finding) => `${finding.rule} ${finding.cells.join(',')}`);
    const { report } = await parseReport(encodeText(renderWebPageLine(generated)), { fileName: 'page.txt' });
    const arithmetic = report.findings.filter((finding) => /^T[34]\./.test(finding.rule)).map((finding) => `${finding.rule} ${finding.cells.join(',')}`);
    // Whatever is raised is what the document breaks; what cannot be settled is F.LAYOUT.
    for (const finding of arithmetic) expect(truth).toContain(finding);
    if (arithmetic.length < truth.length) expect(report.findings.map((finding) => finding.rule)).toContain('F.LAYOUT');
  });

  it('says a run-together row breaks its row sum when no cut of it adds up, and only then', async () => {
    // A generated report whose 新收 总计 was planted wrong, its cells run together as on a web
    // page: no cut makes the row add up, yet the column rules settle its cut.
    const generated = generateRandomReport(23);
    const row = 'applications.newReceived.naturalPerson,applications.newReceived.commercial,applications.newReceived.research,applications.newReceived.nonprofit,applications.newReceived.legalService,applications.newReceived.otherOrg,applications.newReceived.total';
    expect(runTableChecks(generated.report).map((finding) => `${finding.rule} ${finding.cells.join(',')}`)).toContain(`T3.ROWSUM ${row}`);
    const { report } = await parseReport(encodeText(renderWebPageLine(generated)), { fileName: 'page.txt' });
    const rules = report.findings.map((finding) => `${finding.rule} ${finding.cells.join(',')}`);
    expect(rules).toContain(`T3.ROWSUM ${row}`);
    // Twenty digits, thousands of cuts; the one T3.BALANCE allows is read, and nothing is in doubt.
    expect(report.applications.newReceived).toEqual(generated.report.applications.newReceived);
    expect(report.findings.filter((finding) => finding.rule.startsWith('F.') && finding.cells.includes('applications.newReceived.total'))).toEqual([]);
    const clean = await parseReport(encodeText(renderWebPageLine(cloneGenerated(REPORT_E, 'E'))), { fileName: 'page.txt' });
    expect(clean.report.findings.filter((finding) => finding.rule === 'T3.ROWSUM')).toEqual([]);
  });
});

describe('rows and cells a layout left out', () => {
  corpusIt('table 4 printed without its blank cells: the group totals place the values, or say they cannot', async () => {
    // 行政复议 upheld 3 = total 3; 直接起诉 other 2 + pending 1 = total 3: printed "3 3 2 1 3".
    const text = jiyuanText().replace(/\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n/, '\n3 3 2 1 3\n');
    expect(text).not.toBe(jiyuanText());
    const { report } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    expect(report.findings.filter((finding) => finding.rule.startsWith('T4.'))).toEqual([]);
    const ambiguous = report.findings.find((finding) => finding.rule === 'F.AMBIGUOUS');
    const truth = { review: [3, 0, 0, 0, 3], litigationDirect: [0, 0, 2, 1, 3] };
    const cells = ambiguous?.cells ?? [];
    const truthAt = (cell: string) => {
      const [, group, column] = cell.split('.');
      const index = ['upheld', 'corrected', 'other', 'pending', 'total'].indexOf(column ?? '');
      return (truth as Record<string, number[]>)[group ?? '']?.[index] ?? 0;
    };
    expect(ambiguous?.candidates).toContainEqual(cells.map(truthAt));
  });

  corpusIt('a table not found is in doubt: no rule judges its cells against the text', async () => {
    const text = jiyuanText().replace(/三、收到和处理政府信息公开申请情况[\s\S]*?(?=四、政府信息公开行政复议)/, '');
    const { report } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    expect(report.narrative.metrics.applicationsReceived).toBe(2);
    // No rule on table 3's numbers (N.APPLICATIONS); S.PARTS says part 三 itself is missing.
    expect(report.findings.map((finding) => finding.rule)).toEqual(['F.MISSING_TABLE', 'S.PARTS']);
  });
});
