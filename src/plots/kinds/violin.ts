// violin (on request): the density of the repeats per category.
import { valueColour } from '../data'
import { densityCurve, sortedCellStats } from '../stats-cell'
import { see, baseOption, legend, valueAxis, seriesPanels, categoryBuckets, seriesColour, statsText, inputsText, sortedCell, groupedX, categoryAxes, categoriesWithRepeats, type Ctx, type DrawnSeries } from './_shared'
import { type ChartPanel, type RenderItem, runKind } from './_types'

export const violin = runKind({
  kind: 'violin',
  source: 'run',
  label: 'violin',
  named: true,
  whyNot: (sig) => categoriesWithRepeats('violin', sig),
  layout: (sig) => ({ x: sig.catInputs[0], series: sig.catInputs[1], facets: sig.catInputs.slice(2) }),
  build: buildViolin,
  valueAxis: { on: 'y' },
  renderItems: { violin: renderViolin },
  csv: { header: ['series', 'x', 'median', 'q1', 'q3'], row: (v, _i, seriesName, xCats) => [seriesName, xCats ? xCats[Math.round(v[0])] : v[0], v[2], v[3], v[4]] },
})

// --- internal ---

function buildViolin(ctx: Ctx): ChartPanel[] {
  const { b, labels } = categoryBuckets(ctx)
  ctx.notes.push('Violins show a Gaussian kernel density of all repeats (cut at the minimum and maximum); the bar marks the 25th to 75th percentile and the dot the median.')
  const points = 24
  const yDims = Array.from({ length: points }, (_, i) => 5 + 2 * i)
  const draw = (f: number, facet: string | null, s: number, name: string): DrawnSeries => {
    const data = Array.from({ length: b.nx * b.ny }, (_, k) => k).flatMap((k) => {
      const sorted = sortedCell(b, f, s, k)
      if (sorted.length === 0) return []
      const st = sortedCellStats(sorted, ctx.bool)
      see(ctx, st.min, st.max)
      const { ys, ds } = densityCurve(sorted, points)
      const value = [groupedX(k, s, b.nSeries), (0.4 / b.nSeries) * 0.95, st.median, st.q1, st.q3]
      for (let i = 0; i < points; i++) value.push(ys[i] ?? Number.NaN, ds[i] ?? Number.NaN)
      const colour = ctx.series === undefined && ctx.x !== undefined ? valueColour(ctx.inputs, ctx.x, k) : seriesColour(ctx, s)
      return [{ value, t: `${inputsText(ctx, facet, [[ctx.x, k], [ctx.series, s]])}\n${statsText(ctx, st)}`, itemStyle: { color: colour } }]
    })
    return { series: [{ type: 'custom', name, renderItem: 'violin', xAxisIndex: 1, encode: { x: 0, y: yDims }, data, itemStyle: { color: seriesColour(ctx, s) } }], values: data.length > 0 }
  }
  return seriesPanels(ctx, b, draw, (facet, series, names) => ({ ...baseOption(ctx, facet), legend: legend(ctx, names), xAxis: categoryAxes(ctx, labels), yAxis: valueAxis(ctx), series }))
}

// renderItem functions reference nothing but their arguments: their source is sent to the browser.
/**
 * A violin: value = [x, halfWidth, median, q1, q3, y0, d0, y1, d1, …] with densities scaled to 0..1,
 * on the hidden numeric x axis.
 */
function renderViolin(params: Parameters<RenderItem>[0], api: Parameters<RenderItem>[1]): unknown {
  const x = api.value(0)
  const hw = api.value(1)
  const right: number[][] = []
  const left: number[][] = []
  for (let i = 5; ; i += 2) {
    const y = api.value(i)
    const d = api.value(i + 1)
    if (y === undefined || d === undefined || Number.isNaN(y) || Number.isNaN(d)) break
    right.push(api.coord([x + d * hw, y]))
    left.unshift(api.coord([x - d * hw, y]))
  }
  const q1 = api.coord([x, api.value(3)])
  const q3 = api.coord([x, api.value(4)])
  const med = api.coord([x, api.value(2)])
  const colour = api.visual('color')
  return {
    type: 'group',
    children: [
      { type: 'polygon', shape: { points: right.concat(left) }, style: { fill: colour, opacity: 0.55, stroke: colour, lineWidth: 1 } },
      { type: 'line', shape: { x1: q1[0], y1: q1[1], x2: q3[0], y2: q3[1] }, style: { stroke: '#222', lineWidth: 4 } },
      { type: 'circle', shape: { cx: med[0], cy: med[1], r: 3 }, style: { fill: '#fff', stroke: '#222', lineWidth: 1 } },
    ],
    seriesIndex: params.seriesIndex,
  }
}
