import { sameInputs } from '../model/history'
import { pointCoordinates } from '../model/sweep'
import type { InputVar, Run } from '../model/types'
import type { ChartSpec } from './choose'
import { axisTitle, bucketValues, cellCount, cellOf, cellsValues, cellValues, findOptimum, formatNumber, formatValue, numericView, palette, valueColour, type Buckets, type NumericView } from './data'
import { lttbIndexes, strideIndexes } from './reduce'
import type { ChartRequest } from './request'
import { densityCurve, sortedCellStats, sortValues, type CellStats } from './stats-cell'

type Option = Record<string, unknown>

/** One small multiple of a chart: its facet label (`name=value, …`) and its ECharts option. */
export type ChartPanel = { facet: string | null; facetValues: string[]; option: Option }

/** Everything needed to draw one chart spec: one panel per facet, plus notes shown under it. */
export type BuiltChart = {
  spec: ChartSpec
  /** `time vs n vs algo` */
  title: string
  /** Label of the result or vec component, e.g. `pos_x`. */
  label: string
  panels: ChartPanel[]
  notes: string[]
  width: number
  height: number
  /** Facet input whose values become tabs (when there are many small multiples). */
  tabsBy: string | null
}

/** Another run of the same inputs drawn over a run's curves (dashed, with its own band), to compare commits. */
export type ChartOverlay = { run: Run; label: string }

/** Largest number of small multiples drawn for one chart; the rest are named in a note. */
export const maxPanels = 36
/** Above this many small multiples, the first facet input becomes tabs. */
export const tabsAbove = 9

/**
 * Build the ECharts options of one chart spec from a run: statistics on all the data, series
 * reduced to the chart's pixel width. Pure; `renderSvg` draws the result.
 */
export function toEChartsOption(spec: ChartSpec, run: Run, req: ChartRequest, overlay?: ChartOverlay): BuiltChart {
  const result = run.results.find((r) => r.name === spec.result)
  if (!result) throw new Error(`no result named "${spec.result}"`)
  const view = numericView(run, result, spec.component)
  const ctx = makeContext(spec, run, req, view, overlayView(run, spec, overlay))
  const build = builders[spec.kind]
  if (!build) throw new Error(`${spec.kind} is not drawn with ECharts`)
  const panels = build(ctx)
  shareValueAxis(ctx, panels)
  return {
    spec,
    title: ctx.title,
    label: view.label,
    panels,
    notes: ctx.notes,
    width: ctx.width,
    height: ctx.height,
    tabsBy: ctx.facetNames.length > 0 && ctx.nPanels > tabsAbove ? ctx.facetNames[0] : null,
  }
}

// --- internal ---

type Ctx = {
  spec: ChartSpec
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
  valueName: string
  notes: string[]
  /** Range of every value drawn on the value axis, across panels, for a shared axis. */
  range: { lo: number; hi: number; positive: boolean }
  optimum: { coords: number[]; mean: number } | null
  hasLegend: boolean
  overlay?: { view: NumericView; label: string }
}

const gridLeft = 72
const gridRightLegend = 130
const gridRight = 28

function makeContext(spec: ChartSpec, run: Run, req: ChartRequest, view: NumericView, overlay: Ctx['overlay']): Ctx {
  const at = (name?: string) => (name === undefined ? undefined : run.inputs.findIndex((v) => v.name === name))
  const facets = spec.facets.map((n) => at(n) as number)
  const nPanels = facets.reduce((n, i) => n * run.inputs[i].values.length, 1)
  const small = nPanels > 1
  const hasLegend = spec.series !== undefined || spec.kind === 'band' || overlay !== undefined
  const width = small ? 460 : 680
  const height = small ? 320 : 420
  const opt = findOptimum(run, view)
  const shown = [spec.x, spec.y, spec.series].filter((n): n is string => n !== undefined)
  const title = spec.kind === 'histogram' ? `${view.label} vs count` : [view.label, ...shown].join(' vs ')
  return {
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
    valueName: axisTitle(view.label, view.result.units),
    notes: [],
    range: { lo: Infinity, hi: -Infinity, positive: true },
    optimum: opt ? { coords: pointCoordinates(run.inputs, opt.point), mean: opt.mean } : null,
    hasLegend,
    overlay,
  }
}

// Only line and curve charts overlay another run, and only one whose inputs are the same as the run's.
function overlayView(run: Run, spec: ChartSpec, overlay?: ChartOverlay): Ctx['overlay'] {
  if (!overlay || (spec.kind !== 'line' && spec.kind !== 'curve')) return undefined
  if (!sameInputs(overlay.run.inputs, run.inputs)) return undefined
  const result = overlay.run.results.find((r) => r.name === spec.result)
  if (!result || !(overlay.run.data[result.name] instanceof Float64Array)) return undefined
  return { view: numericView(overlay.run, result, spec.component), label: overlay.label }
}

function see(ctx: Ctx, ...xs: number[]): void {
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

function baseOption(ctx: Ctx, facet: string | null): Option {
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

function legend(ctx: Ctx, names: string[]): Option | undefined {
  if (!ctx.hasLegend) return undefined
  return {
    type: 'scroll',
    orient: 'vertical',
    right: 4,
    top: 64,
    data: names,
    textStyle: { width: gridRightLegend - 36, overflow: 'truncate', fontSize: 11 },
  }
}

function valueAxis(ctx: Ctx, extra: Option = {}): Option {
  return { type: 'value', name: ctx.valueName, nameLocation: 'middle', nameGap: 52, scale: true, axisLine: { onZero: false }, ...extra }
}

function facetPanels(ctx: Ctx, b: Buckets, draw: (f: number, facet: string | null, facetValues: string[]) => Option | null): ChartPanel[] {
  const panels: ChartPanel[] = []
  for (let f = 0; f < b.nFacets; f++) {
    if (panels.length >= maxPanels) {
      ctx.notes.push(`Showing the first ${maxPanels} of ${b.nFacets} small multiples; the others are left out to keep the page small.`)
      break
    }
    const facetValues = ctx.facets.map((i, j) => `${ctx.inputs[i].name}=${formatValue(ctx.inputs[i].values[b.facetCoords[f][j]])}`)
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

function seriesName(ctx: Ctx, s: number): string {
  if (ctx.series === undefined) return ctx.view.label
  const v = ctx.inputs[ctx.series]
  return `${v.name}=${formatValue(v.values[s])}`
}

function seriesColour(ctx: Ctx, s: number): string {
  return ctx.series === undefined ? palette[0] : valueColour(ctx.inputs, ctx.series, s)
}

/** Whether the optimum point lies in facet f, series s (and at x, y when given). */
function optimumIn(ctx: Ctx, b: Buckets, f: number, s: number): { x?: number; y?: number } | null {
  const o = ctx.optimum
  if (!o) return null
  if (!ctx.facets.every((i, j) => o.coords[i] === b.facetCoords[f][j])) return null
  if (ctx.series !== undefined && o.coords[ctx.series] !== s) return null
  return { x: ctx.x === undefined ? undefined : o.coords[ctx.x], y: ctx.y === undefined ? undefined : o.coords[ctx.y] }
}

function bestMark(coord: (number | string)[], value: number): Option {
  return {
    symbol: 'pin',
    symbolSize: 34,
    itemStyle: { color: '#d62728' },
    label: { show: true, formatter: 'best', fontSize: 9 },
    data: [{ name: 'best', coord, value: formatNumber(value) }],
  }
}

function statsText(ctx: Ctx, st: CellStats): string {
  const units = ctx.view.result.units && ctx.view.result.units !== 'ul' ? ` ${ctx.view.result.units}` : ''
  if (ctx.view.repeats <= 1 && st.n <= 1) return `${ctx.view.label}: ${formatNumber(st.mean)}${units}`
  return [
    `${ctx.view.label}: mean ${formatNumber(st.mean)}${units} ± ${formatNumber(st.std)} (${ctx.bool ? 'binomial s.e.' : 'std'})`,
    `n=${st.n}, min ${formatNumber(st.min)}, median ${formatNumber(st.median)}, max ${formatNumber(st.max)}`,
  ].join('\n')
}

function inputsText(ctx: Ctx, facet: string | null, parts: [number | undefined, number][]): string {
  const named = parts
    .filter((p): p is [number, number] => p[0] !== undefined)
    .map(([i, k]) => `${ctx.inputs[i].name}=${formatValue(ctx.inputs[i].values[k])}`)
  if (facet) named.push(facet)
  return named.join(', ')
}

function categoryLabels(ctx: Ctx, i: number | undefined): string[] {
  return i === undefined ? [''] : ctx.inputs[i].values.map(formatValue)
}

function logY(ctx: Ctx, panels: ChartPanel[]): boolean {
  if (!ctx.req.logy) return false
  if (!ctx.range.positive) {
    ctx.notes.push('Log scale for the value axis was not applied: some values are zero or negative.')
    return false
  }
  return panels.length > 0
}

function shareValueAxis(ctx: Ctx, panels: ChartPanel[]): void {
  const axisKey = ctx.spec.kind === 'heatmap' ? null : 'yAxis'
  const log = ctx.spec.kind !== 'heatmap' && logY(ctx, panels)
  if (ctx.req.logy && ctx.spec.kind === 'heatmap') ctx.notes.push('Log scale does not apply to heatmap axes.')
  const { lo, hi } = ctx.range
  const shared = panels.length > 1 && Number.isFinite(lo) && Number.isFinite(hi)
  for (const p of panels) {
    if (axisKey === null) {
      if (shared) Object.assign(p.option.visualMap as Option, { min: lo, max: hi, precision: colourBarDecimals(lo, hi) })
      continue
    }
    const axis = p.option[axisKey] as Option
    if (log) Object.assign(axis, { type: 'log', scale: false })
    if (shared) {
      const [a, b] = niceRange(lo, hi, log, ctx.spec.kind === 'bar' || ctx.spec.kind === 'histogram')
      Object.assign(axis, { min: a, max: b })
    }
  }
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

function logXOk(ctx: Ctx, xs: number[]): boolean {
  if (!ctx.req.logx) return false
  if (xs.some((x) => x <= 0)) {
    ctx.notes.push('Log scale for the x axis was not applied: some x values are zero or negative.')
    return false
  }
  return true
}

function noteOnce(ctx: Ctx, note: string): void {
  if (!ctx.notes.includes(note)) ctx.notes.push(note)
}

/** One cell's values, sorted in place: for builders that only need statistics, never the sample order. */
function sortedCell(b: Buckets, f: number, s: number, xy: number): Float64Array {
  return sortValues(cellValues(b, cellOf(b, f, s, xy)))
}

/** A view of every value of facet f (all its series and positions, in cell order). */
function facetValues(b: Buckets, f: number): Float64Array {
  return cellsValues(b, cellOf(b, f, 0, 0), cellOf(b, f + 1, 0, 0))
}

/** Statistics of every cell of facet f, series s, by position (`x * ny + y`). */
function rowStats(ctx: Ctx, b: Buckets, f: number, s: number): CellStats[] {
  return Array.from({ length: b.nx * b.ny }, (_, xy) => sortedCellStats(sortedCell(b, f, s, xy), ctx.bool))
}

// --- chart kinds ---

type Builder = (ctx: Ctx) => ChartPanel[]

const builders: Partial<Record<ChartSpec['kind'], Builder>> = {
  line: (ctx) => buildLine(ctx, false),
  curve: (ctx) => buildLine(ctx, true),
  bar: buildBar,
  box: buildBox,
  violin: buildViolin,
  'scatter-jitter': buildJitter,
  scatter: buildScatter,
  heatmap: buildHeatmap,
  histogram: buildHistogram,
  band: buildBand,
}

function buildLine(ctx: Ctx, withBand: boolean): ChartPanel[] {
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
      if (best && best.x !== undefined) line.markPoint = bestMark([xs[best.x], ctx.optimum!.mean], ctx.optimum!.mean)
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

/** x position of series s of S at category k, on the hidden numeric axis, for grouped bars with no gap. */
function groupedX(k: number, s: number, nSeries: number): number {
  return k - 0.4 + ((s + 0.5) * 0.8) / nSeries
}

function categoryAxes(ctx: Ctx, labels: string[]): Option[] {
  const xi = ctx.x
  const name = xi === undefined ? '' : axisTitle(ctx.inputs[xi].name, ctx.inputs[xi].units)
  return [
    { type: 'category', data: labels, name, nameLocation: 'middle', nameGap: 30, axisLabel: { hideOverlap: true } },
    { type: 'value', show: false, min: -0.5, max: labels.length - 0.5 },
  ]
}

function buildBar(ctx: Ctx): ChartPanel[] {
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: ctx.x })
  const labels = categoryLabels(ctx, ctx.x)
  const withErrors = ctx.view.repeats >= 2
  if (withErrors) ctx.notes.push(`Bars show the mean of ${ctx.view.repeats} repeats; error bars ±1 ${ctx.bool ? 'binomial standard error' : 'standard deviation'}.`)
  return facetPanels(ctx, b, (f, facet) => {
    const series: Option[] = []
    const names: string[] = []
    let any = false
    for (let s = 0; s < b.nSeries; s++) {
      const name = seriesName(ctx, s)
      names.push(name)
      const stats = rowStats(ctx, b, f, s)
      const data = stats.map((st, k) => {
        if (st.n === 0) return { value: '-' }
        any = true
        see(ctx, st.mean, 0)
        const colour = ctx.series === undefined && ctx.x !== undefined ? valueColour(ctx.inputs, ctx.x, k) : undefined
        return { value: st.mean, t: `${inputsText(ctx, facet, [[ctx.x, k], [ctx.series, s]])}\n${statsText(ctx, st)}`, ...(colour ? { itemStyle: { color: colour } } : {}) }
      })
      const bar: Option = { type: 'bar', name, data, barGap: '0%', barCategoryGap: '20%', itemStyle: { color: seriesColour(ctx, s) } }
      const best = optimumIn(ctx, b, f, s)
      if (best) bar.markPoint = bestMark([labels[best.x ?? 0], ctx.optimum!.mean], ctx.optimum!.mean)
      series.push(bar)
      if (withErrors) {
        const err = stats.flatMap((st, k) => (st.n > 0 && Number.isFinite(st.std) ? [[groupedX(k, s, b.nSeries), st.mean - st.std, st.mean + st.std]] : []))
        for (const e of err) see(ctx, e[1], e[2])
        series.push({ type: 'custom', name, renderItem: 'errorbar', xAxisIndex: 1, encode: { x: 0, y: [1, 2] }, data: err, z: 5, silent: true, tooltip: { show: false } })
      }
    }
    if (!any) return null
    return { ...baseOption(ctx, facet), legend: legend(ctx, names), xAxis: categoryAxes(ctx, labels), yAxis: valueAxis(ctx, { scale: false }), series }
  })
}

function buildBox(ctx: Ctx): ChartPanel[] {
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: ctx.x })
  const labels = categoryLabels(ctx, ctx.x)
  ctx.notes.push('Boxes span the 25th to 75th percentile with the median inside; whiskers reach the minimum and maximum.')
  return facetPanels(ctx, b, (f, facet) => {
    const series: Option[] = []
    const names: string[] = []
    let any = false
    for (let s = 0; s < b.nSeries; s++) {
      const name = seriesName(ctx, s)
      names.push(name)
      const data = rowStats(ctx, b, f, s).map((st, k) => {
        if (st.n === 0) return { value: ['-', '-', '-', '-', '-'] }
        any = true
        see(ctx, st.min, st.max)
        const colour = ctx.series === undefined && ctx.x !== undefined ? valueColour(ctx.inputs, ctx.x, k) : seriesColour(ctx, s)
        return {
          value: [st.min, st.q1, st.median, st.q3, st.max],
          t: `${inputsText(ctx, facet, [[ctx.x, k], [ctx.series, s]])}\n${statsText(ctx, st)}\nq1 ${formatNumber(st.q1)}, q3 ${formatNumber(st.q3)}`,
          itemStyle: { color: `${colour}55`, borderColor: colour },
        }
      })
      series.push({ type: 'boxplot', name, data, itemStyle: { color: `${seriesColour(ctx, s)}55`, borderColor: seriesColour(ctx, s) } })
    }
    if (!any) return null
    return { ...baseOption(ctx, facet), legend: legend(ctx, names), xAxis: categoryAxes(ctx, labels)[0], yAxis: valueAxis(ctx), series }
  })
}

function buildViolin(ctx: Ctx): ChartPanel[] {
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: ctx.x })
  const labels = categoryLabels(ctx, ctx.x)
  ctx.notes.push('Violins show a Gaussian kernel density of all repeats (cut at the minimum and maximum); the bar marks the 25th to 75th percentile and the dot the median.')
  const points = 24
  const yDims = Array.from({ length: points }, (_, i) => 5 + 2 * i)
  return facetPanels(ctx, b, (f, facet) => {
    const series: Option[] = []
    const names: string[] = []
    let any = false
    for (let s = 0; s < b.nSeries; s++) {
      const name = seriesName(ctx, s)
      names.push(name)
      const data = Array.from({ length: b.nx * b.ny }, (_, k) => k).flatMap((k) => {
        const sorted = sortedCell(b, f, s, k)
        if (sorted.length === 0) return []
        any = true
        const st = sortedCellStats(sorted, ctx.bool)
        see(ctx, st.min, st.max)
        const { ys, ds } = densityCurve(sorted, points)
        const value = [groupedX(k, s, b.nSeries), (0.4 / b.nSeries) * 0.95, st.median, st.q1, st.q3]
        for (let i = 0; i < points; i++) value.push(ys[i] ?? Number.NaN, ds[i] ?? Number.NaN)
        const colour = ctx.series === undefined && ctx.x !== undefined ? valueColour(ctx.inputs, ctx.x, k) : seriesColour(ctx, s)
        return [{ value, t: `${inputsText(ctx, facet, [[ctx.x, k], [ctx.series, s]])}\n${statsText(ctx, st)}`, itemStyle: { color: colour } }]
      })
      series.push({ type: 'custom', name, renderItem: 'violin', xAxisIndex: 1, encode: { x: 0, y: yDims }, data, itemStyle: { color: seriesColour(ctx, s) } })
    }
    if (!any) return null
    return { ...baseOption(ctx, facet), legend: legend(ctx, names), xAxis: categoryAxes(ctx, labels), yAxis: valueAxis(ctx), series }
  })
}

function jitter(i: number): number {
  // A fixed low-discrepancy sequence, so the same run always draws the same picture.
  return ((i * 0.6180339887) % 1) - 0.5
}

function buildJitter(ctx: Ctx): ChartPanel[] {
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: ctx.x })
  const labels = categoryLabels(ctx, ctx.x)
  const cap = Math.max(30, Math.floor(1500 / Math.min(maxPanels, Math.max(1, ctx.nPanels))))
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
          data.push({ value: [groupedX(k, s, b.nSeries) + (jitter(i) * 0.8 * 0.8) / b.nSeries, vals[i]], t: `${where}\n${ctx.view.label}: ${formatNumber(vals[i])}`, itemStyle: { color: c } })
        }
      }
      series.push({ type: 'scatter', name, xAxisIndex: 1, data, symbolSize: 5, itemStyle: { color: colour, opacity: 0.7 } })
    }
    return { ...baseOption(ctx, facet), legend: legend(ctx, names), xAxis: categoryAxes(ctx, labels), yAxis: valueAxis(ctx), series }
  })
}

function buildScatter(ctx: Ctx): ChartPanel[] {
  const xi = ctx.x as number
  const numericX = ctx.inputs[xi].kind === 'float' || ctx.inputs[xi].kind === 'int'
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: xi })
  const xs = ctx.inputs[xi].values
  const logx = numericX && logXOk(ctx, xs as number[])
  const pooled = ctx.inputs.filter((_, i) => i !== xi && i !== ctx.series).map((v) => v.name)
  if (pooled.length) ctx.notes.push(`Every sample is drawn; ${pooled.join(', ')} ${pooled.length === 1 ? 'is' : 'are'} not told apart.`)
  const cap = Math.max(30, Math.floor(1500 / Math.min(maxPanels, Math.max(1, ctx.nPanels))))
  return facetPanels(ctx, b, (f, facet) => {
    const series: Option[] = []
    const names: string[] = []
    let any = false
    for (let s = 0; s < b.nSeries; s++) {
      const name = seriesName(ctx, s)
      const colour = seriesColour(ctx, s)
      // The series' cells are consecutive, so its samples in x then sample order are one view.
      const first = cellOf(b, f, s, 0)
      const all = cellsValues(b, first, first + b.nx)
      if (all.length === 0) continue
      any = true
      names.push(name)
      const keep = strideIndexes(all.length, Math.max(10, Math.floor(cap / b.nSeries)))
      if (keep.length < all.length) noteOnce(ctx, `Showing ${keep.length} of ${all.length} points per series (evenly thinned); statistics use all the data.`)
      let k = 0
      let end = cellCount(b, first)
      const data = keep.map((i) => {
        // keep is ascending: walk k forward to the cell that holds sample i.
        while (i >= end) end += cellCount(b, first + ++k)
        const v = all[i]
        see(ctx, v)
        return { value: [numericX ? (xs[k] as number) : k, v], t: `${inputsText(ctx, facet, [[xi, k], [ctx.series, s]])}\n${ctx.view.label}: ${formatNumber(v)}` }
      })
      series.push({ type: 'scatter', name, data, symbolSize: 6, itemStyle: { color: colour, opacity: 0.75 } })
    }
    if (!any) return null
    const xName = axisTitle(ctx.inputs[xi].name, ctx.inputs[xi].units)
    const xAxis = numericX
      ? { type: logx ? 'log' : 'value', name: xName, nameLocation: 'middle', nameGap: 30, scale: true }
      : { type: 'category', data: xs.map(formatValue), name: xName, nameLocation: 'middle', nameGap: 30 }
    return {
      ...baseOption(ctx, facet),
      legend: legend(ctx, names),
      xAxis,
      yAxis: valueAxis(ctx),
      dataZoom: numericX ? [{ type: 'inside', xAxisIndex: 0 }, { type: 'inside', yAxisIndex: 0 }] : [{ type: 'inside', yAxisIndex: 0 }],
      series,
    }
  })
}

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
  // Bucketed straight into k×k blocks: the full-resolution cells are never built.
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, x: xi, y: yi, block: k })
  const nx = b.nx
  const ny = b.ny
  if (k > 1) ctx.notes.push(`Reduced from ${fullX}×${fullY} to ${nx}×${ny} cells (each the mean of a ${k}×${k} block); statistics use all the data.`)
  const label = (i: number, n: number, idx: number) => {
    const vals = ctx.inputs[i].values
    const lo = idx * k
    const hi = Math.min(n, lo + k) - 1
    return lo === hi ? formatValue(vals[lo]) : `${formatValue(vals[lo])}–${formatValue(vals[hi])}`
  }
  const xLabels = Array.from({ length: nx }, (_, i) => label(xi, fullX, i))
  const yLabels = Array.from({ length: ny }, (_, i) => label(yi, fullY, i))
  const xv = ctx.inputs[xi]
  const yv = ctx.inputs[yi]
  if (ctx.req.logx) noteOnce(ctx, 'Log scale does not apply to heatmap axes.')
  return facetPanels(ctx, b, (f, facet) => {
    const data: Option[] = []
    for (let bx = 0; bx < nx; bx++) {
      for (let by = 0; by < ny; by++) {
        const sorted = sortedCell(b, f, 0, bx * ny + by)
        if (sorted.length === 0) continue
        const st = sortedCellStats(sorted, ctx.bool)
        see(ctx, st.mean)
        data.push({ value: [bx, by, st.mean], t: `${xv.name}=${xLabels[bx]}, ${yv.name}=${yLabels[by]}${facet ? `, ${facet}` : ''}\n${statsText(ctx, st)}` })
      }
    }
    if (data.length === 0) return null
    const series: Option = { type: 'heatmap', name: ctx.view.label, data, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } }
    const best = optimumIn(ctx, b, f, 0)
    if (best && best.x !== undefined && best.y !== undefined) series.markPoint = bestMark([Math.floor(best.x / k), Math.floor(best.y / k)], ctx.optimum!.mean)
    const values = data.map((d) => (d.value as number[])[2])
    const min = Math.min(...values)
    const max = Math.max(...values)
    return {
      ...baseOption(ctx, facet),
      grid: { left: gridLeft, right: 96, top: 64, bottom: 58 },
      xAxis: { type: 'category', data: xLabels, name: axisTitle(xv.name, xv.units), nameLocation: 'middle', nameGap: 30, splitArea: { show: false }, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', data: yLabels, name: axisTitle(yv.name, yv.units), nameLocation: 'middle', nameGap: 52, axisLabel: { hideOverlap: true } },
      visualMap: {
        type: 'continuous',
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
        precision: colourBarDecimals(min, max),
      },
      series: [series],
    }
  })
}

/**
 * Decimals of the colour bar's end labels (ECharts prints them fixed-point): three significant
 * digits of the larger end, so that 0.003 s does not read 0.000 and 82288 B not 82288.258.
 */
export function colourBarDecimals(min: number, max: number): number {
  const top = Math.max(Math.abs(min), Math.abs(max))
  if (!(top > 0) || !Number.isFinite(top)) return 0
  return Math.min(20, Math.max(0, 2 - Math.floor(Math.log10(top))))
}

function buildHistogram(ctx: Ctx): ChartPanel[] {
  const b = bucketValues(ctx.inputs, ctx.view, { facets: ctx.facets, series: ctx.series, x: ctx.x })
  if (ctx.req.logx) noteOnce(ctx, 'Log scale for the x axis does not apply to a histogram.')
  return facetPanels(ctx, b, (f, facet) => {
    const sorted = sortValues(facetValues(b, f))
    if (sorted.length === 0) return null
    const st = sortedCellStats(sorted, ctx.bool)
    const lo = sorted[0]
    const hi = sorted[sorted.length - 1]
    // Freedman–Diaconis bin width, kept between 5 and 60 bins.
    const iqr = st.q3 - st.q1
    const fd = iqr > 0 ? Math.ceil((hi - lo) / (2 * iqr * sorted.length ** (-1 / 3))) : Math.ceil(Math.log2(sorted.length) + 1)
    // A bool result always gets its two bins, false (0) and true (1).
    const bins = ctx.bool ? 2 : hi === lo ? 1 : Math.min(60, Math.max(5, fd))
    const width = ctx.bool || hi === lo ? 1 : (hi - lo) / bins
    const start = ctx.bool ? -0.5 : hi === lo ? lo - 0.5 : lo
    const counts = new Array<number>(bins).fill(0)
    for (const v of sorted) counts[Math.min(bins - 1, Math.floor((v - start) / width))]++
    const data = counts.flatMap((c, i) => {
      if (ctx.req.logy && c === 0) return []
      see(ctx, c)
      const a = start + i * width
      return [{ value: [a + width / 2, c], t: `${ctx.view.label} in [${formatNumber(a)}, ${formatNumber(a + width)})\ncount ${c} of ${sorted.length}` }]
    })
    const barPx = Math.max(1, Math.floor(ctx.plotWidth / bins) - 1)
    return {
      ...baseOption(ctx, facet),
      xAxis: { type: 'value', min: start, max: start + bins * width, name: ctx.valueName, nameLocation: 'middle', nameGap: 30, axisLabel: { showMinLabel: false, showMaxLabel: false } },
      yAxis: { type: 'value', name: 'count', nameLocation: 'middle', nameGap: 52 },
      dataZoom: [{ type: 'inside', xAxisIndex: 0 }],
      series: [{ type: 'bar', name: ctx.view.label, data, barWidth: barPx, itemStyle: { color: palette[0] } }],
    }
  })
}

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
          t: `${v.name}=${formatValue(v.values[r.k])}\nmedian ${formatNumber(q(r, 0.5))}, 25–75%: ${formatNumber(q(r, 0.25))} – ${formatNumber(q(r, 0.75))}\n10–90%: ${formatNumber(q(r, 0.1))} – ${formatNumber(q(r, 0.9))} (n=${r.vals.length})`,
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
        : { type: 'category', data: v.values.map(formatValue), name: xName, nameLocation: 'middle', nameGap: 30, boundaryGap: false },
      yAxis: valueAxis(ctx),
      dataZoom: numericX ? [{ type: 'inside', xAxisIndex: 0 }, { type: 'inside', yAxisIndex: 0 }] : [{ type: 'inside', yAxisIndex: 0 }],
      series,
    }
  })
}
