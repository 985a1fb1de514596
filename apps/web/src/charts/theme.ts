import { CHART_COLORS, CHART_FONT_FAMILY } from './palette';

/** Registered as the `atlas` theme in echarts.ts: palette, CJK font and quiet axes for every chart. */
export const ATLAS_THEME_NAME = 'atlas';

const axisCommon = {
  axisLine: { lineStyle: { color: '#C0C4CC' } },
  axisTick: { lineStyle: { color: '#C0C4CC' } },
  axisLabel: { color: '#4B5563' },
  splitLine: { lineStyle: { color: '#EBEEF5' } },
  nameTextStyle: { color: '#6B7280' },
};

export const atlasTheme = {
  color: [...CHART_COLORS],
  backgroundColor: 'transparent',
  // Charts are drawn at once, without growing in: each frame of that animation repaints every
  // chart of the page while its other charts are still being built, and a page of seven charts
  // then shows them all later (about 0.1 s on the benchmark machine) for a flourish.
  animation: false,
  textStyle: { fontFamily: CHART_FONT_FAMILY, color: '#1F2937' },
  title: {
    textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 14, fontWeight: 600, color: '#111827' },
  },
  legend: { textStyle: { color: '#374151' } },
  tooltip: {
    backgroundColor: 'rgba(255,255,255,0.97)',
    borderColor: '#E5E7EB',
    textStyle: { color: '#1F2937', fontFamily: CHART_FONT_FAMILY },
  },
  categoryAxis: axisCommon,
  valueAxis: { ...axisCommon, axisLine: { show: false } },
  timeAxis: axisCommon,
  logAxis: axisCommon,
  line: { symbolSize: 6, smooth: false },
  bar: { barMaxWidth: 36 },
};
