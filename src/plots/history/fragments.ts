/**
 * HTML fragments of the history, regression, compare and index views. Every user text is escaped;
 * chart figures carry `data-chart` and `data-result`, a server-rendered SVG (when a renderer is
 * given) and the ECharts option in `<script type="application/json" class="chart-option">`.
 */
import { describeInputChanges, formatInputs, type HistorySeries, type InputChange, type RunRef } from '../../model/history'
import {
  formatChange,
  formatNumber,
  formatPercent,
  formatRunRef,
  formatThreshold,
  pointsWith,
  type BenchmarkVerdict,
  type IndexRow,
  type PointVerdict,
  type ResultComparison,
  type ResultVerdict,
  type RunComparison,
} from '../../model/regression'
import { escapeHtml, scriptJson } from './html'
import { historyChartOption, regressionChartOption, verdictColors, type ChartOption, type HistoryChartOptions } from './options'
import { sparklineSvg } from './sparkline'

/** Renders an ECharts option to an SVG string (the charts module's `renderSvg`). */
export type SvgRenderer = (option: ChartOption, size: { width: number; height: number }) => string

export type FigureOptions = {
  /** Server-side SVG renderer; without one the figure holds only the option for the browser to draw. */
  renderSvg?: SvgRenderer
  /** @default 700 */
  width?: number
  /** @default 350 */
  height?: number
  /** Accessible name of the figure. @default none */
  label?: string
}

/** A chart figure: `<figure data-chart=… data-result=…>` with the SVG and the option JSON. */
export function chartFigureHtml(chart: string, result: string, option: ChartOption, opts: FigureOptions = {}): string {
  const size = { width: opts.width ?? 700, height: opts.height ?? 350 }
  const svg = opts.renderSvg ? opts.renderSvg(option, size) : ''
  return (
    `<figure class="chart chart-${escapeHtml(chart)}" data-chart="${escapeHtml(chart)}" data-result="${escapeHtml(result)}" data-width="${size.width}" data-height="${size.height}"${opts.label ? ` aria-label="${escapeHtml(opts.label)}"` : ''}>` +
    // `.bp-svg` is the holder /assets/charts.js swaps for the live chart (src/plots/client.ts).
    `<div class="chart-svg bp-svg">${svg}</div>` +
    `<script type="application/json" class="chart-option">${scriptJson(option)}</script>` +
    `</figure>`
  )
}

/** The over-time chart of one result (`data-chart="history"`). */
export function historyFigureHtml(series: HistorySeries, opts: FigureOptions & HistoryChartOptions = {}): string {
  return chartFigureHtml('history', series.result, historyChartOption(series, opts), opts)
}

/** The regression overlay of one result (`data-chart="regression"`). */
export function regressionFigureHtml(r: ResultVerdict, current: RunRef, opts: FigureOptions = {}): string {
  return chartFigureHtml('regression', r.result, regressionChartOption(r, current), opts)
}

/** "A new history started" and what changed in the inputs; '' when nothing changed. */
export function inputChangesHtml(changes: readonly InputChange[]): string {
  if (changes.length === 0) return ''
  const items = describeInputChanges(changes).map((t) => `<li>${escapeHtml(t)}</li>`)
  return `<div class="history-change"><p>A new history started here: the inputs changed. Earlier runs stay in the earlier history.</p><ul>${items.join('')}</ul></div>`
}

/**
 * The verdict summary shown at the top of the newest run: per result the verdict, change,
 * baseline, current, method and threshold, then the inputs that regressed or improved.
 */
export function verdictSummaryHtml(v: BenchmarkVerdict): string {
  const regressed = v.results.filter((r) => r.blocking)
  const headline =
    v.results.length === 0
      ? 'No float or bool result to judge.'
      : regressed.length > 0
        ? `${regressed.length} regression${regressed.length === 1 ? '' : 's'} detected`
        : v.results.every((r) => r.verdict === 'young')
          ? 'Young baseline: nothing to compare with yet'
          : 'No regressions detected'
  const earlier = v.runs - 1
  const context = `${escapeHtml(formatRunRef(v.current))} against ${earlier} earlier run${earlier === 1 ? '' : 's'} of this history`
  const rows = v.results.map((r) => {
    const j = r.judgement
    const young = r.verdict === 'young'
    const cells = [
      `<td class="result">${escapeHtml(r.result)}${young ? '<sup>†</sup>' : ''}</td>`,
      `<td class="verdict">${verdictBadge(r.verdict)}</td>`,
      `<td class="num change">${escapeHtml(j.skipped && !young ? '—' : formatChange(j))}</td>`,
      `<td class="num baseline">${escapeHtml(formatNumber(j.baseline))}</td>`,
      `<td class="num current">${escapeHtml(formatNumber(j.current))}</td>`,
      `<td class="method">${escapeHtml(j.method)}${j.fired.length > 0 ? ` <span class="fired">(${escapeHtml(j.fired.join('+'))})</span>` : ''}</td>`,
      `<td class="threshold">${escapeHtml(formatThreshold(j, r.direction))}</td>`,
    ]
    const notes = [r.note && !young ? `<span class="note">${escapeHtml(r.note)}</span>` : '', pointsLine(r.points, 'regressed'), pointsLine(r.points, 'improved')].filter(Boolean)
    const detail = notes.length > 0 ? `<tr class="verdict-detail" data-result="${escapeHtml(r.result)}"><td colspan="7">${notes.join('<br>')}</td></tr>` : ''
    return `<tr class="verdict-${r.verdict}" data-result="${escapeHtml(r.result)}" data-verdict="${r.verdict}">${cells.join('')}</tr>${detail}`
  })
  const young = v.results.some((r) => r.verdict === 'young') ? '<p class="footnote"><sup>†</sup> young baseline — notify only, does not block</p>' : ''
  return (
    `<section class="verdict-summary" data-verdict="${v.regressed ? 'regressed' : 'ok'}">` +
    `<p class="verdict-headline"><strong>${escapeHtml(headline)}</strong> — ${context}</p>` +
    inputChangesHtml(v.inputChanges) +
    (rows.length > 0
      ? `<div class="table-wrap"><table class="verdicts"><thead><tr><th>Result</th><th>Verdict</th><th>Change</th><th>Baseline</th><th>Current</th><th>Method</th><th>Threshold</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
      : '') +
    young +
    `</section>`
  )
}

/** Per sweep point of one result: baseline, current, change, p-value and verdict. */
export function pointVerdictTableHtml(r: ResultVerdict): string {
  const rows = boundedRows(
    r.points,
    6,
    (p) =>
      `<tr class="verdict-${p.verdict}" data-verdict="${p.verdict}"><td>${escapeHtml(formatInputs(p.inputs))}</td>` +
      `<td class="num">${escapeHtml(formatNumber(p.baseline))}</td><td class="num">${escapeHtml(formatNumber(p.current))}</td>` +
      `<td class="num">${escapeHtml(formatPercent(p.changePercent))}</td><td class="num">${p.pValue === null ? '—' : escapeHtml(formatNumber(p.pValue))}</td>` +
      `<td>${verdictBadge(p.verdict)}</td></tr>`,
  )
  return `<table class="point-verdicts" data-result="${escapeHtml(r.result)}"><thead><tr><th>Inputs</th><th>Baseline</th><th>Current</th><th>Change</th><th>p</th><th>Verdict</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/**
 * The per-point comparison table of one result between two runs (overlay `?vs=` and `/compare`):
 * A, B, the ratio B/A, the change, the Mann-Whitney U p-value and a mark where the change is significant.
 */
export function comparisonTableHtml(r: ResultComparison): string {
  const rows = boundedRows(r.points, 7, (p) => {
    const mark = p.significant ? '<span class="significant" title="significant (Mann-Whitney U)">*</span>' : ''
    return (
      `<tr class="verdict-${p.verdict}" data-verdict="${p.verdict}"><td>${escapeHtml(formatInputs(p.inputs))}</td>` +
      `<td class="num">${escapeHtml(formatNumber(p.a.mean))}</td><td class="num">${escapeHtml(formatNumber(p.b.mean))}</td>` +
      `<td class="num ratio">${Number.isFinite(p.ratio) ? p.ratio.toFixed(3) : '—'}</td><td class="num">${escapeHtml(formatPercent(p.changePercent))}</td>` +
      `<td class="num">${p.pValue === null ? '—' : escapeHtml(formatNumber(p.pValue))}${mark}</td><td>${verdictBadge(p.verdict)}</td></tr>`
    )
  })
  return `<table class="comparison" data-result="${escapeHtml(r.result)}"><thead><tr><th>Inputs</th><th>A</th><th>B</th><th>B/A</th><th>Change</th><th>p</th><th>Verdict</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/** The body of the `/compare?a=&b=` page: which runs, whether their inputs differ, and per result a verdict and the point table. */
export function comparisonHtml(c: RunComparison): string {
  const header = `<p class="compare-runs">B: ${escapeHtml(formatRunRef(c.b))} against A: ${escapeHtml(formatRunRef(c.a))}</p>`
  const differs = c.sameInputs
    ? ''
    : `<p class="history-change">The inputs differ (${escapeHtml(describeInputChanges(c.inputChanges).join('; '))}); only the points both runs have are compared.</p>`
  const sections = c.results.map((r) => {
    const j = r.judgement
    const line = j.skipped
      ? `not judged: ${escapeHtml(j.skipped)}`
      : `${verdictBadge(r.verdict)} ${escapeHtml(formatChange(j))} (A ${escapeHtml(formatNumber(j.baseline))}, B ${escapeHtml(formatNumber(j.current))}, ${escapeHtml(j.method)} ${escapeHtml(formatThreshold(j, r.direction))})`
    return `<section class="compare-result" data-result="${escapeHtml(r.result)}" data-verdict="${r.verdict}"><h3>${escapeHtml(r.result)}</h3><p>${line}</p><div class="table-wrap">${comparisonTableHtml(r)}</div></section>`
  })
  const none = c.results.length === 0 ? '<p>No float or bool result in both runs.</p>' : ''
  return `<div class="comparison-view" data-regressed="${c.regressed}">${header}${differs}${sections.join('')}${none}</div>`
}

/** Most rows a per-point table shows: a sweep of a million points must not make a page of a million rows. */
export const maxPointRows = 100

// All points in sweep order when they fit; otherwise the changed ones first, then as many others
// as fit, and one row saying how many are left out and where to find them all.
function boundedRows<P extends { verdict: string }>(points: readonly P[], columns: number, render: (p: P) => string): string[] {
  if (points.length <= maxPointRows) return points.map(render)
  const changed = points.filter((p) => p.verdict === 'regressed' || p.verdict === 'improved')
  const shown = changed.length >= maxPointRows ? changed.slice(0, maxPointRows) : [...changed, ...points.filter((p) => p.verdict !== 'regressed' && p.verdict !== 'improved').slice(0, maxPointRows - changed.length)]
  const left = points.length - shown.length
  const leftChanged = changed.length - Math.min(changed.length, maxPointRows)
  const note = `${left} more points not shown${leftChanged > 0 ? ` (${leftChanged} of them changed)` : ', none of them changed'}; every point is in <code>bench-plot check --json</code> and <code>bench-plot compare --json</code>.`
  return [...shown.map(render), `<tr class="more-points"><td colspan="${columns}">${note}</td></tr>`]
}

export type IndexRowOptions = {
  /** Link of the benchmark's page. @default `/<name>` (URL-encoded) */
  href?: string
}

/**
 * One row of the index table, with `data-` attributes to sort and filter on (name, runs, latest
 * time, verdict) and per result the latest value, a sparkline and the verdict.
 */
export function indexRowHtml(row: IndexRow, opts: IndexRowOptions = {}): string {
  const href = opts.href ?? `/${encodeURIComponent(row.name)}`
  const results = row.results.map((r) => {
    const color = r.verdict === 'regressed' ? verdictColors.regressed : r.verdict === 'improved' ? verdictColors.ok : undefined
    const spark = sparklineSvg(r.spark, { label: `${r.result} over the last ${r.spark.length} runs`, lastColor: color })
    const units = r.units ? ` ${escapeHtml(r.units)}` : ''
    return (
      `<div class="index-result" data-result="${escapeHtml(r.result)}" data-verdict="${r.verdict}">` +
      `<span class="result">${escapeHtml(r.result)}</span> <span class="num latest">${escapeHtml(formatNumber(r.latest))}${units}</span> ${spark} ` +
      `${verdictBadge(r.verdict)}${r.verdict === 'regressed' || r.verdict === 'improved' ? ` <span class="num change">${escapeHtml(formatPercent(r.changePercent))}</span>` : ''}</div>`
    )
  })
  return (
    `<tr class="index-row" data-name="${escapeHtml(row.name)}" data-runs="${row.runs}" data-latest="${escapeHtml(row.latest.time)}" data-verdict="${row.verdict ?? 'none'}">` +
    `<td class="name"><a href="${escapeHtml(href)}">${escapeHtml(row.name)}</a><div class="title">${escapeHtml(row.title)}</div></td>` +
    `<td class="num runs">${row.runs}</td><td class="latest">${escapeHtml(formatRunRef(row.latest))}</td>` +
    `<td class="results">${results.join('')}</td><td class="verdict">${row.verdict ? verdictBadge(row.verdict) : ''}</td></tr>`
  )
}

/** A verdict as a small labelled badge. */
export function verdictBadge(verdict: PointVerdict['verdict']): string {
  return `<span class="verdict-badge verdict-${verdict}">${verdict}</span>`
}

// --- internal ---

function pointsLine(points: readonly PointVerdict[], verdict: 'regressed' | 'improved'): string {
  const hits = pointsWith(points, verdict)
  if (hits.length === 0 || (points.length === 1 && Object.keys(points[0].inputs).length === 0)) return ''
  const shown = hits.slice(0, 8).map((p) => `${formatInputs(p.inputs)} (${formatPercent(p.changePercent)}${p.pValue === null ? '' : `, p=${formatNumber(p.pValue)}`})`)
  const more = hits.length > 8 ? `; and ${hits.length - 8} more` : ''
  return `<span class="points-${verdict}">${verdict === 'regressed' ? 'Regressed' : 'Improved'} at ${escapeHtml(shown.join('; ') + more)}</span>`
}
