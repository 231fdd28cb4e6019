// scatter-jitter (on request): every repeat as a point, spread sideways within its category.
import { bucketValues, cellOf, cellValues, valueColour } from '../data'
import { strideIndexes } from '../reduce'
import { see, baseOption, legend, valueAxis, facetPanels, seriesName, seriesColour, inputsText, categoryLabels, noteOnce, facetValues, groupedX, categoryAxes, pointCap, categoriesWithRepeats, quantity, type Ctx } from './_shared'
import { type ChartPanel, type Option, runKind } from './_types'

export const scatterJitter = runKind({
  kind: 'scatter-jitter',
  source: 'run',
  label: 'scatter (jitter)',
  named: true,
  aliases: ['scatter_jitter', 'jitter'],
  whyNot: (sig) => categoriesWithRepeats('scatter-jitter', sig),
  layout: (sig) => ({ x: sig.catInputs[0], series: sig.catInputs[1], facets: sig.catInputs.slice(2) }),
  build: buildJitter,
  valueAxis: { on: 'y' },
  csv: { header: ['series', 'x', 'y'], row: (v, _i, seriesName, xCats) => [seriesName, xCats ? xCats[Math.round(v[0])] : v[0], v[1]] },
})

// --- internal ---

function jitter(i: number): number {
  // A fixed low-discrepancy sequence, so the same run always draws the same picture.
  return ((i * 0.6180339887) % 1) - 0.5
}

function buildJitter(ctx: Ctx): ChartPanel[] {
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: ctx.x })
  const labels = categoryLabels(ctx, ctx.x)
  const cap = pointCap(ctx)
  return facetPanels(ctx, b, (f, facet) => {
    const series: Option[] = []
    const names: string[] = []
    if (facetValues(b, f).length === 0) return null
    const share = Math.max(1, Math.floor(cap / (b.nSeries * b.nx)))
    for (let s = 0; s < b.nSeries; s++) {
      const name = seriesName(ctx, s)
      names.push(name)
      const colour = seriesColour(ctx, s)
      const data: Option[] = []
      for (let k = 0; k < b.nx * b.ny; k++) {
        // Sample order, not sorted: which samples are kept and where they jitter depends on it.
        const vals = cellValues(b, cellOf(b, f, s, k))
        const keep = strideIndexes(vals.length, share)
        if (keep.length < vals.length) noteOnce(ctx, `Showing at most ${share} points per group (evenly thinned); statistics use all the data.`)
        const where = inputsText(ctx, facet, [[ctx.x, k], [ctx.series, s]])
        for (const i of keep) {
          see(ctx, vals[i])
          const c = ctx.series === undefined && ctx.x !== undefined ? valueColour(ctx.inputs, ctx.x, k) : colour
          data.push({ value: [groupedX(k, s, b.nSeries) + (jitter(i) * 0.8 * 0.8) / b.nSeries, vals[i]], t: `${where}\n${ctx.view.label}: ${quantity(ctx, vals[i])}`, itemStyle: { color: c } })
        }
      }
      series.push({ type: 'scatter', name, xAxisIndex: 1, data, symbolSize: 5, itemStyle: { color: colour, opacity: 0.7 } })
    }
    return { ...baseOption(ctx, facet), legend: legend(ctx, names), xAxis: categoryAxes(ctx, labels), yAxis: valueAxis(ctx), series }
  })
}
