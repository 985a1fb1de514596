/**
 * Colours and type for every chart. The default series colours are the Okabe–Ito palette,
 * which stays distinguishable with the common colour-vision deficiencies; the order puts the
 * strong, high-contrast colours first and the pale yellow late (it is weak on white).
 */
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  bluishGreen: '#009E73',
  vermillion: '#D55E00',
  skyBlue: '#56B4E9',
  reddishPurple: '#CC79A7',
  yellow: '#F0E442',
  black: '#000000',
} as const;

export const CHART_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.yellow,
  '#555555',
];

/** Low → high, one hue (blue), for heatmaps and choropleth-like scales. */
export const SEQUENTIAL_COLORS: readonly string[] = [
  '#F2F7FC',
  '#C6DBEF',
  '#85B6DC',
  '#3F8AC4',
  '#0072B2',
  '#08306B',
];

/** Decrease ↔ increase around zero (blue ↔ vermillion), safe for red–green deficiencies. */
export const DIVERGING_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  '#9CC3E0',
  '#F5F5F5',
  '#F1B58C',
  OKABE_ITO.vermillion,
];

/** Status colours where meaning is fixed (on time / late / missing), still Okabe–Ito. */
export const STATUS_COLORS = {
  good: OKABE_ITO.bluishGreen,
  warning: OKABE_ITO.orange,
  bad: OKABE_ITO.vermillion,
  neutral: '#9CA3AF',
} as const;

/**
 * ECharts draws on a canvas, which cannot read CSS variables: the same CJK-capable stack as
 * `--atlas-font-family` in styles/index.css, written out.
 */
export const CHART_FONT_FAMILY =
  "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif";
