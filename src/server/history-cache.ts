import { BenchPlotError } from '../errors'
import { buildHistories, type History, type InputChange } from '../model/history'
import { detectRegressions, findChangePoints, findPointChangePoints, summarizeBenchmark, type BenchmarkVerdict, type IndexRow, type RunChangePoint } from '../model/regression'
import type { BenchmarkSummary, InputVar, Run } from '../model/types'
import type { RunHeader } from '../store'
import type { BenchmarkSource } from './source'

/** A history as the tabs see it: which runs (ids, oldest first) and what changed from the previous one. Read from headers only. */
export type HistoryOutline = { index: number; inputs: InputVar[]; runIds: number[]; changes: InputChange[] }

/** Histories, verdicts and index rows of the benchmarks served, computed once per set of runs. */
export type HistoryCache = {
  /** The histories of a benchmark's runs (oldest first), from their headers: no run data is read. */
  outline(runs: readonly RunHeader[]): HistoryOutline[]
  /** A history with its runs' data loaded. */
  load(name: string, outline: HistoryOutline): History
  /** The verdict of the newest run of the newest history, against the earlier runs of that history; per sweep point too unless `points` is false. */
  verdict(name: string, runs: readonly RunHeader[], opts?: { points?: boolean }): BenchmarkVerdict
  /** The change points of one result of a loaded history: over all inputs (`point` null), or of one sweep point's own series. */
  changePoints(name: string, history: History, result: string, point: number | null): RunChangePoint[]
  /** The index row of a benchmark: latest values, sparklines and verdict of its newest history. */
  indexRow(summary: BenchmarkSummary): IndexRow
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
    buildHistories(runs.map((h): Run => ({ ...h, data: {}, failures: [] }))).map((h) => ({
      index: h.index,
      inputs: h.inputs,
      runIds: h.runs.map((r) => r.id as number),
      changes: h.changes,
    }))

  const load = (name: string, h: HistoryOutline): History => ({
    index: h.index,
    inputs: h.inputs,
    changes: h.changes,
    runs: h.runIds.map((id) => {
      const run = source.getRun(name, id)
      if (!run) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${id}`)
      return run
    }),
  })

  return {
    outline,
    load,
    verdict(name, runs, opts = {}) {
      const points = opts.points ?? true
      const key = `${name}\u0000${runs.map((r) => r.id).join(',')}\u0000${points}`
      let v = verdicts.get(key)
      if (v) verdicts.delete(key)
      // The panel leads with the result's change points; the points' own ones only the per-point history shows.
      else v = detectRegressions(load(name, outline(runs).at(-1) as HistoryOutline), { points, changePoints: points ? { points: false } : false })
      return keep(verdicts, key, v)
    },
    changePoints(name, history, result, point) {
      const key = `${name}\u0000${history.runs.map((r) => r.id).join(',')}\u0000${result}\u0000${point ?? 'all'}`
      const kept = changes.get(key)
      if (kept) changes.delete(key)
      const cps = kept ?? (point === null ? findChangePoints(history, result, { points: false }).changePoints : findPointChangePoints(history, result, point))
      return keep(changes, key, cps)
    },
    indexRow(summary) {
      const key = `${summary.runs}\u0000${summary.latest}`
      const kept = rows.get(summary.name)
      if (kept && kept.key === key) return kept.row
      let row: IndexRow
      try {
        row = summarize(summary)
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

  function summarize(summary: BenchmarkSummary): IndexRow {
    const headers = source.listRuns(summary.name)
    const newest = outline(headers).at(-1) as HistoryOutline
    const history = load(summary.name, newest)
    // Only the newest history is summarised, so only its runs are read.
    const row = summarizeBenchmark({ name: summary.name, runs: history.runs }, { latestChange: true })
    return { ...row, runs: headers.length }
  }
}
