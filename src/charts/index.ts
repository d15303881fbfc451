export { renderDigestChart } from './render-digest-chart';
export type { ChartIndicator, ChartInput, ChartPoint, ChartWeek, RenderChartOptions, RenderedChart } from './chart-types';
