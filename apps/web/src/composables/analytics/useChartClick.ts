import { getInstanceByDom, type ECharts } from 'echarts/core';
import { nextTick, onBeforeUnmount, watch, type Ref } from 'vue';

export interface ChartClickEvent {
  componentType?: string;
  seriesType?: string;
  name?: string;
  data?: unknown;
  value?: unknown;
  dataIndex?: number;
}

/**
 * Clicks on the chart inside a ChartPanel. The panel does not forward chart events, so this
 * finds the ECharts instance under the given element (re-checked whenever `version` changes,
 * e.g. the option) and listens on it.
 */
export function useChartClick(
  root: Ref<{ $el?: Element } | Element | null | undefined>,
  version: () => unknown,
  handler: (event: ChartClickEvent) => void,
): void {
  let bound: ECharts | null = null;
  const listener = (event: unknown) => handler(event as ChartClickEvent);

  function bind() {
    const value = root.value;
    const element = value instanceof Element ? value : value?.$el;
    const container =
      element instanceof Element ? element.querySelector('.chart-panel__chart') : null;
    const instance =
      container instanceof HTMLElement ? (getInstanceByDom(container) ?? null) : null;
    if (instance === bound) return;
    if (bound && !bound.isDisposed()) bound.off('click', listener);
    bound = instance;
    bound?.on('click', listener);
  }

  watch(version, () => void nextTick(() => setTimeout(bind, 0)), {
    immediate: true,
    flush: 'post',
  });
  onBeforeUnmount(() => {
    if (bound && !bound.isDisposed()) bound.off('click', listener);
    bound = null;
  });
}
