import type ChartView from 'vue-echarts';

let loaded: typeof ChartView | null = null;

/**
 * Loads the chart component with ECharts (`chart-view.ts`), once: its own chunk, which every
 * chart panel asks for when it is set up (and the early entry, for pages with charts, at once).
 */
export const loadChartView = () =>
  import('./chart-view').then((chartView) => {
    loaded = chartView.default;
    return chartView;
  });

/**
 * The chart component once it has been loaded. A page opened after one with charts uses it as
 * it is: an import() resolves a task later even for a module already there, so each panel
 * waiting on one drew its chart in a turn of its own, and what comes after the charts could
 * not tell when they were drawn.
 */
export const loadedChartView = (): typeof ChartView | null => loaded;
