import { describe, expect, it } from 'bun:test'
import { buildHistories } from '../../src/model/history'
import { gaussian, seededRandom } from '../../src/model/random'
import { changePointDefaults, findChangePoints, findPointChangePoints, latestChangePoint, segmentSeries, shiftRatio, summarizeBenchmark } from '../../src/model/regression'
import { shapeRuns, shapes, type ShapeName } from './change-point-histories'

const historyOf = (shape: ShapeName, seed = 1, runs?: number) => buildHistories(shapeRuns(shape, seed, shape, runs)).at(-1) ?? expect.unreachable()
const seeds = Array.from({ length: 10 }, (_, i) => i + 1)

describe('segmentSeries', () => {
  it('finds a step at its index, with its size and a small p-value', () => {
    const random = seededRandom(3)
    const series = Array.from({ length: 30 }, (_, i) => (i >= 18 ? 1.2 : 1) * (1 + 0.01 * gaussian(random)))
    const [cp, ...rest] = segmentSeries(series)
    expect(rest).toEqual([])
    expect(cp.index).toBe(18)
    expect(cp.previous).toBe(17)
    expect(cp.ratio).toBeCloseTo(1.2, 1)
    expect(cp.ci?.[0]).toBeLessThan(cp.ratio)
    expect(cp.ci?.[1]).toBeGreaterThan(cp.ratio)
    expect(cp.p).toBeLessThan(changePointDefaults.alpha)
  })

  it('skips missing values and names the runs around them', () => {
    const series = [1, 1.01, Number.NaN, 0.99, 1, 1.02, 0.98, 1, 1.01, 0.99, Number.NaN, 1.5, 1.51, 1.49, 1.5, 1.52, 1.5, 1.48, 1.5]
    const [cp] = segmentSeries(series)
    expect(cp).toMatchObject({ index: 11, previous: 9 })
  })

  it('with ties (whole-number results) permutes the series\' own ranks, and finds the step as well', () => {
    const series = Array.from({ length: 30 }, (_, i) => (i >= 20 ? 6 : 3) + (i % 3 === 0 ? 1 : 0))
    const [cp, ...rest] = segmentSeries(series)
    expect(rest).toEqual([])
    expect(cp.index).toBe(20)
    expect(cp.p).toBeLessThan(changePointDefaults.alpha)
    expect(segmentSeries(series.map((_, i) => 3 + (i % 3 === 0 ? 1 : 0)))).toEqual([])
  })

  it('finds nothing in a series too short for any split to be significant', () => {
    expect(segmentSeries([1, 2, 3])).toEqual([])
    expect(segmentSeries([])).toEqual([])
  })

  it('gives the same answer for the same seed, whatever else ran before', () => {
    const series = Array.from({ length: 40 }, (_, i) => (i % 7) + (i >= 25 ? 3 : 0))
    expect(segmentSeries(series)).toEqual(segmentSeries(series))
  })

  it(`noise only: about alpha of 1,000 seeded series show a change point (alpha ${changePointDefaults.alpha} and 0.05)`, () => {
    for (const alpha of [changePointDefaults.alpha, 0.05]) {
      const random = seededRandom(11)
      let found = 0
      for (let k = 0; k < 1000; k++) {
        const series = Array.from({ length: 30 }, () => 1 + 0.01 * gaussian(random))
        if (segmentSeries(series, { alpha }).length > 0) found++
      }
      // Binomial: 1,000 tests at alpha stay within alpha ± 3.5 standard errors.
      const se = Math.sqrt((alpha * (1 - alpha)) / 1000)
      expect(found / 1000).toBeLessThanOrEqual(alpha + 3.5 * se)
      expect(found / 1000).toBeGreaterThanOrEqual(Math.max(0, alpha - 3.5 * se))
    }
  })
})

describe('shiftRatio', () => {
  it('is the median of the pairwise ratios after / before (the geometric middle of an even count)', () => {
    const before = [1, 2, 4]
    const after = [3, 5, 8, 9]
    const ratios = before.flatMap((b) => after.map((a) => a / b)).sort((x, y) => x - y)
    expect(shiftRatio(before, after).ratio).toBeCloseTo(Math.sqrt(ratios[5] * ratios[6]), 12)
    const odd = before.flatMap((b) => [3, 5, 8].map((a) => a / b)).sort((x, y) => x - y)
    expect(shiftRatio(before, [3, 5, 8]).ratio).toBeCloseTo(odd[4], 12)
  })

  it('covers the true ratio about 95 % of the time', () => {
    const random = seededRandom(5)
    let covered = 0
    for (let k = 0; k < 400; k++) {
      const before = Array.from({ length: 12 }, () => Math.exp(0.05 * gaussian(random)))
      const after = Array.from({ length: 9 }, () => 1.1 * Math.exp(0.05 * gaussian(random)))
      const { ci } = shiftRatio(before, after)
      if (ci && ci[0] <= 1.1 && 1.1 <= ci[1]) covered++
    }
    expect(covered / 400).toBeGreaterThan(0.91)
    expect(covered / 400).toBeLessThan(0.99)
  })

  it('has no interval for segments too short, and falls back to the ratio of means for values ≤ 0', () => {
    expect(shiftRatio([1, 1], [2, 2]).ci).toBeNull()
    expect(shiftRatio([0, 2], [2, 4])).toEqual({ ratio: 3, ci: null })
  })
})

describe('findChangePoints on histories of known shape', () => {
  it.each(['step', 'step-one-algo', 'step-one-point', 'recovers', 'noise'] as const)('%s: change points at the right runs (within one) over 10 seeds', (shape) => {
    for (const seed of seeds) {
      const found = findChangePoints(historyOf(shape, seed), 'time', { points: false }).changePoints
      expect(found).toHaveLength(shapes[shape].changesAt.length)
      found.forEach((cp, i) => expect(Math.abs(cp.index - shapes[shape].changesAt[i])).toBeLessThanOrEqual(1))
    }
  })

  it('step: names the run, its size with an interval, and every point moved', () => {
    const [cp] = findChangePoints(historyOf('step'), 'time').changePoints
    expect(cp.run).toMatchObject({ id: 46, label: 'c046', commit: 'c0460000000' })
    expect(cp.previous).toMatchObject({ id: 45, label: 'c045' })
    expect(cp.ratio).toBeCloseTo(1.25, 1)
    expect(cp.ci?.[0]).toBeLessThan(1.25 + 0.01)
    expect(cp.ci?.[1]).toBeGreaterThan(1.25 - 0.01)
    expect(cp.p).toBeLessThan(0.01)
    expect(cp.movedCount).toBe(12)
    expect(cp.tested).toBe(12)
  })

  it('step on one algorithm: only its points moved, at the result and at each point', () => {
    const found = findChangePoints(historyOf('step-one-algo'), 'time')
    const [cp] = found.changePoints
    expect(cp.points.filter((s) => s.moved).map((s) => s.inputs.algo)).toEqual(['heap', 'heap', 'heap', 'heap'])
    // The size is that of the points that moved, not diluted by the eight that did not.
    expect(cp.ratio).toBeCloseTo(1.25, 1)
    expect(cp.moved?.min).toBeGreaterThan(1.2)
    for (const p of found.points) {
      if (p.inputs.algo === 'heap') expect(p.changePoints.map((c) => Math.abs(c.index - 45) <= 1)).toEqual([true])
      else expect(p.changePoints).toEqual([])
    }
  })

  it('step on one point only: the result finds it, and only that point moved', () => {
    const found = findChangePoints(historyOf('step-one-point'), 'time')
    const [cp] = found.changePoints
    expect(cp.movedCount).toBe(1)
    expect(cp.points.find((s) => s.moved)?.inputs).toEqual({ algo: 'quick', n: 1000 })
    expect(cp.ratio).toBeCloseTo(1.3, 1)
    const own = found.points.filter((p) => p.changePoints.length > 0)
    expect(own.map((p) => p.inputs)).toEqual([{ algo: 'quick', n: 1000 }])
    expect(Math.abs(own[0].changePoints[0].index - 29)).toBeLessThanOrEqual(1)
  })

  it('one point alone, by index or by its input values as text, as a per-point history asks', () => {
    const history = historyOf('step-one-point')
    const byValues = findPointChangePoints(history, 'time', { algo: 'quick', n: '1000' })
    expect(byValues.map((cp) => cp.run.label)).toEqual(['c030'])
    expect(findPointChangePoints(history, 'time', 6)).toEqual(byValues)
    expect(findPointChangePoints(history, 'time', { algo: 'heap', n: '1000' })).toEqual([])
    expect(() => findPointChangePoints(history, 'time', { algo: 'bogo', n: '1' })).toThrow('no sweep point {"algo":"bogo","n":"1"}')
  })

  it('a step that recovers: up, then back down', () => {
    const [up, down] = findChangePoints(historyOf('recovers'), 'time', { points: false }).changePoints
    expect(up.ratio).toBeCloseTo(1.25, 1)
    expect(down.ratio).toBeCloseTo(0.8, 1)
  })

  it('slow drift: small steps, all the same way, that add up to the drift', () => {
    const found = findChangePoints(historyOf('drift'), 'time', { points: false }).changePoints
    expect(found.length).toBeGreaterThan(0)
    for (const cp of found) {
      expect(cp.ratio).toBeGreaterThan(1)
      expect(cp.ratio).toBeLessThan(1.1)
    }
    // 0.5 % a run over 60 runs: the segments' means are 1.3x apart end to end, less what each segment averages away.
    const total = found.reduce((x, cp) => x * cp.ratio, 1)
    expect(total).toBeGreaterThan(1.15)
    expect(total).toBeLessThan(1.35)
  })

  it(`noise only: at most the documented rate (alpha ${changePointDefaults.alpha}) of 1,000 seeded histories show a change point`, () => {
    let found = 0
    for (let seed = 1; seed <= 1000; seed++) if (findChangePoints(historyOf('noise', seed, 30), 'time', { points: false }).changePoints.length > 0) found++
    const alpha = changePointDefaults.alpha
    expect(found / 1000).toBeLessThanOrEqual(alpha + 3.5 * Math.sqrt((alpha * (1 - alpha)) / 1000))
  })

  it('latestChangePoint is the newest of them, and the index can ask for it', () => {
    const history = historyOf('recovers')
    expect(latestChangePoint(history, 'time')?.run.label).toBe('c040')
    const row = summarizeBenchmark({ name: 'recovers', runs: history.runs }, { latestChange: true })
    expect(row.results[0].latestChange?.run.label).toBe('c040')
    expect(row.latestChange).toMatchObject({ result: 'time', changePoint: { run: { label: 'c040' } } })
    expect(summarizeBenchmark({ name: 'recovers', runs: history.runs }).results[0].latestChange).toBeUndefined()
    expect(summarizeBenchmark({ name: 'noise', runs: historyOf('noise').runs }, { latestChange: true }).latestChange).toBeNull()
  })
})
