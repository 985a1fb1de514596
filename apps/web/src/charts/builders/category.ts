import type { ChartOption } from '../echarts';
import { formatCompact, formatWithUnit } from '../format';
import type { ChartTable } from '../table';
import { axisTooltip, type TooltipItem } from '../tooltip';

/**
 * Bars or lines over categories (years, agencies): the simplest chart of the app and the
 * example of how builders work — pure, input data in, ECharts option out, plus the same data
 * as a table for the data view and the CSV export.
 */

export interface CategorySeries {
  /** Legend and tooltip name, already translated. */
  name: string;
  /** One value per category, in category order; null where there is no data. */
  values: readonly (number | null)[];
  /** Overrides the chart's type for this series (bars with a line). */
  type?: 'bar' | 'line';
  /** Overrides the chart's unit for this series. */
  unit?: string;
  /** Series with the same stack name are stacked. */
  stack?: string;
}

export interface CategoryChartInput {
  categories: readonly string[];
  series: readonly CategorySeries[];
  /** Default `bar`. */
  type?: 'bar' | 'line';
  /** Unit of the values (`件`, `%`), shown in tooltips, labels and the table header. */
  unit?: string;
  /** Bars grow to the right with categories top-down: for rankings of long agency names. */
  horizontal?: boolean;
  /** Header of the category column in the data table (e.g. 年度, 机构). */
  categoryLabel: string;
  /** Values printed on the bars / points. */
  showLabels?: boolean;
  locale?: string;
}

export function buildCategoryOption(input: CategoryChartInput): ChartOption {
  const type = input.type ?? 'bar';
  const locale = input.locale ?? 'zh-CN';
  const unitOf = (index: number) => input.series[index]?.unit ?? input.unit;
  const allPercent = input.series.every((_, index) => unitOf(index) === '%');

  const categoryAxis = {
    type: 'category' as const,
    data: [...input.categories],
    axisTick: { alignWithLabel: true },
    ...(input.horizontal ? { inverse: true } : {}),
  };
  const valueAxis = {
    type: 'value' as const,
    axisLabel: {
      formatter: (value: number) => (allPercent ? `${value}%` : formatCompact(value, locale)),
    },
    ...(allPercent ? { max: (extent: { max: number }) => (extent.max <= 100 ? 100 : null) } : {}),
  };

  return {
    aria: { enabled: true },
    grid: { left: 16, right: 24, top: input.series.length > 1 ? 44 : 24, bottom: 16 },
    legend: input.series.length > 1 ? { type: 'scroll', top: 0 } : { show: false },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: type === 'bar' ? 'shadow' : 'line' },
      formatter: (params: unknown) => axisTooltip(params as TooltipItem[], unitOf),
    },
    xAxis: input.horizontal ? valueAxis : categoryAxis,
    yAxis: input.horizontal ? categoryAxis : valueAxis,
    series: input.series.map((series, index) => {
      const seriesType = series.type ?? type;
      const label = {
        show: input.showLabels ?? false,
        position: input.horizontal ? ('right' as const) : ('top' as const),
        formatter: (params: { value: unknown }) =>
          formatWithUnit(typeof params.value === 'number' ? params.value : null, unitOf(index), {
            locale,
          }),
      };
      const data = [...series.values];
      return seriesType === 'line'
        ? {
            type: 'line' as const,
            name: series.name,
            data,
            stack: series.stack,
            connectNulls: false,
            label,
          }
        : { type: 'bar' as const, name: series.name, data, stack: series.stack, label };
    }),
  };
}

/** The chart's numbers: one row per category, one column per series. */
export function categoryTable(input: CategoryChartInput): ChartTable {
  return {
    columns: [
      { key: 'category', label: input.categoryLabel },
      ...input.series.map((series, index) => ({
        key: `s${index}`,
        label: series.name,
        unit: series.unit ?? input.unit,
        numeric: true,
      })),
    ],
    rows: input.categories.map((category, row) => ({
      category,
      ...Object.fromEntries(
        input.series.map((series, index) => [`s${index}`, series.values[row] ?? null]),
      ),
    })),
  };
}
