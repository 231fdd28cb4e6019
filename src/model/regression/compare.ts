import { appendFiniteSamples, inputChanges, pointMeans, runRef, sameInputs, samplesAtPoints, scalarColumn, scalarResults, type InputChange, type RunRef } from '../history'
import { mean } from '../stats'
import { pointCount, pointInputs } from '../sweep'
import type { Direction, InputValue, RegressionMethod, Run } from '../types'
import { significance } from './detect'
import { judge, type Change, type JudgeOptions, type Judgement } from './methods'

export type CompareOptions = {
  /** @default 'percentage', as bencher's compare_results */
  method?: RegressionMethod
  /** @default the method's default (10 % for percentage) */
  threshold?: number
  /** adaptive: the percentage gate. @default 10 */
  gatePercent?: number
  /** Significance level of the per-point Mann-Whitney U test. @default 0.05 */
  alpha?: number
  /** Only these results. @default every float and bool result both runs have */
  results?: string[]
  /** Judge and list every sweep point; without, only each result's verdict (quick for huge sweeps). @default true */
  points?: boolean
}

/** One sweep point of run B against run A. */
export type PointComparison = {
  inputs: Record<string, InputValue>
  /** Mean and number of finite samples of run A (the baseline) and run B at this point. */
  a: { mean: number; n: number }
  b: { mean: number; n: number }
  /** b.mean / a.mean (NaN when either is missing, ±Infinity over a zero). */
  ratio: number
  changePercent: number
  pValue: number | null
  significant: boolean | null
  verdict: Change | 'missing'
}

export type ResultComparison = {
  result: string
  units: string
  direction: Direction
  verdict: Change
  judgement: Judgement
  points: PointComparison[]
}

export type RunComparison = {
  a: RunRef
  b: RunRef
  /** The runs share their input variables (same history). Otherwise points are matched by input values. */
  sameInputs: boolean
  inputChanges: InputChange[]
  results: ResultComparison[]
  /** Some result regressed from A to B. */
  regressed: boolean
}

/**
 * Compare run B against run A (the baseline): per result the change of the mean over the common
 * sweep points, per point the ratio B/A, a Mann-Whitney U p-value when both have ≥ 2 repeats, and a verdict.
 * @example
 * const c = compareRuns(runs.at(-2)!, runs.at(-1)!)
 * c.results[0].points.filter((p) => p.verdict === 'regressed')
 */
export function compareRuns(a: Run, b: Run, opts: CompareOptions = {}): RunComparison {
  const o = { ...opts, method: opts.method ?? ('percentage' as RegressionMethod), alpha: opts.alpha ?? 0.05 }
  const pairs = matchPoints(a, b)
  const namesA = new Set(scalarResults(a).map((r) => r.name))
  const wanted = opts.results ? new Set(opts.results) : null
  const results = scalarResults(b)
    .filter((r) => namesA.has(r.name) && (!wanted || wanted.has(r.name)))
    .map((r): ResultComparison => {
      const judgeOpts = { method: o.method, threshold: o.threshold, gatePercent: o.gatePercent, direction: r.direction }
      const points = opts.points === false ? [] : comparePoints(a, b, r.name, pairs, judgeOpts, o.alpha)
      // Over all inputs: the mean of point means over the points both runs measured.
      const overall = meansOverCommonPoints(pointMeans(a, r.name), pointMeans(b, r.name), pairs)
      // A's samples only matter to adaptive's fallback: gathered only if it runs.
      const judged = judge([overall.a], [overall.b], judgeOpts, () => samplesAtPoints(a, r.name, pairs.pa))
      const judgement = overall.count === 0 ? { ...judged, skipped: pairs.pa.length === 0 ? 'the runs have no sweep point in common' : 'no point was measured in both runs' } : judged
      return { result: r.name, units: r.units, direction: r.direction, verdict: judgement.change, judgement, points }
    })
  return {
    a: runRef(a),
    b: runRef(b),
    sameInputs: sameInputs(a.inputs, b.inputs),
    inputChanges: inputChanges(a.inputs, b.inputs),
    results,
    regressed: results.some((r) => r.verdict === 'regressed'),
  }
}

// --- internal ---

/** Points of B (`pb`) paired with the point of A (`pa`) holding the same input values; typed arrays, as sweeps reach 10⁵ points. */
type Pairs = { pa: Int32Array; pb: Int32Array }

// Inputs are matched by name, so a reordering of the inputs still pairs the points.
function matchPoints(a: Run, b: Run): Pairs {
  const n = pointCount(b.inputs)
  if (sameInputs(a.inputs, b.inputs)) {
    const same = new Int32Array(n)
    for (let p = 0; p < n; p++) same[p] = p
    return { pa: same, pb: same }
  }
  const namesA = a.inputs.map((v) => v.name).sort().join('\u0000')
  const namesB = b.inputs.map((v) => v.name).sort().join('\u0000')
  if (namesA !== namesB) return { pa: new Int32Array(0), pb: new Int32Array(0) }
  const key = (inputs: Record<string, InputValue>) =>
    Object.keys(inputs)
      .sort()
      .map((k) => `${k}=${typeof inputs[k]}:${String(inputs[k])}`)
      .join('\u0000')
  const inA = new Map<string, number>()
  for (let p = 0; p < pointCount(a.inputs); p++) inA.set(key(pointInputs(a.inputs, p)), p)
  const pa: number[] = []
  const pb: number[] = []
  for (let p = 0; p < n; p++) {
    const at = inA.get(key(pointInputs(b.inputs, p)))
    if (at === undefined) continue
    pa.push(at)
    pb.push(p)
  }
  return { pa: Int32Array.from(pa), pb: Int32Array.from(pb) }
}

/** The means of A's and B's point means over the pairs where both have a value (NaN when there is none), summed in pair order. */
function meansOverCommonPoints(meansA: Float64Array, meansB: Float64Array, pairs: Pairs): { a: number; b: number; count: number } {
  let sumA = 0
  let sumB = 0
  let count = 0
  for (let k = 0; k < pairs.pa.length; k++) {
    const x = meansA[pairs.pa[k]]
    const y = meansB[pairs.pb[k]]
    if (Number.isFinite(x) && Number.isFinite(y)) {
      sumA += x
      sumB += y
      count++
    }
  }
  return count === 0 ? { a: Number.NaN, b: Number.NaN, count } : { a: sumA / count, b: sumB / count, count }
}

function comparePoints(a: Run, b: Run, result: string, pairs: Pairs, judgeOpts: JudgeOptions, alpha: number): PointComparison[] {
  // Each column looked up once, before the loop over points.
  const columnA = scalarColumn(a, result)
  const columnB = scalarColumn(b, result)
  // Buffers reused at every point (judge and significance keep no reference to them).
  const sa: number[] = []
  const sb: number[] = []
  const out: PointComparison[] = []
  for (let k = 0; k < pairs.pb.length; k++) {
    const pb = pairs.pb[k]
    sa.length = 0
    sb.length = 0
    if (columnA) appendFiniteSamples(sa, columnA, a.repeats, pairs.pa[k])
    if (columnB) appendFiniteSamples(sb, columnB, b.repeats, pb)
    const ma = mean(sa)
    const mb = mean(sb)
    const base = { inputs: pointInputs(b.inputs, pb), a: { mean: ma, n: sa.length }, b: { mean: mb, n: sb.length }, ratio: mb / ma }
    if (sa.length === 0 || sb.length === 0) {
      out.push({ ...base, ratio: Number.NaN, changePercent: Number.NaN, pValue: null, significant: null, verdict: 'missing' })
      continue
    }
    const j = judge([ma], sb, judgeOpts, sa)
    const sig = significance(sa, sb, alpha)
    out.push({ ...base, ...sig, changePercent: j.changePercent, verdict: sig.significant === false ? 'unchanged' : j.change })
  }
  return out
}
