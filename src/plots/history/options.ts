// The history and regression charts are chart kinds: src/plots/kinds/history.ts and regression.ts.
export { changePointColors, changeSide, historyChartOption, historySummary, type ChartOption, type HistoryChartOptions } from '../kinds/history'
export { regressionChartOption, regressionSummary, verdictColors } from '../kinds/regression'
