export { historyChartOption, regressionChartOption, verdictColors } from './options'
export type { ChartOption, HistoryChartOptions } from './options'
export { sparklineSvg } from './sparkline'
export type { SparklineOptions } from './sparkline'
export {
  chartFigureHtml,
  historyFigureHtml,
  regressionFigureHtml,
  inputChangesHtml,
  verdictSummaryHtml,
  pointVerdictTableHtml,
  comparisonTableHtml,
  comparisonHtml,
  indexRowHtml,
  verdictBadge,
} from './fragments'
export type { FigureOptions, IndexRowOptions, SvgRenderer } from './fragments'
export { escapeHtml, scriptJson } from './html'
