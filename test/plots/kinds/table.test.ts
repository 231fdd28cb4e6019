import { describe, expect, it } from 'bun:test'
import { table, tableRows } from '../../../src/plots/kinds/table'
import { fixtureValue, kindsFor, shape } from './helpers'

describe('table', () => {
  it('is chosen for results that are not numbers, and on request for numeric ones', () => {
    const text = shape(1, 0, 1, 'string')
    expect(table.auto!(text.sig, text.sig.results[0])).toEqual({ facets: [] })
    const num = shape(1, 0, 1)
    expect(table.auto!(num.sig, num.sig.results[0])).toBeNull()
    expect(kindsFor(text.run)).toEqual(['table'])
    expect(kindsFor(num.run, 'table')).toEqual(['line', 'table'])
    expect(table.whyNot!(text.sig)).toBe('every result is already shown as a table')
    expect(table.whyNot!(num.sig)).toBeNull()
  })

  it('has its label, and rows of exact input values and statistics that its CSV header names', () => {
    expect(table.label).toBe('table')
    const { run } = shape(1, 0, 2)
    const got = tableRows(run, run.results[0], undefined, 3)
    expect(got.header).toEqual(['n', ...table.csv.header])
    expect(got.total).toBe(4)
    expect(got.rows.length).toBe(3)
    expect(got.rows[1].slice(0, 2)).toEqual([2, 2])
    expect(got.rows[1][2] as number).toBeCloseTo((fixtureValue(1, 1) + fixtureValue(1, 2)) / 2, 12)
  })
})
