// Helpers every chart kind draws with: the context of one chart, axes, facets, legends, the best
// mark and tooltip texts. Private to src/plots/kinds (underscore).
import { sameInputs, type RunRef } from '../../model/history'
import { pointCoordinates } from '../../model/sweep'
import type { SweepSignature } from '../../model/signature'
import type { Direction, InputVar, ResultKind, Run } from '../../model/types'
import { axisTitle, formatInputValue, formatQuantity } from '../../format'
import { bucketValues, cellOf, cellsValues, cellValues, findOptimum, numericView, palette, valueColour, type BucketLayout, type Buckets, type NumericView } from '../data'
import { logQuantityFormatter, quantityFormatter } from '../tick-format'
import type { ChartRequest } from '../request'
import { sortedCellStats, sortValues, type CellStats } from '../stats-cell'
import type { ChartOverlay, ChartPanel, ChartSpecOf, Option, RunKind } from './_types'

/** Largest number of small multiples drawn for one chart; the rest are named in a note. */
export const maxPanels = 36
/** Above this many small multiples, the first facet input becomes tabs. */
export const tabsAbove = 9

/** What a kind's builder draws from: the spec, the run, its value view and the layout resolved to input indexes. */
export type Ctx = {
  kind: RunKind
  spec: ChartSpecOf
  run: Run
  req: ChartRequest
  view: NumericView
  inputs: InputVar[]
  bool: boolean
  x?: number
  y?: number
  series?: number
  facets: number[]
  facetNames: string[]
  nPanels: number
  width: number
  height: number
  plotWidth: number
  title: string
  notes: string[]
  /** Range of every value drawn on the value axis, across panels, for a shared axis. */
  range: { lo: number; hi: number; positive: boolean }
  optimum: { coords: number[]; mean: number } | null
  hasLegend: boolean
  overlay?: { view: NumericView; label: string }
}

export const gridLeft = 72
const gridRightLegend = 130
const gridRight = 28
/** The right margin a heatmap keeps at least for its colour bar; more when its range's labels are long. */
export const colourBarGridRight = 96

export function makeContext(kind: RunKind, spec: ChartSpecOf, run: Run, req: ChartRequest, view: NumericView, overlay: Ctx['overlay']): Ctx {
  const at = (name?: string) => (name === undefined ? undefined : run.inputs.findIndex((v) => v.name === name))
  const facets = spec.facets.map((n) => at(n) as number)
  const nPanels = facets.reduce((n, i) => n * run.inputs[i].values.length, 1)
  const small = nPanels > 1
  const hasLegend = spec.series !== undefined || kind.legend === true || overlay !== undefined
  const width = small ? 460 : 680
  const height = small ? 320 : 420
  const opt = findOptimum(run, view)
  const shown = [spec.x, spec.y, spec.series].filter((n): n is string => n !== undefined)
  const title = kind.title ? kind.title(view.label, shown) : [view.label, ...shown].join(' vs ')
  return {
    kind,
    spec,
    run,
    req,
    view,
    inputs: run.inputs,
    bool: view.result.kind === 'bool',
    x: at(spec.x),
    y: at(spec.y),
    series: at(spec.series),
    facets,
    facetNames: spec.facets,
    nPanels,
    width,
    height,
    plotWidth: width - gridLeft - (hasLegend ? gridRightLegend : gridRight),
    title,
    notes: [],
    range: { lo: Infinity, hi: -Infinity, positive: true },
    optimum: opt ? { coords: pointCoordinates(run.inputs, opt.point), mean: opt.mean } : null,
    hasLegend,
    overlay,
  }
}

// Only kinds that say so (line, curve) overlay another run, and only one whose inputs are the same as the run's.
export function overlayView(kind: RunKind, run: Run, spec: ChartSpecOf, overlay?: ChartOverlay): Ctx['overlay'] {
  if (!overlay || !kind.overlay) return undefined
  if (!sameInputs(overlay.run.inputs, run.inputs)) return undefined
  const result = overlay.run.results.find((r) => r.name === spec.result)
  if (!result || !(overlay.run.data[result.name] instanceof Float64Array)) return undefined
  return { view: numericView(overlay.run, result, spec.component), label: overlay.label }
}

export function see(ctx: Ctx, ...xs: number[]): void {
  for (const x of xs) {
    if (!Number.isFinite(x)) continue
    if (x < ctx.range.lo) ctx.range.lo = x
    if (x > ctx.range.hi) ctx.range.hi = x
    if (x <= 0) ctx.range.positive = false
  }
}

function direction(ctx: Ctx): string {
  const d = ctx.view.result.direction
  return d === 'minimize' ? 'lower is better' : d === 'maximize' ? 'higher is better' : ''
}

export function baseOption(ctx: Ctx, facet: string | null): Option {
  const sub = [direction(ctx), facet ?? ''].filter(Boolean).join(' · ')
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: palette,
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    title: { text: ctx.title, subtext: sub, left: 'center', top: 4, textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11 } },
    tooltip: { trigger: 'item', confine: true },
    grid: { left: gridLeft, right: ctx.hasLegend ? gridRightLegend : gridRight, top: 64, bottom: 58 },
  }
}

export function legend(ctx: Ctx, names: string[]): Option | undefined {
  if (!ctx.hasLegend) return undefined
  // Full labels on the right while they fit its column; `fitLegendAndLabels` moves longer ones under the chart.
  return { type: 'plain', orient: 'vertical', right: 4, top: 64, data: names, textStyle: { fontSize: 11 } }
}

/** Width in pixels of a label at 11–12 px: about 6.5 px a character. */
export function textWidth(text: string): number {
  return text.length * 6.5
}

/**
 * After a kind has drawn its panels: category labels all shown (rotated when they do not fit
 * side by side, cut with an ellipsis only past 160 px, the full text in the tooltips), and a legend
 * that keeps its full labels (under the chart, wrapping, when they are wider than the right-hand
 * column or more than it holds). Returns the height the chart grows by.
 */
export function fitLegendAndLabels(ctx: Ctx, panels: ChartPanel[]): number {
  const grown: number[] = []
  for (const p of panels) {
    const o = p.option
    const grid = o.grid as Option | undefined
    if (!grid) {
      grown.push(0)
      continue
    }
    let bottom = grid.bottom as number
    let right = grid.right as number
    const lg = o.legend as Option | undefined
    if (lg && Array.isArray(lg.data)) {
      const names = lg.data as string[]
      const widest = Math.max(0, ...names.map(textWidth)) + 30
      if (widest > gridRightLegend || names.length * 20 > ctx.height - 64 - 58) {
        const room = ctx.width - 40
        let rows = 1
        let line = 0
        for (const n of names) {
          const w = Math.min(room, textWidth(n) + 40)
          if (line + w > room) {
            rows++
            line = 0
          }
          line += w
        }
        Object.assign(lg, { orient: 'horizontal', right: undefined, left: 'center', top: undefined, bottom: 6, width: room })
        right = gridRight
        bottom += rows * 20
      }
    }
    const x = Array.isArray(o.xAxis) ? (o.xAxis as Option[])[0] : (o.xAxis as Option | undefined)
    if (x && x.type === 'category' && Array.isArray(x.data)) {
      const labels = (x.data as unknown[]).map(String)
      const per = (ctx.width - (grid.left as number) - right) / Math.max(1, labels.length)
      const longest = Math.min(160, Math.max(0, ...labels.map(textWidth)))
      const rotate = longest + 8 <= per ? 0 : per < 16 ? 90 : 40
      const drop = rotate === 0 ? 0 : Math.ceil(longest * Math.sin((rotate * Math.PI) / 180)) - 12
      x.axisLabel = { ...(x.axisLabel as Option | undefined), interval: 0, hideOverlap: false, rotate, width: 160, overflow: 'truncate' }
      if (drop > 0) {
        x.nameGap = ((x.nameGap as number | undefined) ?? 30) + drop
        bottom += drop
      }
    }
    grown.push(bottom - (grid.bottom as number))
    o.grid = { ...grid, bottom, right }
  }
  const grow = Math.max(0, ...grown)
  // The chart grows by the most any panel needs; panels that needed less keep plots of the same height.
  panels.forEach((p, i) => {
    const grid = p.option.grid as Option | undefined
    if (grid && grown[i] !== undefined) grid.bottom = (grid.bottom as number) + grow - grown[i]
  })
  return grow
}

/** The value axis: named by the result, its ticks formatted as quantities of its unit (which they carry). */
export function valueAxis(ctx: Ctx, extra: Option = {}): Option {
  return { type: 'value', name: ctx.view.label, nameLocation: 'middle', nameGap: 52, scale: true, axisLine: { onZero: false }, axisLabel: valueTicks(ctx), ...extra }
}

/** Tick labels of an axis of result values: `500 µs`. */
export function valueTicks(ctx: Ctx): Option {
  return { formatter: quantityFormatter(ctx.view.result.units) }
}

/** A result value as people read it, with its unit: `685.3 µs`. */
export function quantity(ctx: Ctx, x: number): string {
  return formatQuantity(x, ctx.view.result.units)
}

/** Pixels the best pin is lifted over a written value: the value's text (10 px), its gap (5 px) and half a marker above the point. */
export const bestPinLift = 20

/** Most values written on the points or bars of one panel when a result has one value per point. */
export const maxWritten = 24

/** The label of a point or bar that carries its value (`685.3 µs`): one sample per point, written rather than left to a tooltip. */
export function valueLabel(ctx: Ctx, x: number, position = 'top'): Option {
  return { show: true, position, formatter: quantity(ctx, x).replace(/[{}]/g, ''), fontSize: 10, color: '#333' }
}

export function facetPanels(ctx: Ctx, b: BucketLayout, draw: (f: number, facet: string | null, facetValues: string[]) => Option | null): ChartPanel[] {
  const panels: ChartPanel[] = []
  for (let f = 0; f < b.nFacets; f++) {
    if (panels.length >= maxPanels) {
      ctx.notes.push(`Showing the first ${maxPanels} of ${b.nFacets} small multiples; the others are left out to keep the page small.`)
      break
    }
    const facetValues = ctx.facets.map((i, j) => `${ctx.inputs[i].name}=${formatInputValue(ctx.inputs[i].values[b.facetCoords[f][j]])}`)
    const facet = facetValues.length ? facetValues.join(', ') : null
    const option = draw(f, facet, facetValues)
    if (option) panels.push({ facet, facetValues, option })
  }
  if (panels.length === 0) {
    const total = ctx.view.points * ctx.view.repeats
    ctx.notes.push(`No values recorded for ${ctx.view.label} (all ${total} cells missing).`)
  }
  return panels
}

/** One series drawn in one panel: its ECharts series (bars and their error bars, say) and whether it holds any value there. */
export type DrawnSeries = { series: Option[]; values: boolean }

/**
 * The panels of a chart with a series per value of the series input (bar, box, violin, scatter): per
 * facet, each series drawn by `draw` (null leaves it out of the panel and its legend) and named in
 * the legend; a panel where no series holds a value is left out. `panel` makes a facet's option
 * around its series and legend names.
 */
export function seriesPanels(
  ctx: Ctx,
  b: Buckets,
  draw: (f: number, facet: string | null, s: number, name: string) => DrawnSeries | null,
  panel: (facet: string | null, series: Option[], names: string[]) => Option,
): ChartPanel[] {
  return facetPanels(ctx, b, (f, facet) => {
    const series: Option[] = []
    const names: string[] = []
    let any = false
    for (let s = 0; s < b.nSeries; s++) {
      const name = seriesName(ctx, s)
      const drawn = draw(f, facet, s, name)
      if (!drawn) continue
      names.push(name)
      series.push(...drawn.series)
      any ||= drawn.values
    }
    return any ? panel(facet, series, names) : null
  })
}

/** The buckets of a chart over categories (bar, box, violin): facets, series and x from the context, and the x axis' labels. */
export function categoryBuckets(ctx: Ctx): { b: Buckets; labels: string[] } {
  return { b: bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: ctx.x }), labels: categoryLabels(ctx, ctx.x) }
}

export function seriesName(ctx: Ctx, s: number): string {
  if (ctx.series === undefined) return ctx.view.label
  const v = ctx.inputs[ctx.series]
  return `${v.name}=${formatInputValue(v.values[s])}`
}

const symbols = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow']
const dashes: (string | number[])[] = ['solid', [8, 4], [2, 3], [10, 3, 2, 3]]

/** The marker and line dash of series s: series differ by shape as well as by colour. */
export function seriesMarks(s: number): { symbol: string; dash: string | number[] } {
  return { symbol: symbols[s % symbols.length], dash: dashes[s % dashes.length] }
}

/**
 * The fill pattern of bars and boxes of series s (none for the first): they differ by pattern as well
 * as by colour. The pattern is white over a bar's solid fill; a box's fill is pale, so its pattern is
 * drawn in the series' colour (`colour`).
 */
export function seriesDecal(s: number, colour = 'rgba(255,255,255,0.6)'): Option | undefined {
  if (s === 0) return undefined
  const kinds: Option[] = [
    { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4 },
    { symbol: 'circle', symbolSize: 0.8, dashArrayX: [[3, 3]], dashArrayY: [3, 3] },
    { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4 },
  ]
  return { color: colour, ...kinds[(s - 1) % kinds.length] }
}

export function seriesColour(ctx: Ctx, s: number): string {
  return ctx.series === undefined ? palette[0] : valueColour(ctx.inputs, ctx.series, s)
}

/** Whether the optimum point lies in facet f, series s (and at x, y when given). */
export function optimumIn(ctx: Ctx, b: BucketLayout, f: number, s: number): { x?: number; y?: number } | null {
  const o = ctx.optimum
  if (!o) return null
  if (!ctx.facets.every((i, j) => o.coords[i] === b.facetCoords[f][j])) return null
  if (ctx.series !== undefined && o.coords[ctx.series] !== s) return null
  return { x: ctx.x === undefined ? undefined : o.coords[ctx.x], y: ctx.y === undefined ? undefined : o.coords[ctx.y] }
}

/**
 * The "best" pin at the optimum. Over a point or bar whose value is written above it (`overValue`),
 * the pin is lifted clear of that text, so that both read.
 */
export function bestMark(ctx: Ctx, coord: (number | string)[], value: number, overValue = false): Option {
  return {
    symbol: 'pin',
    symbolSize: 34,
    ...(overValue ? { symbolOffset: [0, -bestPinLift] } : {}),
    itemStyle: { color: '#d62728' },
    label: { show: true, formatter: 'best', fontSize: 9 },
    data: [{ name: 'best', coord, value: quantity(ctx, value) }],
  }
}

export function statsText(ctx: Ctx, st: CellStats): string {
  const q = (x: number) => quantity(ctx, x)
  if (ctx.view.repeats <= 1 && st.n <= 1) return `${ctx.view.label}: ${q(st.mean)}`
  return [
    `${ctx.view.label}: mean ${q(st.mean)} ± ${q(st.std)} (${ctx.bool ? 'binomial s.e.' : 'std'})`,
    `n=${st.n}, min ${q(st.min)}, median ${q(st.median)}, max ${q(st.max)}`,
  ].join('\n')
}

export function inputsText(ctx: Ctx, facet: string | null, parts: [number | undefined, number][]): string {
  const named = parts
    .filter((p): p is [number, number] => p[0] !== undefined)
    .map(([i, k]) => `${ctx.inputs[i].name}=${formatInputValue(ctx.inputs[i].values[k])}`)
  if (facet) named.push(facet)
  return named.join(', ')
}

export function categoryLabels(ctx: Ctx, i: number | undefined): string[] {
  return i === undefined ? [''] : ctx.inputs[i].values.map(formatInputValue)
}

/** Decades a positive range spans: 2 for 1 µs..100 µs. */
export function decades(lo: number, hi: number): number {
  return lo > 0 && hi > 0 ? Math.log10(hi / lo) : 0
}

/** Positive values spanning this many decades or more get a log value axis (or colour scale) by default. */
export const autoLogDecades = 2

/**
 * A smallest value this many decades or more below the largest is rounding error around zero, not a
 * scale: float64 carries about 16 digits, and a result computed from operands near the largest
 * (cos 90° × 0.8 m gives 4.9e-17 m) lands 13 to 16 decades below it. No automatic log axis then.
 */
export const roundingNoiseDecades = 13

// Log value axis: forced by `logy=1` (refused with a note when a value is <= 0), or automatic when
// the positive values span two decades or more (a linear axis puts most of them on its base line).
function logY(ctx: Ctx, panels: ChartPanel[]): boolean {
  if (panels.length === 0 || ctx.req.logy === false) return false
  const scale = ctx.kind.valueAxis.on === 'colour' ? 'colour scale' : 'value axis'
  if (ctx.req.logy === true) {
    if (ctx.range.positive) return true
    ctx.notes.push(`Log scale for the ${scale} was not applied: some values are zero or negative.`)
    return false
  }
  const span = ctx.range.positive ? decades(ctx.range.lo, ctx.range.hi) : 0
  if (ctx.kind.valueAxis.autoLog === false || span < autoLogDecades) return false
  if (span >= roundingNoiseDecades) {
    ctx.notes.push(`The ${scale} is linear: the smallest value, ${quantity(ctx, ctx.range.lo)}, is ${Math.floor(span)} decades below the largest, rounding error around zero rather than a scale (log y: on to force it).`)
    return false
  }
  ctx.notes.push(`The ${scale} is logarithmic: the values span ${span.toFixed(1)} decades (log y: off for linear).`)
  return true
}

export function shareValueAxis(ctx: Ctx, panels: ChartPanel[]): void {
  if (ctx.kind.valueAxis.on === 'colour') return shareColourScale(ctx, panels)
  const log = logY(ctx, panels)
  const { lo, hi } = ctx.range
  const shared = panels.length > 1 && Number.isFinite(lo) && Number.isFinite(hi)
  for (const p of panels) {
    const axis = p.option.yAxis as Option
    if (log) Object.assign(axis, { type: 'log', scale: false })
    if (shared) {
      const [a, b] = niceRange(lo, hi, log, ctx.kind.valueAxis.fromZero === true)
      Object.assign(axis, { min: a, max: b })
    }
  }
}

/**
 * The colour scale of a heatmap: logarithmic like a value axis (cells carry log10 of their mean as
 * their colour value, the mean itself after it), shared by the small multiples unless one of them
 * would get less than a quarter of the shared range, which paints it one colour; then each has its own.
 */
function shareColourScale(ctx: Ctx, panels: ChartPanel[]): void {
  const log = logY(ctx, panels)
  const t = (x: number) => (log ? Math.log10(x) : x)
  const own = panels.map((p) => {
    const vm = p.option.visualMap as Option
    return [t(vm.min as number), t(vm.max as number)] as const
  })
  const lo = Math.min(...own.map((r) => r[0]))
  const hi = Math.max(...own.map((r) => r[1]))
  const span = hi - lo
  const perFacet = panels.length > 1 && span > 0 && own.some(([a, b]) => b - a < span / 4)
  if (perFacet) ctx.notes.push('Each small multiple has its own colour scale: on one shared scale some would be a single colour. Compare values across them in the tooltips.')
  else if (panels.length > 1) ctx.notes.push('The small multiples share one colour scale.')
  panels.forEach((p, i) => {
    const vm = p.option.visualMap as Option
    if (log) {
      for (const s of p.option.series as Option[]) {
        for (const d of s.data as Option[]) {
          const v = d.value as number[]
          d.value = [v[0], v[1], Math.log10(v[2]), v[2]]
        }
      }
      vm.formatter = logQuantityFormatter(ctx.view.result.units)
    }
    const [a, b] = perFacet || panels.length === 1 ? own[i] : [lo, hi]
    Object.assign(vm, { min: a, max: b })
    // The colour bar and its title sit 6 px from the right edge, the bar centred under a title wider
    // than it; its range is written to its left, ending 44 px before the bar's centre. The cells stop
    // far enough before that for neither value ("8.007 µs") to run over them.
    const shown = (x: number) => textWidth(quantity(ctx, log ? 10 ** x : x))
    const barCentre = 6 + Math.max(8, textWidth(ctx.view.label) / 2)
    ;(p.option.grid as Option).right = Math.max(colourBarGridRight, Math.ceil(barCentre + 44 + Math.max(shown(a), shown(b)) + 8))
  })
}

function niceRange(lo: number, hi: number, log: boolean, fromZero: boolean): [number, number] {
  if (log) return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))]
  if (fromZero) lo = Math.min(lo, 0)
  const span = hi - lo || Math.abs(hi) || 1
  const raw = span / 5
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step]
}

/**
 * Whether a numeric x axis of these values is logarithmic: forced by `logx=1` (refused with a note
 * when a value is <= 0), off with `logx=0`, else automatic for geometric sweeps (16, 64, 256, …;
 * 1e3, 1e4, 1e5): three or more positive values whose middle ratio between neighbours is 1.5 or
 * more, the largest at least 8 times the smallest.
 */
export function logXOk(ctx: Ctx, xs: number[]): boolean {
  if (ctx.req.logx === false) return false
  if (ctx.req.logx === true) {
    if (!xs.some((x) => x <= 0)) return true
    ctx.notes.push('Log scale for the x axis was not applied: some x values are zero or negative.')
    return false
  }
  if (!geometric(xs)) return false
  noteOnce(ctx, 'The x axis is logarithmic: its values grow geometrically (log x: off for linear).')
  return true
}

export function geometric(xs: readonly number[]): boolean {
  const v = [...new Set(xs)].filter(Number.isFinite).sort((a, b) => a - b)
  if (v.length < 3 || v[0] <= 0) return false
  const ratios = v.slice(1).map((x, i) => x / v[i]).sort((a, b) => a - b)
  return ratios[Math.floor((ratios.length - 1) / 2)] >= 1.5 && v[v.length - 1] / v[0] >= 8
}

export function noteOnce(ctx: Ctx, note: string): void {
  if (!ctx.notes.includes(note)) ctx.notes.push(note)
}

/** One cell's values, sorted in place: for builders that only need statistics, never the sample order. */
export function sortedCell(b: Buckets, f: number, s: number, xy: number): Float64Array {
  return sortValues(cellValues(b, cellOf(b, f, s, xy)))
}

/** A view of every value of facet f (all its series and positions, in cell order). */
export function facetValues(b: Buckets, f: number): Float64Array {
  return cellsValues(b, cellOf(b, f, 0, 0), cellOf(b, f + 1, 0, 0))
}

/** Statistics of every cell of facet f, series s, by position (`x * ny + y`). */
export function rowStats(ctx: Ctx, b: Buckets, f: number, s: number): CellStats[] {
  return Array.from({ length: b.nx * b.ny }, (_, xy) => sortedCellStats(sortedCell(b, f, s, xy), ctx.bool))
}

/** x position of series s of S at category k, on the hidden numeric axis, for grouped bars with no gap. */
export function groupedX(k: number, s: number, nSeries: number): number {
  return k - 0.4 + ((s + 0.5) * 0.8) / nSeries
}

/** The category x axis of bar, box, violin and jitter charts, and the hidden numeric axis their custom series use. */
export function categoryAxes(ctx: Ctx, labels: string[]): Option[] {
  const xi = ctx.x
  const name = xi === undefined ? '' : axisTitle(ctx.inputs[xi].name, ctx.inputs[xi].units)
  return [
    { type: 'category', data: labels, name, nameLocation: 'middle', nameGap: 30 },
    { type: 'value', show: false, min: -0.5, max: labels.length - 0.5 },
  ]
}

/** Most points a scatter-like chart draws over all its panels. */
export function pointCap(ctx: Ctx): number {
  return Math.max(30, Math.floor(1500 / Math.min(maxPanels, Math.max(1, ctx.nPanels))))
}

/** The CSV row of a series of `[x, y]` points or of values by category: `series, x, y`. */
export function seriesXYRow(v: unknown, i: number, seriesName: string, xCats: string[] | null): unknown[] {
  if (Array.isArray(v)) return [seriesName, xCats && typeof v[0] === 'number' ? xCats[v[0]] : v[0], v[1]]
  return [seriesName, xCats ? xCats[i] : i, v]
}

/** Whether a result is drawn as numbers (float, bool, vec) rather than shown in a table. */
export function numeric(result: { kind: ResultKind }): boolean {
  return result.kind === 'float' || result.kind === 'bool' || result.kind === 'vec'
}

/** Why a kind that spreads repeats over categories (violin, scatter-jitter) cannot draw this run; null when it can. */
export function categoriesWithRepeats(kind: string, sig: SweepSignature): string | null {
  if (sig.floatInputs.length > 0) return `${kind} needs no float input (this run has ${sig.floatInputs.length})`
  if (sig.repeats < 2) return `${kind} needs at least 2 repeats (this run has 1)`
  return null
}

/** A number ECharts can draw: null for NaN and ±Infinity (a gap). */
export function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null
}

/** A run as a category label: `#12 v1.0`. */
export function runLabel(ref: RunRef): string {
  return ref.id === null ? ref.label : `#${ref.id} ${ref.label}`
}

/**
 * Zoom by the mouse wheel only with Ctrl held, so the wheel scrolls the page over a chart; the
 * browser's script turns it on for a chart once it is clicked (client.ts). Dragging still pans.
 */
export function wheelScrollsPage(option: Option): void {
  const zs = option.dataZoom
  for (const z of (Array.isArray(zs) ? zs : zs ? [zs] : []) as Option[]) if (z.type === 'inside') Object.assign(z, { zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false })
}

/**
 * The chart's text alternative: what it draws, the range of the values drawn and the best point.
 * @example "line chart of time against n, by algo: values from 1.2 ms to 35 ms; best (lowest) 1.2 ms at n=1, algo=quick."
 */
export function chartSummary(ctx: Ctx): string {
  const axes = [ctx.spec.x, ctx.spec.y].filter((n): n is string => n !== undefined)
  const by = [ctx.spec.series, ...ctx.facetNames].filter((n): n is string => n !== undefined)
  const what = `${ctx.kind.label} chart of ${ctx.view.label}${axes.length ? ` against ${axes.join(' and ')}` : ''}${by.length ? `, by ${by.join(', ')}` : ''}`
  // A histogram's value axis holds counts: its range is that of the values it counts.
  const { lo, hi } = ctx.kind.kind === 'histogram' ? valueSpan(ctx.view) : ctx.range
  const range = Number.isFinite(lo) && Number.isFinite(hi) ? (lo === hi ? `: every value ${quantity(ctx, lo)}` : `: values from ${quantity(ctx, lo)} to ${quantity(ctx, hi)}`) : ''
  const o = ctx.optimum
  const dir = ctx.view.result.direction === 'minimize' ? 'lowest' : 'highest'
  const varying = ctx.inputs.map((v, i) => [v, i] as const).filter(([v]) => v.values.length > 1)
  const at = o ? varying.map(([v, i]) => `${v.name}=${formatInputValue(v.values[o.coords[i]])}`).join(', ') : ''
  const best = o ? `; best (${dir}) ${quantity(ctx, o.mean)}${at ? ` at ${at}` : ''}` : ''
  return `${what}${range}${best}.`
}

/** The lowest and highest finite value of a view. */
function valueSpan(view: NumericView): { lo: number; hi: number } {
  let lo = Infinity
  let hi = -Infinity
  for (let p = 0; p < view.points; p++)
    for (let r = 0; r < view.repeats; r++) {
      const v = view.value(p, r)
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  return { lo, hi }
}

/**
 * The range and best part of a text alternative, after what the chart draws: ": values from 1 ms to
 * 8 ms; best (lowest) 1 ms at #3 v1.2". `values` are the values drawn with where each is (non-finite
 * ones are left out); a result of direction `none` has no best. Ties are counted as in the best line
 * above a run's charts (to 1e-9 relative). Empty when no value is finite.
 */
export function rangeAndBest(values: readonly { value: number; at: string }[], direction: Direction, format: (x: number) => string, noun = 'values'): string {
  const seen = values.filter((v) => Number.isFinite(v.value))
  if (seen.length === 0) return ''
  const lo = Math.min(...seen.map((v) => v.value))
  const hi = Math.max(...seen.map((v) => v.value))
  const range = lo === hi ? `: ${seen.length === 1 ? 'one value' : `every value`} ${format(lo)}` : `: ${noun} from ${format(lo)} to ${format(hi)}`
  if (direction === 'none' || lo === hi) return range
  const best = direction === 'minimize' ? lo : hi
  const ties = seen.filter((v) => Math.abs(v.value - best) <= 1e-9 * Math.abs(best))
  const tie = ties.length > 1 ? ` (${ties.length} tie; the first is named)` : ''
  return `${range}; best (${direction === 'minimize' ? 'lowest' : 'highest'}) ${format(best)} at ${ties[0].at}${tie}`
}

/** Labels skipped between two shown on an axis of n runs: rotated labels need about 26 px each, and a history chart's plot is about 420 px wide. */
/** The value axis of a result over runs: a bool result is a rate, shown from 0 to 1; others fit their values. */
export function valueRange(kind: ResultKind): { min: number; max: number } | { scale: true } {
  return kind === 'bool' ? { min: 0, max: 1 } : { scale: true }
}

export function runLabelInterval(n: number): number {
  return Math.max(0, Math.ceil(n / 16) - 1)
}
