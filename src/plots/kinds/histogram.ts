// histogram: the distribution of every value, for runs without varying inputs and with repeats
// (one value is a number in a table, never a histogram of one bin).
import { bucketValues, palette } from '../data'
import { sortedCellStats, sortValues } from '../stats-cell'
import { valueLabel, see, baseOption, facetPanels, noteOnce, facetValues, numeric, quantity, valueTicks, type Ctx } from './_shared'
import { type ChartPanel, type Option, runKind } from './_types'

export const histogram = runKind({
  kind: 'histogram',
  source: 'run',
  label: 'histogram',
  named: false,
  auto: (sig, result) => (numeric(result) && sig.floatInputs.length === 0 && sig.catInputs.length === 0 && sig.repeats >= 2 ? { facets: [] } : null),
  build: buildHistogram,
  valueAxis: { on: 'y', fromZero: true, autoLog: false },
  title: (label) => `${label} vs count`,
  csv: { header: ['bin centre', 'count'], row: (v) => [v[0], v[1]] },
})

// --- internal ---

function buildHistogram(ctx: Ctx): ChartPanel[] {
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: ctx.x })
  if (ctx.req.logx) noteOnce(ctx, 'Log scale for the x axis does not apply to a histogram.')
  return facetPanels(ctx, b, (f, facet) => {
    const sorted = sortValues(facetValues(b, f))
    if (sorted.length === 0) return null
    const st = sortedCellStats(sorted, ctx.bool)
    const lo = sorted[0]
    const hi = sorted[sorted.length - 1]
    // One value (or every value the same): a point with the value written on it, never one bin.
    if (hi === lo && !ctx.bool) return onePoint(ctx, facet, lo, sorted.length)
    // Freedman–Diaconis bin width, kept between 5 and 60 bins.
    const iqr = st.q3 - st.q1
    const fd = iqr > 0 ? Math.ceil((hi - lo) / (2 * iqr * sorted.length ** (-1 / 3))) : Math.ceil(Math.log2(sorted.length) + 1)
    // A bool result always gets its two bins, false (0) and true (1).
    const bins = ctx.bool ? 2 : Math.min(60, Math.max(5, fd))
    const width = ctx.bool ? 1 : (hi - lo) / bins
    const start = ctx.bool ? -0.5 : lo
    const counts = new Array<number>(bins).fill(0)
    for (const v of sorted) counts[Math.min(bins - 1, Math.floor((v - start) / width))]++
    const data = counts.flatMap((c, i) => {
      if (ctx.req.logy && c === 0) return []
      see(ctx, c)
      const a = start + i * width
      return [{ value: [a + width / 2, c], t: `${ctx.view.label} in [${quantity(ctx, a)}, ${quantity(ctx, a + width)})\ncount ${c} of ${sorted.length}` }]
    })
    const barPx = Math.max(1, Math.floor(ctx.plotWidth / bins) - 1)
    return {
      ...baseOption(ctx, facet),
      xAxis: { type: 'value', min: start, max: start + bins * width, name: ctx.view.label, nameLocation: 'middle', nameGap: 30, axisLabel: { showMinLabel: false, showMaxLabel: false, ...valueTicks(ctx) } },
      yAxis: { type: 'value', name: 'count', nameLocation: 'middle', nameGap: 52 },
      dataZoom: [{ type: 'inside', xAxisIndex: 0 }],
      series: [{ type: 'bar', name: ctx.view.label, data, barWidth: barPx, itemStyle: { color: palette[0] } }],
    }
  })
}

function onePoint(ctx: Ctx, facet: string | null, value: number, n: number): Option {
  see(ctx, n)
  noteOnce(ctx, n === 1 ? `One value: ${quantity(ctx, value)}.` : `All ${n} values are ${quantity(ctx, value)}.`)
  const pad = Math.abs(value) / 10 || 1
  return {
    ...baseOption(ctx, facet),
    xAxis: { type: 'value', min: value - pad, max: value + pad, name: ctx.view.label, nameLocation: 'middle', nameGap: 30, axisLabel: valueTicks(ctx) },
    yAxis: { type: 'value', name: 'count', nameLocation: 'middle', nameGap: 52, minInterval: 1 },
    series: [{ type: 'scatter', name: ctx.view.label, symbolSize: 12, itemStyle: { color: palette[0] }, data: [{ value: [value, n], t: `${ctx.view.label}: ${quantity(ctx, value)}\ncount ${n}`, label: valueLabel(ctx, value) }] }],
  }
}
