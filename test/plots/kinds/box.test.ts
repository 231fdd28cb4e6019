import { describe, expect, it } from 'bun:test'
import { box } from '../../../src/plots/kinds/box'
import { csvOf, fixtureValue, kindsFor, shape } from './helpers'

describe('box', () => {
  it('is chosen for categorical inputs only with at least 2 repeats, before the bar', () => {
    const s = shape(0, 1, 3)
    expect(box.auto!(s.sig, s.sig.results[0])).toEqual({ x: 'algo', series: undefined, facets: [] })
    const single = shape(0, 1, 1)
    expect(box.auto!(single.sig, single.sig.results[0])).toBeNull()
    expect(kindsFor(s.run)).toEqual(['box', 'bar'])
  })

  it('has its label and a CSV of the five numbers per category', () => {
    expect(box.label).toBe('box')
    const rows = csvOf(box.csv, shape(0, 1, 3).run, 'box')
    expect(rows[0]).toEqual(['series', 'x', 'min', 'q1', 'median', 'q3', 'max'])
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[6]])).toEqual(['quick', 'merge', 'heap'].map((a, i) => ['time', a, fixtureValue(i, 1), fixtureValue(i, 2), fixtureValue(i, 3)]))
  })
})
