// The one place the server meets src/plots: the charts region of a run page and the charts' browser assets.
export { clientAssets, formatChartQuery, parseChartRequest, renderRunChart, renderRunCharts, renderRunFigure, renderSvg } from '../../plots'
export type { ChartOverlay, ChartRequest, MediaLinks } from '../../plots'
