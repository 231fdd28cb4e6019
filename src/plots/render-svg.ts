import type * as ECharts from 'echarts'
import { heatmapImage, splitHeatmap } from './heatmap-raster'
import { formatQuantity } from '../format'
import { renderItems } from './render-items'
import { withQuantityFormatters } from './tick-format'

// Required on first use, not imported: evaluating ECharts costs ~18 ms, which a server should not pay before it listens.
// The production build: `echarts` resolves to the development one, whose assertions throw on charts
// the production build draws (a tick extent off by a rounding error), and which runs slower. The
// SVGs are the same (every demo chart compared when this changed).
let loaded: typeof ECharts | undefined
const echartsModule = (): typeof ECharts => (loaded ??= require('echarts/dist/echarts.esm.min.mjs') as typeof ECharts)

type SvgSize = { width: number; height: number }

/**
 * Draw an ECharts option to an SVG string with the server-side renderer. The only function of
 * bench-plot that calls ECharts. `idPrefix` replaces ECharts' global element counter in ids and
 * class names, so that the output is deterministic and several charts can share a page.
 */
export function renderSvg(option: Record<string, unknown>, size: SvgSize, idPrefix = 'c0'): string {
  const echarts = echartsModule()
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  try {
    const heat = splitHeatmap(option)
    chart.setOption(withQuantityFormatters(withRenderItems(heat ? heat.option : option), formatQuantity) as ECharts.EChartsOption)
    let svg = chart.renderToSVGString()
    // The cells' image goes first, over the background only: axes, marks and the colour bar stay on top.
    if (heat) svg = svg.replace(/^(<svg[^>]*>\s*(?:<rect[^>]*><\/rect>)?)/, (head) => `${head}\n${heatmapImage(echarts, chart, heat)}`)
    // zrender numbers instances and style classes with process-wide counters; number them per chart.
    const classes = new Map<string, number>()
    return svg
      .replace(/\bzr\d+-cls-(\d+)/g, (_, n: string) => {
        if (!classes.has(n)) classes.set(n, classes.size)
        return `${idPrefix}-cls-${classes.get(n)}`
      })
      .replace(/\bzr\d+-/g, `${idPrefix}-`)
  } finally {
    // After a failed setOption, dispose can throw too: the first error is the one to report.
    try {
      chart.dispose()
    } catch {}
  }
}

// --- internal ---

// Options hold custom series' renderItem by name (JSON cannot carry functions); swap in the function.
function withRenderItems(option: Record<string, unknown>): Record<string, unknown> {
  const series = option.series
  if (!Array.isArray(series) || !series.some((s) => typeof s?.renderItem === 'string')) return option
  return {
    ...option,
    series: series.map((s) => (typeof s?.renderItem === 'string' ? { ...s, renderItem: renderItems[s.renderItem] } : s)),
  }
}
