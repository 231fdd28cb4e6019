// pair: run A and run B at each sweep point (the compare page, for sweeps with no float-like input
// to draw along): B's mean solid, A's hollow, each with its ±1 std spread over repeats (A's dashed).
import { formatInputs, formatQuantity } from '../../format'
import { formatRunRef, type ResultComparison, type RunComparison } from '../../model/regression'
import { std } from '../../model/stats'
import type { Run } from '../../model/types'
import { quantityFormatter } from '../tick-format'
import { finite, rangeAndBest, seriesXYRow } from './_shared'
import { optionKind, type Option } from './_types'
import { pointAxis, ratioPoints } from './ratio'

export const pair = optionKind({ kind: 'pair', source: 'comparison', label: 'A and B', csv: { header: ['series', 'point', 'value'], row: seriesXYRow } })

export const pairColors = { a: '#7f7f7f', b: '#1f77b4' } as const

/**
 * A and B per sweep point of one result of a comparison of runs with the same inputs, on a
 * category axis of the points (the ones `ratioPoints` draws): B a filled dot with a solid ±1 std
 * line, A a hollow dot with a dashed one. Spreads need 2 repeats; without, the dots alone.
 */
export function pairChartOption(r: ResultComparison, c: Pick<RunComparison, 'a' | 'b'>, runs: { a: Run; b: Run }): Option {
  const { shown } = ratioPoints(r.points)
  const labels = shown.map((p) => formatInputs(p.inputs) || 'the only point')
  // The runs have the same inputs, so a point's place in the sweep is the same in both.
  const index = new Map(r.points.map((p, i) => [p, i]))
  const spread = (run: Run, at: number) => {
    const column = run.data[r.result]
    if (!(column instanceof Float64Array) || run.repeats < 2) return Number.NaN
    return std(column.subarray(at * run.repeats, (at + 1) * run.repeats))
  }
  const q = (x: number) => formatQuantity(x, r.units)
  const side = (which: 'a' | 'b') => {
    const run = runs[which]
    const ref = formatRunRef(c[which])
    const dots = shown.map((p, i) => {
      const s = spread(run, index.get(p) as number)
      return { name: labels[i], t: `${which.toUpperCase()}: ${ref}\n${labels[i]}\nmean ${q(p[which].mean)}${Number.isFinite(s) ? ` ± ${q(s)}` : ''} (${p[which].n} samples)`, value: [i, finite(p[which].mean)], s }
    })
    // One polyline broken by nulls: a vertical stroke per point from mean − std to mean + std.
    const strokes = dots.flatMap((d, i) => (Number.isFinite(d.s) ? [[i, finite((d.value[1] as number) - d.s)], [i, finite((d.value[1] as number) + d.s)], null] : []))
    const name = `${which.toUpperCase()}: ${ref}`
    const color = pairColors[which]
    return [
      { name, type: 'scatter', symbol: which === 'b' ? 'circle' : 'emptyCircle', symbolSize: which === 'b' ? 9 : 12, itemStyle: { color, borderWidth: 1.5 }, data: dots.map(({ s: _, ...d }) => d), z: which === 'b' ? 4 : 3 },
      strokes.length > 0 ? { name, type: 'line', data: strokes, connectNulls: false, symbol: 'none', silent: true, tooltip: { show: false }, lineStyle: { color, width: which === 'b' ? 2 : 1.5, type: which === 'b' ? 'solid' : 'dashed' }, z: which === 'b' ? 2 : 1 } : null,
    ].filter(Boolean)
  }
  return {
    animation: false,
    title: { text: `${r.result}: A and B per sweep point`, subtext: 'B solid, A hollow and dashed; lines ±1 std over repeats', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    legend: { top: 52, data: [`B: ${formatRunRef(c.b)}`, `A: ${formatRunRef(c.a)}`] },
    ...pointAxis(labels),
    yAxis: { type: 'value', name: r.result, scale: true, axisLabel: { formatter: quantityFormatter(r.units) } },
    series: [...side('b'), ...side('a')],
  }
}

/**
 * The text alternative of an A-and-B chart: B's range and best point, then A's.
 * @example "A and B chart of time per sweep point. B #14 v2: values from 1 ms to 3 ms; best (lowest) 1 ms at algo=quick. A #12 v1: values from 1.1 ms to 3.2 ms; best (lowest) 1.1 ms at algo=quick."
 */
export function pairSummary(r: ResultComparison, c: Pick<RunComparison, 'a' | 'b'>): string {
  const { shown } = ratioPoints(r.points)
  const q = (x: number) => formatQuantity(x, r.units)
  const side = (which: 'a' | 'b') => `${which.toUpperCase()} ${formatRunRef(c[which])}${rangeAndBest(shown.map((p) => ({ value: p[which].mean, at: formatInputs(p.inputs) || 'the only point' })), r.direction, q)}.`
  return `A and B chart of ${r.result} per sweep point. ${side('b')} ${side('a')}`
}
