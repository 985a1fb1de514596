import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { BulletinChart } from './bulletin-charts';

/*
 * Charts drawn without a browser: ECharts' server-side SVG renderer (no DOM), then resvg turns
 * the SVG into a PNG for the DOCX. resvg reads only the font files it is given (no system font
 * search, so the picture is the same on every machine); without a CJK font every Chinese
 * character would be a box, so the font is looked up once, as described in docs/operations.md.
 */

/** Where the usual CJK fonts are installed (Debian/Ubuntu, Fedora/RHEL, Alpine, macOS, Windows). */
export const CJK_FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc',
  '/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

/** The environment variable naming the font file, ahead of the usual places. */
export const CJK_FONT_VARIABLE = 'ATLAS_CJK_FONT';

export type FontLookup =
  { found: true; path: string; from: 'setting' | 'default' } | { found: false; reason: string };

/**
 * The CJK font to draw with: ATLAS_CJK_FONT if set (it must exist: a wrong setting is an error,
 * never silently replaced), else the first of CJK_FONT_CANDIDATES that exists.
 */
export function findCjkFont(
  setting: string | undefined,
  exists: (path: string) => boolean = existsSync,
  candidates: readonly string[] = CJK_FONT_CANDIDATES,
): FontLookup {
  if (setting !== undefined && setting.trim() !== '') {
    return exists(setting)
      ? { found: true, path: setting, from: 'setting' }
      : { found: false, reason: `${CJK_FONT_VARIABLE}=${setting}：文件不存在` };
  }
  const path = candidates.find((candidate) => exists(candidate));
  return path
    ? { found: true, path, from: 'default' }
    : {
        found: false,
        reason: `未找到中文字体（已查找 ${candidates.join('、')}），请安装 fonts-wqy-zenhei 或设置 ${CJK_FONT_VARIABLE}`,
      };
}

/** The chart as an SVG string, by ECharts' SSR renderer. */
export function chartToSvg(chart: BulletinChart, fontFamily: string): string {
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: chart.width,
    height: chart.height,
  });
  try {
    const textStyle = (chart.option['textStyle'] ?? {}) as Record<string, unknown>;
    instance.setOption({ ...chart.option, textStyle: { ...textStyle, fontFamily } });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** PNG bytes of an SVG at `scale` × its size, drawn with the one font file given. */
export function svgToPng(svg: string, fontPath: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    background: '#FFFFFF',
    fitTo: { mode: 'zoom', value: scale },
    font: {
      fontFiles: [fontPath],
      loadSystemFonts: false,
      // Any family the SVG names falls back to the one font loaded.
      defaultFontFamily: 'sans-serif',
    },
  });
  return resvg.render().asPng();
}

export interface RenderedChart {
  chart: BulletinChart;
  png: Buffer;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
}

export const CHART_SCALE = 2;

/** Every chart as a PNG, drawn with the font found. */
export function renderCharts(charts: readonly BulletinChart[], fontPath: string): RenderedChart[] {
  return charts.map((chart) => ({
    chart,
    png: svgToPng(chartToSvg(chart, 'sans-serif'), fontPath, CHART_SCALE),
    width: chart.width * CHART_SCALE,
    height: chart.height * CHART_SCALE,
  }));
}
