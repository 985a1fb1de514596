import { extractMetadata, findStatedPeriod } from './metadata';

describe('extractMetadata: title', () => {
  it('reads agency, year and title from a one-line title', () => {
    expect(
      extractMetadata(['平潭综合实验区2024年度政府信息公开工作年度报告', '一、总体情况', '正文。']),
    ).toEqual({
      title: '平潭综合实验区2024年度政府信息公开工作年度报告',
      agencyName: '平潭综合实验区',
      year: 2024,
      yearSource: 'title',
    });
  });

  it('reads the agency after the year', () => {
    const meta = extractMetadata([
      '2025 年上海市人民政府办公厅政府信息公开工作年度报告',
      '一、总体情况',
    ]);
    expect(meta.agencyName).toBe('上海市人民政府办公厅');
    expect(meta.year).toBe(2025);
  });

  it('reads a title printed over two or three lines, without a header word before it', () => {
    const twoLines = extractMetadata([
      '- 1 -',
      '淮安市洪泽区人民政府',
      '2024 年政府信息公开工作年度报告',
    ]);
    expect(twoLines.title).toBe('淮安市洪泽区人民政府2024年政府信息公开工作年度报告');
    expect(twoLines.agencyName).toBe('淮安市洪泽区人民政府');
    const split = extractMetadata([
      '正文',
      '2025 年上海市人民政府办公厅政府信息公开',
      '工作年度报告',
    ]);
    expect(split.title).toBe('2025年上海市人民政府办公厅政府信息公开工作年度报告');
    expect(split.agencyName).toBe('上海市人民政府办公厅');
  });

  it('tolerates full-width digits, spaces, 年报 and the 2019-style title with the year after it', () => {
    expect(extractMetadata(['某县人民政府２０２３年政府信息公开工作年度报告']).year).toBe(2023);
    expect(extractMetadata(['某 县 财政局 2022 年 政府信息公开年报']).year).toBe(2022);
    const after = extractMetadata([
      '某市人民政府政府信息公开工作年度报告（2020年）',
      '一、总体情况',
    ]);
    expect(after).toMatchObject({ agencyName: '某市人民政府', year: 2020, yearSource: 'title' });
  });

  it('reads the title from a page header and from a web page <title> with the site name after it', () => {
    expect(
      extractMetadata([
        '标题: 平潭综合实验区2021年度政府信息公开工作年度报告',
        '发布时间: 2022-02-08 16:34',
      ]).title,
    ).toBe('平潭综合实验区2021年度政府信息公开工作年度报告');
    expect(
      extractMetadata([
        '平潭综合实验区2023年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会',
      ]).agencyName,
    ).toBe('平潭综合实验区');
  });

  it('keeps the navigation before a title on a short web page line out of the agency', () => {
    expect(
      extractMetadata(['首页 政务公开 年报 平潭综合实验区2021年度政府信息公开工作年度报告'])
        .agencyName,
    ).toBe('平潭综合实验区');
  });

  it('does not take a circular about writing reports for the title', () => {
    const meta = extractMetadata([
      '根据《福建省人民政府办公厅关于编制公布2021年政府信息公开工作年度报告有关事项的通知》编制。',
      '本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。',
      '一、总体情况',
    ]);
    expect(meta).toEqual({ title: null, agencyName: null, year: 2021, yearSource: 'period' });
  });
});

describe('extractMetadata: year', () => {
  it('is never the publishing date (发布时间: 2022-02-08 above a report on 2021)', () => {
    const meta = extractMetadata([
      '发布时间: 2022-02-08 16:34',
      '来源：某县人民政府 时间：2022-02-08',
      '一、总体情况',
      '2021年，我区以习近平新时代中国特色社会主义思想为指导……',
      '（二）依申请公开方面。2021年，全区共收到申请5件。',
      '二、主动公开政府信息情况',
      '五、存在的主要问题及改进情况',
      '2022年，我区将进一步改进。',
      '某县人民政府办公室',
      '2022年2月8日',
    ]);
    expect(meta.year).toBe(2021);
    expect(meta.yearSource).toBe('body');
  });

  it('comes from the reporting period, also when the second year is left out', () => {
    expect(
      extractMetadata([
        '本年度报告中所列数据统计期限为 2025\n年 1 月 1 日至 12 月 31 日。',
        '一、总体情况',
      ]),
    ).toMatchObject({ year: 2025, yearSource: 'period' });
    expect(
      extractMetadata(['本报告所列数据统计期限为２０２４年１月１日至２０２４年１２月３１日。'])
        .year,
    ).toBe(2024);
  });

  it('falls back on the file name, then null', () => {
    expect(extractMetadata(['无年份。'], '/tmp/某区2023年政府信息公开工作年度报告.pdf')).toEqual({
      title: null,
      agencyName: '某区',
      year: 2023,
      yearSource: 'fileName',
    });
    expect(extractMetadata(['无年份。'], 't20220208_80613.htm')).toEqual({
      title: null,
      agencyName: null,
      year: null,
      yearSource: null,
    });
    expect(extractMetadata([])).toEqual({
      title: null,
      agencyName: null,
      year: null,
      yearSource: null,
    });
  });
});

describe('extractMetadata: agency', () => {
  it('completes a title without its city from the body (洪泽区 → 淮安市洪泽区)', () => {
    const meta = extractMetadata([
      '洪泽区人民政府',
      '2023 年政府信息公开工作年度报告',
      '本报告由淮安市洪泽区人民政府办公室根据《条例》要求编制。如有疑问，请与淮安市洪',
      '泽区人民政府办公室联系（地址：淮安市洪泽区洪泽湖大道 90 号）。',
      '一、总体情况',
      '2023 年，洪泽区人民政府坚持……',
    ]);
    expect(meta.agencyName).toBe('淮安市洪泽区人民政府');
    expect(meta.title).toBe('洪泽区人民政府2023年政府信息公开工作年度报告');
  });

  it('completes a name the body quotes with its place (“济源经济技术开发区”)', () => {
    const meta = extractMetadata([
      '经济技术开发区管理办公室 2023 年政府信息公开工作年度报告',
      '一、总体情况',
      '通过“济源经济技术开发区”官方微博发布信息 270 余条。',
    ]);
    expect(meta.agencyName).toBe('济源经济技术开发区管理办公室');
  });

  it('leaves a name alone when it has its city or the body never qualifies it', () => {
    const qualified = extractMetadata([
      '淮安市人民政府',
      '2024 年政府信息公开工作年度报告',
      '本报告由江苏省淮安市人民政府办公室编制。',
    ]);
    expect(qualified.agencyName).toBe('淮安市人民政府');
    const unqualified = extractMetadata([
      '平潭综合实验区2023年度政府信息公开工作年度报告',
      '汇总平潭综合实验区各有关单位情况编制，我区平潭综合实验区……',
    ]);
    expect(unqualified.agencyName).toBe('平潭综合实验区');
  });

  it('uses a 发布机构 field when the title has no agency', () => {
    const meta = extractMetadata([
      '发布机构: 平潭综合实验区管委会办公室',
      '2023年度政府信息公开工作年度报告',
    ]);
    expect(meta).toMatchObject({ agencyName: '平潭综合实验区管委会办公室', year: 2023 });
  });
});

describe('findStatedPeriod (what rule S.PERIOD reads)', () => {
  it('reads the 统计期限 sentence', () => {
    expect(
      findStatedPeriod(['本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。']),
    ).toEqual({ start: '2023-01-01', end: '2023-12-31', text: '2023年1月1日起至2023年12月31日' });
  });

  it('reads a period that is not a whole year after 统计期限', () => {
    expect(findStatedPeriod(['统计期限为2023年1月1日至2023年11月30日。'])?.end).toBe('2023-11-30');
  });

  it('fills in an end year the text leaves out', () => {
    expect(findStatedPeriod(['数据统计时间为 2025 年 1 月 1 日至 12 月 31 日。'])?.end).toBe(
      '2025-12-31',
    );
  });

  it('is null when no period is stated', () => {
    expect(findStatedPeriod(['一、总体情况', '2023年，本局认真贯彻落实条例。'])).toBeNull();
  });
});
