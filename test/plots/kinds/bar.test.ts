import { describe, expect, it } from 'bun:test'
import { bar } from '../../../src/plots/kinds/bar'
import { renderItems } from '../../../src/plots/render-items'
import { csvOf, fixtureValue, kindsFor, shape } from './helpers'

describe('bar', () => {
  it('is chosen for categorical inputs only, with or without repeats', () => {
    const s = shape(0, 2, 1)
    expect(bar.auto!(s.sig, s.sig.results[0])).toEqual({ x: 'algo', series: 'cached', facets: [] })
    const floats = shape(1, 1, 1)
    expect(bar.auto!(floats.sig, floats.sig.results[0])).toBeNull()
    const none = shape(0, 0, 3)
    expect(bar.auto!(none.sig, none.sig.results[0])).toBeNull()
    expect(kindsFor(shape(0, 1, 1).run)).toEqual(['bar'])
  })

  it('has its label, its error bars among the renderItems, and a CSV of series, category and mean', () => {
    expect(bar.label).toBe('bar')
    expect(renderItems.errorbar).toBe(bar.renderItems!.errorbar)
    const rows = csvOf(bar.csv, shape(0, 1, 1).run, 'bar')
    expect(rows).toEqual([['series', 'x', 'mean'], ...['quick', 'merge', 'heap'].map((a, i) => ['time', a, fixtureValue(i, 1)])])
  })
})
