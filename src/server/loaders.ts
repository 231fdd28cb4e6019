// Page loaders: from a parsed request to the data a page is drawn from, and the cache key that names it.
// Routes parse, loaders load, pages (src/view) draw. The view is loaded by the first load(), not at
// start: a run page's head goes out before its body's modules are evaluated.
import { BenchPlotError } from '../errors'
import { describeInputChanges, runRef, scalarResults, sweepPoints, type History } from '../model/history'
import { compareRuns, formatRunRef, type IndexRow, type RunChangePoint } from '../model/regression'
import { pointCount } from '../model/sweep'
import type { BenchmarkSummary, InputVar, Run } from '../model/types'
import type { ChartOverlay, ChartRequest } from '../plots'
import { sweepSignature } from '../model/signature'
import type { RunHeader } from '../store'
import type { BenchmarkPageProps, ComparePageProps, HistoryPageProps, IndexPageProps, RunCompare, RunState } from '../view'
import type { ServerContext } from './context'
import type { RunData } from './source'
import type { HistoryOutline } from './history-cache'
import { pageOfSamples } from './samples'
import { memoryRelease } from './release-memory'

const views = () => import('../view')
// Which charts a page draws, for what it reads of the compared run: with the view, not at start.
const chartChoice = () => import('../plots/choose')

/** Rows of the samples table per page. */
export const samplesPerPage = 100

/**
 * Figures of a run page drawn on the server: the first screen (two rows of two at 1280×900, the run's
 * first charts, above the verdict), shown before any script runs; the rest are fetched as they scroll near.
 */
export const eagerFigures = 4

/** Sweeps of more points than this are judged point by point only on request. */
export const eagerPointLimit = 20_000

/** A page ready to draw: the key that names it in the cache, and how to load its data. */
export type Loaded<P> = { key: string; load(): Promise<P> }

/** What a run page's query asks for, parsed. */
export type RunQuery = { run?: number; vs?: number | null; charts: ChartRequest; page?: number; allPoints: boolean }

export async function runPage(ctx: ServerContext, name: string, q: RunQuery): Promise<Loaded<BenchmarkPageProps>> {
  const runs = await ctx.source.listRuns(name)
  const outline = ctx.histories.outline(runs)
  const runId = q.run ?? (runs[runs.length - 1].id as number)
  const header = runs.find((r) => r.id === runId)
  if (!header) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${q.run}`)
  if (q.vs !== undefined && q.vs !== null) runIdIn(name, runs, q.vs)
  const vs = chooseVs(outline, runId, q.vs)
  const state: RunState = { run: q.run, vs: q.vs, charts: q.charts, page: q.page, allPoints: q.allPoints || undefined }
  const key = `b|${name}|${runIds(runs)}|${JSON.stringify(state)}`
  const load = async (): Promise<BenchmarkPageProps> => {
    const { chartsRegion, ComparisonRegion, InputChanges, placePanels, VerdictLine, VerdictRegion } = await views()
    const run = await getRun(ctx, name, runId)
    const samples = { ...pageOfSamples(run, q.page ?? 1, samplesPerPage, { total: header.sampleCount }), perPage: samplesPerPage }
    const newest = outline.at(-1) as HistoryOutline
    const mine = outline.find((h) => h.runIds.includes(runId)) as HistoryOutline
    const points = judgesPoints(run.inputs, q.allPoints)
    const deferred = points ? null : { count: pointCount(run.inputs), href: ctx.links.benchmark(name, { ...state, allPoints: true }) }
    // The compared run's samples are read only for what uses them: per-point tests, and charts drawn over the run's.
    const { overlaysAnotherRun } = await chartChoice()
    const vsData = overlaysAnotherRun(sweepSignature(run), q.charts) ? 'all' : points ? 'scalar' : 'means'
    const vsRun = vs.id === null ? null : await getRun(ctx, name, vs.id, vsData)
    // A big run's page gives memory back after its reads (SQLite's copies of the columns), the first figure drawn on the server and the last.
    const release = memoryRelease(header.sampleCount)
    release?.()
    // The user's own panels: the run's, then those given from code; drawn around and inside the charts region.
    const panels = [...(run.panels ?? []), ...((await ctx.panels?.(name, runs)) ?? [])]
    const placed = placePanels({ panels, results: run.results.map((r) => r.name), links: ctx.links, exists: ctx.exists, idPrefix: `r${runId}` })
    // The page's first figures are drawn on the server: the run's charts come first on the page (issue 14), the verdict's below them get what is left.
    const charts = chartsRegion({ name, run, req: q.charts, links: ctx.links, exists: ctx.exists, recordings: ctx.recordings, state: { run: q.run, vs: q.vs }, overlay: overlayOf(runs, vsRun), eagerFigures, vs: vs.id, beside: placed.beside, afterFirstFigure: release ?? undefined })
    release?.()
    let top = ''
    let verdictLine: string | undefined
    if (runId === newest.runIds.at(-1)) {
      const verdict = await ctx.histories.verdict(name, runs, { points })
      const figures = { eager: charts.eagerLeft, url: (id: string) => ctx.links.figure(name, id, { run: runId, vs: vs.id, charts: q.charts }) }
      top = VerdictRegion({ verdict, deferred, figures })
      verdictLine = VerdictLine({ verdict })
    } else if (mine.runIds[0] === runId) top = InputChanges({ changes: mine.changes })
    if (mine !== newest) top += `<p class="history-note">This run belongs to an earlier history: the inputs changed after it. Its verdicts and the History tab follow the newest history.</p>`
    let compare: RunCompare | undefined
    if (runs.length > 1) {
      compare = { candidates: runs, vs: vs.id, isDefault: vs.isDefault, html: vsRun ? ComparisonRegion({ comparison: compareRuns(vsRun, run, { points }), deferred }) : '' }
    }
    return { links: ctx.links, name, runs, run, state, charts: placed.before + charts.html + placed.after, panels, samples, tabs: tabsOf(outline), top, verdictLine, compare, live: ctx.live, unreadable: await ctx.source.unreadableRuns(name) }
  }
  return { key, load }
}

/** What the History tab's query asks for, parsed. */
export type HistoryQuery = { history?: number; point?: number | null; x: 'order' | 'date'; charts: ChartRequest }

export async function historyPage(ctx: ServerContext, name: string, q: HistoryQuery): Promise<Loaded<HistoryPageProps>> {
  const runs = await ctx.source.listRuns(name)
  const outline = ctx.histories.outline(runs)
  const index = q.history ?? outline.length - 1
  const chosen = outline[index]
  if (!chosen) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no history ${q.history}`)
  if (chosen.runIds.length < 2) throw new BenchPlotError('NOT_FOUND', `this history of "${name}" has one run: there is no history to draw yet`)
  const points = sweepPoints(chosen.inputs)
  const point = q.point ?? null
  if (point !== null && point >= points.length) throw new BenchPlotError('USAGE', `?point= is a sweep point from 0 to ${points.length - 1} or "all", not "${point}"`)
  const key = `h|${name}|${runIds(runs)}|${JSON.stringify(q)}`
  const load = async (): Promise<HistoryPageProps> => {
    const { HistoryRegion } = await views()
    const view = { point, xAxis: q.x === 'date' ? ('time' as const) : ('order' as const) }
    const history = await ctx.histories.load(name, chosen)
    const label = (id: number) => {
      const r = runs.find((h) => h.id === id) as RunHeader
      return formatRunRef(runRef({ ...r, data: {}, failures: [] }))
    }
    const span = (h: HistoryOutline) => ({ index: h.index, runs: h.runIds.length, first: label(h.runIds[0]), last: label(h.runIds.at(-1) as number) })
    return {
      links: ctx.links,
      name,
      runs,
      tabs: tabsOf(outline),
      state: { history: q.history, point, x: q.x, charts: q.charts },
      history: { ...span(chosen), newest: chosen === outline.at(-1), changes: describeInputChanges(chosen.changes).join('; ') },
      others: outline.filter((h) => h !== chosen && h.runIds.length >= 2).map(span),
      points: points.map((p) => p.inputs),
      view,
      body: HistoryRegion({ history, view, links: ctx.links, changePoints: historyChangePoints(ctx, name, history, point) }),
    }
  }
  return { key, load }
}

export async function comparePage(ctx: ServerContext, name: string, q: { a?: number; b?: number }): Promise<Loaded<ComparePageProps>> {
  const runs = await ctx.source.listRuns(name)
  const outline = ctx.histories.outline(runs)
  const b = q.b === undefined ? (runs[runs.length - 1].id as number) : runIdIn(name, runs, q.b)
  const a = q.a === undefined ? (chooseVs(outline, b, undefined).id ?? b) : runIdIn(name, runs, q.a)
  const key = `compare|${name}|${runIds(runs)}|${a}|${b}`
  const load = async (): Promise<ComparePageProps> => {
    const { compareCharts, ComparisonView } = await views()
    const [runA, runB] = [await getRun(ctx, name, a), await getRun(ctx, name, b)]
    const comparison = compareRuns(runA, runB)
    return { links: ctx.links, name, runs, a, b, body: ComparisonView({ comparison, charts: compareCharts({ a: runA, b: runB, comparison }) }) }
  }
  return { key, load }
}

export async function indexPage(ctx: ServerContext, q: { sort?: string; q?: string }): Promise<Loaded<IndexPageProps>> {
  const benchmarks = await ctx.source.listBenchmarks()
  const { filterAndSortRows, parseIndexSort } = await views()
  const sort = parseIndexSort(q.sort)
  const text = q.q ?? ''
  const key = `index|${sort.descending ? '-' : ''}${sort.key}|${text}|${JSON.stringify(benchmarks)}`
  const load = async (): Promise<IndexPageProps> => {
    // Rows stored with the imports where they are current; the others are computed here.
    const stored = (await ctx.source.indexRows?.()) ?? new Map<string, IndexRow>()
    const current = (b: BenchmarkSummary) => stored.get(b.name)?.runs === b.runs
    // Many rows to compute (a store written before index rows): every run list in one go, not one query per benchmark.
    if (benchmarks.filter((b) => !current(b)).length > 1) await ctx.source.preloadRuns?.()
    const rowOf = async (b: BenchmarkSummary): Promise<IndexRow> => (current(b) ? (stored.get(b.name) as IndexRow) : ctx.histories.indexRow(b))
    const rows = filterAndSortRows(
      await Promise.all(benchmarks.map(rowOf)),
      text,
      sort,
    )
    return { links: ctx.links, rows, total: benchmarks.length, sort, q: text, location: ctx.location }
  }
  return { key, load }
}

/** A part of a run page asked for alone (a chart, a figure): which run, compared with which, drawn how. */
export type RunPart = { runId: number; vsId: number | null; charts: ChartRequest; key: string; run(): Promise<Run>; overlay(): Promise<ChartOverlay | undefined> }

export async function runPart(ctx: ServerContext, kind: string, name: string, id: string, q: { run?: number; vs?: number | null; charts: ChartRequest; frame?: boolean }): Promise<RunPart> {
  const runs = await ctx.source.listRuns(name)
  const runId = q.run === undefined ? (runs[runs.length - 1].id as number) : runIdIn(name, runs, q.run)
  if (q.vs !== undefined && q.vs !== null) runIdIn(name, runs, q.vs)
  const vsId = chooseVs(ctx.histories.outline(runs), runId, q.vs).id
  return {
    runId,
    vsId,
    charts: q.charts,
    key: `${kind}|${name}|${runIds(runs)}|${id}|${runId}|${vsId}|${JSON.stringify(q.charts)}|${q.frame ? 1 : 0}`,
    run: () => getRun(ctx, name, runId),
    overlay: async () => overlayOf(runs, vsId === null ? null : await getRun(ctx, name, vsId)),
  }
}

/**
 * The server-drawn SVG of one figure of a run page, by the id the page gave it: one of the run's
 * charts (`r<run>s<chart>p<panel>`) or of the newest run's verdict (`v<run>-<k>`); null for none.
 */
export async function figureOf(ctx: ServerContext, name: string, part: RunPart, id: string): Promise<string | null> {
  const { figureSvg, verdictFigureRun, verdictFigureSvg } = await views()
  const verdictRun = verdictFigureRun(id)
  if (verdictRun === null) return figureSvg(await part.run(), part.charts, id, await part.overlay())
  const runs = await ctx.source.listRuns(name)
  const newest = ctx.histories.outline(runs).at(-1) as HistoryOutline
  if (verdictRun !== part.runId || newest.runIds.at(-1) !== part.runId) return null
  // Judged as the run page judges it by default, so the page's verdict is found in the cache.
  const header = runs.find((r) => r.id === part.runId) as RunHeader
  const verdict = await ctx.histories.verdict(name, runs, { points: judgesPoints(header.inputs, false) })
  return verdictFigureSvg(verdict, id)
}

// --- internal ---

// Whether a run page judges its run point by point: judging every point of a huge sweep takes
// seconds, so then the page asks first (?points=all).
function judgesPoints(inputs: readonly InputVar[], allPoints: boolean): boolean {
  return allPoints || pointCount(inputs) <= eagerPointLimit
}

// Each result's change points over what the History tab follows: the mean over all inputs, or one point.
function historyChangePoints(ctx: ServerContext, name: string, history: History, point: number | null): Record<string, RunChangePoint[]> {
  const current = history.runs.at(-1)
  return Object.fromEntries((current ? scalarResults(current) : []).map((r) => [r.name, ctx.histories.changePoints(name, history, r.name, point)]))
}

function runIds(runs: readonly RunHeader[]): string {
  return runs.map((r) => r.id).join(',')
}

function tabsOf(outline: HistoryOutline[]): BenchmarkPageProps['tabs'] {
  const newest = outline.at(-1) as HistoryOutline
  return { historyStarts: outline.slice(1).map((h) => h.runIds[0]), historyTab: newest.runIds.length >= 2 }
}

async function getRun(ctx: ServerContext, name: string, id: number, data: RunData = 'all'): Promise<Run> {
  const run = await ctx.source.getRun(name, id, data)
  if (!run) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${id}`)
  return run
}

// The run a page is compared with: `vs` (null: none), or by default the previous run of the same history.
function chooseVs(outline: HistoryOutline[], runId: number, vs: number | null | undefined): { id: number | null; isDefault: boolean } {
  if (vs === null) return { id: null, isDefault: false }
  if (vs !== undefined) return { id: vs, isDefault: false }
  const ids = outline.find((h) => h.runIds.includes(runId))?.runIds ?? []
  const at = ids.indexOf(runId)
  return { id: at > 0 ? ids[at - 1] : null, isDefault: true }
}

function runIdIn(name: string, runs: readonly RunHeader[], id: number): number {
  if (!runs.some((r) => r.id === id)) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${id}`)
  return id
}

function overlayOf(runs: readonly RunHeader[], vsRun: Run | null): ChartOverlay | undefined {
  const header = vsRun && runs.find((r) => r.id === vsRun.id)
  return vsRun && header ? { run: vsRun, label: `run ${header.id}, ${header.timeLabel ?? header.time.slice(0, 10)}` } : undefined
}
