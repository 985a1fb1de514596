import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { buildCategoryOption, categoryTable } from '../../charts/builders/category';
import { composeChartImage } from '../../charts/image';
import { loadChartView } from '../../charts/load-chart-view';
import { i18n } from '../../locales';
import ChartPanel from './ChartPanel.vue';

const getDataURL = vi.fn(() => 'data:image/png;base64,CHART');
const chartSize = { width: 539, height: 340 };
const resize = vi.fn();

// Canvas drawing is Chromium's business (see the browser tests); here the chart is a stand-in
// that shows what it was given.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    name: 'VChart',
    props: {
      option: { type: Object, default: null },
      theme: { type: String, default: null },
      autoresize: Boolean,
      updateOptions: { type: Object, default: null },
    },
    setup(props, { expose }) {
      expose({
        getDataURL,
        resize,
        getWidth: () => chartSize.width,
        getHeight: () => chartSize.height,
      });
      return () => h('div', { 'data-testid': 'vchart', 'data-theme': props.theme });
    },
  }),
}));
vi.mock('../../charts/image', () => ({
  composeChartImage: vi.fn(async () => 'data:image/png;base64,COMPOSED'),
}));

const input = {
  categories: ['2022', '2023'],
  categoryLabel: '年度',
  unit: '件',
  series: [{ name: '收到申请', values: [1200, null] }],
};

function mountPanel(props: Record<string, unknown>) {
  return mount(ChartPanel, {
    props: { title: '依申请公开趋势', ...props },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
}

/** Once ECharts (loaded on its own, `loadChartView`) is there, the chart is drawn. */
async function chartLoaded() {
  await loadChartView();
  await flushPromises();
}

describe('ChartPanel', () => {
  let saved: { name: string; href: string; blob?: Blob }[];

  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    saved = [];
    const blobs = new Map<string, Blob>();
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      const url = `blob:${blobs.size}`;
      blobs.set(url, blob as Blob);
      return url;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({
        name: this.download,
        href: this.href,
        blob: blobs.get(this.getAttribute('href') ?? ''),
      });
    });
  });

  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the title and a loading state before there is data', () => {
    const wrapper = mountPanel({ loading: true });
    expect(wrapper.find('[data-testid="chart-title"]').text()).toBe('依申请公开趋势');
    expect(wrapper.find('[data-testid="chart-loading"]').text()).toContain('正在加载数据…');
    expect(wrapper.find('[data-testid="vchart"]').exists()).toBe(false);
    expect(wrapper.attributes('data-state')).toBe('loading');
  });

  it('shows the failure with its reason and offers to reload', async () => {
    const wrapper = mountPanel({
      error: new Error('数据库不可用'),
      option: buildCategoryOption(input),
    });
    const error = wrapper.find('[data-testid="chart-error"]');
    expect(error.text()).toContain('图表数据加载失败');
    expect(error.text()).toContain('原因：数据库不可用');
    await error.find('button').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });

  it('shows an empty state with the reason when there are no rows', () => {
    const wrapper = mountPanel({
      option: buildCategoryOption({ ...input, categories: [], series: [] }),
      table: { columns: [], rows: [] },
      emptyText: '所选范围内没有 2024 年度的报告',
    });
    const empty = wrapper.find('[data-testid="chart-empty"]');
    expect(empty.text()).toContain('暂无数据');
    expect(empty.text()).toContain('所选范围内没有 2024 年度的报告');
    expect(wrapper.find('[data-testid="chart-data-view"]').attributes('disabled')).toBeDefined();
  });

  it('draws the option with the colour-blind-safe theme, once ECharts has loaded', async () => {
    const option = buildCategoryOption(input);
    const wrapper = mountPanel({ option, table: categoryTable(input) });
    await chartLoaded();
    const chart = wrapper.findComponent({ name: 'VChart' });
    expect(chart.props('option')).toBe(option);
    expect(chart.props('theme')).toBe('atlas');
    expect(wrapper.attributes('data-state')).toBe('chart');
  });

  it('passes a click on a chart element on as chart-click', async () => {
    const wrapper = mountPanel({ option: buildCategoryOption(input), table: categoryTable(input) });
    await chartLoaded();
    const click = { componentType: 'series', name: '2022', dataIndex: 0, data: { id: 'a' } };
    wrapper.findComponent({ name: 'VChart' }).vm.$emit('click', click);
    await flushPromises();
    expect(wrapper.emitted('chartClick')).toEqual([[click]]);
  });

  it('lists the numbers in a data view with units, a dash where data is missing', async () => {
    const wrapper = mountPanel({ option: buildCategoryOption(input), table: categoryTable(input) });
    await wrapper.find('[data-testid="chart-data-view"]').trigger('click');
    await flushPromises();
    const dialog = document.querySelector('[data-testid="chart-data-dialog"]');
    expect(dialog?.textContent).toContain('依申请公开趋势 · 数据');
    const text = document.querySelector('[data-testid="chart-data-table"]')?.textContent ?? '';
    expect(text).toContain('收到申请（件）');
    expect(text).toContain('1,200件');
    expect(text).toContain('—');
  });

  it('exports the same numbers as a UTF-8 CSV with BOM named after the title', async () => {
    const wrapper = mountPanel({ option: buildCategoryOption(input), table: categoryTable(input) });
    await wrapper.find('[data-testid="chart-export-csv"]').trigger('click');
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toBe('依申请公开趋势.csv');
    const blob = saved[0]?.blob ?? new Blob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(
      '\uFEFF年度,收到申请（件）\r\n2022,1200\r\n2023,\r\n',
    );
  });

  it('saves the chart as a PNG with its title', async () => {
    const wrapper = mountPanel({
      option: buildCategoryOption(input),
      table: categoryTable(input),
      fileName: '趋势-2022-2023',
    });
    await chartLoaded();
    await wrapper.find('[data-testid="chart-save-png"]').trigger('click');
    await flushPromises();
    expect(getDataURL).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'png', pixelRatio: 2 }),
    );
    expect(composeChartImage).toHaveBeenCalledWith(
      'data:image/png;base64,CHART',
      '依申请公开趋势',
      undefined,
    );
    expect(saved.map(({ name, href }) => ({ name, href }))).toEqual([
      { name: '趋势-2022-2023.png', href: 'data:image/png;base64,COMPOSED' },
    ]);
  });

  it('redraws the chart only when its whole-pixel size changes', async () => {
    let observed: (() => void) | undefined;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: () => void) {
          observed = callback;
        }
        observe = vi.fn();
        disconnect = vi.fn();
      },
    );
    resize.mockClear();
    const wrapper = mountPanel({
      option: buildCategoryOption(input),
      table: categoryTable(input),
    });
    await chartLoaded();
    const body = wrapper.find('.chart-panel__body').element as HTMLElement;
    const size = { width: 539, height: 340 };
    Object.defineProperty(body, 'clientWidth', { get: () => size.width });
    Object.defineProperty(body, 'clientHeight', { get: () => size.height });

    // First observation of a 538.5 px wide card: the chart already has its 539 whole pixels.
    observed?.();
    expect(resize).not.toHaveBeenCalled();
    // Hidden (a page kept alive and left): nothing to draw.
    size.width = 0;
    observed?.();
    expect(resize).not.toHaveBeenCalled();
    size.width = 700;
    observed?.();
    expect(resize).toHaveBeenCalledTimes(1);
    wrapper.unmount();
    vi.unstubAllGlobals();
  });
});
