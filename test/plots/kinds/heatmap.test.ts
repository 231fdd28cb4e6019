import { describe, expect, it } from 'bun:test'
import { heatmap } from '../../../src/plots/kinds/heatmap'
import { csvOf, fixtureValue, kindsFor, shape } from './helpers'

describe('heatmap', () => {
  it('is chosen for two float inputs or more: x and y the first two, the rest facets', () => {
    const s = shape(3, 1, 1)
    expect(heatmap.auto!(s.sig, s.sig.results[0])).toEqual({ x: 'n', y: 'load', facets: ['scale', 'algo'] })
    const one = shape(1, 1, 1)
    expect(heatmap.auto!(one.sig, one.sig.results[0])).toBeNull()
    expect(kindsFor(shape(2, 0, 1).run)).toEqual(['heatmap'])
  })

  it('has its label and a CSV of x, y (exact input values) and the mean', () => {
    expect(heatmap.label).toBe('heatmap')
    const rows = csvOf(heatmap.csv, shape(2, 0, 1).run, 'heatmap')
    expect(rows[0]).toEqual(['x', 'y', 'mean'])
    const want = [1, 2, 4, 8].flatMap((n, a) => [10, 20, 30].map((load, b) => [String(n), String(load), fixtureValue(a * 3 + b, 1)]))
    expect(rows.slice(1)).toEqual(want)
  })
})
