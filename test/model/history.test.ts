import { describe, expect, it } from 'bun:test'
import { buildHistories, describeInputChanges, findPoint, historySeries, inputChanges, pointMeans, runMean, sameInputs } from '../../src/model/history'
import { validateRun } from '../../src/model/run-format'
import type { InputVar, Run } from '../../src/model/types'
import { historyCase } from './regression-histories'

const runsOf = (kind: Parameters<typeof historyCase>[0]): Run[] => historyCase(kind).map((r, i) => ({ ...validateRun(r), id: i + 1 }))
const input = (name: string, values: (number | string)[], kind: InputVar['kind'] = 'int'): InputVar => ({ name, kind, units: '', doc: '', values })

describe('buildHistories', () => {
  it('keeps runs with the same inputs in one history, oldest first', () => {
    const runs = runsOf('noise')
    const histories = buildHistories([...runs].reverse())
    expect(histories).toHaveLength(1)
    expect(histories[0].runs.map((r) => r.id)).toEqual(runs.map((r) => r.id))
    expect(histories[0].changes).toEqual([])
  })

  it('starts a new history when the inputs change and says what changed', () => {
    const histories = buildHistories(runsOf('input-change'))
    expect(histories.map((h) => h.runs.length)).toEqual([3, 1])
    expect(histories[1].index).toBe(1)
    expect(histories[1].changes).toEqual([{ kind: 'values', name: 'n', added: [10000], removed: [], reordered: false }])
    expect(describeInputChanges(histories[1].changes)).toEqual(['input "n": values added 10000'])
  })

  it('a history of one run is still a history', () => {
    expect(buildHistories(runsOf('single')).map((h) => h.runs.length)).toEqual([1])
    expect(buildHistories([])).toEqual([])
  })

  it('going back to earlier inputs starts another history (histories are consecutive)', () => {
    const [a, b] = runsOf('noise')
    const other = { ...b, inputs: [input('n', [10, 100])], time: '2026-10-05T00:00:00Z' }
    const back = { ...a, time: '2026-10-06T00:00:00Z' }
    expect(buildHistories([a, other, back]).map((h) => h.runs.length)).toEqual([1, 1, 1])
  })
})

describe('inputChanges', () => {
  it.each([
    ['an added input', [input('n', [1, 2])], [input('n', [1, 2]), input('algo', ['a'], 'cat')], ['input "algo" added']],
    ['a removed input', [input('n', [1, 2]), input('algo', ['a'], 'cat')], [input('n', [1, 2])], ['input "algo" removed']],
    ['changed values', [input('n', [1, 2])], [input('n', [2, 3])], ['input "n": values added 3; values removed 1']],
    ['reordered values', [input('n', [1, 2])], [input('n', [2, 1])], ['input "n": values reordered']],
    ['a changed kind', [input('n', [1, 2])], [input('n', [1, 2], 'float')], ['input "n" changed kind: int → float']],
    ['reordered inputs', [input('a', [1]), input('b', [1])], [input('b', [1]), input('a', [1])], ['inputs reordered: a, b → b, a']],
  ] as const)('describes %s', (_, before, after, text) => {
    expect(sameInputs(before, after)).toBe(false)
    expect(describeInputChanges(inputChanges(before, after))).toEqual([...text])
  })

  it('finds no change between identical inputs', () => {
    expect(sameInputs([input('n', [1, 2])], [input('n', [1, 2])])).toBe(true)
    expect(inputChanges([input('n', [1, 2])], [input('n', [1, 2])])).toEqual([])
  })
})

describe('historySeries', () => {
  it('gives per run the mean over all inputs with percentile bands, named by time label', () => {
    const [history] = buildHistories(runsOf('drift'))
    const s = historySeries(history, 'time')
    expect(s.points).toHaveLength(10)
    expect(s.point).toBeNull()
    expect(s.units).toBe('s')
    const first = s.points[0]
    expect(first.label).toBe('v1.0')
    expect(first.id).toBe(1)
    expect(first.n).toBe(15)
    expect(first.mean).toBeCloseTo((0.01 + 0.1 + 1) / 3, 2)
    expect(first.p10).toBeLessThan(first.p25)
    expect(first.p25).toBeLessThan(first.p75)
    expect(first.p75).toBeLessThan(first.p90)
    expect(s.points[9].mean / first.mean).toBeCloseTo(1.18, 2)
  })

  it('follows one sweep point, given by input values as text', () => {
    const [history] = buildHistories(runsOf('step'))
    const s = historySeries(history, 'time', { point: { n: '1000' } })
    expect(s.point).toEqual({ n: 1000 })
    expect(s.points.map((p) => p.n)).toEqual(Array(7).fill(5))
    expect(s.points[6].mean / s.points[0].mean).toBeCloseTo(1.5, 1)
    expect(() => historySeries(history, 'time', { point: { n: 7 } })).toThrow('no sweep point')
  })

  it('reads point means and run means with missing cells skipped', () => {
    const run = runsOf('single')[0]
    expect(findPoint(run.inputs, { n: 100 })).toBe(1)
    expect(pointMeans(run, 'time')[2]).toBeCloseTo(1, 2)
    expect(runMean(run, 'nope')).toBeNaN()
  })
})
