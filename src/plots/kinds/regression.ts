// regression: a result's verdict against its history (acceptance band, baseline, current point).
import type { RunRef } from '../../model/history'
import { formatPercent, formatQuantity } from '../../format'
import { formatRunRef, type ResultVerdict } from '../../model/regression'
import { quantityFormatter } from '../tick-format'
import { finite, rangeAndBest, runLabel, runLabelInterval, seriesXYRow, valueRange } from './_shared'
import { optionKind, type Option } from './_types'

export const regression = optionKind({ kind: 'regression', source: 'regression', label: 'regression', csv: { header: ['series', 'x', 'y'], row: seriesXYRow } })

export const verdictColors = { regressed: '#d62728', ok: '#2ca02c' } as const

/**
 * The regression overlay of one result, as bencher's `build_regression_overlay`: the acceptance
 * band (clipped to the side that gates), the dashed baseline, the history line and points, a
 * dotted connector and the current point, red when regressed and green otherwise.
 */
export function regressionChartOption(r: ResultVerdict, current: RunRef): Option {
  const j = r.judgement
  const labels = [...r.baselineRuns.map(runLabel), runLabel(current)]
  const n = r.historyValues.length
  const color = r.verdict === 'regressed' ? verdictColors.regressed : verdictColors.ok
  const word = verdictWord(r)
  const twoBands = j.band !== null && j.percentBand !== null && j.band !== j.percentBand
  const bands = [j.band && { band: j.band, name: twoBands ? 'MAD band' : 'acceptance band', color: '#2ca02c' }, twoBands ? { band: j.percentBand, name: 'percentage band', color: '#6baed6' } : null]
    .filter((b): b is { band: [number, number]; name: string; color: string } => Boolean(b))
    .map((b) => ({ ...b, band: clip(b.band, j.baseline, r.direction) }))
  // An open side (absolute limits) ends at the data, so that the band does not stretch the axis.
  const seen = [...r.historyValues, j.current, j.baseline, ...bands.flatMap((b) => b.band)].filter(Number.isFinite)
  const edge = (v: number, open: 'min' | 'max') => (Number.isFinite(v) ? v : open === 'min' ? Math.min(...seen) : Math.max(...seen))
  const hasBaseline = Number.isFinite(j.baseline)
  const q = (x: number) => formatQuantity(x, r.units)
  return {
    animation: false,
    title: { text: `${r.result} — ${j.method} — ${word}  (Δ ${formatPercent(j.changePercent)})`, left: 'center', textStyle: { fontSize: 14, color } },
    tooltip: { trigger: 'item' },
    legend: { top: 30, data: ['history', 'current'] },
    grid: { top: 70, left: 60, right: 110, bottom: 60 },
    // Many runs: labels thinned (never overlapping) and the runs zoomable (wheel with Ctrl or after a click, drag to pan).
    xAxis: { type: 'category', data: labels, name: 'run', axisLabel: { rotate: labels.length > 8 ? 30 : 0, hideOverlap: true, interval: runLabelInterval(labels.length) } },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false }],
    yAxis: { type: 'value', name: r.result, ...valueRange(r.kind), axisLabel: { formatter: quantityFormatter(r.units) } },
    series: [
      {
        name: 'history',
        type: 'line',
        data: [...r.historyValues.map((v, i) => ({ name: formatRunRef(r.baselineRuns[i]), t: `${formatRunRef(r.baselineRuns[i])}\n${r.result}: ${q(v)}`, value: finite(v) })), null],
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
          ? { silent: true, symbol: 'none', data: [{ yAxis: j.baseline, name: 'baseline' }], lineStyle: { type: 'dashed', color: '#555555' }, label: { position: 'end', formatter: `baseline=${q(j.baseline)}` } }
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
        label: { show: true, position: 'top', formatter: `current=${q(j.current)}` },
        data: [{ name: formatRunRef(current), t: `${formatRunRef(current)} (current)\n${r.result}: ${q(j.current)}\n${word}, Δ ${formatPercent(j.changePercent)} against ${q(j.baseline)}`, value: [n, finite(j.current)] }],
      },
    ].filter(Boolean),
  }
}

/**
 * The text alternative of a verdict chart: the newest run's value against its baseline and the
 * verdict, then the range of every run drawn and the best of them.
 * @example "regression chart of time: the newest run #14 v2 (2026-01-14 00:00) 1.2 ms against the baseline 1 ms (+20.0%), REGRESSED (mad); 11 runs: values from 1 ms to 1.2 ms; best (lowest) 1 ms at #3 v1 (2026-01-03 00:00)."
 */
export function regressionSummary(r: ResultVerdict, current: RunRef): string {
  const j = r.judgement
  const q = (x: number) => formatQuantity(x, r.units)
  const against = Number.isFinite(j.baseline) ? ` against the baseline ${q(j.baseline)} (${formatPercent(j.changePercent)})` : ''
  const values = [...r.historyValues.map((value, i) => ({ value, at: formatRunRef(r.baselineRuns[i]) })), { value: j.current, at: formatRunRef(current) }]
  return `regression chart of ${r.result}: the newest run ${formatRunRef(current)} ${q(j.current)}${against}, ${verdictWord(r)}; ${values.length} runs${rangeAndBest(values, r.direction, q)}.`
}

// --- internal ---

function verdictWord(r: ResultVerdict): string {
  const j = r.judgement
  return r.verdict === 'regressed' ? `REGRESSED${j.fired.length > 0 ? ` (${j.fired.join('+')})` : ''}` : r.verdict === 'improved' ? 'IMPROVED' : r.verdict === 'young' ? 'YOUNG' : 'OK'
}

// The side of a band that gates: a minimize result regresses above the baseline, a maximize one below.
function clip(band: [number, number], baseline: number, direction: ResultVerdict['direction']): [number, number] {
  if (!Number.isFinite(baseline)) return band
  if (direction === 'minimize') return [baseline, band[1]]
  if (direction === 'maximize') return [band[0], baseline]
  return band
}
