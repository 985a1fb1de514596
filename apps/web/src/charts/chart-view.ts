/**
 * The chart component with ECharts registered (`echarts.ts`): the largest code of the app, loaded
 * on its own (`loadChartView`) so that a page asks for its data while ECharts still downloads,
 * rather than after.
 */
import VChart from 'vue-echarts';
import './echarts';

export default VChart;
