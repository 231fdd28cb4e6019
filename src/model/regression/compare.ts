import { finiteSamples, inputChanges, runRef, sameInputs, scalarResults, type InputChange, type RunRef } from '../history'
import { mean } from '../stats'
import { pointCount, pointInputs } from '../sweep'
import type { Direction, InputValue, RegressionMethod, Run } from '../types'
import { significance } from './detect'
import { judge, type Change, type Judgement } from './methods'

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
      const means = pairs.map(({ pa, pb }) => ({ a: mean(finiteSamples(a, r.name, pa)), b: mean(finiteSamples(b, r.name, pb)) }))
      const points = opts.points === false ? [] : pairs.map(({ pa, pb }): PointComparison => {
        const sa = finiteSamples(a, r.name, pa)
        const sb = finiteSamples(b, r.name, pb)
        const ma = mean(sa)
        const mb = mean(sb)
        const base = { inputs: pointInputs(b.inputs, pb), a: { mean: ma, n: sa.length }, b: { mean: mb, n: sb.length }, ratio: mb / ma }
        if (sa.length === 0 || sb.length === 0) return { ...base, ratio: Number.NaN, changePercent: Number.NaN, pValue: null, significant: null, verdict: 'missing' }
        const j = judge([ma], sb, judgeOpts, sa)
        const sig = significance(sa, sb, o.alpha)
        return { ...base, ...sig, changePercent: j.changePercent, verdict: sig.significant === false ? 'unchanged' : j.change }
      })
      // Over all inputs: the mean of point means over the points both runs measured.
      const both = means.filter((m) => Number.isFinite(m.a) && Number.isFinite(m.b))
      const historySamples: number[] = []
      for (const { pa } of pairs) for (const x of finiteSamples(a, r.name, pa)) historySamples.push(x)
      const judged = judge([mean(both.map((m) => m.a))], [mean(both.map((m) => m.b))], judgeOpts, historySamples)
      const judgement = both.length === 0 ? { ...judged, skipped: pairs.length === 0 ? 'the runs have no sweep point in common' : 'no point was measured in both runs' } : judged
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

// Points of B paired with the point of A holding the same input values (inputs matched by name).
function matchPoints(a: Run, b: Run): { pa: number; pb: number }[] {
  const n = pointCount(b.inputs)
  if (sameInputs(a.inputs, b.inputs)) return Array.from({ length: n }, (_, p) => ({ pa: p, pb: p }))
  const namesA = a.inputs.map((v) => v.name).sort().join('\u0000')
  const namesB = b.inputs.map((v) => v.name).sort().join('\u0000')
  if (namesA !== namesB) return []
  const key = (inputs: Record<string, InputValue>) =>
    Object.keys(inputs)
      .sort()
      .map((k) => `${k}=${typeof inputs[k]}:${String(inputs[k])}`)
      .join('\u0000')
  const inA = new Map<string, number>()
  for (let p = 0; p < pointCount(a.inputs); p++) inA.set(key(pointInputs(a.inputs, p)), p)
  const out: { pa: number; pb: number }[] = []
  for (let p = 0; p < n; p++) {
    const pa = inA.get(key(pointInputs(b.inputs, p)))
    if (pa !== undefined) out.push({ pa, pb: p })
  }
  return out
}
