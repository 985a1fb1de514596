import { unzipSync } from 'fflate';
import { APPLICANT_COLUMNS, applicationRowKeysFor, table3Layout } from '@atlas/report-model';
import { withSeparators, ValueFormatter } from './perturbations';
import { generateRandomReport } from './random/random-report';
import { gridRows, layOutReport } from './render-document';
import { renderOfficialDocx } from './render-docx-official';
import { renderHtmlPage } from './render-html';
import { hardWrap, renderMarkdownOcr } from './render-markdown-ocr';
import { SeededRandom } from './seeded-random';

/** Numbers in a text, in order. */
const numbersIn = (text: string): string[] => text.match(/\d+(?:\.\d+)?/g) ?? [];

/** Whether `needle` occurs in `haystack` in order (not necessarily next to each other). */
function inOrder(haystack: readonly string[], needle: readonly string[]): boolean {
  let at = 0;
  for (const item of haystack) if (item === needle[at]) at++;
  return at === needle.length;
}

describe('ValueFormatter', () => {
  it('writes units, separators, yuan and 增/减 as CMS pages and templates do', () => {
    const format = new ValueFormatter({
      thousandsSeparators: true,
      countUnit: true,
      feeUnit: '元',
      changeStyle: 'words',
    });
    expect(format.format(1234, 'count')).toBe('1,234');
    expect(format.format(30, 'table2Count')).toBe('30件');
    expect(format.format(25.1, 'fee')).toBe('251,000元');
    expect(format.format(-4, 'change')).toBe('减4');
    expect(format.format(3, 'change')).toBe('增3');
    expect(new ValueFormatter({ feeUnit: '万元' }).format(12.5, 'fee')).toBe('12.5万元');
    expect(new ValueFormatter({ changeStyle: 'sign' }).format(-4, 'change')).toBe('-4');
    expect(withSeparators(1234567.25)).toBe('1,234,567.25');
  });
});

describe('2019 format layout', () => {
  const generated = generateRandomReport(3, { shape: '2019', defect: null });
  const table2 = layOutReport(generated).blocks.find(
    (b) => b.kind === 'table' && b.table === 'table2',
  );

  it('prints table 2 of the trial format: its rows, column labels and the 2019 clauses', () => {
    if (table2?.kind !== 'table') throw new Error('no table 2');
    const text = gridRows(table2.model).flat().join('|');
    for (const label of [
      '本年新制作数量',
      '对外公开总数量',
      '上一年项目数量',
      '本年增/减',
      '其他对外管理服务事项',
      '政府集中采购',
      '采购总金额',
      '第二十条第（九）项',
    ])
      expect(text).toContain(label);
  });

  it('prints （六） as one row in table 3', () => {
    const table3 = layOutReport(generated).blocks.find(
      (b) => b.kind === 'table' && b.table === 'table3',
    );
    if (table3?.kind !== 'table') throw new Error('no table 3');
    const labels = gridRows(table3.model).map((row) => row.slice(0, 3).join(''));
    expect(labels.filter((label) => label.includes('（六）其他处理'))).toHaveLength(1);
    expect(labels.some((label) => label.includes('3.其他'))).toBe(false);
  });
});

describe('markdown as OCR tools write it', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: every number of table 3 is still printed, in row order',
    (seed) => {
      const generated = generateRandomReport(seed);
      const markdown = renderMarkdownOcr(
        layOutReport(generated),
        SeededRandom.derived(seed, 'test'),
      );
      const { applications } = generated.report;
      const values = applicationRowKeysFor(table3Layout(generated.report)).flatMap((row) =>
        APPLICANT_COLUMNS.map((column) => String(applications[row]?.[column.key])),
      );
      const tableText = markdown.slice(
        markdown.indexOf('三、收到和处理'),
        markdown.indexOf('四、政府信息公开行政复议'),
      );
      expect(inOrder(numbersIn(tableText), values)).toBe(true);
    },
  );

  it('breaks tables into pieces with separator rows, as the real conversions do', () => {
    const markdown = renderMarkdownOcr(
      layOutReport(generateRandomReport(1)),
      SeededRandom.derived(1, 'test'),
    );
    expect(markdown.match(/^\|(?:---\|)+$/gm)?.length).toBeGreaterThan(3);
    expect(markdown).toMatch(/^— \d+ —$/m);
  });

  it('never wraps a line inside a number', () => {
    expect(hardWrap('共收到申请1295件，办结1191件', 7)).toEqual([
      '共收到申请',
      '1295件，办',
      '结1191件',
    ]);
  });
});

describe('DOCX built like the official template', () => {
  it('has fixed column widths, merged cells and the report text', async () => {
    const generated = generateRandomReport(4, { shape: '2021-single', defect: null });
    const bytes = await renderOfficialDocx(layOutReport(generated), {
      valueAlign: 'top',
      labelWidth: 1800,
      tableFontSize: 21,
    });
    const xml = new TextDecoder().decode(unzipSync(bytes)['word/document.xml']);
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>/);
    expect(xml).toContain('<w:vAlign w:val="top"/>');
    expect(xml).toContain('w:w="1800"');
    expect(xml).toContain(generated.report.title ?? 'no title');
  });
});

describe('CMS pages', () => {
  it('plain cells: bare <td> text with <br> in long labels; GBK with <meta charset=gb2312>', () => {
    const generated = generateRandomReport(6);
    const page = renderHtmlPage(layOutReport(generated), generated, {
      cellStyle: 'plain',
      labelBreaks: true,
      encoding: 'gbk',
    });
    const html = new TextDecoder('gbk').decode(page);
    expect(html).toContain('charset=gb2312');
    expect(html).toMatch(/<td colspan=3>一、本年新收[^<]*<br>[^<]*申请数量<\/td>/);
    expect(html).not.toContain('MsoNormal align=center><span lang=EN-US');
    expect(html).toMatch(/<br>/);
  });
});
