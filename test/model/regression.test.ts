import { describe, expect, it } from 'bun:test'
import { buildHistories } from '../../src/model/history'
import { checkBenchmark, compareRuns, detectRegressions, isSparkText, judge, mannKendall, mannWhitneyU, sparkPairs, sparkRunCount, sparkText, summarizeBenchmark, theilSenSlope, toCheckReport } from '../../src/model/regression'
import { sparkGeometry } from '../../src/plots'
import { validateRun } from '../../src/model/run-format'
import type { Run } from '../../src/model/types'
import { caseNames, expected, historyCase, type HistoryCase } from './regression-histories'

const runsOf = (kind: HistoryCase): Run[] => historyCase(kind).map((r, i) => ({ ...validateRun(r), id: i + 1 }))
const resultOf = (kind: HistoryCase, name = 'time', opts = {}) => {
  const v = checkBenchmark(runsOf(kind), opts)
  const r = v.results.find((x) => x.result === name)
  if (!r) throw new Error(`no result ${name}`)
  return { v, r }
}

describe('rank tests (p-values checked against scipy 1.17)', () => {
  it.each([
    ['exact, separated', [1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 0.007936507936507936],
    ['exact, overlapping', [1.1, 2.3, 0.5, 4.2], [3.3, 5.1, 6.2, 2.9, 7.7], 0.06349206349206349],
    ['normal with ties', [1, 2, 2, 3, 4, 5, 6], [3, 4, 5, 6, 7, 8, 8, 9], 0.023275994867712854],
  ])('mannWhitneyU %s', (_, a, b, p) => {
    expect(mannWhitneyU(a, b).pValue).toBeCloseTo(p, 7)
  })

  it('mannWhitneyU has no p-value for an empty sample', () => {
    expect(mannWhitneyU([], [1, 2]).pValue).toBeNaN()
  })

  it.each([
    ['exact', [3.1, 2.9, 3.5, 3.8, 3.6, 4.2, 4.0, 4.9], 0.005505952380952381],
    ['normal with ties', [1, 2, 2, 3, 5, 4, 6, 6, 7, 9, 8, 10], 3.567566812207477e-5],
  ])('mannKendall %s matches kendalltau', (_, xs, p) => {
    expect(mannKendall(xs).pValue).toBeCloseTo(p, 8)
  })

  it('theilSenSlope is the median pairwise slope', () => {
    expect(theilSenSlope([1, 3, 2, 5, 4, 6])).toBe(1)
  })
})

describe('judge (the methods of bencher §6.2)', () => {
  const steady = [100, 101, 99, 100, 100.5, 99.5]
  it.each([
    ['percentage, 12 % slower, minimize', [100], [112], { method: 'percentage', direction: 'minimize' }, 'regressed'],
    ['percentage, 8 % slower is within 10 %', [100], [108], { method: 'percentage', direction: 'minimize' }, 'unchanged'],
    ['percentage, 12 % lower, maximize', [100], [88], { method: 'percentage', direction: 'maximize' }, 'regressed'],
    ['percentage, 12 % faster, minimize', [100], [88], { method: 'percentage', direction: 'minimize' }, 'improved'],
    ['percentage, direction none, any way', [100], [88], { method: 'percentage', direction: 'none' }, 'regressed'],
    ['percentage at 5 %', [100], [106], { method: 'percentage', direction: 'minimize', threshold: 5 }, 'regressed'],
    ['delta over 2', [10], [12.5], { method: 'delta', direction: 'minimize', threshold: 2 }, 'regressed'],
    ['delta within 2', [10], [11.5], { method: 'delta', direction: 'minimize', threshold: 2 }, 'unchanged'],
    ['absolute ceiling', [], [12], { method: 'absolute', direction: 'minimize', threshold: 10 }, 'regressed'],
    ['absolute floor', [], [12], { method: 'absolute', direction: 'maximize', threshold: 10 }, 'unchanged'],
    ['adaptive step', steady, [115], { method: 'adaptive', direction: 'minimize' }, 'regressed'],
    ['adaptive step below the 10 % gate', steady, [108], { method: 'adaptive', direction: 'minimize' }, 'unchanged'],
    ['adaptive step the good way', steady, [80], { method: 'adaptive', direction: 'minimize' }, 'improved'],
    ['adaptive with 3 runs falls back to percentage', [100, 100, 100], [111], { method: 'adaptive', direction: 'minimize' }, 'regressed'],
  ] as const)('%s', (_, history, current, opts, change) => {
    expect(judge([...history], [...current], { ...opts }).change).toBe(change)
  })

  it('adaptive reports a drift that no single step shows', () => {
    const ramp = [100, 102, 104.1, 105.9, 108, 110.1, 112, 113.9, 116]
    const j = judge(ramp, [118], { method: 'adaptive', direction: 'minimize' })
    expect(j.change).toBe('regressed')
    expect(j.fired).toEqual(['drift'])
    expect(j.baseline).toBe(108)
    expect(j.details).toContain('fired=drift')
  })

  it('adaptive bands: MAD band and percentage band around the median', () => {
    const j = judge([100, 100, 100, 100, 100], [100], { method: 'adaptive', direction: 'minimize' })
    expect(j.change).toBe('unchanged')
    expect(j.band?.[1]).toBeCloseTo(100 + 3.5 * 1e-4)
    expect(j.percentBand).toEqual([90, 110.00000000000001])
  })

  it('skips delta and absolute without a threshold, and absolute without a direction', () => {
    expect(judge([1], [2], { method: 'delta', direction: 'minimize' }).skipped).toContain('needs a threshold')
    expect(judge([], [2], { method: 'absolute', direction: 'none', threshold: 1 }).skipped).toContain('direction')
  })

  it('gives ±Infinity change over a zero baseline', () => {
    expect(judge([0], [1], { method: 'percentage', direction: 'minimize' }).changePercent).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('detectRegressions on made-up histories', () => {
  it.each(caseNames)('%s: time is judged as expected', (kind) => {
    const { v, r } = resultOf(kind)
    expect(r.verdict).toBe(expected[kind].verdict as never)
    expect(v.regressed).toBe(expected[kind].exit === 1)
  })

  it('step: says which inputs regressed, with a significant Mann-Whitney U p-value', () => {
    const { r } = resultOf('step')
    expect(r.judgement.fired).toContain('step')
    expect(r.judgement.changePercent).toBeGreaterThan(40)
    const regressed = r.points.filter((p) => p.verdict === 'regressed')
    expect(regressed.map((p) => p.inputs)).toEqual([{ n: 1000 }])
    expect(regressed[0].pValue).toBeLessThan(0.001)
    expect(regressed[0].changePercent).toBeCloseTo(50, 0)
    expect(r.points.filter((p) => p.verdict === 'unchanged')).toHaveLength(2)
  })

  it('step: a maximize result regresses when it falls', () => {
    expect(resultOf('step', 'throughput').r.verdict).toBe('regressed')
    expect(resultOf('improvement', 'throughput').r.verdict).toBe('improved')
  })

  it('drift: fires the drift test, every point drifts', () => {
    const { r } = resultOf('drift')
    expect(r.judgement.fired).toEqual(['drift'])
    expect(r.points.every((p) => p.verdict === 'regressed')).toBe(true)
  })

  it('noise: no point regresses either', () => {
    const { r } = resultOf('noise')
    expect(r.points.every((p) => p.verdict === 'unchanged')).toBe(true)
    expect(r.baselineRuns).toHaveLength(7)
  })

  it('a young baseline warns and never blocks', () => {
    const { v, r } = resultOf('single')
    expect(r.blocking).toBe(false)
    expect(r.note).toContain('young baseline')
    expect(v.regressed).toBe(false)
    expect(r.points.every((p) => p.verdict === 'young')).toBe(true)
  })

  it('input change: the new history starts young, whatever the old one said', () => {
    const { v, r } = resultOf('input-change')
    expect(v.history).toBe(1)
    expect(v.runs).toBe(1)
    expect(v.inputChanges).toHaveLength(1)
    expect(r.verdict).toBe('young')
  })

  it('a longer minimum history keeps the signal but does not block', () => {
    const { v, r } = resultOf('step', 'time', { minHistory: 10 })
    expect(r.verdict).toBe('young')
    expect(r.signal).toBe('regressed')
    expect(v.regressed).toBe(false)
  })

  it('takes method and threshold from the run JSON, and the command line over it', () => {
    const runs = historyCase('noise').map((r) => validateRun({ ...r, results: r.results?.map((x) => ({ ...x, regression: { method: 'percentage', threshold: 0.0001 } })) }))
    const fromJson = checkBenchmark(runs).results[0]
    expect(fromJson.judgement.method).toBe('percentage')
    expect(fromJson.judgement.threshold).toBe(0.0001)
    expect(fromJson.verdict).not.toBe('unchanged') // any noise clears 0.0001 %
    const fromCli = checkBenchmark(runs, { method: 'adaptive' }).results[0]
    expect(fromCli.judgement.method).toBe('adaptive')
    expect(fromCli.judgement.threshold).toBe(3.5)
    expect(checkBenchmark(runs, { threshold: 50 }).results[0].judgement.threshold).toBe(50)
  })

  it('judges only the newest history (the one detectRegressions is given)', () => {
    const histories = buildHistories(runsOf('input-change'))
    expect(detectRegressions(histories[0]).results[0].verdict).toBe('unchanged')
  })
})

describe('toCheckReport', () => {
  it('writes schema 1 with finite numbers only', () => {
    const report = toCheckReport([checkBenchmark(runsOf('step')), checkBenchmark(runsOf('single'))], { schema: 1 })
    const text = JSON.stringify(report)
    expect(text).not.toContain('NaN')
    expect(report.schema_version).toBe(1)
    const [step, single] = report.benchmarks
    expect(step.results[0]).toMatchObject({ name: 'time', verdict: 'regressed', method: 'adaptive', threshold: 3.5 })
    expect(step.results[0].points[2]).toMatchObject({ inputs: { n: 1000 }, verdict: 'regressed' })
    expect(typeof step.results[0].points[2].p_value).toBe('number')
    expect(single.results[0]).toMatchObject({ verdict: 'young', change_percent: null, baseline: null })
  })
})

describe('compareRuns', () => {
  it('gives per point ratio, significance and verdict', () => {
    const runs = runsOf('step')
    const c = compareRuns(runs[5], runs[6])
    const time = c.results.find((r) => r.result === 'time')
    expect(time?.verdict).toBe('regressed')
    expect(time?.judgement.method).toBe('percentage')
    const big = time?.points[2]
    expect(big?.ratio).toBeCloseTo(1.5, 1)
    expect(big?.significant).toBe(true)
    expect(big?.verdict).toBe('regressed')
    expect(time?.points[0].verdict).toBe('unchanged')
    expect(c.regressed).toBe(true)
  })

  it('matches points by input values across an input change', () => {
    const runs = runsOf('input-change')
    const c = compareRuns(runs[2], runs[3])
    expect(c.sameInputs).toBe(false)
    expect(c.results[0].points).toHaveLength(3)
    expect(c.results[0].points[0].ratio).toBeCloseTo(3, 1)
  })
})

describe('summarizeBenchmark', () => {
  it('gives the latest value, a sparkline and the verdict per result', () => {
    const row = summarizeBenchmark({ name: 'step', runs: runsOf('step') })
    expect(row.verdict).toBe('regressed')
    expect(row.historyRuns).toBe(7)
    const time = row.results[0]
    expect(sparkPairs(time.spark)).toHaveLength(7)
    expect(time.latest).toBeCloseTo((0.01 + 0.1 + 1.5) / 3, 2)
    expect(sparkPairs(time.spark)[0][1]).toBeGreaterThan(0)
  })

  // Runs of two points × 3 repeats around `level`, with noise of `noise` (relative to level) in long decimals.
  const noisyRuns = (level: number, noise: number): Run[] =>
    Array.from({ length: 12 }, (_, k) =>
      validateRun({
        benchmark: 'noisy',
        time: `2026-10-${String(k + 1).padStart(2, '0')}T00:00:00Z`,
        repeats: 3,
        inputs: [{ name: 'n', kind: 'int', values: [1, 2] }],
        results: [{ name: 'time', kind: 'float', units: 's', direction: 'minimize' }],
        samples: [1, 2].flatMap((n) => [1, 2, 3].map((repeat) => ({ inputs: { n }, repeat, results: { time: level * (1 + noise * Math.sin(k * 7.3 + n * 1.7 + repeat * 2.9)) } }))),
      }),
    ).map((r, i) => ({ ...r, id: i + 1 }))
  // A run's spark point computed here: mean of the point means, root mean within-point variance.
  const exactSpark = (run: Run) => {
    const x = run.data.time as Float64Array
    const means = [0, 1].map((p) => (x[3 * p] + x[3 * p + 1] + x[3 * p + 2]) / 3)
    const ss = [0, 1].reduce((s, p) => s + [0, 1, 2].reduce((t, k) => t + (x[3 * p + k] - means[p]) ** 2, 0), 0)
    return { mean: (means[0] + means[1]) / 2, std: Math.sqrt(ss / 6) }
  }
  const coordinates = (svg: string) => [...svg.matchAll(/c[xy]="([^"]+)"/g)].map((m) => Number(m[1]))

  it.each([
    ['around 0.0004 s', 4e-4, 0.05],
    ['a large value with a spread a billionth of it', 1e6, 1e-9],
  ])('keeps its sparkline as thousandths of its band, drawn within 0.05 px of the full-precision one: %s', (_, level, noise) => {
    const runs = noisyRuns(level, noise)
    const exact = runs.map(exactSpark)
    const spark = summarizeBenchmark({ name: 'noisy', runs }).results[0].spark
    expect(spark).toBe(sparkText(exact))
    expect(sparkRunCount(spark)).toBe(12)
    const pairs = sparkPairs(spark)
    expect(pairs.every(([mean, std]) => Number.isInteger(mean) && mean >= 0 && mean <= 1000 && Number.isInteger(std) && std > 0)).toBe(true)
    expect(Math.min(...pairs.map(([m, s]) => m - s))).toBe(0)
    expect(Math.max(...pairs.map(([m, s]) => m + s))).toBeGreaterThanOrEqual(999)
    const drawn = coordinates(sparkGeometry(pairs, 120, 28, ''))
    const drawnExact = coordinates(sparkGeometry(exact.map((p) => [p.mean, p.std]), 120, 28, ''))
    expect(drawn).toHaveLength(48)
    drawn.forEach((v, i) => expect(Math.abs(v - drawnExact[i])).toBeLessThan(0.05))
  })

  it('keeps a flat history flat, a run without values NaN, and no sparkline without values', () => {
    expect(summarizeBenchmark({ name: 'noisy', runs: noisyRuns(2.5, 0) }).results[0].spark).toBe(Array(12).fill('0 0').join(','))
    expect(sparkText([{ mean: 1, std: 0.5 }, { mean: Number.NaN, std: Number.NaN }, { mean: 2, std: Number.NaN }])).toBe('333 333,NaN 0,1000 0')
    expect(sparkText([{ mean: Number.NaN, std: 0 }])).toBe('')
    expect([sparkRunCount(''), sparkRunCount('1 2'), sparkRunCount('1 2,NaN 0,3 4')]).toEqual([0, 1, 3])
  })

  it('reads as a sparkline only text sparkText could have written', () => {
    for (const text of ['', '0 0', '250 250,NaN 0,1000 0']) expect(isSparkText(text)).toBe(true)
    for (const text of ['1', '-1 2', '1 2,', '1 2,"><script>', '1.5 2', 'NaN NaN', ' 1 2']) expect(isSparkText(text)).toBe(false)
  })
})
