/**
 * Change points: the runs of a history at which a result, or one sweep point, moved and stayed
 * moved. Binary segmentation with a rank statistic (the standardised Mann-Whitney rank sum of each
 * stretch of runs against the rest) whose significance is a permutation test; sizes are Hodges-Lehmann ratios with the
 * distribution-free interval that goes with them. Pure: no I/O. See docs/regression.md.
 */
import { BenchPlotError } from '../../errors'
import { findPoint, runRef, pointMeans, type History, type RunRef } from '../history'
import { seededRandom } from '../random'
import { max, mean, median, min } from '../stats'
import { pointCount, pointInputs } from '../sweep'
import type { InputValue } from '../types'
import { averageRank, countBelow, mannWhitneyU, normalSf } from './rank-tests'

export type ChangePointOptions = {
  /** Significance level of each split's permutation test. @default 0.01 */
  alpha?: number
  /** Permutations of each split test (the smallest p is 1 / (permutations + 1)). @default 999 */
  permutations?: number
  /** Fewest runs on each side of a change point. @default 2 */
  minRuns?: number
  /** Confidence level of each ratio's interval. @default 0.95 */
  confidence?: number
  /** Seed of the permutations, so that a history gives the same change points everywhere. @default 1 */
  seed?: number
  /** Look for change points at each sweep point as well (one series per point). @default true */
  points?: boolean
}

/** A change point in a series of values (NaN values are skipped). */
export type SeriesChangePoint = {
  /** Index of the first value after the change. */
  index: number
  /** Index of the last value before it. */
  previous: number
  /** Permutation p-value of the split within the segment where it was found. */
  p: number
  /** Size: after / before, the Hodges-Lehmann estimate (median of the pairwise ratios); the ratio of the means when a value is ≤ 0. */
  ratio: number
  /** Confidence interval of `ratio`; null when the segments are too short for one, or a value is ≤ 0. */
  ci: [number, number] | null
}

/** A change point of a history: the run it happened at, and the run before. */
export type RunChangePoint = Omit<SeriesChangePoint, 'index' | 'previous'> & {
  /** Position of the run in its history (from 0). */
  index: number
  run: RunRef
  previous: RunRef
}

/** How one sweep point moved at a change point of its result. */
export type PointShift = {
  point: number
  inputs: Record<string, InputValue>
  /** Median after / median before, over the runs of the two segments. */
  ratio: number
  /** Two-sided Mann-Whitney U p-value of the two segments' point means. */
  p: number
  /** Significant once corrected for the number of points (Benjamini-Hochberg at alpha). */
  moved: boolean
}

/** A change point of a result over all inputs, with the sweep points that moved there. */
export type ResultChangePoint = RunChangePoint & {
  /** Points with values on both sides of the change. */
  tested: number
  /** How many of them moved. `ratio` and `ci` are those of the points that moved (of every tested point when none did on its own). */
  movedCount: number
  /** Median, smallest and largest ratio of the points that moved; null when none did. */
  moved: { median: number; min: number; max: number } | null
  points: PointShift[]
}

export type PointChangePoints = { point: number; inputs: Record<string, InputValue>; changePoints: RunChangePoint[] }

export type ResultChangePoints = {
  result: string
  /** The series segmented for the result: per run, the mean over points of each point's relative deviation from its own median. */
  series: number[]
  changePoints: ResultChangePoint[]
  /** Per sweep point, its own change points (empty unless `points`). */
  points: PointChangePoints[]
}

/** The defaults of `ChangePointOptions`, as documented. */
export const changePointDefaults = { alpha: 0.01, permutations: 999, minRuns: 2, confidence: 0.95, seed: 1, points: true } satisfies Required<ChangePointOptions>

/**
 * Change points of one series (e.g. one sweep point's mean per run), oldest first.
 * @example
 * segmentSeries([1, 1.01, 0.99, 1, 1.25, 1.24, 1.26, 1.25]) // [{ index: 4, ratio: ≈1.25, p: ≈0.002, … }]
 */
export function segmentSeries(series: ArrayLike<number>, opts: ChangePointOptions = {}): SeriesChangePoint[] {
  const o = { ...changePointDefaults, ...opts }
  const at: number[] = []
  const values: number[] = []
  for (let i = 0; i < series.length; i++) {
    if (Number.isFinite(series[i])) {
      at.push(i)
      values.push(series[i])
    }
  }
  // Only segments with ties permute their own ranks: the generator is made when one needs it.
  let generator: (() => number) | undefined
  const random = () => (generator ??= seededRandom(o.seed))()
  const found: { k: number; p: number }[] = []
  const pending: [number, number][] = [[0, values.length]]
  while (pending.length > 0) {
    const [lo, hi] = pending.pop() as [number, number]
    if (hi - lo < 2 * o.minRuns) continue
    const best = bestInterval(values.slice(lo, hi), o, random)
    if (best.p >= o.alpha) continue
    const cuts = [lo, lo + best.from, lo + best.to, hi].filter((k, i, all) => i === 0 || k !== all[i - 1])
    for (const k of cuts.slice(1, -1)) found.push({ k, p: best.p })
    for (let i = 0; i + 1 < cuts.length; i++) pending.push([cuts[i], cuts[i + 1]])
  }
  const splits = refineSplits(pruneSplits(found.sort((a, b) => a.k - b.k), values, o.alpha), values, o.minRuns)
  // Sizes compare the whole neighbouring segments, known once every split is.
  return splits.map(({ k, p }, i) => {
    const before = values.slice(i === 0 ? 0 : splits[i - 1].k, k)
    const after = values.slice(k, i + 1 < splits.length ? splits[i + 1].k : values.length)
    return { index: at[k], previous: at[k - 1], p, ...shiftRatio(before, after, o.confidence) }
  })
}

/**
 * Change points of a result in a history: over all inputs (each point weighted alike, as its
 * relative deviation from its own median) and, with `points`, at each sweep point. Reads only the
 * runs' point means, which the store keeps, so a history of 10⁶ samples is read as 10⁶/repeats values.
 * @example
 * const cps = findChangePoints(buildHistories(benchmark.runs).at(-1)!, 'time')
 * cps.changePoints.at(-1)?.run.label // 'c045'
 */
export function findChangePoints(history: History, result: string, opts: ChangePointOptions = {}): ResultChangePoints {
  const o = { ...changePointDefaults, ...opts }
  const runs = history.runs
  const means = runs.map((run) => pointMeans(run, result))
  const n = pointCount(history.inputs)
  const series = new Float64Array(runs.length)
  const column = (p: number) => {
    for (let r = 0; r < runs.length; r++) series[r] = means[r][p] ?? Number.NaN
    return series
  }
  // Each point's values relative to its own median: a point of 1 ms and one of 1 s count alike.
  const reference = new Float64Array(n)
  for (let p = 0; p < n; p++) reference[p] = median(column(p))
  const overall = runs.map((_, r) => {
    let sum = 0
    let count = 0
    for (let p = 0; p < n; p++) {
      const ref = reference[p]
      const x = means[r][p]
      if (Number.isFinite(x) && Number.isFinite(ref) && ref !== 0) {
        sum += (x - ref) / Math.abs(ref)
        count++
      }
    }
    return count === 0 ? Number.NaN : sum / count
  })
  const found = segmentSeries(overall, o)
  const changePoints = found.map((cp, i): ResultChangePoint => {
    const from = i === 0 ? 0 : found[i - 1].index
    const to = i + 1 < found.length ? found[i + 1].index : runs.length
    return describeResultChange(cp, from, to, means, history, o)
  })
  const points: PointChangePoints[] = []
  if (o.points) {
    for (let p = 0; p < n; p++) {
      const own = segmentSeries(column(p), o)
      points.push({ point: p, inputs: pointInputs(history.inputs, p), changePoints: own.map((cp) => atRun(cp, history)) })
    }
  }
  return { result, series: overall, changePoints, points }
}

/**
 * The change points of one sweep point's own series (its mean per run), for a per-point history
 * chart; the point is its index or its input values (matched as text, so URL strings work).
 * @example findPointChangePoints(history, 'time', { algo: 'heap', n: '1000' })
 */
export function findPointChangePoints(history: History, result: string, point: number | Record<string, InputValue | string>, opts: ChangePointOptions = {}): RunChangePoint[] {
  const p = typeof point === 'number' ? point : findPoint(history.inputs, point)
  if (p < 0 || p >= pointCount(history.inputs)) throw new BenchPlotError('USAGE', `no sweep point ${JSON.stringify(point)} in this history of ${history.runs[0]?.benchmark ?? 'the benchmark'}`)
  const series = history.runs.map((run) => pointMeans(run, result)[p] ?? Number.NaN)
  return segmentSeries(series, opts).map((cp) => atRun(cp, history))
}

/** The newest change point of a result over all inputs, or null: what the index shows per benchmark. */
export function latestChangePoint(history: History, result: string, opts: ChangePointOptions = {}): ResultChangePoint | null {
  return findChangePoints(history, result, { ...opts, points: false }).changePoints.at(-1) ?? null
}

/**
 * Size of a shift from `before` to `after` as a ratio after / before: the Hodges-Lehmann estimate
 * (median of every ratio of an after value to a before value) with its distribution-free interval
 * (the order statistics the Mann-Whitney distribution gives). Needs positive values; otherwise
 * the ratio of the means, without an interval.
 */
export function shiftRatio(before: ArrayLike<number>, after: ArrayLike<number>, confidence = 0.95): { ratio: number; ci: [number, number] | null } {
  const n1 = before.length
  const n2 = after.length
  let positive = n1 > 0 && n2 > 0
  for (let i = 0; i < n1 && positive; i++) positive = before[i] > 0
  for (let j = 0; j < n2 && positive; j++) positive = after[j] > 0
  if (!positive) return { ratio: mean(after) / mean(before), ci: null }
  const logs = new Float64Array(n1 * n2)
  for (let i = 0; i < n1; i++) for (let j = 0; j < n2; j++) logs[i * n2 + j] = Math.log(after[j]) - Math.log(before[i])
  logs.sort()
  const ratio = Math.exp(quantileOfSorted(logs, 0.5))
  const z = normalQuantile(0.5 + confidence / 2)
  const k = Math.floor((n1 * n2) / 2 - z * Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12))
  return { ratio, ci: k < 1 ? null : [Math.exp(logs[k - 1]), Math.exp(logs[n1 * n2 - k])] }
}

// --- internal ---

type Resolved = Required<ChangePointOptions>

function atRun(cp: SeriesChangePoint, history: History): RunChangePoint {
  return { index: cp.index, run: runRef(history.runs[cp.index]), previous: runRef(history.runs[cp.previous]), p: cp.p, ratio: cp.ratio, ci: cp.ci }
}

// Which points moved between the segments [from, index) and [index, to), and by how much together.
function describeResultChange(cp: SeriesChangePoint, from: number, to: number, means: Float64Array[], history: History, o: Resolved): ResultChangePoint {
  const n = pointCount(history.inputs)
  const before: number[] = []
  const after: number[] = []
  const shifts: PointShift[] = []
  for (let p = 0; p < n; p++) {
    before.length = 0
    after.length = 0
    for (let r = from; r < to; r++) {
      const x = means[r][p]
      if (Number.isFinite(x)) (r < cp.index ? before : after).push(x)
    }
    if (before.length === 0 || after.length === 0) continue
    const ratio = median(after) / median(before)
    const test = mannWhitneyU(before, after)
    shifts.push({ point: p, inputs: pointInputs(history.inputs, p), ratio, p: Number.isFinite(test.pValue) ? test.pValue : 1, moved: false })
  }
  markMoved(shifts, o.alpha)
  const moved = shifts.filter((s) => s.moved)
  // The size of the change is that of the points that moved, taken together run by run: each
  // point's value over its median before the change, averaged over those points.
  const group = moved.length > 0 ? moved : shifts
  const refs = group.map((s) => referenceBefore(means, s.point, from, cp.index))
  const relative = (r: number) => {
    let sum = 0
    let count = 0
    for (let g = 0; g < group.length; g++) {
      const x = means[r][group[g].point]
      const ref = refs[g]
      if (Number.isFinite(x) && ref > 0) {
        sum += x / ref
        count++
      }
    }
    return count === 0 ? Number.NaN : sum / count
  }
  const side = (lo: number, hi: number) => {
    const out: number[] = []
    for (let r = lo; r < hi; r++) {
      const v = relative(r)
      if (Number.isFinite(v)) out.push(v)
    }
    return out
  }
  const size = shiftRatio(side(from, cp.index), side(cp.index, to), o.confidence)
  const ratios = moved.map((s) => s.ratio)
  return {
    ...atRun(cp, history),
    ...(Number.isFinite(size.ratio) ? size : { ratio: cp.ratio, ci: cp.ci }),
    tested: shifts.length,
    movedCount: moved.length,
    moved: moved.length === 0 ? null : { median: median(ratios), min: min(ratios), max: max(ratios) },
    points: shifts,
  }
}

function referenceBefore(means: Float64Array[], point: number, from: number, to: number): number {
  const xs: number[] = []
  for (let r = from; r < to; r++) if (Number.isFinite(means[r][point])) xs.push(means[r][point])
  return median(xs)
}

// Benjamini-Hochberg: with many points, a few would pass alpha by chance alone.
function markMoved(shifts: PointShift[], alpha: number): void {
  const order = shifts.map((_, i) => i).sort((a, b) => shifts[a].p - shifts[b].p)
  let last = -1
  order.forEach((i, rank) => {
    if (shifts[i].p <= (alpha * (rank + 1)) / order.length) last = rank
  })
  for (let rank = 0; rank <= last; rank++) shifts[order[rank]].moved = true
}

/**
 * The stretch [from, to) of a segment whose ranks differ most from the rest's (a step when it
 * touches an end, a step that recovered otherwise), and its permutation p-value: the ranks are
 * shuffled and the largest statistic over every stretch taken again, so that looking at every
 * stretch is part of what the p-value accounts for.
 */
function bestInterval(values: number[], o: Resolved, random: () => number): { from: number; to: number; p: number } {
  const n = values.length
  const { ranks, ties } = averageRanks(values)
  const scale = rankSumScales(n)
  const prefix = new Float64Array(n + 1)
  const observed = largestStatistic(ranks, prefix, o.minRuns, scale)
  // Float sums of the same ranks in another order may differ in the last bits.
  const bar = observed.value * (1 - 1e-12)
  if (!ties) {
    // Without ties the ranks are 1…n whatever the values: every segment of n runs shares one null distribution.
    const nulls = nullMaxima(n, o)
    return { from: observed.from, to: observed.to, p: (1 + nulls.length - countBelow(nulls, bar)) / (1 + nulls.length) }
  }
  let exceed = 0
  let done = 0
  while (done < o.permutations) {
    shuffle(ranks, random)
    done++
    if (largestStatistic(ranks, prefix, o.minRuns, scale).value >= bar) exceed++
    // Stop as soon as even no further exceedance would leave p at or over alpha.
    if ((1 + exceed) / (1 + o.permutations) >= o.alpha) break
  }
  return { from: observed.from, to: observed.to, p: (1 + exceed) / (1 + done) }
}

// The sorted largest statistics of `permutations` shuffles of the ranks 1…n, made once per process
// for each n and setting: a sweep of 10⁵ points over 60 runs then costs one scan per point.
const nullCache = new Map<string, Float64Array>()

function nullMaxima(n: number, o: Resolved): Float64Array {
  const key = `${n},${o.minRuns},${o.permutations},${o.seed}`
  let nulls = nullCache.get(key)
  if (!nulls) {
    const random = seededRandom(o.seed + n)
    const ranks = Float64Array.from({ length: n }, (_, i) => i + 1)
    const scale = rankSumScales(n)
    const prefix = new Float64Array(n + 1)
    nulls = new Float64Array(o.permutations)
    for (let k = 0; k < o.permutations; k++) {
      shuffle(ranks, random)
      nulls[k] = largestStatistic(ranks, prefix, o.minRuns, scale).value
    }
    nulls.sort()
    nullCache.set(key, nulls)
  }
  return nulls
}

const scaleCache = new Map<number, Float64Array>()

// 1 / sd of the rank sum of L of n values under the null (ties change every stretch's alike). Shared: never modify.
function rankSumScales(n: number): Float64Array {
  let scale = scaleCache.get(n)
  if (!scale) {
    scale = new Float64Array(n)
    for (let L = 1; L < n; L++) scale[L] = 1 / Math.sqrt((L * (n - L) * (n + 1)) / 12)
    scaleCache.set(n, scale)
  }
  return scale
}

// The largest standardised rank sum over every stretch [from, to) that leaves at least minRuns
// values on each side of each of its ends inside the segment.
function largestStatistic(ranks: Float64Array, prefix: Float64Array, minRuns: number, scale: Float64Array): { value: number; from: number; to: number } {
  const n = ranks.length
  const half = (n + 1) / 2
  for (let t = 0; t < n; t++) prefix[t + 1] = prefix[t] + ranks[t]
  let value = -1
  let from = 0
  let to = 0
  for (let i = 0; i <= n - minRuns; i++) {
    if (i > 0 && i < minRuns) continue
    const base = prefix[i]
    for (let j = i + minRuns; j <= n; j++) {
      const L = j - i
      if (L > n - minRuns) break
      if (j < n && n - j < minRuns) continue
      const z = Math.abs(prefix[j] - base - L * half) * scale[L]
      if (z > value) {
        value = z
        from = i
        to = j
      }
    }
  }
  return { value, from, to }
}

// Ranks say that a stretch differs, but not exactly where it starts: a clear step with a few high
// values just before it ranks as well one or two runs early. Each cut moves to where it splits
// the values between its neighbouring cuts with the least squared error (the least-squares
// estimate of a single step's place), in order.
function refineSplits(splits: { k: number; p: number }[], values: number[], minRuns: number): { k: number; p: number }[] {
  const out = splits.map((s) => ({ ...s }))
  for (let i = 0; i < out.length; i++) {
    const lo = i === 0 ? 0 : out[i - 1].k
    const hi = i + 1 < out.length ? out[i + 1].k : values.length
    let total = 0
    for (let r = lo; r < hi; r++) total += values[r]
    let left = 0
    let best = out[i].k
    let bestGain = -1
    for (let k = lo + 1; k < hi; k++) {
      left += values[k - 1]
      if (k - lo < minRuns || hi - k < minRuns) continue
      // Between-segment sum of squares: the larger, the smaller the within-segment error.
      const n1 = k - lo
      const n2 = hi - k
      const gain = (left / n1 - (total - left) / n2) ** 2 * ((n1 * n2) / (n1 + n2))
      if (gain > bestGain) {
        bestGain = gain
        best = k
      }
    }
    out[i].k = best
  }
  return out
}

// Binary segmentation can leave a cut between two stretches that do not differ (the far end of a
// stretch found a run early or late): such cuts are merged away, the least different first.
function pruneSplits(splits: { k: number; p: number }[], values: number[], alpha: number): { k: number; p: number }[] {
  const kept = [...splits]
  for (;;) {
    let worst = -1
    let worstP = alpha
    for (let i = 0; i < kept.length; i++) {
      const before = values.slice(i === 0 ? 0 : kept[i - 1].k, kept[i].k)
      const after = values.slice(kept[i].k, i + 1 < kept.length ? kept[i + 1].k : values.length)
      const p = mannWhitneyU(before, after).pValue
      if (!(p < worstP)) {
        worst = i
        worstP = Number.isFinite(p) ? p : 1
      }
    }
    if (worst < 0) return kept
    kept.splice(worst, 1)
  }
}

// Ranks without objects or a comparator (called once per segment of every sweep point): each
// value's average rank is the middle of its run of equal values in the sorted copy.
function averageRanks(values: number[]): { ranks: Float64Array; ties: boolean } {
  const sorted = Float64Array.from(values).sort()
  let ties = false
  for (let i = 1; i < sorted.length && !ties; i++) ties = sorted[i] === sorted[i - 1]
  const ranks = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) ranks[i] = averageRank(sorted, values[i])
  return { ranks, ties }
}

function shuffle(xs: Float64Array, random: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = xs[i]
    xs[i] = xs[j]
    xs[j] = t
  }
}

function quantileOfSorted(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  return sorted[lo] + (sorted[Math.ceil(pos)] - sorted[lo]) * (pos - lo)
}

// The z with P(Z ≤ z) = q, by bisection on the normal tail (only a handful of calls per check).
function normalQuantile(q: number): number {
  let lo = -10
  let hi = 10
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2
    if (1 - normalSf(mid) < q) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}
