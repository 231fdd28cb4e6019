import { describe, expect, it } from 'bun:test'
import { histogram } from '../../../src/plots/kinds/histogram'
import { csvOf, kindsFor, shape } from './helpers'

describe('histogram', () => {
  it('is chosen for a run without inputs', () => {
    const s = shape(0, 0, 20)
    expect(histogram.auto!(s.sig, s.sig.results[0])).toEqual({ facets: [] })
    const cats = shape(0, 1, 20)
    expect(histogram.auto!(cats.sig, cats.sig.results[0])).toBeNull()
    expect(kindsFor(s.run)).toEqual(['histogram'])
    expect(histogram.title!('time', [])).toBe('time vs count')
  })

  it('has its label and a CSV of bin centres and counts that add up to the samples', () => {
    expect(histogram.label).toBe('histogram')
    const rows = csvOf(histogram.csv, shape(0, 0, 20).run, 'histogram')
    expect(rows[0]).toEqual(['bin centre', 'count'])
    expect(rows.slice(1).reduce((n, r) => n + (r[1] as number), 0)).toBe(20)
  })
})
