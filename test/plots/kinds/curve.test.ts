import { describe, expect, it } from 'bun:test'
import { curve } from '../../../src/plots/kinds/curve'
import { csvOf, fixtureValue, kindsFor, shape } from './helpers'

describe('curve', () => {
  it('is chosen for one float input with repeats', () => {
    const s = shape(1, 1, 3)
    expect(curve.auto!(s.sig, s.sig.results[0])).toEqual({ x: 'n', series: 'algo', facets: [] })
    const single = shape(1, 1, 1)
    expect(curve.auto!(single.sig, single.sig.results[0])).toBeNull()
    expect(kindsFor(s.run)).toEqual(['curve'])
  })

  it('has its label and a CSV of the mean line only (not the band)', () => {
    expect(curve.label).toBe('curve')
    const rows = csvOf(curve.csv, shape(1, 0, 3).run, 'curve')
    expect(rows[0]).toEqual(['series', 'x', 'y'])
    expect(rows.length).toBe(5)
    rows.slice(1).forEach((row, i) => {
      expect(row.slice(0, 2)).toEqual(['time', [1, 2, 4, 8][i]])
      expect(row[2] as number).toBeCloseTo((fixtureValue(i, 1) + fixtureValue(i, 2) + fixtureValue(i, 3)) / 3, 12)
    })
  })
})
