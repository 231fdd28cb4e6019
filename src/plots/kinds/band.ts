// band (on request): percentile bands of a result against one input, over every other input and the repeats.
import { axisTitle, formatInputValue } from '../../format'
import { bucketValues } from '../data'
import { lttbIndexes } from '../reduce'
import { see, baseOption, legend, valueAxis, facetPanels, logXOk, sortedCell, seriesXYRow, quantity, type Ctx } from './_shared'
import { type ChartPanel, type Option, runKind } from './_types'

export const band = runKind({
  kind: 'band',
  source: 'run',
  label: 'percentile band',
  named: true,
  whyNot: (sig) => (sig.floatInputs.length + sig.catInputs.length === 0 ? 'band needs at least one input' : null),
  layout: (sig) => ({ x: sig.floatInputs[0] ?? sig.catInputs[0], facets: [] }),
  build: buildBand,
  valueAxis: { on: 'y' },
  legend: true,
  csv: { header: ['series', 'x', 'y'], row: seriesXYRow },
})

// --- internal ---

function buildBand(ctx: Ctx): ChartPanel[] {
  const xi = ctx.x as number
  const b = bucketValues(ctx.inputs, ctx.view, { facets: [], x: xi })
  const v = ctx.inputs[xi]
  const numericX = v.kind === 'float' || v.kind === 'int'
  const logx = numericX && logXOk(ctx, v.values as number[])
  const others = ctx.inputs.filter((_, i) => i !== xi).map((w) => w.name)
  ctx.notes.push(`Percentile bands over ${[...others, 'repeat'].join(', ')}: 10th–90th (light), 25th–75th (dark) and the median line.`)
  return facetPanels(ctx, b, () => {
    const rows = Array.from({ length: b.nx }, (_, k) => ({ k, vals: sortedCell(b, 0, 0, k) })).filter((r) => r.vals.length > 0)
    if (rows.length === 0) return null
    const q = (r: { vals: Float64Array }, p: number) => {
      const s = r.vals
      const pos = (s.length - 1) * p
      const lo = Math.floor(pos)
      return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo)
    }
    let keep = rows.map((_, i) => i)
    if (numericX && rows.length > ctx.plotWidth) {
      keep = lttbIndexes(rows.map((r) => v.values[r.k] as number), rows.map((r) => q(r, 0.5)), ctx.plotWidth)
      ctx.notes.push(`Reduced from ${rows.length} to ${keep.length} x positions (LTTB on the median); percentiles use all the data.`)
    }
    const xOf = (r: { k: number }) => (numericX ? (v.values[r.k] as number) : r.k)
    const pts = keep.map((i) => rows[i])
    for (const r of pts) see(ctx, q(r, 0.1), q(r, 0.9))
    const hidden = { type: 'line', symbol: 'none', silent: true, tooltip: { show: false }, lineStyle: { opacity: 0 } }
    const steel = '#4682b4'
    const series: Option[] = [
      { ...hidden, name: '10–90%', stack: 'outer', data: pts.map((r) => [xOf(r), q(r, 0.1)]) },
      { ...hidden, name: '10–90%', stack: 'outer', areaStyle: { color: steel, opacity: 0.2 }, data: pts.map((r) => [xOf(r), q(r, 0.9) - q(r, 0.1)]) },
      { ...hidden, name: '25–75%', stack: 'inner', data: pts.map((r) => [xOf(r), q(r, 0.25)]) },
      { ...hidden, name: '25–75%', stack: 'inner', areaStyle: { color: steel, opacity: 0.4 }, data: pts.map((r) => [xOf(r), q(r, 0.75) - q(r, 0.25)]) },
      {
        type: 'line',
        name: 'median',
        showSymbol: pts.length <= 150,
        symbolSize: 5,
        itemStyle: { color: steel },
        lineStyle: { color: steel, width: 2 },
        data: pts.map((r) => ({
          value: [xOf(r), q(r, 0.5)],
          t: `${v.name}=${formatInputValue(v.values[r.k])}\nmedian ${quantity(ctx, q(r, 0.5))}, 25–75%: ${quantity(ctx, q(r, 0.25))} – ${quantity(ctx, q(r, 0.75))}\n10–90%: ${quantity(ctx, q(r, 0.1))} – ${quantity(ctx, q(r, 0.9))} (n=${r.vals.length})`,
        })),
      },
    ]
    const xName = axisTitle(v.name, v.units)
    return {
      ...baseOption(ctx, null),
      color: [steel, steel, steel, steel, steel],
      legend: legend(ctx, ['10–90%', '25–75%', 'median']),
      xAxis: numericX
        ? { type: logx ? 'log' : 'value', name: xName, nameLocation: 'middle', nameGap: 30, scale: true }
        : { type: 'category', data: v.values.map(formatInputValue), name: xName, nameLocation: 'middle', nameGap: 30, boundaryGap: false },
      yAxis: valueAxis(ctx),
      dataZoom: numericX ? [{ type: 'inside', xAxisIndex: 0 }, { type: 'inside', yAxisIndex: 0 }] : [{ type: 'inside', yAxisIndex: 0 }],
      series,
    }
  })
}
