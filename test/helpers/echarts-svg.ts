import * as echarts from 'echarts'

/** What ECharts' own SSR draws for an option, untouched by bench-plot's renderer (its raster heatmaps, its ids). */
export function echartsSvg(option: Record<string, unknown>, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  chart.setOption(option as echarts.EChartsOption)
  const svg = chart.renderToSVGString()
  chart.dispose()
  return svg
}
