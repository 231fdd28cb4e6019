import { formatInputs, formatNumber, formatPercent, formatQuantity } from '../format'
import { describeInputChanges, historySeries, scalarResults, type History, type InputChange } from '../model/history'
import {
  describeMovement,
  formatChange,
  formatChangePoint,
  formatMovedAt,
  formatMovement,
  formatRunRef,
  formatThreshold,
  pointsWith,
  sparkRunCount,
  type BenchmarkVerdict,
  type IndexRow,
  type Movement,
  type PointVerdict,
  type ResultChangePoint,
  type ResultComparison,
  type ResultVerdict,
  type RunChangePoint,
  type RunComparison,
} from '../model/regression'
import { changeSide, historyChartOption, historySummary, regressionChartOption, regressionSummary, renderSvg, sparklinePlaceholder, sparklineSvg, verdictColors, type ChartOption } from '../plots'
import { escapeHtml } from '../format'
import { ChartFigure, placeholderBody } from './figure'
import type { Links } from './links'

/** A sweep whose points were not judged yet: how many, and the link that judges them. */
export type DeferredPoints = { count: number; href: string } | null

export type HistoryView = {
  /** The sweep point followed alone, as an index into the history's points; null for the mean over all inputs. */
  point: number | null
  xAxis: 'order' | 'time'
}

/** Most rows a per-point table shows: a sweep of a million points must not make a page of a million rows. */
export const maxPointRows = 100

/** A verdict as a small labelled badge. */
export function VerdictBadge({ verdict }: { verdict: PointVerdict['verdict'] }): string {
  return (<span class={`verdict-badge verdict-${verdict}`}>{verdict}</span>) as string
}

/** "A new history started" and what changed in the inputs; '' when nothing changed. */
export function InputChanges({ changes }: { changes: readonly InputChange[] }): string {
  if (changes.length === 0) return ''
  return (
    <div class="history-change">
      <p>A new history started here: the inputs changed. Earlier runs stay in the earlier history.</p>
      <ul>
        {describeInputChanges(changes).map((t) => (
          <li safe>{t}</li>
        ))}
      </ul>
    </div>
  ) as string
}

/** What a run, or a benchmark in the index, with nothing to judge says instead of a verdict. */
const nothingToJudge = 'No float or bool result to judge.'

/** The verdict in a few words: `2 regressions detected`, `No regressions detected`, … */
export function verdictHeadline(v: BenchmarkVerdict): string {
  const regressed = v.results.filter((r) => r.blocking)
  if (v.results.length === 0) return nothingToJudge
  if (regressed.length > 0) return `${regressed.length} regression${regressed.length === 1 ? '' : 's'} detected`
  return v.results.every((r) => r.verdict === 'young') ? 'Young baseline: nothing to compare with yet' : 'No regressions detected'
}

/**
 * The verdict summary of the newest run (below its charts): per result the verdict, change,
 * baseline, current, method and threshold, then the inputs that regressed or improved.
 */
export function VerdictSummary({ verdict: v }: { verdict: BenchmarkVerdict }): string {
  const headline = verdictHeadline(v)
  const earlier = v.runs - 1
  const context = `${formatRunRef(v.current)} against ${earlier} earlier run${earlier === 1 ? '' : 's'} of this history`
  const perPoint = v.results.some((r) => r.points.length > 1)
  const columns = perPoint ? 8 : 7
  const rows = v.results.map((r) => {
    const j = r.judgement
    const young = r.verdict === 'young'
    const movement = r.points.length > 1 ? describeMovement(r.points) : null
    const moved = movement ? formatMovement(movement).slice(1) : []
    const notes = [
      r.note && !young ? `<span class="note">${escapeHtml(r.note)}</span>` : '',
      ...moved.map((line) => (<span class="points-moved" safe>{line}</span>) as string),
      pointsLine(r.points, 'regressed'),
      pointsLine(r.points, 'improved'),
      EarlierChanges({ changePoints: r.changePoints?.changePoints ?? [] }),
    ].filter(Boolean)
    return (
      <>
        <tr class={`verdict-${r.verdict}`} data-result={escapeHtml(r.result)} data-verdict={r.verdict}>
          <td class="result">
            {escapeHtml(r.result)}
            {young ? <sup>†</sup> : ''}
          </td>
          <td class="verdict">{VerdictBadge({ verdict: r.verdict })}</td>
          {perPoint ? <td class="num per-point">{movement ? PerPointChange({ movement }) : '—'}</td> : ''}
          <td class="num change" safe>
            {j.skipped && !young ? '—' : formatChange(j, r.units)}
          </td>
          <td class="num baseline" safe>
            {formatQuantity(j.baseline, r.units)}
          </td>
          <td class="num current" safe>
            {formatQuantity(j.current, r.units)}
          </td>
          <td class="method">
            {escapeHtml(j.method)}
            {j.fired.length > 0 ? (
              <>
                {' '}
                <span class="fired" safe>{`(${j.fired.join('+')})`}</span>
              </>
            ) : (
              ''
            )}
          </td>
          <td class="threshold" safe>
            {formatThreshold(j, r.direction)}
          </td>
        </tr>
        {notes.length > 0 ? (
          <tr class="verdict-detail" data-result={escapeHtml(r.result)}>
            <td colspan={String(columns)}>{notes.join('<br>')}</td>
          </tr>
        ) : (
          ''
        )}
      </>
    )
  })
  return (
    <section class="verdict-summary" data-verdict={v.regressed ? 'regressed' : 'ok'}>
      <p class="verdict-headline">
        <strong safe>{headline}</strong> — {escapeHtml(context)}
      </p>
      {ChangeLead({ verdict: v })}
      {InputChanges({ changes: v.inputChanges })}
      {rows.length > 0 ? (
        <div class="table-wrap">
          <table class="verdicts">
            <thead>
              <tr>
                <th>Result</th>
                <th>Verdict</th>
                {perPoint ? <th title="the median of the sweep points' changes, with the smallest and largest">Change per point</th> : ''}
                <th title="the change the method judged: the value over all inputs">{perPoint ? 'Change over all inputs' : 'Change'}</th>
                <th>Baseline</th>
                <th>Current</th>
                <th>Method</th>
                <th>Threshold</th>
              </tr>
            </thead>
            <tbody>{rows.join('')}</tbody>
          </table>
        </div>
      ) : (
        ''
      )}
      {v.results.some((r) => r.verdict === 'young') ? (
        <p class="footnote">
          <sup>†</sup> young baseline — notify only, does not block
        </p>
      ) : (
        ''
      )}
    </section>
  ) as string
}

/**
 * What the verdict region leads with: per result, its latest change point over the history, as
 * `time stepped at #46 c046 (2026-10-16 12:00): +24.8% (95% CI …), p=0.002, at 4 of 12 points: algo=heap at every n`;
 * '' when no result has one (or change points were not looked for).
 */
export function ChangeLead({ verdict: v }: { verdict: BenchmarkVerdict }): string {
  const latest = v.results.flatMap((r) => {
    const cp = r.changePoints?.changePoints.at(-1)
    return cp ? [{ r, cp }] : []
  })
  if (latest.length === 0) return ''
  return (
    <ul class="change-lead">
      {latest.map(({ r, cp }) => (
        <li class={`change-point change-${changeSide(cp.ratio, r.direction)}`} data-result={escapeHtml(r.result)} data-run={String(cp.run.id ?? '')}>
          <strong safe>{r.result}</strong> <span safe>{changeLeadText(cp)}</span>
        </li>
      ))}
    </ul>
  ) as string
}

/** A result's latest change point in words, as the verdict region and the index say it. */
export function changeLeadText(cp: ResultChangePoint): string {
  return `stepped at ${formatChangePoint(cp)}, ${formatMovedAt(cp)}`
}

/** The headline change of a result over its points: the median, with the smallest and largest beside it. */
export function PerPointChange({ movement: m }: { movement: Movement }): string {
  if (m.measured === 0) return '—'
  return (
    <>
      <span class="median" title={`median over ${m.measured} points`} safe>
        {formatPercent(m.medianPercent)}
      </span>{' '}
      <span class="range" safe>{`(${formatPercent(m.smallestPercent)} to ${formatPercent(m.largestPercent)})`}</span>
    </>
  ) as string
}

/** Change points of a series listed in words, oldest first: what a history chart's rules mark. */
export function ChangePointList({ result, changePoints }: { result: string; changePoints: readonly RunChangePoint[] }): string {
  if (changePoints.length === 0) return (<p class="change-points none" data-result={escapeHtml(result)} safe>{`${result}: no change point in this history.`}</p>) as string
  return (
    <ul class="change-points" data-result={escapeHtml(result)}>
      {changePoints.map((cp) => (
        <li data-run={String(cp.run.id ?? '')} safe>{`${result} changed at ${formatChangePoint(cp)} (after ${formatRunRef(cp.previous)})`}</li>
      ))}
    </ul>
  ) as string
}

/** Per sweep point of one result: baseline, current, change, p-value and verdict. */
export function PointVerdictTable({ verdict: r }: { verdict: ResultVerdict }): string {
  const rows = boundedRows(r.points, 6, (p) => (
    <tr class={`verdict-${p.verdict}`} data-verdict={p.verdict}>
      <td safe>{formatInputs(p.inputs)}</td>
      <td class="num" safe>
        {formatQuantity(p.baseline, r.units)}
      </td>
      <td class="num" safe>
        {formatQuantity(p.current, r.units)}
      </td>
      <td class="num" safe>
        {formatPercent(p.changePercent)}
      </td>
      <td class="num" safe>
        {p.pValue === null ? '—' : formatNumber(p.pValue)}
      </td>
      <td>{VerdictBadge({ verdict: p.verdict })}</td>
    </tr>
  ))
  return PointTable({ class: 'point-verdicts', result: r.result, heads: ['Inputs', 'Baseline', 'Current', 'Change', 'p', 'Verdict'], rows })
}

/**
 * The per-point comparison table of one result between two runs (overlay `?vs=` and `/compare`):
 * A, B, the ratio B/A, the change, the Mann-Whitney U p-value and a mark where the change is significant.
 */
export function ComparisonTable({ comparison: r }: { comparison: ResultComparison }): string {
  const rows = boundedRows(r.points, 7, (p) => (
    <tr class={`verdict-${p.verdict}`} data-verdict={p.verdict}>
      <td safe>{formatInputs(p.inputs)}</td>
      <td class="num" safe>
        {formatQuantity(p.a.mean, r.units)}
      </td>
      <td class="num" safe>
        {formatQuantity(p.b.mean, r.units)}
      </td>
      <td class="num ratio">{Number.isFinite(p.ratio) ? p.ratio.toFixed(3) : '—'}</td>
      <td class="num" safe>
        {formatPercent(p.changePercent)}
      </td>
      <td class="num">
        {p.pValue === null ? '—' : escapeHtml(formatNumber(p.pValue))}
        {p.significant ? (
          <span class="significant" title="significant (Mann-Whitney U)">
            *
          </span>
        ) : (
          ''
        )}
      </td>
      <td>{VerdictBadge({ verdict: p.verdict })}</td>
    </tr>
  ))
  return PointTable({ class: 'comparison', result: r.result, heads: ['Inputs', 'A', 'B', 'B/A', 'Change', 'p', 'Verdict'], rows })
}

// A per-point table of one result: its column heads and the rows already drawn.
function PointTable(props: { class: string; result: string; heads: string[]; rows: string[] }): string {
  return (
    <table class={props.class} data-result={escapeHtml(props.result)}>
      <thead>
        <tr>
          {props.heads.map((h) => (
            <th safe>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.rows.join('')}</tbody>
    </table>
  ) as string
}

/**
 * The body of the `/compare?a=&b=` page: which runs, whether their inputs differ, and per result a
 * verdict, its charts (safe HTML by result name, see `compareCharts`) and the point table.
 */
export function ComparisonView({ comparison: c, charts }: { comparison: RunComparison; charts?: Readonly<Record<string, string>> }): string {
  return (
    <div class="comparison-view" data-regressed={String(c.regressed)}>
      <p class="compare-runs" safe>{`B: ${formatRunRef(c.b)} against A: ${formatRunRef(c.a)}`}</p>
      {c.sameInputs ? (
        ''
      ) : (
        <p class="history-change" safe>{`The inputs differ (${describeInputChanges(c.inputChanges).join('; ')}); only the points both runs have are compared.`}</p>
      )}
      {c.results.map((r) => (
        <section class="compare-result" data-result={escapeHtml(r.result)} data-verdict={r.verdict}>
          <h3 safe>{r.result}</h3>
          <p>{judgementLine(r)}</p>
          {charts?.[r.result] ?? ''}
          <div class="table-wrap">{ComparisonTable({ comparison: r })}</div>
        </section>
      ))}
      {c.results.length === 0 ? <p>No float or bool result in both runs.</p> : ''}
    </div>
  ) as string
}

/** The comparison of the shown run (B) against another (A): per result a line and the per-point table. */
export function ComparisonRegion(props: { comparison: RunComparison; openUpTo?: number; deferred?: DeferredPoints }): string {
  const c = props.comparison
  const openUpTo = props.openUpTo ?? 40
  if (c.results.length === 0) return '<p class="more">No float or bool result in both runs.</p>'
  const sections = c.results.map((r) => {
    const significant = r.points.filter((p) => p.significant).length
    const pointsPart = props.deferred ? '' : `; ${significant} of ${r.points.length} point${r.points.length === 1 ? '' : 's'} changed significantly`
    const line = `${judgementLine(r)}${pointsPart}`
    // Points judged on request: the line alone, no empty table to open.
    if (props.deferred)
      return (
        <p class="compare-result" data-result={escapeHtml(r.result)} data-verdict={r.verdict}>
          <strong safe>{r.result}</strong> {line}
        </p>
      )
    return (
      <details class="compare-result" data-result={escapeHtml(r.result)} data-verdict={r.verdict} open={r.points.length <= openUpTo}>
        <summary>
          <strong safe>{r.result}</strong> {line}
        </summary>
        <div class="table-wrap">{ComparisonTable({ comparison: r })}</div>
      </details>
    )
  })
  const differs = c.sameInputs ? '' : '<p class="history-change">The inputs differ; only the sweep points both runs have are compared.</p>'
  return differs + sections.join('') + DeferredNote({ deferred: props.deferred ?? null, where: 'compare' })
}

/**
 * How the verdict's charts are drawn: the first `eager` as SVG by the server, the others as
 * placeholders the browser fills from `url(id)` (the figure route) as they scroll near.
 */
export type VerdictFigures = { eager: number; url: (id: string) => string }

/** The top of the newest run: the verdict summary, then per result with history its regression overlay and per-point verdicts. */
export function VerdictRegion(props: { verdict: BenchmarkVerdict; deferred?: DeferredPoints; figures?: VerdictFigures }): string {
  const v = props.verdict
  const judged = judgedResults(v)
  let eager = props.figures?.eager ?? Number.POSITIVE_INFINITY
  const figures = judged.map((r, k) => {
    const id = verdictFigureId(v, k)
    const url = eager-- > 0 ? undefined : props.figures?.url(id)
    const label = `${r.result}: the newest run against its history`
    return HistoryFigure({ chart: 'regression', result: r.result, option: regressionChartOption(r, v.current), id, lazyUrl: url, ...regressionSize, label, description: regressionSummary(r, v.current) })
  })
  return (
    <section class="verdict-region" id="verdict">
      {VerdictSummary({ verdict: v })}
      {figures.length > 0 ? <div class="history-figures">{figures.join('')}</div> : ''}
      {judged
        .filter((r) => r.points.length > 1)
        .map((r) => {
          const changed = r.points.filter((p) => p.verdict === 'regressed' || p.verdict === 'improved').length
          return (
            <details class="point-verdicts">
              <summary safe>{`${r.result} per sweep point: ${changed} of ${r.points.length} changed`}</summary>
              <div class="table-wrap">{PointVerdictTable({ verdict: r })}</div>
            </details>
          )
        })}
      {DeferredNote({ deferred: props.deferred ?? null, where: 'verdict' })}
    </section>
  ) as string
}

/** The run whose verdict a figure id (`v<run>-<k>`, as `VerdictRegion` names its charts) is of; null for another id. */
export function verdictFigureRun(id: string): number | null {
  const at = verdictFigureAt(id)
  return at && at.run
}

/** The server-drawn SVG of one of `VerdictRegion`'s charts, by the id it gave the figure; null when there is no such chart. */
export function verdictFigureSvg(v: BenchmarkVerdict, id: string): string | null {
  const at = verdictFigureAt(id)
  const r = at && at.run === (v.current.id ?? 0) ? judgedResults(v)[at.k] : undefined
  return r ? renderSvg(regressionChartOption(r, v.current), regressionSize, id) : null
}

/** How many charts `VerdictRegion` draws: one per result with earlier runs to compare with. */
export function verdictFigureCount(v: BenchmarkVerdict): number {
  return judgedResults(v).length
}

/**
 * The history tab: one over-time chart per scalar result, with a vertical rule at each change point
 * of what it follows (and the change points listed under it), then a table of every run's value.
 */
export function HistoryRegion(props: { history: History; view: HistoryView; links: Links; changePoints?: Readonly<Record<string, readonly RunChangePoint[]>> }): string {
  const { history, view } = props
  const current = history.runs.at(-1)
  if (!current) return ''
  const all = scalarResults(current).map((r) => historySeries(history, r.name, view.point === null ? {} : { point: view.point }))
  if (all.length === 0) return '<p class="more">No float or bool result to follow over time.</p>'
  const figures = all.map((series, k) =>
    HistoryFigure({
      chart: 'history',
      result: series.result,
      option: historyChartOption(series, { xAxis: view.xAxis, changePoints: props.changePoints?.[series.result] }),
      id: `h${history.index}-${k}`,
      width: 600,
      height: 340,
      label: `${series.result} over the runs of this history`,
      description: historySummary(series),
    }),
  )
  const listed = props.changePoints ? all.map((s) => ChangePointList({ result: s.result, changePoints: props.changePoints?.[s.result] ?? [] })).join('') : ''
  return (
    <>
      <div class="history-figures">{figures.join('')}</div>
      {listed ? <div class="history-change-points">{listed}</div> : ''}
      <details class="history-runs">
        <summary>Values per run ({view.point === null ? 'mean over all inputs' : 'at this sweep point'})</summary>
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th>Run</th>
                {all.map((s) => (
                  <th class="num" safe>
                    {s.units ? `${s.result} (${s.units})` : s.result}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {history.runs.map((run, i) => (
                <tr>
                  <td>
                    <a href={escapeHtml(props.links.benchmark(run.benchmark, { run: run.id ?? undefined }))} safe>
                      {formatRunRef(all[0].points[i])}
                    </a>
                  </td>
                  {all.map((s) => (
                    <td class="num" safe>
                      {formatQuantity(s.points[i].mean, s.units)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  ) as string
}

/**
 * One row of the index table, with `data-` attributes to sort and filter on (name, runs, latest
 * time, verdict) and per result the latest value, a sparkline and the verdict. The sparklines are
 * drawn here when `drawSparks` (the first screen), else by the browser as they come into view.
 *
 * Written as a template, not JSX: an index draws a row per benchmark, and on a server's first
 * request (code not compiled yet) the JSX runtime's calls, about thirty a row, were most of the
 * page's cost (issue 20, wide stores). The markup is the one the JSX gave.
 */
export function IndexRowView({ row, links, drawSparks = true }: { row: IndexRow; links: Links; drawSparks?: boolean }): string {
  const spark = drawSparks ? sparklineSvg : sparklinePlaceholder
  let results = ''
  for (const r of row.results) {
    const color = r.verdict === 'regressed' ? verdictColors.regressed : r.verdict === 'improved' ? verdictColors.ok : undefined
    const changed = r.verdict === 'regressed' || r.verdict === 'improved'
    const result = escapeHtml(r.result)
    const change = changed ? ` <span class="num change">${escapeHtml(formatPercent(r.changePercent))}</span>` : ''
    const cp = r.latestChange
    const stepped = cp
      ? ` <span class="change-point change-${changeSide(cp.ratio, r.direction)}" data-run="${cp.run.id ?? ''}" title="${escapeHtml(changeLeadText(cp))}">${escapeHtml(`stepped at ${cp.run.id === null ? '' : `#${cp.run.id} `}${cp.run.label}: ${formatPercent((cp.ratio - 1) * 100)}`)}</span>`
      : ''
    // Four cells each, always (the sparkline's may be empty): the results of a row line up in columns.
    results +=
      `<div class="index-result" data-result="${result}" data-verdict="${r.verdict}"><span class="result">${result}</span> ` +
      `<span class="num latest">${escapeHtml(formatQuantity(r.latest, r.units))}</span> ` +
      `<span class="spark">${spark(r.spark, { label: `${r.result} over the last ${sparkRunCount(r.spark)} runs`, lastColor: color })}</span> <span class="judged">${VerdictBadge({ verdict: r.verdict })}${change}${stepped}</span></div>`
  }
  // A run of vectors, text or media only: said, as its page says it, rather than an empty cell.
  results = row.results.length === 0 ? `<span class="more">${nothingToJudge}</span>` : `<div class="index-results">${results}</div>`
  return (
    `<tr class="index-row" data-name="${escapeHtml(row.name)}" data-runs="${row.runs}" data-latest="${escapeHtml(row.latest.time)}" data-verdict="${row.verdict ?? 'none'}">` +
    `<td class="name"><a href="${escapeHtml(links.benchmark(row.name))}">${escapeHtml(row.name)}</a><div class="title">${escapeHtml(row.title)}</div></td>` +
    `<td class="num runs">${row.runs}</td><td class="latest">${escapeHtml(formatRunRef(row.latest))}</td>` +
    `<td class="results">${results}</td><td class="verdict">${row.verdict ? VerdictBadge({ verdict: row.verdict }) : ''}</td></tr>`
  )
}

// --- internal ---

/**
 * An over-time chart (`history`, `regression`) in the shared figure frame: the server's SVG, or a
 * placeholder filled from `lazyUrl`, and the option. `id` prefixes the element ids inside the SVG,
 * which must be unique on the page.
 */
export function HistoryFigure(props: { chart: string; result: string; option: ChartOption; id: string; lazyUrl?: string; width: number; height: number; label: string; description: string }): string {
  const size = { width: props.width, height: props.height }
  const body = props.lazyUrl ? placeholderBody(props.lazyUrl, size, props.label) : renderSvg(props.option, size, props.id)
  return ChartFigure({
    class: `chart chart-${props.chart}`,
    data: { chart: props.chart, result: props.result, width: size.width, height: size.height, lazy: props.lazyUrl },
    label: props.label,
    description: props.description,
    holderClass: 'chart-svg',
    body,
    option: props.option,
  })
}

const regressionSize = { width: 600, height: 300 }

// The id of the verdict's k-th chart: its SVG's element ids, and what the figure route is asked for.
function verdictFigureId(v: BenchmarkVerdict, k: number): string {
  return `v${v.current.id ?? 0}-${k}`
}

function verdictFigureAt(id: string): { run: number; k: number } | null {
  const at = id.match(/^v(\d+)-(\d+)$/)
  return at ? { run: Number(at[1]), k: Number(at[2]) } : null
}

function judgementLine(r: ResultComparison): string {
  const j = r.judgement
  if (j.skipped) return `not judged: ${escapeHtml(j.skipped)}`
  const detail = `(A ${formatQuantity(j.baseline, r.units)}, B ${formatQuantity(j.current, r.units)}, ${j.method} ${formatThreshold(j, r.direction)})`
  return `${VerdictBadge({ verdict: r.verdict })} <span class="num">${escapeHtml(formatChange(j, r.units))}</span> ${escapeHtml(detail)}`
}

// The change points before the latest one (which the lead names), the newest three.
function EarlierChanges({ changePoints }: { changePoints: readonly ResultChangePoint[] }): string {
  const earlier = changePoints.slice(0, -1)
  if (earlier.length === 0) return ''
  const shown = earlier.slice(-3)
  const more = earlier.length > shown.length ? ` (and ${earlier.length - shown.length} older)` : ''
  return (<span class="change-points-earlier" safe>{`Earlier change points${more}: ${shown.map((cp) => `${formatChangePoint(cp)}, ${formatMovedAt(cp)}`).join('; ')}`}</span>) as string
}

function DeferredNote({ deferred, where }: { deferred: DeferredPoints; where: string }): string {
  if (!deferred) return ''
  return (
    <p class="points-deferred" data-deferred={where}>
      This sweep has {deferred.count.toLocaleString('en-US')} points; each is judged on request, as that takes seconds:{' '}
      <a href={escapeHtml(deferred.href)}>judge every sweep point</a>, or run <code>bench-plot check --json</code>.
    </p>
  ) as string
}

function pointsLine(points: readonly PointVerdict[], verdict: 'regressed' | 'improved'): string {
  const hits = pointsWith(points, verdict)
  if (hits.length === 0 || (points.length === 1 && Object.keys(points[0].inputs).length === 0)) return ''
  const shown = hits.slice(0, 8).map((p) => `${formatInputs(p.inputs)} (${formatPercent(p.changePercent)}${p.pValue === null ? '' : `, p=${formatNumber(p.pValue)}`})`)
  const more = hits.length > 8 ? `; and ${hits.length - 8} more` : ''
  return (
    <span class={`points-${verdict}`} safe>
      {`${verdict === 'regressed' ? 'Regressed' : 'Improved'} at ${shown.join('; ') + more}`}
    </span>
  ) as string
}

// All points in sweep order when they fit; otherwise the changed ones first, then as many others
// as fit, and one row saying how many are left out and where to find them all.
function boundedRows<P extends { verdict: string }>(points: readonly P[], columns: number, render: (p: P) => JSX.Element): string[] {
  const draw = (p: P) => render(p) as string
  if (points.length <= maxPointRows) return points.map(draw)
  const changed = points.filter((p) => p.verdict === 'regressed' || p.verdict === 'improved')
  const shown = changed.length >= maxPointRows ? changed.slice(0, maxPointRows) : [...changed, ...points.filter((p) => p.verdict !== 'regressed' && p.verdict !== 'improved').slice(0, maxPointRows - changed.length)]
  const left = points.length - shown.length
  const leftChanged = changed.length - Math.min(changed.length, maxPointRows)
  const note = `${left} more points not shown${leftChanged > 0 ? ` (${leftChanged} of them changed)` : ', none of them changed'}; every point is in <code>bench-plot check --json</code> and <code>bench-plot compare --json</code>.`
  return [...shown.map(draw), `<tr class="more-points"><td colspan="${columns}">${note}</td></tr>`]
}

function judgedResults(v: BenchmarkVerdict): BenchmarkVerdict['results'] {
  return v.results.filter((r) => r.baselineRuns.length > 0)
}

