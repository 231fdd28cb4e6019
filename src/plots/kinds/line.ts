// line: the mean of a result against one float input, for runs of one repeat.
import { axisTitle } from '../../format'
import { bucketValues } from '../data'
import { lttbIndexes } from '../reduce'
import { seriesMarks, maxWritten, valueLabel, see, baseOption, legend, valueAxis, facetPanels, seriesName, seriesColour, optimumIn, bestMark, statsText, inputsText, logXOk, noteOnce, rowStats, seriesXYRow, numeric, type Ctx } from './_shared'
import { type ChartPanel, type Option, type RenderItem, runKind } from './_types'
import type { CellStats } from '../stats-cell'

export const line = runKind({
  kind: 'line',
  source: 'run',
  label: 'line',
  named: false,
  auto: (sig, result) => (numeric(result) && sig.floatInputs.length === 1 && sig.repeats < 2 ? { x: sig.floatInputs[0], series: sig.catInputs[0], facets: sig.catInputs.slice(1) } : null),
  build: (ctx) => drawLines(ctx, false),
  valueAxis: { on: 'y' },
  overlay: true,
  renderItems: { spread: renderSpread },
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
      // One value per point: each point says its value, while they fit.
      const written = ctx.view.repeats === 1 && keep.length * b.nSeries <= maxWritten
      const data = keep.map((k) => {
        see(ctx, stats[k].mean)
        const t = `${inputsText(ctx, facet, [[xi, k], [ctx.series, s]])}\n${statsText(ctx, stats[k])}`
        return written ? { value: [xs[k], stats[k].mean], t, label: valueLabel(ctx, stats[k].mean) } : { value: [xs[k], stats[k].mean], t }
      })
      const marks = seriesMarks(s)
      const line: Option = { type: 'line', name, data, showSymbol: data.length <= 150, symbol: marks.symbol, symbolSize: 7, itemStyle: { color: colour }, lineStyle: { color: colour, width: 2, type: marks.dash }, z: 3 }
      const best = optimumIn(ctx, b, f, s)
      if (best && best.x !== undefined) line.markPoint = bestMark(ctx, [xs[best.x], ctx.optimum!.mean], ctx.optimum!.mean, written)
      series.push(line)
      // After its line, so the legend takes the line's marker and dash for its icon.
      if (withBand) series.push(spreadBand(ctx, name, colour, xs, keep, stats, 0.2, 1))
      if (ob) {
        const other = rowStats(ctx, ob, f, s)
        const at = lttbIndexes(xs, other.map((st) => st.mean), ctx.plotWidth)
        if (at.length === 0) continue
        const oname = `${name} (${ctx.overlay!.label})`
        names.push(oname)
        const odata = at.map((k) => {
          see(ctx, other[k].mean)
          return { value: [xs[k], other[k].mean], t: `${ctx.overlay!.label}\n${inputsText(ctx, facet, [[xi, k], [ctx.series, s]])}\n${statsText(ctx, other[k])}` }
        })
        series.push({ type: 'line', name: oname, data: odata, showSymbol: odata.length <= 150, symbol: 'emptyCircle', symbolSize: 5, itemStyle: { color: colour }, lineStyle: { color: colour, width: 1.5, type: 'dashed', opacity: 0.8 }, z: 2 })
        if (withBand) series.push(spreadBand(ctx, oname, colour, xs, at, other, 0.08, 0))
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

/**
 * The ±1 std band of a curve as one custom series: a quadrilateral between each two neighbouring
 * points, so the band passes through every point drawn (a stacked area skipped points). A point
 * without a std (one value) is the band's edge at its mean.
 */
function spreadBand(ctx: Ctx, name: string, colour: string, xs: number[], keep: number[], stats: CellStats[], opacity: number, z: number): Option {
  const edge = (k: number) => {
    const st = stats[k]
    const sd = Number.isFinite(st.std) ? st.std : 0
    if (st.mean - sd > 0) see(ctx, st.mean - sd)
    see(ctx, st.mean + sd)
    return [xs[k], st.mean - sd, st.mean + sd]
  }
  const pts = keep.filter((k) => Number.isFinite(stats[k].mean)).map(edge)
  const data = pts.length === 1 ? [[...pts[0], ...pts[0]]] : pts.slice(1).map((p, i) => [...pts[i], ...p])
  return { type: 'custom', name, renderItem: 'spread', data, itemStyle: { color: colour, opacity }, encode: { x: [0, 3], y: [1, 2, 4, 5] }, silent: true, tooltip: { show: false }, z }
}

// renderItem functions reference nothing but their arguments: their source is sent to the browser.
/** One piece of a spread band: value = [x0, low0, high0, x1, low1, high1]; a low below a log axis is drawn at its bottom. */
export function renderSpread(params: { coordSys?: { y: number; height: number } }, api: Parameters<RenderItem>[1]): unknown {
  const bottom = params.coordSys ? params.coordSys.y + params.coordSys.height : 0
  const at = (x: number, y: number) => {
    const p = api.coord([x, y])
    return [p[0], Number.isFinite(p[1]) ? p[1] : bottom]
  }
  const a = [api.value(0), api.value(1), api.value(2)]
  const b = [api.value(3), api.value(4), api.value(5)]
  const points = [at(a[0], a[2]), at(b[0], b[2]), at(b[0], b[1]), at(a[0], a[1])]
  return { type: 'polygon', shape: { points }, style: { fill: api.visual('color'), opacity: api.visual('opacity') }, silent: true }
}
