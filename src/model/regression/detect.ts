import { appendFiniteSamples, buildHistories, pointMeans, runRef, samplesAtPoints, scalarColumn, scalarResults, type History, type InputChange, type RunRef } from '../history'
import { finiteValues, mean, type NumberList } from '../stats'
import { pointCount, pointInputs } from '../sweep'
import type { Direction, InputValue, RegressionMethod, ResultVar, Run } from '../types'
import { findChangePoints, type ChangePointOptions, type ResultChangePoints } from './change-points'
import { judge, needsHistory, type Change, type Judgement } from './methods'
import { mannWhitneyU } from './rank-tests'

export type Verdict = Change | 'young'

export type RegressionOptions = {
  /** Method for every result, instead of each result's own setting. @default the result's setting, else adaptive */
  method?: RegressionMethod
  /** Threshold for every result (in the units of the method in use). @default the result's setting, else the method's default */
  threshold?: number
  /** adaptive: the percentage the change must also clear. @default 10 */
  gatePercent?: number
  /** Fewer earlier runs than this make a young baseline: reported, never blocking. @default 1 */
  minHistory?: number
  /** Significance level of the per-point Mann-Whitney U test. @default 0.05 */
  alpha?: number
  /** Judge each sweep point as well. @default true */
  points?: boolean
  /** Only these results. @default every float and bool result */
  results?: string[]
  /** Find the change points of each result over the history (and of each point with `points`); `true` for the defaults. @default false */
  changePoints?: boolean | ChangePointOptions
  /**
   * Each earlier run's value per result (`baselineValue`), by run id, computed beforehand: the
   * earlier runs of `history` then need no data, so a caller can read them one at a time and let
   * each go. Used without per-point judging only. @default computed from the runs' point means
   */
  baselineValues?: ReadonlyMap<number, Readonly<Record<string, BaselineValue>>>
}

/** An earlier run's value of a result: the mean of its point means over the points the newest run measured, and how many there were. */
export type BaselineValue = { mean: number; count: number }

/** The verdict at one sweep point. */
export type PointVerdict = {
  point: number
  inputs: Record<string, InputValue>
  /** `missing` when the newest run has no value at this point. */
  verdict: Verdict | 'missing'
  changePercent: number
  baseline: number
  current: number
  /** Two-sided Mann-Whitney U p-value of the earlier runs' samples against the newest run's; null without ≥ 2 of each. */
  pValue: number | null
  /** p < alpha; null when there is no p-value or the samples are too few to ever reach alpha. */
  significant: boolean | null
}

export type ResultVerdict = {
  result: string
  /** `bool` results are rates from 0 to 1. */
  kind: ResultVar['kind']
  units: string
  direction: Direction
  verdict: Verdict
  /** A regression that should fail a CI gate (regressed, not young, not skipped). */
  blocking: boolean
  /** For a young baseline: what the test said, for information. */
  signal: Change
  /** Why the result could not be judged, or why it is young. */
  note: string | null
  judgement: Judgement
  /** Earlier runs of the history holding a value of this result. */
  baselineRuns: RunRef[]
  /** Their values (one per run) and the newest run's point means, for the overlay chart. */
  historyValues: number[]
  /** The newest run's finite point means, in point order: a new list each time it is read. */
  readonly currentSamples: number[]
  points: PointVerdict[]
  /** Where and when the result moved over the history; null unless `changePoints` was asked for. */
  changePoints: ResultChangePoints | null
}

export type BenchmarkVerdict = {
  benchmark: string
  /** Index of the history judged among the benchmark's histories. */
  history: number
  /** How the inputs changed from the previous history (empty when there is none). */
  inputChanges: InputChange[]
  current: RunRef
  runs: number
  results: ResultVerdict[]
  /** True when some result has a blocking regression. */
  regressed: boolean
}

/**
 * Judge the newest run of a history against its earlier runs, per scalar result and per sweep point.
 * @example
 * const verdict = detectRegressions(buildHistories(benchmark.runs).at(-1)!, { method: 'percentage', threshold: 5 })
 * if (verdict.regressed) process.exitCode = 1
 */
export function detectRegressions(history: History, opts: RegressionOptions = {}): BenchmarkVerdict {
  const o = { ...opts, minHistory: opts.minHistory ?? 1, alpha: opts.alpha ?? 0.05, points: opts.points ?? true }
  const current = history.runs.at(-1)
  if (!current) throw new RangeError('a history has at least one run')
  const earlier = history.runs.slice(0, -1)
  const wanted = opts.results ? new Set(opts.results) : null
  const results = scalarResults(current)
    .filter((r) => !wanted || wanted.has(r.name))
    .map((r) => judgeResult(r, current, earlier, history, o))
  return {
    benchmark: current.benchmark,
    history: history.index,
    inputChanges: history.changes,
    current: runRef(current),
    runs: history.runs.length,
    results,
    regressed: results.some((r) => r.blocking),
  }
}

/** What `detectRegressions` takes as an earlier run's value of `result`, judging `current`. */
export function baselineValue(run: Run, current: Run, result: string): BaselineValue {
  return meanWhereMeasured(pointMeans(run, result), pointMeans(current, result))
}

/** Judge the newest history of a benchmark's runs (oldest first); see `detectRegressions`. */
export function checkBenchmark(runs: readonly Run[], opts: RegressionOptions = {}): BenchmarkVerdict {
  const history = buildHistories(runs).at(-1)
  if (!history) throw new RangeError('a benchmark has at least one run')
  return detectRegressions(history, opts)
}

/** The method and threshold a result is judged with: command line first, then the run JSON, then adaptive. */
export function resolveMethod(result: ResultVar, opts: Pick<RegressionOptions, 'method' | 'threshold'>): { method: RegressionMethod; threshold?: number } {
  const own = result.regression
  const method = opts.method ?? own?.method ?? 'adaptive'
  const threshold = opts.threshold ?? (own && own.method === method ? own.threshold : undefined)
  return threshold === undefined ? { method } : { method, threshold }
}

/** Mann-Whitney U of baseline against current samples; significance is null when n is too small to reach alpha at all. */
export function significance(baseline: NumberList, current: NumberList, alpha: number): { pValue: number | null; significant: boolean | null } {
  if (baseline.length < 2 || current.length < 2) return { pValue: null, significant: null }
  const { pValue } = mannWhitneyU(baseline, current)
  if (!Number.isFinite(pValue)) return { pValue: null, significant: null }
  return { pValue, significant: minimumPValue(baseline.length, current.length) > alpha ? null : pValue < alpha }
}

// --- internal ---

type Resolved = Required<Pick<RegressionOptions, 'minHistory' | 'alpha' | 'points'>> & RegressionOptions

function judgeResult(r: ResultVar, current: Run, earlier: Run[], history: History, o: Resolved): ResultVerdict {
  const { method, threshold } = resolveMethod(r, o)
  const judgeOpts = { method, threshold, gatePercent: o.gatePercent, direction: r.direction }
  const currentMeans = pointMeans(current, r.name)
  // The run value is the mean over the points the newest run measured, so a point that failed
  // this time does not shift the comparison.
  const withValue: Run[] = []
  const historyValues: number[] = []
  for (const run of earlier) {
    const value = o.baselineValues?.get(run.id as number)?.[r.name] ?? meanWhereMeasured(pointMeans(run, r.name), currentMeans)
    if (value.count === 0) continue
    withValue.push(run)
    historyValues.push(value.mean)
  }
  // Every earlier sample only matters to adaptive's fallback: gathered only if it runs.
  const historySamples = () => samplesWhereMeasured(withValue, r.name, currentMeans)
  // `mean` skips what is not finite: the mean of the newest run's measured points, in point order.
  const judgement = judge(historyValues, [mean(currentMeans)], judgeOpts, historySamples)
  const young = needsHistory(method) && withValue.length < o.minHistory
  const verdict: Verdict = young ? 'young' : judgement.change
  const note = young
    ? `young baseline: ${withValue.length} earlier run${withValue.length === 1 ? '' : 's'} (needs ${o.minHistory}); notify only, does not block`
    : judgement.skipped
  const points = o.points ? judgePoints(r, current, withValue, history, judgeOpts, o) : []
  const changePoints = o.changePoints ? findChangePoints(history, r.name, { points: o.points, ...(o.changePoints === true ? {} : o.changePoints) }) : null
  return {
    result: r.name,
    kind: r.kind,
    units: r.units,
    direction: r.direction,
    verdict,
    blocking: verdict === 'regressed',
    signal: judgement.change,
    note,
    judgement,
    baselineRuns: withValue.map(runRef),
    historyValues,
    // Listed when read, not kept: a verdict cached by the server held 200,000 of them per result at 10^6 samples.
    get currentSamples() {
      return finiteValues(currentMeans)
    },
    points,
    changePoints,
  }
}

/**
 * Mean of a run's point means over the points where the newest run has a value, summed in point
 * order exactly as `mean` would over those points, without listing them.
 */
function meanWhereMeasured(means: Float64Array, currentMeans: Float64Array): BaselineValue {
  let sum = 0
  let count = 0
  for (let p = 0; p < currentMeans.length; p++) {
    const x = means[p]
    if (Number.isFinite(currentMeans[p]) && Number.isFinite(x)) {
      sum += x
      count++
    }
  }
  return { mean: count === 0 ? Number.NaN : sum / count, count }
}

/** Every finite sample of the runs at the points the newest run measured: run by run, point by point, repeat by repeat. */
function samplesWhereMeasured(runs: readonly Run[], result: string, currentMeans: Float64Array): Float64Array {
  const measured: number[] = []
  for (let p = 0; p < currentMeans.length; p++) if (Number.isFinite(currentMeans[p])) measured.push(p)
  const parts = runs.map((run) => samplesAtPoints(run, result, measured))
  const out = new Float64Array(parts.reduce((n, part) => n + part.length, 0))
  let k = 0
  for (const part of parts) {
    out.set(part, k)
    k += part.length
  }
  return out
}

function judgePoints(r: ResultVar, current: Run, earlier: Run[], history: History, judgeOpts: Parameters<typeof judge>[2], o: Resolved): PointVerdict[] {
  const n = pointCount(history.inputs)
  const pointOpts = { ...judgeOpts, explain: false }
  // Each run's column looked up once, before the loop over points.
  const currentColumn = scalarColumn(current, r.name)
  const columns = earlier.map((run) => ({ column: scalarColumn(run, r.name), repeats: run.repeats }))
  // Buffers reused at every point (judge and significance keep no reference to them).
  const currentSamples: number[] = []
  const baselineSeries: number[] = []
  const baselineSamples: number[] = []
  const out: PointVerdict[] = []
  for (let p = 0; p < n; p++) {
    currentSamples.length = 0
    if (currentColumn) appendFiniteSamples(currentSamples, currentColumn, current.repeats, p)
    baselineSeries.length = 0
    baselineSamples.length = 0
    for (const { column, repeats } of columns) {
      if (!column) continue
      const from = baselineSamples.length
      appendFiniteSamples(baselineSamples, column, repeats, p)
      if (baselineSamples.length > from) baselineSeries.push(meanFrom(baselineSamples, from))
    }
    const base = { point: p, inputs: pointInputs(history.inputs, p), pValue: null, significant: null }
    if (currentSamples.length === 0) {
      out.push({ ...base, verdict: 'missing', changePercent: Number.NaN, baseline: mean(baselineSeries), current: Number.NaN })
      continue
    }
    const j = judge(baselineSeries, currentSamples, pointOpts, baselineSamples)
    const young = needsHistory(judgeOpts.method) && baselineSeries.length < o.minHistory
    const sig = significance(baselineSamples, currentSamples, o.alpha)
    // A change the samples cannot back up is not reported at a point; with too few repeats to ever reach alpha the method alone decides.
    const verdict: Verdict = young ? 'young' : sig.significant === false ? 'unchanged' : j.change
    out.push({ ...base, ...sig, verdict, changePercent: j.changePercent, baseline: j.baseline, current: j.current })
  }
  return out
}

/** Mean of the (finite) values from index `from` on, summed in order as `mean` does on their own array. */
function meanFrom(xs: readonly number[], from: number): number {
  let sum = 0
  for (let i = from; i < xs.length; i++) sum += xs[i]
  return sum / (xs.length - from)
}

// The smallest two-sided p-value the exact test can give: both orderings fully separated.
function minimumPValue(n1: number, n2: number): number {
  let c = 1
  for (let k = 1; k <= n1; k++) c = (c * (n2 + k)) / k
  return Math.min(1, 2 / c)
}
