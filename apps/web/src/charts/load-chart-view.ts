/**
 * Loads the chart component with ECharts (`chart-view.ts`), once: its own chunk, which every
 * chart panel asks for when it is set up (and the early entry, for pages with charts, at once).
 */
export const loadChartView = () => import('./chart-view');
