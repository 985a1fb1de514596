/**
 * The only place ECharts is configured: just the pieces the app draws with, registered once
 * when the first chart module imports this file (keeping ECharts out of the initial bundle).
 * Chart options come from pure builder functions in this folder, typed as `ChartOption`.
 */
import {
  BarChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  type BarSeriesOption,
  type HeatmapSeriesOption,
  type LineSeriesOption,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { registerTheme, use, type ComposeOption, type ECElementEvent } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import { ATLAS_THEME_NAME, atlasTheme } from './theme';

use([
  CanvasRenderer,
  LineChart,
  BarChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  MarkLineComponent,
  AriaComponent,
  LabelLayout,
]);

registerTheme(ATLAS_THEME_NAME, atlasTheme);

export { ATLAS_THEME_NAME };

/** An option that uses only the registered pieces, so a builder cannot ask for an unregistered one. */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | HeatmapSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
  | MarkLineComponentOption
  | AriaComponentOption
>;

/**
 * What a click on a chart element tells the page (ECharts' `click` event, narrowed): the series
 * item's `data` (builders put ids there), or for an axis label (`triggerEvent: true`) the
 * `componentType` (`yAxis`) and the label's `value`.
 */
export type ChartClickEvent = Partial<
  Pick<
    ECElementEvent,
    'componentType' | 'seriesType' | 'seriesIndex' | 'name' | 'value' | 'data' | 'dataIndex'
  >
>;
