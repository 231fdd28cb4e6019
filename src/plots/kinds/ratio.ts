// ratio: run B against run A per sweep point (the compare page): the ratio B/A of their means, a
// rule at 1, the verdict's band, and whether each point's change is significant (Mann-Whitney U).
import { formatInputs, formatNumber, formatPercent, formatQuantity } from '../../format'
import { formatRunRef, type PointComparison, type ResultComparison, type RunComparison } from '../../model/regression'
import { finite, rangeAndBest, seriesXYRow } from './_shared'
import { optionKind, type Option } from './_types'

export const ratio = optionKind({ kind: 'ratio', source: 'comparison', label: 'ratio B/A', csv: { header: ['series', 'point', 'ratio'], row: seriesXYRow } })

/** Most points a ratio chart draws: the changed ones first, then the others in sweep order (as the table below it). */
export const maxRatioPoints = 2000

/** Colours of a point by its verdict; filled where the change is significant, hollow where it is not (or cannot be tested). */
export const ratioColors = { regressed: '#d62728', improved: '#2ca02c', unchanged: '#1f77b4', missing: '#9e9e9e' } as const

/** The points a ratio chart draws, in sweep order, and how many it leaves out. */
export function ratioPoints(points: readonly PointComparison[]): { shown: PointComparison[]; left: number } {
  const measured = points.filter((p) => Number.isFinite(p.ratio))
  if (measured.length <= maxRatioPoints) return { shown: measured, left: 0 }
  const moved = (p: PointComparison) => p.verdict === 'regressed' || p.verdict === 'improved'
  const keep = new Set(measured.filter(moved).slice(0, maxRatioPoints))
  for (const p of measured) if (keep.size < maxRatioPoints && !keep.has(p)) keep.add(p)
  return { shown: measured.filter((p) => keep.has(p)), left: measured.length - keep.size }
}

/** The grid and category axis of a chart with one slot per sweep point (ratio, pair): names slanted when many, none past 60. */
export function pointAxis(labels: readonly string[]): Option {
  const slanted = labels.length > 8
  return {
    // A slanted name reaches left of its slot: the first one needs room beyond the y axis labels.
    grid: { top: 100, left: slanted ? 130 : 30, right: 50, bottom: 30, containLabel: true },
    xAxis: { type: 'category', name: 'point', data: labels, axisLabel: { show: labels.length <= 60, rotate: slanted ? 40 : 0, interval: 0, width: 200, overflow: 'truncate' } },
  }
}

/**
 * The ratio chart of one result of a comparison: per sweep point B/A, coloured by its verdict, filled
 * where the change is significant and hollow where it is not (or cannot be); a rule at 1 and, for a
 * percentage verdict, its ±threshold band. The tooltip names the point, A, B, the ratio and p.
 */
export function ratioChartOption(r: ResultComparison, c: Pick<RunComparison, 'a' | 'b'>): Option {
  const { shown } = ratioPoints(r.points)
  const labels = shown.map((p) => formatInputs(p.inputs) || 'the only point')
  const j = r.judgement
  const q = (x: number) => formatQuantity(x, r.units)
  const item = (p: PointComparison, i: number) => ({
    name: labels[i],
    t: `${labels[i]}\nA ${q(p.a.mean)}, B ${q(p.b.mean)}\nB/A ${formatNumber(p.ratio)} (${formatPercent(p.changePercent)})\np ${p.pValue === null ? '— (too few repeats)' : formatNumber(p.pValue)}${p.significant ? ', significant' : ''}\n${p.verdict}`,
    value: [i, finite(p.ratio)],
    itemStyle: { color: ratioColors[p.verdict] },
  })
  const significant = shown.flatMap((p, i) => (p.significant ? [item(p, i)] : []))
  const other = shown.flatMap((p, i) => (p.significant ? [] : [item(p, i)]))
  const band = j.method === 'percentage' && j.threshold !== null && Number.isFinite(j.threshold) ? [1 - j.threshold / 100, 1 + j.threshold / 100] : null
  return {
    animation: false,
    title: { text: `${r.result}: B/A per sweep point`, subtext: `B ${formatRunRef(c.b)} / A ${formatRunRef(c.a)}`, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    legend: { top: 52, data: ['significant', 'not significant'] },
    ...pointAxis(labels),
    yAxis: { type: 'value', name: 'B/A', scale: true },
    series: [
      {
        name: 'significant',
        type: 'scatter',
        symbolSize: 10,
        itemStyle: { color: '#555555' },
        data: significant,
        z: 3,
        markLine: { silent: true, symbol: 'none', data: [{ yAxis: 1, name: 'B = A' }], lineStyle: { color: '#555555', type: 'solid' }, label: { position: 'end', formatter: '1' } },
        markArea: band ? { silent: true, data: [[{ name: `±${formatNumber(j.threshold as number)}%`, yAxis: band[0], itemStyle: { color: '#2ca02c', opacity: 0.1 } }, { yAxis: band[1] }]], label: bandLabel } : undefined,
      },
      { name: 'not significant', type: 'scatter', symbol: 'emptyCircle', symbolSize: 9, itemStyle: { color: '#555555', borderWidth: 1.5 }, data: other, z: 2 },
    ],
  }
}

/**
 * The text alternative of a ratio chart: the runs compared, the range of the ratios drawn and the
 * point that changed most for the better (lowest B/A for a result where lower is better), and how
 * many changes are significant.
 * @example "ratio B/A chart of time per sweep point, B #14 v2 against A #12 v1: values from 0.8 to 1.25; best (lowest) 0.8 at n=16; 2 of 8 points significant."
 */
export function ratioSummary(r: ResultComparison, c: Pick<RunComparison, 'a' | 'b'>): string {
  const { shown } = ratioPoints(r.points)
  const values = shown.map((p) => ({ value: p.ratio, at: formatInputs(p.inputs) || 'the only point' }))
  const significant = shown.filter((p) => p.significant).length
  return `ratio B/A chart of ${r.result} per sweep point, B ${formatRunRef(c.b)} against A ${formatRunRef(c.a)}${rangeAndBest(values, r.direction, formatNumber)}; ${significant} of ${shown.length} points significant.`
}

// The band's name beside the plot, right of its top edge: inside it, its corner covered the first
// point whenever B equalled A there; the rule's "1" stays clear below it.
const bandLabel = { position: ['100%', 0], align: 'left', verticalAlign: 'bottom', offset: [4, 0], fontSize: 11, color: '#2ca02c' }
