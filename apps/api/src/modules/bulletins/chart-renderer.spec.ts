import { submissionsChart } from './bulletin-charts';
import {
  CJK_FONT_CANDIDATES,
  chartToSvg,
  findCjkFont,
  renderCharts,
  svgToPng,
} from './chart-renderer';

describe('findCjkFont', () => {
  const only =
    (...present: string[]) =>
    (path: string) =>
      present.includes(path);

  it('takes ATLAS_CJK_FONT when it names a file', () => {
    expect(
      findCjkFont('/fonts/my.ttf', only('/fonts/my.ttf', CJK_FONT_CANDIDATES[0] ?? '')),
    ).toEqual({ found: true, path: '/fonts/my.ttf', from: 'setting' });
  });

  it('refuses an ATLAS_CJK_FONT that does not exist rather than drawing with another font', () => {
    const lookup = findCjkFont('/fonts/none.ttf', only(CJK_FONT_CANDIDATES[0] ?? ''));
    expect(lookup).toEqual({ found: false, reason: 'ATLAS_CJK_FONT=/fonts/none.ttf：文件不存在' });
  });

  it('takes the first usual place that exists when nothing is set', () => {
    expect(
      findCjkFont(undefined, only('/b.ttc', '/c.ttc'), ['/a.ttc', '/b.ttc', '/c.ttc']),
    ).toEqual({
      found: true,
      path: '/b.ttc',
      from: 'default',
    });
    expect(findCjkFont('  ', only('/a.ttc'), ['/a.ttc'])).toMatchObject({ path: '/a.ttc' });
  });

  it('says where it looked when there is no font', () => {
    const lookup = findCjkFont(undefined, only(), ['/a.ttc']);
    expect(lookup.found).toBe(false);
    expect(!lookup.found && lookup.reason).toContain('/a.ttc');
    expect(!lookup.found && lookup.reason).toContain('fonts-wqy-zenhei');
  });
});

// The machine's own CJK font (fonts-wqy-zenhei on Debian/Ubuntu); these draw real images.
const font = findCjkFont(process.env['ATLAS_CJK_FONT']);

describe('drawing a chart', () => {
  const chart = submissionsChart(2023, {
    expected: 6,
    submitted: 4,
    onTime: 2,
    late: 2,
    missing: 2,
    accepted: 0,
    returned: 0,
    withErrors: 1,
    withWarnings: 1,
  });

  it('renders the option to SVG without a DOM, with its Chinese text', () => {
    const svg = chartToSvg(chart, 'sans-serif');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('2023年度年报报送情况');
    expect(svg).toContain('逾期报送');
  });

  it('turns the SVG into a PNG of twice its size, Chinese glyphs drawn (not blank boxes)', () => {
    if (!font.found) throw new Error(font.reason);
    const [rendered] = renderCharts([chart], font.path);
    const png = rendered?.png ?? Buffer.alloc(0);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(chart.width * 2);
    expect(png.readUInt32BE(20)).toBe(chart.height * 2);
    // The same title in Chinese and as boxes: with the font, the glyphs differ, so do the PNGs.
    const title = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-size="20">${text}</text></svg>`;
    const chinese = svgToPng(title('年度报送'), font.path);
    const other = svgToPng(title('逾期未报'), font.path);
    const blank = svgToPng(title(''), font.path);
    expect(chinese.equals(other)).toBe(false);
    expect(chinese.length).toBeGreaterThan(blank.length + 200);
  });
});
