import { describe, expect, it } from 'bun:test'
import { scatter } from '../../../src/plots/kinds/scatter'
import { csvOf, shape } from './helpers'

describe('scatter', () => {
  it('is drawn on request for any run with an input: x the first float (else cat), colour the first other cat', () => {
    expect(scatter.named).toBe(true)
    expect(scatter.whyNot!(shape(0, 0, 3).sig)).toBe('scatter needs at least one input')
    expect(scatter.layout!(shape(1, 2, 1).sig)).toEqual({ x: 'n', series: 'algo', facets: [] })
    expect(scatter.layout!(shape(0, 2, 1).sig)).toEqual({ x: 'algo', series: 'cached', facets: [] })
  })

  it('has its label and a CSV of every sample', () => {
    expect(scatter.label).toBe('scatter')
    const { run } = shape(1, 1, 2)
    const rows = csvOf(scatter.csv, run, 'scatter', 'scatter')
    expect(rows[0]).toEqual(['series', 'x', 'y'])
    expect(rows.length - 1).toBe(4 * 3 * 2)
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['algo=quick', 'algo=merge', 'algo=heap']))
    expect(rows.slice(1).every((r) => [1, 2, 4, 8].includes(r[1] as number))).toBe(true)
  })
})
