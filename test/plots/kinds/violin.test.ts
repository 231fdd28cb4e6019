import { describe, expect, it } from 'bun:test'
import { violin } from '../../../src/plots/kinds/violin'
import { renderItems } from '../../../src/plots/render-items'
import { csvOf, fixtureValue, kindsFor, shape } from './helpers'

describe('violin', () => {
  it('is drawn on request only, for categorical inputs with repeats, and says why not otherwise', () => {
    expect(violin.named).toBe(true)
    expect(violin.whyNot!(shape(0, 1, 3).sig)).toBeNull()
    expect(violin.whyNot!(shape(1, 1, 3).sig)).toBe('violin needs no float input (this run has 1)')
    expect(violin.whyNot!(shape(0, 1, 1).sig)).toBe('violin needs at least 2 repeats (this run has 1)')
    expect(violin.layout!(shape(0, 2, 3).sig)).toEqual({ x: 'algo', series: 'cached', facets: [] })
    expect(kindsFor(shape(0, 1, 3).run)).not.toContain('violin')
    expect(kindsFor(shape(0, 1, 3).run, 'violin')).toEqual(['box', 'bar', 'violin'])
  })

  it('has its label, its renderItem and a CSV of the median and quartiles per category', () => {
    expect(violin.label).toBe('violin')
    expect(renderItems.violin).toBe(violin.renderItems!.violin)
    const rows = csvOf(violin.csv, shape(0, 1, 3).run, 'violin', 'violin')
    expect(rows[0]).toEqual(['series', 'x', 'median', 'q1', 'q3'])
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual(['quick', 'merge', 'heap'].map((a, i) => ['time', a, fixtureValue(i, 2)]))
  })
})
