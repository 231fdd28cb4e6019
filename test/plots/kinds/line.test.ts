import { describe, expect, it } from 'bun:test'
import { line } from '../../../src/plots/kinds/line'
import { csvOf, fixtureValue, kindsFor, shape } from './helpers'

describe('line', () => {
  it('is chosen for one float input and one repeat: the float on x, the first cat as series, the others as facets', () => {
    const one = shape(1, 2, 1)
    expect(line.auto!(one.sig, one.sig.results[0])).toEqual({ x: 'n', series: 'algo', facets: ['cached'] })
    for (const [f, c, r, result] of [[1, 0, 3, 'float'], [0, 1, 1, 'float'], [2, 0, 1, 'float'], [1, 0, 1, 'string']] as const) {
      const s = shape(f, c, r, result)
      expect(line.auto!(s.sig, s.sig.results[0])).toBeNull()
    }
    expect(kindsFor(shape(1, 1, 1).run)).toEqual(['line'])
    expect(line.named).toBe(false)
  })

  it('has its label and a CSV of series, x and the mean', () => {
    expect(line.label).toBe('line')
    const rows = csvOf(line.csv, shape(1, 0, 1).run, 'line')
    expect(rows[0]).toEqual(['series', 'x', 'y'])
    expect(rows.slice(1)).toEqual([1, 2, 4, 8].map((n, i) => ['time', n, fixtureValue(i, 1)]))
  })
})
