// history: one result of one benchmark over its runs (mean, percentile bands, run points).
import { formatInputs, type HistorySeries } from '../../model/history'
import { formatPercent, formatQuantity } from '../../format'
import { formatRunRef, type RunChangePoint } from '../../model/regression'
import { quantityFormatter } from '../tick-format'
import { finite, rangeAndBest, runLabel, runLabelInterval, seriesXYRow, valueRange } from './_shared'
import { optionKind, type Option } from './_types'

export const history = optionKind({ kind: 'history', source: 'history', label: 'over time', csv: { header: ['series', 'x', 'y'], row: seriesXYRow } })

/** An ECharts option as plain JSON data (no functions), so it can travel in a `<script type="application/json">`. */
export type ChartOption = Option

export type HistoryChartOptions = {
  /** `order`: one slot per run, named by its label; `time`: runs placed by date. @default 'order' */
  xAxis?: 'order' | 'time'
  /** Change points of the series drawn (over all inputs, or of the point followed): each a vertical rule naming its run and size. @default none */
  changePoints?: readonly RunChangePoint[]
}

/** Colours of a change point's rule: worse for the result's direction, better, or neither (a `none` result). */
export const changePointColors = { worse: '#d62728', better: '#2ca02c', neither: '#7f7f7f' } as const

/**
 * The over-time chart of one result: the mean per run with 10–90 and 25–75 percentile bands and
 * the run means as points; hovering a point names the run and its time label.
 */
export function historyChartOption(series: HistorySeries, opts: HistoryChartOptions = {}): Option {
  const byTime = opts.xAxis === 'time'
  const pts = series.points
  const at = (i: number, v: number) => (byTime ? [pts[i].time, finite(v)] : finite(v))
  const band = (name: string, lower: (i: number) => number, upper: (i: number) => number, stack: string, opacity: number) => [
    { name: `${name} low`, type: 'line', stack, data: pts.map((_, i) => at(i, lower(i))), lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false }, z: 1 },
    {
      name,
      type: 'line',
      stack,
      data: pts.map((_, i) => at(i, upper(i) - lower(i))),
      lineStyle: { opacity: 0 },
      areaStyle: { color: '#5470c6', opacity },
      itemStyle: { color: '#5470c6', opacity: opacity * 2 },
      symbol: 'none',
      silent: true,
      tooltip: { show: false },
      z: 1,
    },
  ]
  const where = series.point ? formatInputs(series.point) : 'mean over all inputs'
  const q = (x: number) => formatQuantity(x, series.units)
  return {
    animation: false,
    title: { text: `${series.result} over time`, subtext: where, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    legend: { top: 52, data: ['mean', 'runs', '10–90 %', '25–75 %'] },
    grid: { top: 90, left: 60, right: 40, bottom: 50 },
    // Many runs: labels thinned (never overlapping) and the runs zoomable (wheel with Ctrl or after a click, drag to pan).
    xAxis: byTime ? { type: 'time', name: 'date', axisLabel: { hideOverlap: true } } : { type: 'category', name: 'run', data: pts.map(runLabel), axisLabel: { rotate: pts.length > 8 ? 30 : 0, hideOverlap: true, interval: runLabelInterval(pts.length) } },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false }],
    // Ticks carry the unit (`500 µs`), so the axis is named by the result alone.
    yAxis: { type: 'value', name: series.result, ...valueRange(series.kind), axisLabel: { formatter: quantityFormatter(series.units) } },
    series: [
      ...band('10–90 %', (i) => pts[i].p10, (i) => pts[i].p90, 'outer', 0.12),
      ...band('25–75 %', (i) => pts[i].p25, (i) => pts[i].p75, 'inner', 0.22),
      { name: 'mean', type: 'line', data: pts.map((p, i) => at(i, p.mean)), symbol: 'none', itemStyle: { color: '#1f77b4' }, lineStyle: { color: '#1f77b4', width: 2 }, silent: true, tooltip: { show: false }, z: 2, markLine: changeRules(series, opts.changePoints ?? [], byTime) },
      {
        name: 'runs',
        type: 'scatter',
        itemStyle: { color: '#1f77b4' },
        symbolSize: 7,
        z: 3,
        data: pts.map((p, i) => {
          const name = `${formatRunRef(p)}: ${q(p.mean)}`
          // `t` is the tooltip text the browser's hydration script shows (see src/plots/client.ts).
          const t = `${formatRunRef(p)}\n${series.point ? 'mean' : 'mean over all inputs'}: ${q(p.mean)}\n25–75 %: ${q(p.p25)} – ${q(p.p75)}\n10–90 %: ${q(p.p10)} – ${q(p.p90)}`
          return { name, t, value: byTime ? [p.time, finite(p.mean)] : [i, finite(p.mean)] }
        }),
      },
    ],
  }
}

/**
 * The text alternative of an over-time chart: what it follows, over how many runs, the range of the
 * run means and the best run.
 * @example "time over 12 runs (mean over all inputs): values from 1 ms to 1.3 ms; best (lowest) 1 ms at #3 v1.2 (2026-01-03 00:00)."
 */
export function historySummary(series: HistorySeries): string {
  const where = series.point ? `at ${formatInputs(series.point)}` : 'mean over all inputs'
  const runs = series.points.length
  const values = series.points.map((p) => ({ value: p.mean, at: formatRunRef(p) }))
  return `history chart of ${series.result} over ${runs} run${runs === 1 ? '' : 's'} (${where})${rangeAndBest(values, series.direction, (x) => formatQuantity(x, series.units))}.`
}

/** Whether a change of `ratio` (after / before) is worse or better for a result of this direction. */
export function changeSide(ratio: number, direction: HistorySeries['direction']): keyof typeof changePointColors {
  if (direction === 'none' || !Number.isFinite(ratio) || ratio === 1) return 'neither'
  return (ratio > 1) === (direction === 'minimize') ? 'worse' : 'better'
}

// --- internal ---

// One vertical rule per change point, at its run, labelled `#46 +24.8%`; undefined without any, so the option stays as it was.
function changeRules(series: HistorySeries, cps: readonly RunChangePoint[], byTime: boolean): Option | undefined {
  const data = cps.flatMap((cp) => {
    const slot = series.points.findIndex((p) => p.index === cp.index)
    if (slot < 0) return []
    const color = changePointColors[changeSide(cp.ratio, series.direction)]
    const size = formatPercent((cp.ratio - 1) * 100)
    return [{ name: `${formatRunRef(cp.run)}: ${size}`, xAxis: byTime ? cp.run.time : slot, lineStyle: { color }, label: { formatter: `${cp.run.id === null ? cp.run.label : `#${cp.run.id}`} ${size}`, color } }]
  })
  if (data.length === 0) return undefined
  return { silent: true, symbol: 'none', animation: false, lineStyle: { type: 'dashed', width: 1.5 }, label: { position: 'insideEndTop', fontSize: 11 }, data }
}
