// bar: the mean per category (± error bars once there are repeats), for runs with categorical inputs only.
import { valueColour } from '../data'
import { seriesDecal, maxWritten, valueLabel, see, baseOption, legend, valueAxis, seriesPanels, categoryBuckets, seriesColour, optimumIn, bestMark, statsText, inputsText, rowStats, groupedX, categoryAxes, seriesXYRow, numeric, type Ctx, type DrawnSeries } from './_shared'
import { type ChartPanel, type Option, type RenderItem, runKind } from './_types'

export const bar = runKind({
  kind: 'bar',
  source: 'run',
  label: 'bar',
  named: false,
  auto: (sig, result) => (numeric(result) && sig.floatInputs.length === 0 && sig.catInputs.length > 0 ? { x: sig.catInputs[0], series: sig.catInputs[1], facets: sig.catInputs.slice(2) } : null),
  build: buildBar,
  valueAxis: { on: 'y', fromZero: true },
  renderItems: { errorbar: renderErrorBar },
  csv: { header: ['series', 'x', 'mean'], row: seriesXYRow },
})

// --- internal ---

function buildBar(ctx: Ctx): ChartPanel[] {
  const { b, labels } = categoryBuckets(ctx)
  const withErrors = ctx.view.repeats >= 2
  if (withErrors) ctx.notes.push(`Bars show the mean of ${ctx.view.repeats} repeats; error bars ±1 ${ctx.bool ? 'binomial standard error' : 'standard deviation'}.`)
  // One value per bar: each bar says its value, while they fit.
  const written = !withErrors && labels.length * b.nSeries <= maxWritten
  const draw = (f: number, facet: string | null, s: number, name: string): DrawnSeries => {
    let values = false
    const stats = rowStats(ctx, b, f, s)
    const data = stats.map((st, k) => {
      if (st.n === 0) return { value: '-' }
      values = true
      see(ctx, st.mean, 0)
      const colour = ctx.series === undefined && ctx.x !== undefined ? valueColour(ctx.inputs, ctx.x, k) : undefined
      return { value: st.mean, t: `${inputsText(ctx, facet, [[ctx.x, k], [ctx.series, s]])}\n${statsText(ctx, st)}`, ...(colour ? { itemStyle: { color: colour } } : {}), ...(written ? { label: valueLabel(ctx, st.mean) } : {}) }
    })
    const decal = seriesDecal(s)
    const bar: Option = { type: 'bar', name, data, barGap: '0%', barCategoryGap: '20%', itemStyle: { color: seriesColour(ctx, s), ...(decal ? { decal } : {}) } }
    const best = optimumIn(ctx, b, f, s)
    if (best) bar.markPoint = bestMark(ctx, [labels[best.x ?? 0], ctx.optimum!.mean], ctx.optimum!.mean, written)
    if (!withErrors) return { series: [bar], values }
    const err = stats.flatMap((st, k) => (st.n > 0 && Number.isFinite(st.std) ? [[groupedX(k, s, b.nSeries), st.mean - st.std, st.mean + st.std]] : []))
    for (const e of err) see(ctx, e[1], e[2])
    return { series: [bar, { type: 'custom', name, renderItem: 'errorbar', xAxisIndex: 1, encode: { x: 0, y: [1, 2] }, data: err, z: 5, silent: true, tooltip: { show: false } }], values }
  }
  return seriesPanels(ctx, b, draw, (facet, series, names) => ({ ...baseOption(ctx, facet), legend: legend(ctx, names), xAxis: categoryAxes(ctx, labels), yAxis: valueAxis(ctx, { scale: false }), series }))
}

// renderItem functions reference nothing but their arguments: their source is sent to the browser.
/** A vertical error bar: value = [x, low, high] on the hidden numeric x axis. */
function renderErrorBar(_params: unknown, api: Parameters<RenderItem>[1]): unknown {
  const x = api.value(0)
  const lo = api.coord([x, api.value(1)])
  const hi = api.coord([x, api.value(2)])
  const w = 6
  const style = { stroke: '#333', lineWidth: 1.2 }
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
      { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style },
      { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style },
    ],
  }
}
