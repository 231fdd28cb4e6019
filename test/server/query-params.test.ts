// The page routes' query parameters (src/server/query-params.ts): a Standard Schema Elysia runs before the handler.
import { describe, expect, it } from 'bun:test'
import { queryParams } from '../../src/server/query-params'

const schema = queryParams({ run: { pattern: /^[0-9]{1,15}$/, error: '?run= is a run id (a whole number)' }, plots: {}, q: {} })
const validate = (v: unknown) => schema['~standard'].validate(v)

describe('queryParams', () => {
  it('gives the declared parameters as their text and drops the others', () => {
    expect(validate({ run: '12', plots: 'scatter', other: 'x' })).toEqual({ value: { run: '12', plots: 'scatter' } })
    expect(validate({})).toEqual({ value: {} })
  })

  it('refuses a value its pattern does not take, with the parameter and its sentence', () => {
    expect(validate({ run: '1.5' })).toEqual({ issues: [{ message: '?run= is a run id (a whole number)', path: ['run'] }] })
    expect(validate({ run: '' })).toEqual({ issues: [{ message: '?run= is a run id (a whole number)', path: ['run'] }] })
  })

  it('gives back as text what Elysia split at commas, listed for a repeated parameter or parsed as JSON', () => {
    expect(validate({ plots: ['scatter', 'band'] })).toEqual({ value: { plots: 'scatter,band' } })
    expect(validate({ plots: [['a', 'b'], 'c'] })).toEqual({ value: { plots: 'a,b,c' } })
    expect(validate({ q: [1, 2] })).toEqual({ value: { q: '[1,2]' } })
    expect(validate({ q: { a: 1 } })).toEqual({ value: { q: '{"a":1}' } })
    // A repeated run id is not a run id.
    expect(validate({ run: ['1', '2'] }).issues?.[0].path).toEqual(['run'])
  })
})
