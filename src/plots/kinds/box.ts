// box: quartiles and extremes per category, for runs with categorical inputs only and repeats.
import { valueColour } from '../data'
import { seriesDecal, seriesMarks, see, baseOption, legend, valueAxis, seriesPanels, categoryBuckets, seriesColour, statsText, inputsText, rowStats, categoryAxes, numeric, quantity, type Ctx, type DrawnSeries } from './_shared'
import { type ChartPanel, runKind } from './_types'

export const box = runKind({
  kind: 'box',
  source: 'run',
  label: 'box',
  named: false,
  auto: (sig, result) =>
    numeric(result) && sig.floatInputs.length === 0 && sig.catInputs.length > 0 && sig.repeats >= 2 ? { x: sig.catInputs[0], series: sig.catInputs[1], facets: sig.catInputs.slice(2) } : null,
  build: buildBox,
  valueAxis: { on: 'y' },
  csv: { header: ['series', 'x', 'min', 'q1', 'median', 'q3', 'max'], row: (v, i, seriesName, xCats) => [seriesName, xCats ? xCats[i] : i, ...v] },
})

// --- internal ---

function buildBox(ctx: Ctx): ChartPanel[] {
  const { b, labels } = categoryBuckets(ctx)
  ctx.notes.push('Boxes span the 25th to 75th percentile with the median inside; whiskers reach the minimum and maximum.')
  const draw = (f: number, facet: string | null, s: number, name: string): DrawnSeries => {
    let values = false
    const data = rowStats(ctx, b, f, s).map((st, k) => {
      if (st.n === 0) return { value: ['-', '-', '-', '-', '-'] }
      values = true
      see(ctx, st.min, st.max)
      const colour = ctx.series === undefined && ctx.x !== undefined ? valueColour(ctx.inputs, ctx.x, k) : seriesColour(ctx, s)
      return {
        value: [st.min, st.q1, st.median, st.q3, st.max],
        t: `${inputsText(ctx, facet, [[ctx.x, k], [ctx.series, s]])}\n${statsText(ctx, st)}\nq1 ${quantity(ctx, st.q1)}, q3 ${quantity(ctx, st.q3)}`,
        itemStyle: { color: `${colour}55`, borderColor: colour },
      }
    })
    // Told apart by more than colour: each series' boxes have their fill pattern, and their outlines and whiskers the dash of its lines.
    const decal = seriesDecal(s, seriesColour(ctx, s))
    const dash = seriesMarks(s).dash
    const style = { color: `${seriesColour(ctx, s)}55`, borderColor: seriesColour(ctx, s), ...(dash === 'solid' ? {} : { borderType: dash }), ...(decal ? { decal } : {}) }
    return { series: [{ type: 'boxplot', name, data, itemStyle: style }], values }
  }
  return seriesPanels(ctx, b, draw, (facet, series, names) => ({ ...baseOption(ctx, facet), legend: legend(ctx, names), xAxis: categoryAxes(ctx, labels)[0], yAxis: valueAxis(ctx), series }))
}
