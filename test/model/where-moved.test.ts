import { describe, expect, it } from 'bun:test'
import { buildHistories } from '../../src/model/history'
import { describeMovement, describePoints, detectRegressions, formatMovement, toCheckReport } from '../../src/model/regression'
import { shapeRuns } from './change-point-histories'
import { historyCase } from './regression-histories'
import { validateRun } from '../../src/model/run-format'

// The case: algo=heap 25 % slower at every n from run #46, quick and merge as before; judged
// at run #48 (the step is news), or at run #53 (the step is history, with runs enough after it to be found).
const stepOneAlgo = (runs = 48) => buildHistories(shapeRuns('step-one-algo', 1, 'step-one-algo', runs)).at(-1) ?? expect.unreachable()

describe('describePoints', () => {
  const sweep = ['heap', 'quick', 'merge'].flatMap((algo) => [10, 100].map((n) => ({ inputs: { algo, n } })))
  it.each([
    ['one value of one input, at every value of the other', (p: { inputs: { algo: string } }) => p.inputs.algo === 'heap', 'algo=heap at every n'],
    ['two values of one input', (p: { inputs: { algo: string } }) => p.inputs.algo !== 'heap', 'algo=quick or merge at every n'],
    ['one value of each input', (p: { inputs: { algo: string; n: number } }) => p.inputs.algo === 'merge' && p.inputs.n === 100, 'algo=merge, n=100'],
    ['every point', () => true, 'every point'],
    ['no box: the points listed', (p: { inputs: { algo: string; n: number } }) => (p.inputs.algo === 'heap') !== (p.inputs.n === 10), 'algo=heap, n=100; algo=quick, n=10; algo=merge, n=10'],
  ] as const)('%s', (_, pick, text) => {
    expect(describePoints(sweep, sweep.filter((p) => pick(p as never)))).toBe(text)
  })

  it('lists at most three points', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ inputs: { n: i } }))
    expect(describePoints(many, many.filter((p) => p.inputs.n % 2 === 0))).toBe('n=0; n=2; n=4 and 2 more')
  })
})

describe('describeMovement', () => {
  it('says which points moved and which did not, with the median change over points as the headline', () => {
    const verdict = detectRegressions(stepOneAlgo()).results[0]
    const m = describeMovement(verdict.points)
    expect(m.regressed?.description).toBe('algo=heap at every n')
    expect(m.regressed?.minPercent).toBeGreaterThan(20)
    expect(m.unchanged?.description).toBe('algo=quick or merge at every n')
    expect(Math.max(Math.abs(m.unchanged?.minPercent ?? 99), Math.abs(m.unchanged?.maxPercent ?? 99))).toBeLessThan(4)
    // Eight points of twelve did not move: the median is theirs, the largest is heap's.
    expect(Math.abs(m.medianPercent)).toBeLessThan(4)
    expect(m.largestPercent).toBeGreaterThan(20)
    expect(m.measured).toBe(12)
  })
})

describe('describeMovement on a big sweep', () => {
  it('summarises 300,000 points (more than a call can take as arguments)', () => {
    const points = Array.from({ length: 300_000 }, (_, p) => ({ point: p, inputs: { n: p }, verdict: p % 2 === 0 ? ('regressed' as const) : ('unchanged' as const), changePercent: p % 2 === 0 ? 20 + p / 1e5 : 1, baseline: 1, current: 1, pValue: null, significant: null }))
    const m = describeMovement(points)
    expect(m.largestPercent).toBeCloseTo(20 + 299_998 / 1e5, 9)
    expect(m.regressed?.points).toHaveLength(150_000)
    expect(m.regressed?.description).toBe('n=0; n=2; n=4 and 149997 more')
  })
})

describe('formatMovement', () => {
  it('puts the headline (median, smallest, largest) and the moved and unmoved points in words', () => {
    const lines = formatMovement(describeMovement(detectRegressions(stepOneAlgo()).results[0].points))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^per point: median [+-]\d\.\d% \(smallest [+-]\d\.\d%, largest \+2\d\.\d%\) over 12 points$/)
    expect(lines[1]).toMatch(/^moved: algo=heap at every n \+2\d\.\d% to \+2\d\.\d% \(4 of 12\); algo=quick or merge at every n within ±[0-3]\.\d%$/)
  })

  it('says nothing without a measured point, and no range for unchanged points without a change', () => {
    const point = (p: number, verdict: 'regressed' | 'unchanged', changePercent: number) => ({ point: p, inputs: { n: p }, verdict, changePercent, baseline: 1, current: 1, pValue: null, significant: null })
    expect(formatMovement(describeMovement([]))).toEqual([])
    expect(formatMovement(describeMovement([point(0, 'regressed', 30), point(1, 'unchanged', Number.NaN)]))[1]).toBe('moved: n=0 +30.0% (1 of 2); n=1 unchanged')
  })
})

describe('toCheckReport schema 2', () => {
  it('adds where (points) and when (change points) to each result, and change points per point', () => {
    const report = toCheckReport([detectRegressions(stepOneAlgo(53), { changePoints: true })])
    expect(report.schema_version).toBe(2)
    const time = report.benchmarks[0].results[0]
    expect(time.regressed_points).toMatchObject({ points: 4, description: 'algo=heap at every n' })
    expect(time.unchanged_points).toMatchObject({ points: 8, description: 'algo=quick or merge at every n' })
    expect(time.per_point?.measured).toBe(12)
    expect(time.change_points).toHaveLength(1)
    const [cp] = time.change_points ?? []
    expect(cp).toMatchObject({ run: 46, label: 'c046', previous: { run: 45, label: 'c045' }, points_moved: 4, points_tested: 12, moved: 'algo=heap at every n' })
    expect(cp.ci?.[0]).toBeLessThan(cp.ratio ?? 0)
    expect(cp.p).toBeLessThan(0.01)
    const heap10 = time.points.find((p) => p.inputs.algo === 'heap' && p.inputs.n === 10)
    expect(heap10?.change_points?.map((c) => c.label)).toEqual(['c046'])
    expect(Object.keys(heap10?.change_points?.[0] ?? {}).sort()).toEqual(['ci', 'commit', 'label', 'p', 'previous', 'ratio', 'run', 'time'])
    expect(JSON.stringify(report)).not.toContain('NaN')
  })

  it('says null, not "none", when change points were not looked for; schema 1 keeps its own fields', () => {
    const runs = historyCase('step').map((r, i) => ({ ...validateRun(r), id: i + 1 }))
    const verdict = detectRegressions(buildHistories(runs).at(-1) ?? expect.unreachable())
    expect(toCheckReport([verdict]).benchmarks[0].results[0].change_points).toBeNull()
    const v1 = toCheckReport([verdict], { schema: 1 }).benchmarks[0].results[0]
    expect(Object.keys(v1)).not.toContain('change_points')
    expect(Object.keys(v1.points[0]).sort()).toEqual(['baseline', 'change_percent', 'current', 'inputs', 'p_value', 'verdict'])
  })
})
