import { describe, expect, it } from 'bun:test'
import { band } from '../../../src/plots/kinds/band'
import { kindLabel } from '../../../src/plots'
import { csvOf, shape } from './helpers'

describe('band', () => {
  it('is drawn on request for a run with an input, over the first float (else cat)', () => {
    expect(band.named).toBe(true)
    expect(band.whyNot!(shape(0, 0, 5).sig)).toBe('band needs at least one input')
    expect(band.layout!(shape(1, 1, 3).sig)).toEqual({ x: 'n', facets: [] })
    expect(band.layout!(shape(0, 2, 3).sig)).toEqual({ x: 'algo', facets: [] })
  })

  it('has its label and a CSV of the median line', () => {
    expect(band.label).toBe('percentile band')
    expect(kindLabel('band')).toBe('percentile band')
    const rows = csvOf(band.csv, shape(1, 1, 3).run, 'band', 'band')
    expect(rows[0]).toEqual(['series', 'x', 'y'])
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([1, 2, 4, 8].map((n) => ['median', n]))
  })
})
