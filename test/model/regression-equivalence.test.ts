// The regression checks read columns in bulk (point means, lazy earlier samples, reused buffers) for
// speed on huge sweeps. These tests hold them to a straightforward reference written here: per point
// finite samples as plain arrays, every earlier sample gathered up front, exactly as the checks are
// specified. Any change of a verdict, a p-value or a last bit of a mean fails `toEqual`.
import { describe, expect, it } from 'bun:test'
import { buildHistories, inputChanges, runRef, sameInputs, scalarResults, type History } from '../../src/model/history'
import { seededRandom } from '../../src/model/random'
import {
  checkBenchmark,
  compareRuns,
  detectRegressions,
  judge,
  mannWhitneyU,
  needsHistory,
  normalSf,
  resolveMethod,
  significance,
  type BenchmarkVerdict,
  type CompareOptions,
  type PointVerdict,
  type RegressionOptions,
  type ResultComparison,
  type ResultVerdict,
  type RunComparison,
} from '../../src/model/regression'
import { sortedFinite } from '../../src/model/stats'
import { pointCount, pointInputs } from '../../src/model/sweep'
import type { Column, InputValue, InputVar, RegressionMethod, ResultVar, Run } from '../../src/model/types'

// --- reference ---

function refMean(xs: readonly number[]): number {
  const finite = xs.filter(Number.isFinite)
  let sum = 0
  for (const x of finite) sum += x
  return finite.length === 0 ? Number.NaN : sum / finite.length
}

function refSamples(run: Run, result: string, point: number): number[] {
  const column = run.data[result]
  const declared = run.results.find((r) => r.name === result)
  if (!(column instanceof Float64Array) || !declared || (declared.kind !== 'float' && declared.kind !== 'bool')) return []
  return Array.from(column.slice(point * run.repeats, (point + 1) * run.repeats)).filter(Number.isFinite)
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

function refJudgeResult(r: ResultVar, history: History, opts: RegressionOptions): ResultVerdict {
  const minHistory = opts.minHistory ?? 1
  const current = history.runs[history.runs.length - 1]
  const earlier = history.runs.slice(0, -1)
  const { method, threshold } = resolveMethod(r, opts)
  const judgeOpts = { method, threshold, gatePercent: opts.gatePercent, direction: r.direction }
  const n = pointCount(history.inputs)
  const currentMeans = range(n).map((p) => refMean(refSamples(current, r.name, p)))
  const used = range(n).filter((p) => Number.isFinite(currentMeans[p]))
  const withValue = earlier.filter((run) => used.some((p) => refSamples(run, r.name, p).length > 0))
  const historyValues = withValue.map((run) => refMean(used.map((p) => refMean(refSamples(run, r.name, p)))))
  const historySamples = withValue.flatMap((run) => used.flatMap((p) => refSamples(run, r.name, p)))
  const currentSamples = used.map((p) => currentMeans[p])
  const judgement = judge(historyValues, [refMean(currentSamples)], judgeOpts, historySamples)
  const young = needsHistory(method) && withValue.length < minHistory
  const verdict = young ? 'young' : judgement.change
  const note = young ? `young baseline: ${withValue.length} earlier run${withValue.length === 1 ? '' : 's'} (needs ${minHistory}); notify only, does not block` : judgement.skipped
  const points = (opts.points ?? true) ? range(n).map((p) => refPoint(r, p, current, withValue, history, judgeOpts, opts)) : []
  return { result: r.name, kind: r.kind, units: r.units, direction: r.direction, verdict, blocking: verdict === 'regressed', signal: judgement.change, note, judgement, baselineRuns: withValue.map((run) => runRef(run)), historyValues, currentSamples, points, changePoints: null }
}

function refPoint(r: ResultVar, p: number, current: Run, earlier: Run[], history: History, judgeOpts: Parameters<typeof judge>[2], opts: RegressionOptions): PointVerdict {
  const currentSamples = refSamples(current, r.name, p)
  const perRun = earlier.map((run) => refSamples(run, r.name, p)).filter((s) => s.length > 0)
  const series = perRun.map(refMean)
  const samples = perRun.flat()
  const base = { point: p, inputs: pointInputs(history.inputs, p), pValue: null, significant: null }
  if (currentSamples.length === 0) return { ...base, verdict: 'missing', changePercent: Number.NaN, baseline: refMean(series), current: Number.NaN }
  const j = judge(series, currentSamples, { ...judgeOpts, explain: false }, samples)
  const sig = significance(samples, currentSamples, opts.alpha ?? 0.05)
  const young = needsHistory(judgeOpts.method) && series.length < (opts.minHistory ?? 1)
  const verdict = young ? 'young' : sig.significant === false ? 'unchanged' : j.change
  return { ...base, ...sig, verdict, changePercent: j.changePercent, baseline: j.baseline, current: j.current }
}

function refDetect(history: History, opts: RegressionOptions): BenchmarkVerdict {
  const current = history.runs[history.runs.length - 1]
  const results = scalarResults(current)
    .filter((r) => !opts.results || opts.results.includes(r.name))
    .map((r) => refJudgeResult(r, history, opts))
  return { benchmark: current.benchmark, history: history.index, inputChanges: history.changes, current: runRef(current), runs: history.runs.length, results, regressed: results.some((r) => r.blocking) }
}

// Points of B paired with A's point of the same input values, by a plain search.
function refPairs(a: Run, b: Run): { pa: number; pb: number }[] {
  const namesA = a.inputs.map((v) => v.name).sort()
  const namesB = b.inputs.map((v) => v.name).sort()
  if (namesA.join() !== namesB.join()) return []
  const same = (x: Record<string, InputValue>, y: Record<string, InputValue>) => namesB.every((k) => typeof x[k] === typeof y[k] && String(x[k]) === String(y[k]))
  const inA = range(pointCount(a.inputs)).map((p) => pointInputs(a.inputs, p))
  return range(pointCount(b.inputs)).flatMap((pb) => {
    const inputs = pointInputs(b.inputs, pb)
    const pa = inA.findIndex((x) => same(x, inputs))
    return pa < 0 ? [] : [{ pa, pb }]
  })
}

function refCompare(a: Run, b: Run, opts: CompareOptions): RunComparison {
  const method = opts.method ?? 'percentage'
  const pairs = refPairs(a, b)
  const namesA = scalarResults(a).map((r) => r.name)
  const results = scalarResults(b)
    .filter((r) => namesA.includes(r.name) && (!opts.results || opts.results.includes(r.name)))
    .map((r): ResultComparison => {
      const judgeOpts = { method, threshold: opts.threshold, gatePercent: opts.gatePercent, direction: r.direction }
      const points = opts.points === false ? [] : pairs.map(({ pa, pb }) => {
        const sa = refSamples(a, r.name, pa)
        const sb = refSamples(b, r.name, pb)
        const base = { inputs: pointInputs(b.inputs, pb), a: { mean: refMean(sa), n: sa.length }, b: { mean: refMean(sb), n: sb.length }, ratio: refMean(sb) / refMean(sa) }
        if (sa.length === 0 || sb.length === 0) return { ...base, ratio: Number.NaN, changePercent: Number.NaN, pValue: null, significant: null, verdict: 'missing' as const }
        const j = judge([refMean(sa)], sb, judgeOpts, sa)
        const sig = significance(sa, sb, opts.alpha ?? 0.05)
        return { ...base, ...sig, changePercent: j.changePercent, verdict: sig.significant === false ? ('unchanged' as const) : j.change }
      })
      const both = pairs.map(({ pa, pb }) => ({ a: refMean(refSamples(a, r.name, pa)), b: refMean(refSamples(b, r.name, pb)) })).filter((m) => Number.isFinite(m.a) && Number.isFinite(m.b))
      const samplesA = pairs.flatMap(({ pa }) => refSamples(a, r.name, pa))
      const judged = judge([refMean(both.map((m) => m.a))], [refMean(both.map((m) => m.b))], judgeOpts, samplesA)
      const judgement = both.length === 0 ? { ...judged, skipped: pairs.length === 0 ? 'the runs have no sweep point in common' : 'no point was measured in both runs' } : judged
      return { result: r.name, units: r.units, direction: r.direction, verdict: judgement.change, judgement, points }
    })
  return { a: runRef(a), b: runRef(b), sameInputs: sameInputs(a.inputs, b.inputs), inputChanges: inputChanges(a.inputs, b.inputs), results, regressed: results.some((r) => r.verdict === 'regressed') }
}

// --- made-up runs ---

const inputs: InputVar[] = [
  { name: 'n', kind: 'int', units: '', doc: '', values: [10, 100, 1000, 10000] },
  { name: 'algo', kind: 'cat', units: '', doc: '', values: ['heap', 'quick'] },
]

type RunSpec = {
  repeats: number
  /** Factor on "time" at each point (slower above 1). */
  scale?: (point: number) => number
  /** Points where every repeat failed. */
  failed?: number[]
  /** Share of single samples missing. */
  holes?: number
  /** Leave the "score" column out of the run. */
  noScore?: boolean
}

function makeRun(index: number, spec: RunSpec, random: () => number, runInputs: InputVar[] = inputs): Run {
  const n = pointCount(runInputs)
  const column = (value: (point: number) => number): Float64Array => {
    const c = new Float64Array(n * spec.repeats)
    for (let p = 0; p < n; p++) {
      for (let k = 0; k < spec.repeats; k++) {
        c[p * spec.repeats + k] = spec.failed?.includes(p) || random() < (spec.holes ?? 0) ? Number.NaN : value(p)
      }
    }
    return c
  }
  const data: Record<string, Column> = {
    time: column((p) => (1 + p) * (spec.scale?.(p) ?? 1) * (1 + 0.02 * (random() - 0.5))),
    ok: column(() => (random() < 0.8 ? 1 : 0)),
    label: Array.from({ length: n * spec.repeats }, () => 'x'),
  }
  if (!spec.noScore) data.score = column(() => Math.round(random() * 4)) // few distinct values: ties
  const results: ResultVar[] = [
    { name: 'time', kind: 'float', units: 's', direction: 'minimize', doc: '' },
    { name: 'ok', kind: 'bool', units: '', direction: 'maximize', doc: '' },
    { name: 'score', kind: 'float', units: '', direction: 'none', doc: '' },
    { name: 'label', kind: 'string', units: '', doc: '', direction: 'none' },
  ]
  const day = String(index + 1).padStart(2, '0')
  return { id: index + 1, benchmark: 'eq', title: '', description: '', postDescription: '', tag: '', time: `2026-03-${day}T00:00:00Z`, timeLabel: `v${index}`, commit: null, branch: null, repeats: spec.repeats, inputs: runInputs, consts: [], results, data, failures: [], meta: {} }
}

/** `earlier` earlier runs with varied repeats, holes and failed points, then a newest run that is slower at n=1000. */
function makeRuns(earlier: number, seed: number): Run[] {
  const random = seededRandom(seed)
  const specs: RunSpec[] = range(earlier).map((i) => ({
    repeats: [3, 5, 1, 2, 4][i % 5],
    holes: i % 2 === 0 ? 0.15 : 0,
    failed: i === 1 ? [3, 6] : [],
    noScore: i === 2,
  }))
  specs.push({ repeats: 4, holes: 0.1, failed: [7], scale: (p) => (p === 4 ? 1.4 : p === 0 ? 0.6 : 1) })
  return specs.map((s, i) => makeRun(i, s, random))
}

const historyOf = (runs: Run[]): History => buildHistories(runs).at(-1) as History

const optionSets: RegressionOptions[] = [
  {},
  { minHistory: 3 },
  { method: 'percentage', threshold: 5 },
  { method: 'delta', threshold: 0.05 },
  { method: 'absolute', threshold: 2 },
  { method: 'adaptive', gatePercent: 2, points: false },
  { results: ['time'], alpha: 0.2 },
]

// --- tests ---

describe('detectRegressions equals the reference computation', () => {
  const cases = [1, 2, 3, 4, 6].flatMap((earlier) => optionSets.map((opts) => ({ earlier, opts, label: JSON.stringify(opts) })))

  it.each(cases)('$earlier earlier runs, options $label', ({ earlier, opts }) => {
    const runs = makeRuns(earlier, 100 + earlier)
    expect(detectRegressions(historyOf(runs), opts)).toEqual(refDetect(historyOf(runs), opts))
    expect(checkBenchmark(runs, opts)).toEqual(refDetect(historyOf(runs), opts))
  })

  it('the cases cover every verdict, the fallback and both kinds of significance', () => {
    const all = cases.flatMap(({ earlier, opts }) => detectRegressions(historyOf(makeRuns(earlier, 100 + earlier)), opts).results)
    const pointVerdicts = new Set(all.flatMap((r) => r.points.map((p) => p.verdict)))
    expect([...pointVerdicts].sort()).toEqual(['improved', 'missing', 'regressed', 'unchanged', 'young'])
    expect(new Set(all.map((r) => r.verdict)).size).toBeGreaterThanOrEqual(3)
    expect(new Set(all.map((r) => r.judgement.fallback))).toEqual(new Set([true, false]))
    expect(new Set(all.flatMap((r) => r.points.map((p) => p.significant)))).toEqual(new Set([true, false, null]))
  })

  it('a newest run without any value: nothing to judge, every point missing', () => {
    const runs = makeRuns(4, 7)
    const last = runs[runs.length - 1]
    runs[runs.length - 1] = makeRun(4, { repeats: 2, failed: range(8) }, seededRandom(1))
    runs[runs.length - 1].time = last.time
    const v = detectRegressions(historyOf(runs))
    expect(v).toEqual(refDetect(historyOf(runs), {}))
    const time = v.results[0]
    expect(time.judgement.skipped).toBe('no value in the newest run')
    expect(time.baselineRuns).toEqual([])
    expect(time.points.every((p) => p.verdict === 'missing')).toBe(true)
  })

  it('fallback: the baseline is the mean of every earlier sample at the points the newest run measured', () => {
    // One earlier run: point 0 has samples 1, 2, 3, point 1 has 10; the newest run measured both.
    const one = { ...inputs[0], values: [1, 2] }
    const run = (index: number, repeats: number, time: number[]): Run => ({ ...makeRun(index, { repeats }, seededRandom(index), [one]), data: { time: Float64Array.from(time) } })
    const earlier = run(0, 3, [1, 2, 3, 10, Number.NaN, Number.NaN])
    const newest = run(1, 1, [2, 9])
    const r = detectRegressions(historyOf([earlier, newest])).results[0]
    expect(r.judgement.fallback).toBe(true)
    expect(r.judgement.baseline).toBe((1 + 2 + 3 + 10) / 4) // not (2 + 10) / 2, the mean of the point means
    expect(r.historyValues).toEqual([6])
    expect(r.currentSamples).toEqual([2, 9])
  })

  it('reads each run column a bounded number of times, not once per point', () => {
    // In the server `run.data` may be a getter that loads from the store.
    const runs = makeRuns(5, 3)
    const reads = runs.map(() => 0)
    const counted = runs.map((run, i) => {
      const { data, ...rest } = run
      return Object.defineProperty({ ...rest }, 'data', { enumerable: true, get: () => (reads[i]++, data) }) as Run
    })
    const v = detectRegressions(historyOf(counted), { method: 'adaptive' })
    expect(v).toEqual(refDetect(historyOf(runs), { method: 'adaptive' }))
    // Three scalar results; per result at most: point means, earlier samples, per-point pass.
    expect(Math.max(...reads.slice(0, -1))).toBeLessThanOrEqual(3 * 3)
    expect(Math.max(...reads.slice(0, -1))).toBeLessThan(pointCount(inputs))
  })
})

describe('compareRuns equals the reference computation', () => {
  const methods: (RegressionMethod | undefined)[] = [undefined, 'adaptive', 'delta']
  const cases = [1, 3].flatMap((earlier) => methods.flatMap((method) => [true, false].map((points) => ({ earlier, method, points }))))

  it.each(cases)('$earlier: method $method, points $points', ({ earlier, method, points }) => {
    const runs = makeRuns(earlier, 40 + earlier)
    const opts: CompareOptions = { method, points, threshold: method === 'delta' ? 0.1 : undefined }
    const a = runs[0]
    const b = runs[runs.length - 1]
    expect(compareRuns(a, b, opts)).toEqual(refCompare(a, b, opts))
  })

  it('pairs points by input values when the inputs are reordered or extended', () => {
    const random = seededRandom(5)
    const reordered = makeRun(0, { repeats: 3, holes: 0.2 }, random, [inputs[1], inputs[0]])
    const extended = makeRun(1, { repeats: 2, failed: [1] }, random, [{ ...inputs[0], values: [...inputs[0].values, 1e5] }, inputs[1]])
    for (const method of ['percentage', 'adaptive'] as const) {
      const c = compareRuns(reordered, extended, { method })
      expect(c).toEqual(refCompare(reordered, extended, { method }))
      expect(c.results[0].points).toHaveLength(8)
      expect(c.results[0].points.filter((p) => p.verdict === 'missing').length).toBeGreaterThan(0)
    }
  })

  it('runs without common points or without common measured points say so', () => {
    const random = seededRandom(9)
    const a = makeRun(0, { repeats: 2 }, random)
    const other = makeRun(1, { repeats: 2 }, random, [{ ...inputs[0], name: 'm' }, inputs[1]])
    expect(compareRuns(a, other).results[0].judgement.skipped).toBe('the runs have no sweep point in common')
    const failed = makeRun(1, { repeats: 2, failed: range(8) }, random)
    const c = compareRuns(a, failed)
    expect(c.results[0].judgement.skipped).toBe('no point was measured in both runs')
    expect(c).toEqual(refCompare(a, failed, {}))
  })
})

describe('Mann-Whitney U against a pairwise count', () => {
  // U of a counts the pairs where a wins (ties count half); the p-value comes from the normal
  // approximation with tie and continuity corrections whenever there are ties or a sample is over 25.
  function pairwise(a: number[], b: number[]): { statistic: number; pValue: number | null } {
    const x = a.filter(Number.isFinite)
    const y = b.filter(Number.isFinite)
    let u = 0
    for (const v of x) for (const w of y) u += v > w ? 1 : v === w ? 0.5 : 0
    const counts = new Map<number, number>()
    for (const v of [...x, ...y]) counts.set(v, (counts.get(v) ?? 0) + 1)
    const ties = [...counts.values()].filter((t) => t > 1)
    if (ties.length === 0 && x.length <= 25 && y.length <= 25) return { statistic: u, pValue: null }
    const n = x.length + y.length
    const tieTerm = ties.reduce((s, t) => s + t ** 3 - t, 0)
    const variance = ((x.length * y.length) / 12) * (n + 1 - tieTerm / (n * (n - 1)))
    const z = (Math.abs(u - (x.length * y.length) / 2) - 0.5) / Math.sqrt(variance)
    return { statistic: u, pValue: variance <= 0 ? 1 : Math.min(1, 2 * normalSf(Math.max(z, 0))) }
  }

  it('gives the same U and p-value whichever sample is the larger, with holes and ties', () => {
    const random = seededRandom(11)
    for (let k = 0; k < 200; k++) {
      const sample = (n: number, levels: number) => range(n).map(() => (random() < 0.1 ? Number.NaN : Math.floor(random() * levels)))
      const a = sample(1 + (k % 37), k % 3 === 0 ? 5 : 1e6)
      const b = sample(1 + ((k * 7) % 31), k % 3 === 0 ? 5 : 1e6)
      if (a.filter(Number.isFinite).length === 0 || b.filter(Number.isFinite).length === 0) continue
      const got = mannWhitneyU(a, b)
      const want = pairwise(a, b)
      expect(got.statistic).toBe(want.statistic)
      if (want.pValue !== null) expect(got.pValue).toBeCloseTo(want.pValue, 12)
      expect(mannWhitneyU(b, a).pValue).toBe(got.pValue)
    }
  })

  it('reads typed arrays as well as plain ones', () => {
    const a = [1.5, Number.NaN, 3, 7, 2]
    const b = [4, 5, 6, Number.NaN]
    expect(mannWhitneyU(Float64Array.from(a), Float64Array.from(b))).toEqual(mannWhitneyU(a, b))
  })
})

describe('sortedFinite', () => {
  it('keeps only finite values, sorted, with -0 before 0', () => {
    expect(Array.from(sortedFinite([3, Number.NaN, 0, -0, Number.POSITIVE_INFINITY, -1]))).toEqual([-1, -0, 0, 3])
    expect(sortedFinite([]).length).toBe(0)
  })
})
