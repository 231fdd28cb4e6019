import { buildHistories, pointMeans, runRef, scalarResults, type RunRef } from '../history'
import { mean } from '../stats'
import type { Benchmark, Direction } from '../types'
import { latestChangePoint, type ChangePointOptions, type ResultChangePoint } from './change-points'
import { detectRegressions, type RegressionOptions, type Verdict } from './detect'
import { sparkText } from './spark-text'

/** One value of a sparkline: a run's mean over all inputs and the typical spread of its repeats. */
export type SparkPoint = { mean: number; std: number }

export type IndexResultSummary = {
  result: string
  units: string
  direction: Direction
  /** The newest run's mean over all inputs. */
  latest: number
  verdict: Verdict
  changePercent: number
  /** The newest history, oldest first (at most `sparkRuns` runs), as the sparkline draws it (`sparkText`: thousandths of its band). */
  spark: string
  /** The newest change point over the newest history (null when there is none); only with `latestChange`. */
  latestChange?: ResultChangePoint | null
}

/** One row of the index page. */
export type IndexRow = {
  name: string
  title: string
  runs: number
  /** Runs of the newest history. */
  historyRuns: number
  latest: RunRef
  /** The worst verdict over the results: regressed, then improved, unchanged, young. */
  verdict: Verdict | null
  results: IndexResultSummary[]
  /** The newest change point over the results (the first result's on a tie), null when none; only with `latestChange`. */
  latestChange?: { result: string; changePoint: ResultChangePoint } | null
}

export type SummarizeOptions = RegressionOptions & {
  /** Runs shown in a sparkline, the newest. @default 30 */
  sparkRuns?: number
  /** Look for each result's latest change point over the newest history (`true` for the defaults). @default false */
  latestChange?: boolean | ChangePointOptions
}

/**
 * Summarise a benchmark for the index: latest value, sparkline data and verdict per result.
 * Per-point checks are skipped unless asked for, which keeps hundreds of rows quick.
 */
export function summarizeBenchmark(benchmark: Benchmark, opts: SummarizeOptions = {}): IndexRow {
  const history = buildHistories(benchmark.runs).at(-1)
  if (!history) throw new RangeError(`benchmark "${benchmark.name}" has no runs`)
  const sparkRuns = Math.max(1, opts.sparkRuns ?? 30)
  const { latestChange, ...regression } = opts
  const verdict = detectRegressions(history, { points: false, ...regression })
  const current = history.runs.at(-1) as (typeof history.runs)[number]
  const recent = history.runs.slice(-sparkRuns)
  const results = verdict.results.map((r): IndexResultSummary => ({
    result: r.result,
    units: r.units,
    direction: r.direction,
    latest: mean(pointMeans(current, r.result)),
    verdict: r.verdict,
    changePercent: r.judgement.changePercent,
    spark: sparkText(recent.map((run) => sparkPoint(run, r.result))),
    ...(latestChange ? { latestChange: latestChangePoint(history, r.result, latestChange === true ? {} : latestChange) } : {}),
  }))
  return {
    name: benchmark.name,
    title: current.title,
    runs: benchmark.runs.length,
    historyRuns: history.runs.length,
    latest: runRef(current),
    verdict: worstVerdict(results.map((r) => r.verdict)),
    results,
    ...(latestChange ? { latestChange: newestChange(results) } : {}),
  }
}

/** The verdict a row or a benchmark shows: regressed over improved over unchanged over young; null for none. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict | null {
  for (const v of ['regressed', 'improved', 'unchanged', 'young'] as const) if (verdicts.includes(v)) return v
  return null
}

// --- internal ---

function newestChange(results: readonly IndexResultSummary[]): { result: string; changePoint: ResultChangePoint } | null {
  let newest: { result: string; changePoint: ResultChangePoint } | null = null
  for (const r of results) if (r.latestChange && (!newest || r.latestChange.index > newest.changePoint.index)) newest = { result: r.result, changePoint: r.latestChange }
  return newest
}

// The spread drawn around a sparkline is the noise of repeats (root mean within-point variance), not the sweep's range.
function sparkPoint(run: Benchmark['runs'][number], result: string): SparkPoint {
  const column = run.data[result]
  const means = pointMeans(run, result)
  if (!(column instanceof Float64Array) || !scalarResults(run).some((r) => r.name === result)) return { mean: Number.NaN, std: Number.NaN }
  let ss = 0
  let n = 0
  for (let p = 0; p < means.length; p++) {
    for (let k = 0; k < run.repeats; k++) {
      const x = column[p * run.repeats + k]
      if (Number.isFinite(x)) {
        ss += (x - means[p]) ** 2
        n++
      }
    }
  }
  return { mean: mean(means), std: n === 0 ? Number.NaN : Math.sqrt(ss / n) }
}
