// Where the server meets src/plots/history: the verdict, history, comparison and index fragments,
// with charts drawn to SVG on the server by the charts module's renderer.
import { historySeries, scalarResults, type History, type InputChange } from '../../model/history'
import type { BenchmarkVerdict, IndexRow, RunComparison } from '../../model/regression'
import {
  comparisonTableHtml,
  escapeHtml,
  historyFigureHtml,
  indexRowHtml,
  inputChangesHtml,
  pointVerdictTableHtml,
  regressionFigureHtml,
  verdictBadge,
  verdictSummaryHtml,
  type SvgRenderer,
} from '../../plots/history'
import { formatChange, formatNumber, formatRunRef, formatThreshold } from '../../model/regression'
import { renderSvg } from './charts-region'
import { benchmarkPath } from './links'

export type HistoryView = {
  /** The sweep point followed alone, as an index into the history's points; null for the mean over all inputs. */
  point: number | null
  xAxis: 'order' | 'time'
}

/** The top of the newest run: the verdict summary, then per result with history its regression overlay and per-point verdicts. */
/** A sweep whose points were not judged yet: how many, and the link that judges them. */
export type DeferredPoints = { count: number; href: string } | null

export function verdictRegion(v: BenchmarkVerdict, opts: { deferred?: DeferredPoints } = {}): string {
  const svg = svgRenderer(`v${v.current.id ?? 0}-`)
  const judged = judgedResults(v)
  const figures = judged.map((r) => regressionFigureHtml(r, v.current, { renderSvg: svg, width: 600, height: 300, label: `${r.result}: the newest run against its history` }))
  const points = judged
    .filter((r) => r.points.length > 1)
    .map((r) => {
      const changed = r.points.filter((p) => p.verdict === 'regressed' || p.verdict === 'improved').length
      return `<details class="point-verdicts"><summary>${escapeHtml(r.result)} per sweep point: ${changed} of ${r.points.length} changed</summary><div class="table-wrap">${pointVerdictTableHtml(r)}</div></details>`
    })
  return (
    `<section class="verdict-region" id="verdict">` +
    verdictSummaryHtml(v) +
    (figures.length > 0 ? `<div class="history-figures">${figures.join('')}</div>` : '') +
    points.join('') +
    deferredNote(opts.deferred ?? null, 'verdict') +
    `</section>`
  )
}

/** How many charts `verdictRegion` draws: one per result with earlier runs to compare with. */
export function verdictFigureCount(v: BenchmarkVerdict): number {
  return judgedResults(v).length
}

/** "A new history started here" and what changed, for the first run of a later history. */
export function inputChangesNote(changes: readonly InputChange[]): string {
  return inputChangesHtml(changes)
}

/** The history tab: one over-time chart per scalar result, then a table of every run's value. */
export function historyRegion(history: History, view: HistoryView): string {
  const current = history.runs.at(-1)
  if (!current) return ''
  const svg = svgRenderer(`h${history.index}-`)
  const all = scalarResults(current).map((r) => historySeries(history, r.name, view.point === null ? {} : { point: view.point }))
  if (all.length === 0) return '<p class="more">No float or bool result to follow over time.</p>'
  const figures = all.map((series) =>
    historyFigureHtml(series, { renderSvg: svg, xAxis: view.xAxis, width: 600, height: 340, label: `${series.result} over the runs of this history` }),
  )
  const head = all.map((s) => `<th class="num">${escapeHtml(s.units ? `${s.result} (${s.units})` : s.result)}</th>`).join('')
  const rows = history.runs.map((run, i) => {
    const ref = all[0].points[i]
    const cells = all.map((s) => `<td class="num">${escapeHtml(formatNumber(s.points[i].mean))}</td>`).join('')
    const link = `<a href="${escapeHtml(benchmarkPath(run.benchmark))}?run=${run.id}">${escapeHtml(formatRunRef(ref))}</a>`
    return `<tr><td>${link}</td>${cells}</tr>`
  })
  const table = `<details class="history-runs"><summary>Values per run (${view.point === null ? 'mean over all inputs' : 'at this sweep point'})</summary><div class="table-wrap"><table class="data"><thead><tr><th>Run</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div></details>`
  return `<div class="history-figures">${figures.join('')}</div>${table}`
}

/** The comparison of the shown run (B) against another (A): per result a line and the per-point table. */
export function comparisonRegion(c: RunComparison, opts: { openUpTo?: number; deferred?: DeferredPoints } = {}): string {
  const openUpTo = opts.openUpTo ?? 40
  if (c.results.length === 0) return '<p class="more">No float or bool result in both runs.</p>'
  const differs = c.sameInputs
    ? ''
    : `<p class="history-change">The inputs differ; only the sweep points both runs have are compared.</p>`
  const sections = c.results.map((r) => {
    const j = r.judgement
    const significant = r.points.filter((p) => p.significant).length
    const pointsPart = opts.deferred ? '' : `; ${significant} of ${r.points.length} point${r.points.length === 1 ? '' : 's'} changed significantly`
    const line = j.skipped
      ? `not judged: ${escapeHtml(j.skipped)}`
      : `${verdictBadge(r.verdict)} <span class="num">${escapeHtml(formatChange(j))}</span> (A ${escapeHtml(formatNumber(j.baseline))}, B ${escapeHtml(formatNumber(j.current))}, ${escapeHtml(j.method)} ${escapeHtml(formatThreshold(j, r.direction))})${pointsPart}`
    // Points judged on request: the line alone, no empty table to open.
    if (opts.deferred) return `<p class="compare-result" data-result="${escapeHtml(r.result)}" data-verdict="${r.verdict}"><strong>${escapeHtml(r.result)}</strong> ${line}</p>`
    return (
      `<details class="compare-result" data-result="${escapeHtml(r.result)}" data-verdict="${r.verdict}"${r.points.length <= openUpTo ? ' open' : ''}>` +
      `<summary><strong>${escapeHtml(r.result)}</strong> ${line}</summary><div class="table-wrap">${comparisonTableHtml(r)}</div></details>`
    )
  })
  return differs + sections.join('') + deferredNote(opts.deferred ?? null, 'compare')
}

function deferredNote(deferred: DeferredPoints, where: string): string {
  if (!deferred) return ''
  return (
    `<p class="points-deferred" data-deferred="${where}">This sweep has ${deferred.count.toLocaleString('en-US')} points; each is judged on request, ` +
    `as that takes seconds: <a href="${escapeHtml(deferred.href)}">judge every sweep point</a>, or run <code>bench-plot check --json</code>.</p>`
  )
}

/** Rows of the index table. */
export function indexRowsHtml(rows: readonly IndexRow[]): string {
  return rows.map((row) => indexRowHtml(row, { href: benchmarkPath(row.name) })).join('\n')
}

// --- internal ---

function judgedResults(v: BenchmarkVerdict): BenchmarkVerdict['results'] {
  return v.results.filter((r) => r.baselineRuns.length > 0)
}

// Element ids inside each SVG must be unique on the page: one prefix per figure.
function svgRenderer(prefix: string): SvgRenderer {
  let n = 0
  return (option, size) => renderSvg(option, size, `${prefix}${n++}`)
}
