import { formatNumber, formatPercent } from '../../format'
import { formatInputs, type HistorySeries, type RunRef } from '../../model/history'
import { formatRunRef, type ResultVerdict } from '../../model/regression'

/** An ECharts option as plain JSON data (no functions), so it can travel in a `<script type="application/json">`. */
export type ChartOption = Record<string, unknown>

export type HistoryChartOptions = {
  /** `order`: one slot per run, named by its label; `time`: runs placed by date. @default 'order' */
  xAxis?: 'order' | 'time'
}

export const verdictColors = { regressed: '#d62728', ok: '#2ca02c' } as const

/**
 * The over-time chart of one result: the mean per run with 10–90 and 25–75 percentile bands and
 * the run means as points; hovering a point names the run and its time label.
 */
export function historyChartOption(series: HistorySeries, opts: HistoryChartOptions = {}): ChartOption {
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
  const unit = series.units ? ` ${series.units}` : ''
  return {
    animation: false,
    title: { text: `${series.result} over time`, subtext: where, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    legend: { top: 52, data: ['mean', 'runs', '10–90 %', '25–75 %'] },
    grid: { top: 90, left: 60, right: 40, bottom: 50 },
    xAxis: byTime ? { type: 'time', name: 'date' } : { type: 'category', name: 'run', data: pts.map(runLabel), axisLabel: { rotate: pts.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: series.units, scale: true },
    series: [
      ...band('10–90 %', (i) => pts[i].p10, (i) => pts[i].p90, 'outer', 0.12),
      ...band('25–75 %', (i) => pts[i].p25, (i) => pts[i].p75, 'inner', 0.22),
      { name: 'mean', type: 'line', data: pts.map((p, i) => at(i, p.mean)), symbol: 'none', itemStyle: { color: '#1f77b4' }, lineStyle: { color: '#1f77b4', width: 2 }, silent: true, tooltip: { show: false }, z: 2 },
      {
        name: 'runs',
        type: 'scatter',
        itemStyle: { color: '#1f77b4' },
        symbolSize: 7,
        z: 3,
        data: pts.map((p, i) => {
          const name = `${formatRunRef(p)}: ${formatNumber(p.mean)}${unit}`
          // `t` is the tooltip text the browser's hydration script shows (see src/plots/client.ts).
          const t = `${formatRunRef(p)}\n${series.point ? 'mean' : 'mean over all inputs'}: ${formatNumber(p.mean)}${unit}\n25–75 %: ${formatNumber(p.p25)} – ${formatNumber(p.p75)}\n10–90 %: ${formatNumber(p.p10)} – ${formatNumber(p.p90)}`
          return { name, t, value: byTime ? [p.time, finite(p.mean)] : [i, finite(p.mean)] }
        }),
      },
    ],
  }
}

/**
 * The regression overlay of one result, as bencher's `build_regression_overlay`: the acceptance
 * band (clipped to the side that gates), the dashed baseline, the history line and points, a
 * dotted connector and the current point, red when regressed and green otherwise.
 */
export function regressionChartOption(r: ResultVerdict, current: RunRef): ChartOption {
  const j = r.judgement
  const labels = [...r.baselineRuns.map(runLabel), runLabel(current)]
  const n = r.historyValues.length
  const color = r.verdict === 'regressed' ? verdictColors.regressed : verdictColors.ok
  const word = r.verdict === 'regressed' ? `REGRESSED${j.fired.length > 0 ? ` (${j.fired.join('+')})` : ''}` : r.verdict === 'improved' ? 'IMPROVED' : r.verdict === 'young' ? 'YOUNG' : 'OK'
  const twoBands = j.band !== null && j.percentBand !== null && j.band !== j.percentBand
  const bands = [j.band && { band: j.band, name: twoBands ? 'MAD band' : 'acceptance band', color: '#2ca02c' }, twoBands ? { band: j.percentBand, name: 'percentage band', color: '#6baed6' } : null]
    .filter((b): b is { band: [number, number]; name: string; color: string } => Boolean(b))
    .map((b) => ({ ...b, band: clip(b.band, j.baseline, r.direction) }))
  // An open side (absolute limits) ends at the data, so that the band does not stretch the axis.
  const seen = [...r.historyValues, j.current, j.baseline, ...bands.flatMap((b) => b.band)].filter(Number.isFinite)
  const edge = (v: number, open: 'min' | 'max') => (Number.isFinite(v) ? v : open === 'min' ? Math.min(...seen) : Math.max(...seen))
  const hasBaseline = Number.isFinite(j.baseline)
  const unit = r.units ? ` ${r.units}` : ''
  return {
    animation: false,
    title: { text: `${r.result} — ${j.method} — ${word}  (Δ ${formatPercent(j.changePercent)})`, left: 'center', textStyle: { fontSize: 14, color } },
    tooltip: { trigger: 'item' },
    legend: { top: 30, data: ['history', 'current'] },
    grid: { top: 70, left: 60, right: 110, bottom: 60 },
    xAxis: { type: 'category', data: labels, name: 'run', axisLabel: { rotate: labels.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: r.units, scale: true },
    series: [
      {
        name: 'history',
        type: 'line',
        data: [...r.historyValues.map((v, i) => ({ name: formatRunRef(r.baselineRuns[i]), t: `${formatRunRef(r.baselineRuns[i])}\n${r.result}: ${formatNumber(v)}${unit}`, value: finite(v) })), null],
        itemStyle: { color: '#1f77b4' },
        lineStyle: { color: '#1f77b4', opacity: 0.7 },
        symbolSize: 5,
        markArea: {
          silent: true,
          label: { show: false },
          data: bands.map((b) => [
            { name: b.name, yAxis: edge(b.band[0], 'min'), itemStyle: { color: b.color, opacity: 0.15 } },
            { yAxis: edge(b.band[1], 'max') },
          ]),
        },
        markLine: hasBaseline
          ? { silent: true, symbol: 'none', data: [{ yAxis: j.baseline, name: 'baseline' }], lineStyle: { type: 'dashed', color: '#555555' }, label: { position: 'end', formatter: `baseline=${formatNumber(j.baseline)}` } }
          : undefined,
      },
      n > 0
        ? { name: 'change', type: 'line', data: [...Array(n - 1).fill(null), finite(r.historyValues[n - 1]), finite(j.current)], symbol: 'none', lineStyle: { type: 'dotted', color }, silent: true, tooltip: { show: false } }
        : null,
      {
        name: 'current',
        type: 'scatter',
        symbolSize: 14,
        itemStyle: { color, borderColor: '#000', borderWidth: 1 },
        label: { show: true, position: 'top', formatter: `current=${formatNumber(j.current)}` },
        data: [{ name: formatRunRef(current), t: `${formatRunRef(current)} (current)\n${r.result}: ${formatNumber(j.current)}${unit}\n${word}, Δ ${formatPercent(j.changePercent)} against ${formatNumber(j.baseline)}`, value: [n, finite(j.current)] }],
      },
    ].filter(Boolean),
  }
}

// --- internal ---

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null
}

function runLabel(ref: RunRef): string {
  return ref.id === null ? ref.label : `#${ref.id} ${ref.label}`
}

// The side of a band that gates: a minimize result regresses above the baseline, a maximize one below.
function clip(band: [number, number], baseline: number, direction: ResultVerdict['direction']): [number, number] {
  if (!Number.isFinite(baseline)) return band
  if (direction === 'minimize') return [baseline, band[1]]
  if (direction === 'maximize') return [band[0], baseline]
  return band
}
