import { BenchPlotError } from '../errors'
import { buildHistories, pointMeans, scalarResults, type History, type InputChange } from '../model/history'
import { baselineValue, detectRegressions, findChangePoints, findPointChangePoints, indexRowOptions, summarizeBenchmark, type BaselineValue, type BenchmarkVerdict, type IndexRow, type RunChangePoint } from '../model/regression'
import { countFinite } from '../model/stats'
import type { BenchmarkSummary, InputVar, Run } from '../model/types'
import { runOfHeader, type RunHeader } from '../store'
import type { BenchmarkSource, RunData } from './source'

/** A history as the tabs see it: which runs (ids, oldest first) and what changed from the previous one. Read from headers only. */
export type HistoryOutline = { index: number; inputs: InputVar[]; runIds: number[]; changes: InputChange[] }

/** Histories, verdicts and index rows of the benchmarks served, computed once per set of runs. */
export type HistoryCache = {
  /** The histories of a benchmark's runs (oldest first), from their headers: no run data is read. */
  outline(runs: readonly RunHeader[]): HistoryOutline[]
  /** A history with its runs' data loaded: the float and bool columns and their point means, or (`data` 'means') the means alone. */
  load(name: string, outline: HistoryOutline, data?: RunData): Promise<History>
  /** The verdict of the newest run of the newest history, against the earlier runs of that history; per sweep point too unless `points` is false. */
  verdict(name: string, runs: readonly RunHeader[], opts?: { points?: boolean }): Promise<BenchmarkVerdict>
  /** The change points of one result of a loaded history: over all inputs (`point` null), or of one sweep point's own series. */
  changePoints(name: string, history: History, result: string, point: number | null): RunChangePoint[]
  /** The index row of a benchmark: latest values, sparklines and verdict of its newest history. */
  indexRow(summary: BenchmarkSummary): Promise<IndexRow>
}

export type HistoryCacheOptions = {
  /** Verdicts kept, least recently used first out (and as many change-point lists). @default 64 */
  maxVerdicts?: number
}

/**
 * Keeps what the pages derive from whole histories. Runs never change once stored, so a verdict
 * is keyed by the benchmark and its run ids, and an index row by the benchmark's run count and
 * latest time: a run imported while serving gives new keys, never a stale page.
 */
export function createHistoryCache(source: BenchmarkSource, opts: HistoryCacheOptions = {}): HistoryCache {
  const o = { maxVerdicts: 64, ...opts } satisfies Required<HistoryCacheOptions>
  const verdicts = new Map<string, BenchmarkVerdict>()
  const rows = new Map<string, { key: string; row: IndexRow }>()
  const changes = new Map<string, RunChangePoint[]>()

  // The source hands out the same header list until the store changes: outline it once per list.
  const outlines = new WeakMap<readonly RunHeader[], HistoryOutline[]>()
  const outline = (runs: readonly RunHeader[]): HistoryOutline[] => {
    let kept = outlines.get(runs)
    if (!kept) outlines.set(runs, (kept = outlineOf(runs)))
    return kept
  }
  const outlineOf = (runs: readonly RunHeader[]): HistoryOutline[] =>
    // buildHistories reads only times and inputs, which headers carry.
    buildHistories(runs.map((h) => runOfHeader(h))).map((h) => ({
      index: h.index,
      inputs: h.inputs,
      runIds: h.runs.map((r) => r.id as number),
      changes: h.changes,
    }))

  const read = async (name: string, id: number, data: RunData, opts?: { keep?: boolean }): Promise<Run> => {
    const run = await source.getRun(name, id, data, opts)
    if (!run) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${id}`)
    return run
  }

  const load = async (name: string, h: HistoryOutline, data: RunData = 'scalar'): Promise<History> => {
    const runs: Run[] = []
    await source.prefetch?.(name, h.runIds, data)
    for (const id of h.runIds) runs.push(await read(name, id, data))
    return { index: h.index, inputs: h.inputs, changes: h.changes, runs }
  }

  return {
    outline,
    load,
    async verdict(name, runs, opts = {}) {
      const points = opts.points ?? true
      const key = `${name}\u0000${runs.map((r) => r.id).join(',')}\u0000${points}`
      let v = verdicts.get(key)
      if (v) verdicts.delete(key)
      else {
        const newest = outline(runs).at(-1) as HistoryOutline
        // The verdict reads samples only point by point, or for adaptive's fallback (fewer than 4
        // earlier runs): else each earlier run's value per result is all it needs, from its point means.
        // The panel leads with the result's change points; the points' own ones only the per-point history shows.
        v = points || newest.runIds.length <= 4 ? detectRegressions(await load(name, newest, 'scalar'), { points, changePoints: points ? { points: false } : false }) : await runVerdict(name, runs, newest)
      }
      return keep(verdicts, key, v)
    },
    changePoints(name, history, result, point) {
      const key = `${name}\u0000${history.runs.map((r) => r.id).join(',')}\u0000${result}\u0000${point ?? 'all'}`
      const kept = changes.get(key)
      if (kept) changes.delete(key)
      const cps = kept ?? (point === null ? findChangePoints(history, result, { points: false }).changePoints : findPointChangePoints(history, result, point))
      return keep(changes, key, cps)
    },
    async indexRow(summary) {
      const key = `${summary.runs}\u0000${summary.latest}`
      const kept = rows.get(summary.name)
      if (kept && kept.key === key) return kept.row
      let row: IndexRow
      try {
        row = await summarize(summary)
      } catch (err) {
        // One unreadable benchmark must not take the whole index down: list it without values.
        console.error(`bench-plot: cannot summarise "${summary.name}":`, err)
        row = { name: summary.name, title: summary.title, runs: summary.runs, historyRuns: 0, latest: { id: null, time: summary.latest, timeLabel: null, commit: null, label: summary.latest }, verdict: null, results: [] }
      }
      rows.set(summary.name, { key, row })
      return row
    },
  }

  // Least recently used first out: a hit is taken out and set again, so it moves to the end.
  function keep<V>(map: Map<string, V>, key: string, value: V): V {
    map.set(key, value)
    while (map.size > o.maxVerdicts) map.delete(map.keys().next().value as string)
    return value
  }

  // The verdict of the newest run judged by runs, not points. An earlier run's value of a result is
  // its stored total of point means where the newest run measured every point (the total is then the
  // mean over those points); else its point means are read, reduced and let go (not kept by the
  // source). Either way a history of large runs never sits in memory at once.
  async function runVerdict(name: string, runs: readonly RunHeader[], h: HistoryOutline): Promise<BenchmarkVerdict> {
    const current = await read(name, h.runIds.at(-1) as number, 'means')
    const results = scalarResults(current).map((r) => r.name)
    const measuredEverywhere = (r: string) => {
      const means = pointMeans(current, r)
      return countFinite(means) === means.length
    }
    const whole = new Set(results.filter(measuredEverywhere))
    const earlier = h.runIds.slice(0, -1)
    const totals = new Map<string, BaselineValue>()
    for (const t of (await source.pointMeanTotals?.(earlier)) ?? []) totals.set(`${t.runId}\u0000${t.result}`, { mean: t.mean, count: t.points })
    const baselineValues = new Map<number, Record<string, BaselineValue>>()
    for (const id of earlier) {
      let means: Run | null = null
      const values: Record<string, BaselineValue> = {}
      for (const r of results) {
        const total = whole.has(r) ? totals.get(`${id}\u0000${r}`) : undefined
        if (total) values[r] = total
        else {
          means ??= await read(name, id, 'means', { keep: false })
          values[r] = baselineValue(means, current, r)
        }
      }
      baselineValues.set(id, values)
    }
    // The earlier runs as their headers: their values are given.
    const headers = earlier.map((id) => runOfHeader(runs.find((r) => r.id === id) as RunHeader))
    return detectRegressions({ index: h.index, inputs: h.inputs, changes: h.changes, runs: [...headers, current] }, { points: false, changePoints: false, baselineValues })
  }

  async function summarize(summary: BenchmarkSummary): Promise<IndexRow> {
    const headers = await source.listRuns(summary.name)
    const newest = outline(headers).at(-1) as HistoryOutline
    const history = await load(summary.name, newest)
    // Only the newest history is summarised, so only its runs are read.
    // The options the import summarises with: a stored row and this one are the same row.
    const row = summarizeBenchmark({ name: summary.name, runs: history.runs }, indexRowOptions)
    return { ...row, runs: headers.length }
  }
}
