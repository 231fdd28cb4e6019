// The one place the server meets src/plots: the charts region of a run page and the charts' browser assets.
export { clientAssets, parseChartRequest, renderRunCharts, renderSvg } from '../../plots'
export type { ChartRequest, MediaLinks } from '../../plots'
