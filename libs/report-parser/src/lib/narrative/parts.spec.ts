import { findPartHeadings, partOrder, splitParts } from './parts';

/** A minimal report: each part's heading followed by one line of its own. */
function report(headings: readonly string[]): string[] {
  return headings.flatMap((heading, i) => [heading, `第${i + 1}部分的正文。`]);
}

const STANDARD = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

describe('splitParts', () => {
  it('splits the 2021 format by its six headings', () => {
    expect(splitParts(report(STANDARD))).toEqual({
      overview: '第1部分的正文。',
      proactive: '第2部分的正文。',
      applications: '第3部分的正文。',
      reviewLitigation: '第4部分的正文。',
      problems: '第5部分的正文。',
      other: '第6部分的正文。',
      attachments: '',
    });
  });

  it('reads the 2019 titles', () => {
    const parts = splitParts(
      report([
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、因政府信息公开申请行政复议、提起行政诉讼的情况',
        '五、政府信息公开工作存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ]),
    );
    expect(parts.reviewLitigation).toBe('第4部分的正文。');
    expect(parts.problems).toBe('第5部分的正文。');
  });

  it('tolerates 第一部分, a missing 、, other marks, spaces and typos', () => {
    const parts = splitParts(
      report([
        '第一部分 总体情况',
        '第二部分：主动公开政府信息情况',
        '第三部分 收到和处理政府信息公开申请情况',
        '第四部分 政府信息公开行政法复议、行政诉讼情况',
        '第五部分 存在的主要问题及改进情况',
        '第六部分 其他需要报告的事项',
      ]),
    );
    expect(Object.values(parts).filter(Boolean)).toHaveLength(6);
    const loose = splitParts(
      report([
        '一 总体情况',
        '二．主动公开政府信息情况',
        '三. 收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在 问题及改进措施',
        '六、其 他 需 要 报 告 的 事 项',
      ]),
    );
    expect(loose.overview).toBe('第1部分的正文。');
    expect(loose.problems).toBe('第5部分的正文。');
    expect(loose.other).toBe('第6部分的正文。');
  });

  it('tolerates renumbered headings (a part left out, the rest numbered on)', () => {
    const parts = splitParts(
      report([
        '一、总体情况',
        '二、收到和处理政府信息公开申请情况',
        '三、政府信息公开行政复议、行政诉讼情况',
        '四、存在的主要问题及改进情况',
        '五、其他需要报告的事项',
      ]),
    );
    expect(parts.proactive).toBe('');
    expect(parts.applications).toBe('第2部分的正文。');
    expect(parts.other).toBe('第5部分的正文。');
  });

  it('does not take sub-headings （一）… or table rows 一、本年新收… for parts', () => {
    const parts = splitParts([
      '一、总体情况',
      '（一）主动公开情况',
      '（二）依申请公开情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量 2 0 0 0 0 0 2',
      '三、本年度办理结果 （一）予以公开 1 0 0 0 0 0 1',
      '四、结转下年度继续办理 0 0 0 0 0 0 0',
      '四、政府信息公开行政复议、行政诉讼情况',
      '0 0 0 0 0',
      '五、存在的主要问题及改进情况',
      '一、存在的主要问题',
      '二、改进措施',
      '六、其他需要报告的事项',
      '无。',
    ]);
    expect(parts.overview).toBe('（一）主动公开情况\n（二）依申请公开情况');
    expect(parts.applications).toContain('四、结转下年度继续办理');
    expect(parts.reviewLitigation).toBe('0 0 0 0 0');
    expect(parts.problems).toBe('一、存在的主要问题\n二、改进措施');
    expect(parts.other).toBe('无。');
  });

  it('ignores part 二 written as 1./2. items inside part 一', () => {
    const parts = splitParts([
      '一、总体情况',
      '1.主动公开情况',
      '2.依申请公开情况',
      ...report(STANDARD).slice(2),
    ]);
    expect(parts.overview).toBe('1.主动公开情况\n2.依申请公开情况');
    expect(parts.proactive).toBe('第2部分的正文。');
  });

  it('prefers 第X部分 headings when a report numbers its sub-headings 一、', () => {
    const parts = splitParts([
      '第一部分 总体情况',
      '一、主动公开情况',
      '二、依申请公开情况',
      '第二部分 主动公开政府信息情况',
      '表',
      '第六部分 其他需要报告的事项',
      '无。',
    ]);
    expect(parts.overview).toBe('一、主动公开情况\n二、依申请公开情况');
    expect(parts.proactive).toBe('表');
  });

  it('skips a preface that lists the parts and a table of contents', () => {
    const parts = splitParts([
      '本报告分为：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；',
      '四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。',
      '一、总体情况……………1',
      ...report(STANDARD),
    ]);
    expect(parts.overview).toBe('第1部分的正文。');
    expect(parts.other).toBe('第6部分的正文。');
  });

  it('skips a list of the parts separated by spaces on the line of a web page', () => {
    const page =
      '本报告包括：一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 ' +
      '四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项。' +
      STANDARD.map((heading, i) => `${heading}正文${i + 1}。`).join('');
    const parts = splitParts([page]);
    expect(parts.overview).toBe('正文1。');
    expect(parts.other).toBe('正文6。');
  });

  it('does not read "其一，…情况" as a heading', () => {
    const parts = splitParts([
      '一、总体情况',
      '其一，主动公开情况良好。',
      ...report(STANDARD).slice(2),
    ]);
    expect(parts.overview).toBe('其一，主动公开情况良好。');
  });

  it('keeps headings whose tables were left out of the paragraphs', () => {
    const parts = splitParts([
      '一、总体情况',
      '正文。',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '问题。',
      '六、其他需要报告的事项',
      '无。',
    ]);
    expect(parts.proactive).toBe('');
    expect(parts.problems).toBe('问题。');
    expect(parts.other).toBe('无。');
  });

  it('reads a whole web page on one line, without its navigation and footer', () => {
    const page =
      '当前位置： 首页 政务公开 来源：某县人民政府 时间：2022-02-08 16:34 微信 微博 ' +
      '本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。一、总体情况2021年，我区共收到申请5件。' +
      '二、主动公开政府信息情况第二十条第（一）项规章000' +
      '三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量5000005四、结转下年度继续办理0000000' +
      '四、政府信息公开行政复议、行政诉讼情况000000000000000' +
      '五、存在的主要问题及改进情况（一）存在的主要问题:解读不够。' +
      '六、其他需要报告的事项2021年，无收取信息处理费情况。 附件下载 【打印本页】 版权所有';
    const parts = splitParts([page]);
    expect(parts.overview).toBe('2021年，我区共收到申请5件。');
    expect(parts.proactive).toBe('第二十条第（一）项规章000');
    expect(parts.applications).toBe(
      '一、本年新收政府信息公开申请数量5000005四、结转下年度继续办理0000000',
    );
    expect(parts.reviewLitigation).toBe('000000000000000');
    expect(parts.problems).toBe('（一）存在的主要问题:解读不够。');
    expect(parts.other).toBe('2021年，无收取信息处理费情况。');
  });

  it('drops page numbers from the parts', () => {
    const parts = splitParts([
      '一、总体情况',
      '第一行',
      '— 2 —',
      '第二行',
      '二、主动公开政府信息情况',
    ]);
    expect(parts.overview).toBe('第一行\n第二行');
  });

  it('adds tables appended as 附件 to the table parts', () => {
    const parts = splitParts([
      '一、总体情况',
      '正文。',
      '二、主动公开政府信息情况',
      '详见附件1。',
      '五、存在的主要问题及改进情况',
      '问题。',
      '六、其他需要报告的事项',
      '无。',
      '附件1',
      '主动公开政府信息情况表',
      '规章 0 0 0',
      '附件2：收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1',
      '附件3：政府信息公开行政复议、行政诉讼情况',
      '0 0 0 0 0',
      '附件4：工作照片',
    ]);
    expect(parts.other).toBe('无。');
    expect(parts.proactive).toBe('详见附件1。\n附件1\n主动公开政府信息情况表\n规章 0 0 0');
    expect(parts.applications).toContain('一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1');
    expect(parts.reviewLitigation).toBe('附件3：政府信息公开行政复议、行政诉讼情况\n0 0 0 0 0');
    expect(parts.attachments).toBe('附件4：工作照片');
  });

  it('does not take attachments with repeated headings for the report parts', () => {
    const parts = splitParts([
      '一、总体情况',
      '正文。',
      '五、存在的主要问题及改进情况',
      '问题。',
      '六、其他需要报告的事项',
      '无。',
      '附件：',
      '二、主动公开政府信息情况',
      '规章 0 0 0',
      '三、收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1',
    ]);
    expect(parts.problems).toBe('问题。');
    expect(parts.other).toBe('无。');
    expect(parts.applications).toContain('一、本年新收');
  });

  it('infers part 五 from its first sub-heading when its heading was lost', () => {
    const parts = splitParts([
      '四、政府信息公开行政复议、行政诉讼情况',
      '| 40 | 0 | 10 | 5 | 55 |',
      '（一）2024 年工作中存在问题的改进情况',
      '一是改进。',
      '六、其他需要报告的事项',
      '无。',
    ]);
    expect(parts.reviewLitigation).toBe('| 40 | 0 | 10 | 5 | 55 |');
    expect(parts.problems).toBe('（一）2024 年工作中存在问题的改进情况\n一是改进。');
  });

  it('returns empty parts for a text without headings', () => {
    expect(splitParts(['没有标题的文字。'])).toEqual({
      overview: '',
      proactive: '',
      applications: '',
      reviewLitigation: '',
      problems: '',
      other: '',
      attachments: '',
    });
    expect(splitParts([]).overview).toBe('');
  });
});

describe('findPartHeadings', () => {
  it('gives the paragraph and offsets of each heading', () => {
    const headings = findPartHeadings(['标题', '一、总体情况', '正文。二、主动公开政府信息情况表']);
    expect(headings).toEqual([
      { part: 'overview', paragraph: 1, start: 0, end: 6, text: '一、总体情况', style: 'numeral' },
      {
        part: 'proactive',
        paragraph: 2,
        start: 3,
        end: 15,
        text: '二、主动公开政府信息情况',
        style: 'numeral',
      },
    ]);
  });
});

describe('partOrder (what rule S.PARTS reads)', () => {
  const STANDARD = [
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
  ];

  it('lists the six parts in order', () => {
    expect(partOrder(report(STANDARD))).toEqual([
      'overview',
      'proactive',
      'applications',
      'reviewLitigation',
      'problems',
      'other',
    ]);
  });

  it('keeps a part printed out of order where it stands', () => {
    const swapped = [STANDARD[0], STANDARD[1], STANDARD[2], STANDARD[4], STANDARD[3], STANDARD[5]];
    expect(partOrder(report(swapped))).toEqual([
      'overview',
      'proactive',
      'applications',
      'problems',
      'reviewLitigation',
      'other',
    ]);
  });

  it('leaves out a part that is not printed', () => {
    expect(partOrder(report(STANDARD.filter((_, i) => i !== 4)))).not.toContain('problems');
  });
});
