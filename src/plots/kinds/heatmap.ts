// heatmap: the mean over two float inputs, as colour.
import { axisTitle, formatInputValue } from '../../format'
import { cellOf, cellReader } from '../data'
import { sortedCellStats, sortValues } from '../stats-cell'
import { colourBarGridRight, maxPanels, gridLeft, see, baseOption, facetPanels, optimumIn, bestMark, statsText, noteOnce, numeric, valueTicks, type Ctx } from './_shared'
import { type ChartPanel, type Option, runKind } from './_types'

export const heatmap = runKind({
  kind: 'heatmap',
  source: 'run',
  label: 'heatmap',
  named: false,
  auto: (sig, result) => {
    const floats = sig.floatInputs
    return numeric(result) && floats.length >= 2 ? { x: floats[0], y: floats[1], facets: [...floats.slice(2), ...sig.catInputs] } : null
  },
  build: buildHeatmap,
  valueAxis: { on: 'colour' },
  csv: { header: ['x', 'y', 'mean'], row: (v, _i, _s, xCats, yCats) => [yCats && xCats ? xCats[v[0]] : v[0], yCats ? yCats[v[1]] : v[1], v.length > 3 ? v[3] : v[2]] },
})

// --- internal ---

const plasma = ['#0d0887', '#5302a3', '#8b0aa5', '#b83289', '#db5c68', '#f48849', '#febd2a', '#f0f921']

function buildHeatmap(ctx: Ctx): ChartPanel[] {
  const xi = ctx.x as number
  const yi = ctx.y as number
  const fullX = ctx.inputs[xi].values.length
  const fullY = ctx.inputs[yi].values.length
  // Keep every page small: about 2500 cells over all panels (a 100x100 SVG heatmap is 1.7 MB),
  // so that a run of a million values with two results stays under 2 MB of page.
  const budget = Math.max(300, Math.floor(2500 / Math.min(ctx.nPanels, maxPanels)))
  let k = 1
  while (Math.ceil(fullX / k) * Math.ceil(fullY / k) > budget) k++
  // Each k×k block read from the column when drawn: neither the full-resolution cells nor a copy of the column are built.
  const b = cellReader(ctx.inputs, ctx.view, { facets: ctx.facets, x: xi, y: yi, block: k })
  const nx = b.nx
  const ny = b.ny
  if (k > 1) ctx.notes.push(`Reduced from ${fullX}×${fullY} to ${nx}×${ny} cells (each the mean of a ${k}×${k} block); statistics use all the data.`)
  const label = (i: number, n: number, idx: number) => {
    const vals = ctx.inputs[i].values
    const lo = idx * k
    const hi = Math.min(n, lo + k) - 1
    return lo === hi ? formatInputValue(vals[lo]) : `${formatInputValue(vals[lo])}–${formatInputValue(vals[hi])}`
  }
  const xLabels = Array.from({ length: nx }, (_, i) => label(xi, fullX, i))
  const yLabels = Array.from({ length: ny }, (_, i) => label(yi, fullY, i))
  const xv = ctx.inputs[xi]
  const yv = ctx.inputs[yi]
  if (ctx.req.logx) noteOnce(ctx, 'Log scale does not apply to heatmap axes.')
  return facetPanels(ctx, b, (f, facet) => {
    const data: Option[] = []
    // The colour range, and what the value axis sees, taken as the cells are made (not a pass over them after).
    let min = Number.POSITIVE_INFINITY
    let max = Number.NEGATIVE_INFINITY
    const where = facet ? `, ${facet}` : ''
    for (let bx = 0; bx < nx; bx++) {
      const column = `${xv.name}=${xLabels[bx]}, ${yv.name}=`
      for (let by = 0; by < ny; by++) {
        const sorted = sortValues(b.cellValues(cellOf(b, f, 0, bx * ny + by)))
        if (sorted.length === 0) continue
        const st = sortedCellStats(sorted, ctx.bool)
        const mean = st.mean
        if (mean < min) min = mean
        if (mean > max) max = mean
        data.push({ value: [bx, by, mean], t: `${column}${yLabels[by]}${where}\n${statsText(ctx, st)}` })
      }
    }
    if (data.length === 0) return null
    // A mean that overflowed is left out of the value axis's range, as `see` leaves it out.
    if (Number.isFinite(min) && Number.isFinite(max)) see(ctx, min, max)
    else for (const d of data) see(ctx, (d.value as number[])[2])
    const series: Option = { type: 'heatmap', name: ctx.view.label, data, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } }
    const best = optimumIn(ctx, b, f, 0)
    if (best && best.x !== undefined && best.y !== undefined) series.markPoint = bestMark(ctx, [Math.floor(best.x / k), Math.floor(best.y / k)], ctx.optimum!.mean)
    return {
      ...baseOption(ctx, facet),
      grid: { left: gridLeft, right: colourBarGridRight, top: 64, bottom: 58 },
      xAxis: { type: 'category', data: xLabels, name: axisTitle(xv.name, xv.units), nameLocation: 'middle', nameGap: 30, splitArea: { show: false }, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', data: yLabels, name: axisTitle(yv.name, yv.units), nameLocation: 'middle', nameGap: 52, axisLabel: { hideOverlap: true } },
      visualMap: {
        type: 'continuous',
        // The colour is the third value of a cell (log10 of the mean on a log scale, the mean after it).
        dimension: 2,
        min,
        max,
        calculable: true,
        orient: 'vertical',
        right: 6,
        top: 'middle',
        itemHeight: ctx.height - 170,
        text: [ctx.view.label, ''],
        textStyle: { fontSize: 11 },
        inRange: { color: plasma },
        ...valueTicks(ctx),
      },
      series: [series],
    }
  })
}
