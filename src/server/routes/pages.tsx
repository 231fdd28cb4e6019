import { Elysia } from 'elysia'
import { BenchPlotError } from '../../errors'
import { describeInputChanges, formatInputs, runRef, sweepPoints } from '../../model/history'
import { compareRuns, formatRunRef } from '../../model/regression'
import type { Run } from '../../model/types'
import { pointCount } from '../../model/sweep'
import { comparisonHtml, escapeHtml } from '../../plots/history'
import type { RunHeader } from '../../store'
import type { ServerContext } from '../context'
import { pageHeaders } from '../context'
import type { HistoryOutline } from '../history-cache'
import { BenchmarkPage, benchmarkPageHead, type RunCompare } from '../pages/benchmark-page'
import { formatChartQuery, parseChartRequest, renderRunChart, renderRunCharts, renderRunFigure, type ChartOverlay, type ChartRequest } from '../pages/charts-region'
import { ChartFrame } from '../pages/layout'
import { ComparePage } from '../pages/compare-page'
import { HistoryPage } from '../pages/history-page'
import { comparisonRegion, historyRegion, inputChangesNote, verdictFigureCount, verdictRegion } from '../pages/history-region'
import { filterAndSortRows, IndexPage, parseIndexSort } from '../pages/index-page'
import { benchmarkPath } from '../pages/links'
import { pageOfSamples } from '../samples'
import { streamPage } from '../stream-page'

/** Rows of the samples table per page. */
export const samplesPerPage = 100

/**
 * Figures of a run page drawn on the server (the first row: the verdict's history charts, else the run's
 * first charts); the browser draws the rest as they scroll into view.
 */
export const eagerFigures = 2

/**
 * `/`: the index (`?sort=`, `?q=`), or a redirect to the one benchmark served; `/b/<name>`: a
 * benchmark, `?run=<id>` picking the tab, `?vs=<id>` the run it is compared with, `?view=history`
 * the History tab; `/b/<name>/compare?a=&b=`: two runs side by side.
 */
export const pageRoutes = (ctx: ServerContext) =>
  new Elysia()
    .get('/', ({ request }) => {
      if (ctx.name !== null) return new Response(null, { status: 302, headers: { location: benchmarkPath(ctx.name) } })
      const query = Object.fromEntries(new URL(request.url).searchParams)
      const benchmarks = ctx.source.listBenchmarks()
      const sort = parseIndexSort(query.sort)
      const q = query.q ?? ''
      const key = `index|${sort.descending ? '-' : ''}${sort.key}|${q}|${JSON.stringify(benchmarks)}`
      return cachedPage(ctx, key, request, () => {
        const rows = filterAndSortRows(
          benchmarks.map((b) => ctx.histories.indexRow(b)),
          q,
          sort,
        )
        return IndexPage({ rows, total: benchmarks.length, sort, q, location: ctx.location })
      })
    })
    .get('/b/:name', ({ params, request }) => {
      const name = params.name
      const query = Object.fromEntries(new URL(request.url).searchParams)
      const runs = ctx.source.listRuns(name)
      const outline = ctx.histories.outline(runs)
      const key = `b|${name}|${runs.map((r) => r.id).join(',')}|${canonicalQuery(query)}`
      if (query.view !== undefined && query.view !== 'history') throw new BenchPlotError('USAGE', `?view= is "history" or absent, not "${query.view}"`)
      if (query.view === 'history') return cachedPage(ctx, key, request, () => historyPage(ctx, name, runs, outline, query))
      const runId = query.run === undefined ? runs[runs.length - 1].id : Number(query.run)
      const header = runs.find((r) => r.id === runId)
      if (!header) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${query.run}`)
      const vs = chooseVs(name, runs, outline, runId, query.vs)
      return cachedPage(ctx, key, request, () => {
        const run = ctx.source.getRun(name, runId)
        if (!run) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${runId}`)
        const page = Number.parseInt(query.page ?? '1', 10)
        const samples = { ...pageOfSamples(run, Number.isFinite(page) ? page : 1, samplesPerPage, { total: header.sampleCount }), perPage: samplesPerPage }
        const vsRun = vs.id === null ? null : ctx.source.getRun(name, vs.id)
        const keep = Object.fromEntries(['run', 'vs'].filter((k) => query[k] !== undefined).map((k) => [k, query[k]]))
        const newest = outline.at(-1) as HistoryOutline
        const mine = outline.find((h) => h.runIds.includes(runId)) as HistoryOutline
        // Judging every point of a huge sweep takes seconds: then the page asks first (?points=all).
        const points = query.points === 'all' || pointCount(run.inputs) <= eagerPointLimit
        const deferred = points ? null : { count: pointCount(run.inputs), href: `?${new URLSearchParams({ ...query, points: 'all' })}` }
        let top = ''
        // The page's first figures are drawn on the server: the verdict's history charts when there are, then the run's charts.
        let eager = eagerFigures
        if (runId === newest.runIds.at(-1)) {
          const verdict = ctx.histories.verdict(name, runs, { points })
          top = verdictRegion(verdict, { deferred })
          eager = Math.max(0, eager - verdictFigureCount(verdict))
        } else if (mine.runIds[0] === runId) top = inputChangesNote(mine.changes)
        const chartRequest = parseChartRequest(query)
        const charts = renderRunCharts(run, chartRequest, ctx.media, {
          keep,
          overlay: overlayOf(runs, vsRun),
          eagerFigures: eager,
          ...lazyUrls(name, runId, vs.id, chartRequest),
        })
        if (mine !== newest) top += `<p class="history-note">This run belongs to an earlier history: the inputs changed after it. Its verdicts and the History tab follow the newest history.</p>`
        let compare: RunCompare | undefined
        if (runs.length > 1) {
          compare = { candidates: runs, vs: vs.id, isDefault: vs.isDefault, html: vsRun ? comparisonRegion(compareRuns(vsRun, run, { points }), { deferred }) : '' }
        }
        const tabs = { historyStarts: outline.slice(1).map((h) => h.runIds[0]), historyTab: newest.runIds.length >= 2 }
        return BenchmarkPage({ name, runs, run, query, charts: charts.html, samples, tabs, top, compare })
      }, { head: () => benchmarkPageHead(name) })
    })
    .get('/b/:name/figure/:id', ({ params, request }) => {
      const part = runPart(ctx, 'figure', params, request)
      return cachedPage(ctx, part.key, request, () => {
        const svg = renderRunFigure(part.run(), part.chartRequest, params.id, { overlay: part.overlay() })
        if (svg === null) throw new BenchPlotError('NOT_FOUND', `run ${part.runId} of "${params.name}" has no figure ${params.id}`)
        return svg
      }, { type: svgHeaders })
    })
    .get('/b/:name/chart/:id', ({ params, request }) => {
      const part = runPart(ctx, 'chart', params, request)
      return cachedPage(ctx, part.key, request, () => {
        const { figureUrl } = lazyUrls(params.name, part.runId, part.vsId, part.chartRequest)
        const html = renderRunChart(part.run(), part.chartRequest, params.id, { overlay: part.overlay(), figureUrl })
        if (html === null) throw new BenchPlotError('NOT_FOUND', `run ${part.runId} of "${params.name}" has no chart ${params.id}`)
        // ?frame=1: a page of its own, what the placeholder's frame shows without JavaScript.
        return part.query.frame === '1' ? ChartFrame({ title: `${params.name}: chart ${params.id}`, children: html }) : html
      })
    })
    .get('/b/:name/compare', ({ params, request }) => {
      const name = params.name
      const query = Object.fromEntries(new URL(request.url).searchParams)
      const runs = ctx.source.listRuns(name)
      const outline = ctx.histories.outline(runs)
      const b = query.b === undefined ? runs[runs.length - 1].id : runIdIn(name, runs, query.b)
      const a = query.a === undefined ? (chooseVs(name, runs, outline, b, undefined).id ?? b) : runIdIn(name, runs, query.a)
      const key = `compare|${name}|${runs.map((r) => r.id).join(',')}|${a}|${b}`
      return cachedPage(ctx, key, request, () => {
        const runA = ctx.source.getRun(name, a) as Run
        const runB = ctx.source.getRun(name, b) as Run
        return ComparePage({ name, runs, a, b, body: comparisonHtml(compareRuns(runA, runB)) })
      })
    })

// --- internal ---

function historyPage(ctx: ServerContext, name: string, runs: RunHeader[], outline: HistoryOutline[], query: Record<string, string>): string {
  const index = query.history === undefined ? outline.length - 1 : Number(query.history)
  const chosen = outline[index]
  if (!Number.isInteger(index) || !chosen) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no history ${query.history}`)
  if (chosen.runIds.length < 2) throw new BenchPlotError('NOT_FOUND', `this history of "${name}" has one run: there is no history to draw yet`)
  const points = sweepPoints(chosen.inputs)
  let point: number | null = null
  if (query.point !== undefined && query.point !== 'all' && query.point !== '') {
    point = Number(query.point)
    if (!Number.isInteger(point) || point < 0 || point >= points.length) {
      throw new BenchPlotError('USAGE', `?point= is a sweep point from 0 to ${points.length - 1} or "all", not "${query.point}"`)
    }
  }
  if (query.x !== undefined && query.x !== 'order' && query.x !== 'date') throw new BenchPlotError('USAGE', `?x= is "order" or "date", not "${query.x}"`)
  const view = { point, xAxis: query.x === 'date' ? ('time' as const) : ('order' as const) }
  const history = ctx.histories.load(name, chosen)
  const label = (id: number) => {
    const r = runs.find((h) => h.id === id) as RunHeader
    return formatRunRef(runRef({ ...r, data: {}, failures: [] }))
  }
  const span = (h: HistoryOutline) => ({ index: h.index, runs: h.runIds.length, first: label(h.runIds[0]), last: label(h.runIds.at(-1) as number) })
  const newest = outline.at(-1) as HistoryOutline
  return HistoryPage({
    name,
    runs,
    tabs: { historyStarts: outline.slice(1).map((h) => h.runIds[0]), historyTab: newest.runIds.length >= 2 },
    query,
    history: { ...span(chosen), newest: chosen === newest, changes: describeInputChanges(chosen.changes).join('; ') },
    others: outline.filter((h) => h !== chosen && h.runIds.length >= 2).map(span),
    points: points.map((p) => p.inputs),
    view,
    body: (point === null ? '' : `<p class="history-point">Following ${escapeHtml(formatInputs(points[point].inputs))} alone.</p>`) + historyRegion(history, view),
  })
}

// The run a page is compared with: `?vs=<id>`, `?vs=none`, or by default the previous run of the same history.
/** Sweeps of more points than this are judged point by point only on request. */
export const eagerPointLimit = 20_000

function chooseVs(name: string, runs: RunHeader[], outline: HistoryOutline[], runId: number, vs: string | undefined): { id: number | null; isDefault: boolean } {
  if (vs === 'none' || vs === '') return { id: null, isDefault: false }
  if (vs !== undefined) return { id: runIdIn(name, runs, vs), isDefault: false }
  const ids = outline.find((h) => h.runIds.includes(runId))?.runIds ?? []
  const at = ids.indexOf(runId)
  return { id: at > 0 ? ids[at - 1] : null, isDefault: true }
}

function runIdIn(name: string, runs: RunHeader[], text: string): number {
  const id = Number(text)
  if (!Number.isInteger(id) || !runs.some((r) => r.id === id)) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${text}`)
  return id
}

/** A part of a run page asked for alone (a figure, a chart): which run, compared with which, drawn how, cached under what. */
type RunPart = {
  query: Record<string, string>
  runId: number
  vsId: number | null
  chartRequest: ChartRequest
  key: string
  run(): Run
  overlay(): ChartOverlay | undefined
}

function runPart(ctx: ServerContext, kind: string, params: { name: string; id: string }, request: Request): RunPart {
  const name = params.name
  const query = Object.fromEntries(new URL(request.url).searchParams)
  const runs = ctx.source.listRuns(name)
  const runId = query.run === undefined ? runs[runs.length - 1].id : runIdIn(name, runs, query.run)
  const vsId = chooseVs(name, runs, ctx.histories.outline(runs), runId, query.vs).id
  return {
    query,
    runId,
    vsId,
    chartRequest: parseChartRequest(query),
    key: `${kind}|${name}|${runs.map((r) => r.id).join(',')}|${params.id}|${canonicalQuery(query)}`,
    run: () => ctx.source.getRun(name, runId) as Run,
    overlay: () => overlayOf(runs, vsId === null ? null : ctx.source.getRun(name, vsId)),
  }
}

// A lazy figure's or chart's URL names the run, the compared run and the chart options: it draws that figure or chart alone.
function lazyUrls(name: string, runId: number, vsId: number | null, chartRequest: ChartRequest): { figureUrl: (id: string) => string; chartUrl: (id: string) => string } {
  const query = `?run=${runId}&vs=${vsId ?? 'none'}&${formatChartQuery(chartRequest).slice(1)}`.replace(/&$/, '')
  return { figureUrl: (id) => `${benchmarkPath(name)}/figure/${id}${query}`, chartUrl: (id) => `${benchmarkPath(name)}/chart/${id}${query}` }
}

function canonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${k}=${query[k]}`)
    .join('&')
}

// A figure drawn alone, as an image: nothing in it may run or load, but a heatmap's cells are a PNG inside it (a data: URL).
const svgHeaders = { 'content-type': 'image/svg+xml; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:", 'x-content-type-options': 'nosniff' }

function overlayOf(runs: RunHeader[], vsRun: Run | null): ChartOverlay | undefined {
  const header = vsRun && runs.find((r) => r.id === vsRun.id)
  return vsRun && header ? { run: vsRun, label: `run ${header.id}, ${header.timeLabel ?? header.time.slice(0, 10)}` } : undefined
}

function cachedPage(ctx: ServerContext, key: string, request: Request, render: () => string, opts: { type?: Record<string, string>; head?: () => string } = {}): Response {
  const etag = ctx.pages.etag(key)
  const headers: Record<string, string> = { ...(opts.type ?? pageHeaders), etag, 'cache-control': 'no-cache', vary: 'accept-encoding' }
  const inm = request.headers.get('if-none-match')
  if (inm && inm.split(',').some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers })
  let page = ctx.pages.get(key)
  // A page not drawn yet goes out head first, unencoded; it is kept once drawn, and later requests get its bytes.
  if (!page && opts.head) return new Response(streamPage(opts.head(), render, (html) => ctx.pages.set(key, html)), { headers })
  page ??= ctx.pages.set(key, render())
  // Served from the bytes kept: a repeated request costs no rendering and no encoding.
  if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
    return new Response(page.gzip(), { headers: { ...headers, 'content-encoding': 'gzip' } })
  }
  return new Response(page.body, { headers })
}
