export { changePointColors, changeSide, historyChartOption, historySummary, regressionChartOption, regressionSummary, verdictColors } from './options'
export type { ChartOption, HistoryChartOptions } from './options'
export { sparkGeometry, sparklinePlaceholder, sparklineSvg } from './sparkline'
export type { SparklineOptions } from './sparkline'
