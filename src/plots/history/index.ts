export { changePointColors, changeSide, historyChartOption, regressionChartOption, verdictColors } from './options'
export type { ChartOption, HistoryChartOptions } from './options'
export { sparkGeometry, sparklinePlaceholder, sparklineSvg } from './sparkline'
export type { SparklineOptions } from './sparkline'
