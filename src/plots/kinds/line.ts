// line: the mean of a result against one float input, for runs of one repeat.
import { axisTitle } from '../../format'
import { bucketValues } from '../data'
import { lttbIndexes } from '../reduce'
import { see, baseOption, legend, valueAxis, facetPanels, seriesName, seriesColour, optimumIn, bestMark, statsText, inputsText, logXOk, noteOnce, rowStats, seriesXYRow, numeric, type Ctx } from './_shared'
import { type ChartPanel, type Option, runKind } from './_types'

export const line = runKind({
  kind: 'line',
  source: 'run',
  label: 'line',
  named: false,
  auto: (sig, result) => (numeric(result) && sig.floatInputs.length === 1 && sig.repeats < 2 ? { x: sig.floatInputs[0], series: sig.catInputs[0], facets: sig.catInputs.slice(1) } : null),
  build: (ctx) => drawLines(ctx, false),
  valueAxis: { on: 'y' },
  overlay: true,
  csv: { header: ['series', 'x', 'y'], row: seriesXYRow },
})

// --- internal ---

/** The mean of each x, one line per series; with `withBand`, a ±1 std band around it (the curve kind). */
export function drawLines(ctx: Ctx, withBand: boolean): ChartPanel[] {
  const xi = ctx.x as number
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: xi })
  const xs = ctx.inputs[xi].values as number[]
  const logx = logXOk(ctx, xs)
  const ob = ctx.overlay ? bucketValues(ctx.inputs, ctx.overlay.view, { facets: ctx.facets, series: ctx.series, x: xi }) : null
  if (ctx.overlay) noteOnce(ctx, `Dashed: ${ctx.overlay.label}, for comparison.`)
  return facetPanels(ctx, b, (f, facet) => {
    const series: Option[] = []
    const names: string[] = []
    for (let s = 0; s < b.nSeries; s++) {
      const stats = rowStats(ctx, b, f, s)
      const means = stats.map((st) => st.mean)
      let keep = lttbIndexes(xs, means, ctx.plotWidth)
      const finite = means.filter(Number.isFinite).length
      if (keep.length < finite) noteOnce(ctx, `Reduced from ${finite} to ${keep.length} points per series (LTTB, about one point per pixel column); statistics use all the data.`)
      if (keep.length === 0) continue
      const name = seriesName(ctx, s)
      const colour = seriesColour(ctx, s)
      names.push(name)
      if (withBand) {
        keep = keep.filter((k) => Number.isFinite(stats[k].std))
        const common = { type: 'line', name, stack: `band${s}`, symbol: 'none', silent: true, tooltip: { show: false }, itemStyle: { color: colour }, lineStyle: { opacity: 0 }, z: 1 }
        series.push({ ...common, data: keep.map((k) => [xs[k], stats[k].mean - stats[k].std]) })
        series.push({ ...common, areaStyle: { color: colour, opacity: 0.2 }, data: keep.map((k) => [xs[k], 2 * stats[k].std]) })
        for (const k of keep) see(ctx, stats[k].mean - stats[k].std, stats[k].mean + stats[k].std)
      }
      const data = keep.map((k) => {
        see(ctx, stats[k].mean)
        return { value: [xs[k], stats[k].mean], t: `${inputsText(ctx, facet, [[xi, k], [ctx.series, s]])}\n${statsText(ctx, stats[k])}` }
      })
      const line: Option = { type: 'line', name, data, showSymbol: data.length <= 150, symbolSize: 6, itemStyle: { color: colour }, lineStyle: { color: colour, width: 2 }, z: 3 }
      const best = optimumIn(ctx, b, f, s)
      if (best && best.x !== undefined) line.markPoint = bestMark(ctx, [xs[best.x], ctx.optimum!.mean], ctx.optimum!.mean)
      series.push(line)
      if (ob) {
        const other = rowStats(ctx, ob, f, s)
        const at = lttbIndexes(xs, other.map((st) => st.mean), ctx.plotWidth)
        if (at.length === 0) continue
        const oname = `${name} (${ctx.overlay!.label})`
        names.push(oname)
        if (withBand) {
          const banded = at.filter((k) => Number.isFinite(other[k].std))
          const common = { type: 'line', name: oname, stack: `oband${s}`, symbol: 'none', silent: true, tooltip: { show: false }, itemStyle: { color: colour }, lineStyle: { opacity: 0 }, z: 1 }
          series.push({ ...common, data: banded.map((k) => [xs[k], other[k].mean - other[k].std]) })
          series.push({ ...common, areaStyle: { color: colour, opacity: 0.08 }, data: banded.map((k) => [xs[k], 2 * other[k].std]) })
          for (const k of banded) see(ctx, other[k].mean - other[k].std, other[k].mean + other[k].std)
        }
        const odata = at.map((k) => {
          see(ctx, other[k].mean)
          return { value: [xs[k], other[k].mean], t: `${ctx.overlay!.label}\n${inputsText(ctx, facet, [[xi, k], [ctx.series, s]])}\n${statsText(ctx, other[k])}` }
        })
        series.push({ type: 'line', name: oname, data: odata, showSymbol: odata.length <= 150, symbol: 'emptyCircle', symbolSize: 5, itemStyle: { color: colour }, lineStyle: { color: colour, width: 1.5, type: 'dashed', opacity: 0.8 }, z: 2 })
      }
    }
    if (series.length === 0) return null
    return {
      ...baseOption(ctx, facet),
      legend: legend(ctx, names),
      xAxis: { type: logx ? 'log' : 'value', name: axisTitle(ctx.inputs[xi].name, ctx.inputs[xi].units), nameLocation: 'middle', nameGap: 30, scale: true },
      yAxis: valueAxis(ctx),
      dataZoom: [{ type: 'inside', xAxisIndex: 0 }, { type: 'inside', yAxisIndex: 0 }],
      series,
    }
  })
}
