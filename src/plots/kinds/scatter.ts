// scatter (on request): every sample against x, coloured by a categorical input.
import { axisTitle, formatInputValue } from '../../format'
import { bucketValues, cellCount, cellOf, cellsValues } from '../data'
import { strideIndexes } from '../reduce'
import { see, baseOption, legend, valueAxis, seriesPanels, seriesColour, inputsText, logXOk, noteOnce, pointCap, seriesXYRow, quantity, type Ctx, type DrawnSeries } from './_shared'
import { type ChartPanel, runKind } from './_types'

export const scatter = runKind({
  kind: 'scatter',
  source: 'run',
  label: 'scatter',
  named: true,
  whyNot: (sig) => (sig.floatInputs.length + sig.catInputs.length === 0 ? 'scatter needs at least one input' : null),
  layout: (sig) => {
    // Every sample against x, coloured by the first other categorical input; the rest are pooled.
    const x = sig.floatInputs[0] ?? sig.catInputs[0]
    return { x, series: sig.catInputs.find((c) => c !== x), facets: [] }
  },
  build: buildScatter,
  valueAxis: { on: 'y' },
  csv: { header: ['series', 'x', 'y'], row: seriesXYRow },
})

// --- internal ---

function buildScatter(ctx: Ctx): ChartPanel[] {
  const xi = ctx.x as number
  const numericX = ctx.inputs[xi].kind === 'float' || ctx.inputs[xi].kind === 'int'
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: xi })
  const xs = ctx.inputs[xi].values
  const logx = numericX && logXOk(ctx, xs as number[])
  const pooled = ctx.inputs.filter((_, i) => i !== xi && i !== ctx.series).map((v) => v.name)
  if (pooled.length) ctx.notes.push(`Every sample is drawn; ${pooled.join(', ')} ${pooled.length === 1 ? 'is' : 'are'} not told apart.`)
  const cap = pointCap(ctx)
  const draw = (f: number, facet: string | null, s: number, name: string): DrawnSeries | null => {
    const colour = seriesColour(ctx, s)
    // The series' cells are consecutive, so its samples in x then sample order are one view.
    const first = cellOf(b, f, s, 0)
    const all = cellsValues(b, first, first + b.nx)
    if (all.length === 0) return null
    const keep = strideIndexes(all.length, Math.max(10, Math.floor(cap / b.nSeries)))
    if (keep.length < all.length) noteOnce(ctx, `Showing ${keep.length} of ${all.length} points per series (evenly thinned); statistics use all the data.`)
    let k = 0
    let end = cellCount(b, first)
    const data = keep.map((i) => {
      // keep is ascending: walk k forward to the cell that holds sample i.
      while (i >= end) end += cellCount(b, first + ++k)
      const v = all[i]
      see(ctx, v)
      return { value: [numericX ? (xs[k] as number) : k, v], t: `${inputsText(ctx, facet, [[xi, k], [ctx.series, s]])}\n${ctx.view.label}: ${quantity(ctx, v)}` }
    })
    return { series: [{ type: 'scatter', name, data, symbolSize: 6, itemStyle: { color: colour, opacity: 0.75 } }], values: true }
  }
  const xName = axisTitle(ctx.inputs[xi].name, ctx.inputs[xi].units)
  // A new axis per panel: laying out the labels later changes it panel by panel.
  const xAxis = () =>
    numericX
      ? { type: logx ? 'log' : 'value', name: xName, nameLocation: 'middle', nameGap: 30, scale: true }
      : { type: 'category', data: xs.map(formatInputValue), name: xName, nameLocation: 'middle', nameGap: 30 }
  return seriesPanels(ctx, b, draw, (facet, series, names) => ({
    ...baseOption(ctx, facet),
    legend: legend(ctx, names),
    xAxis: xAxis(),
    yAxis: valueAxis(ctx),
    dataZoom: numericX ? [{ type: 'inside', xAxisIndex: 0 }, { type: 'inside', yAxisIndex: 0 }] : [{ type: 'inside', yAxisIndex: 0 }],
    series,
  }))
}
