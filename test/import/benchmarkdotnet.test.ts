import { describe, expect, it } from 'bun:test'
import { parseParameters } from '../../src/import/benchmarkdotnet'
import { importFixture, inputsOf, resultsOf, samplesAt } from './helpers'

describe('benchmarkdotnet', () => {
  it('parses Parameters into typed inputs and makes the Workload/Result measurements the repeats', () => {
    const [run] = importFixture('benchmarkdotnet', 'SortBench-report-full.json').given
    expect(run.benchmark).toBe('SortBench')
    expect(inputsOf(run)).toEqual({
      method: ['cat', ['ArraySort', 'LinqOrderBy']],
      N: ['int', [100, 1000]],
      Mode: ['cat', ['Random', 'Sorted']],
    })
    expect(resultsOf(run)).toEqual({ time: ['ns', 'minimize'], allocated: ['B', 'minimize'] })
    expect(run.repeats).toBe(4)
    // Actual 300, 306, 297, 303 ns/op minus the 1.25 ns/op overhead: the Result stage (Nanoseconds / Operations).
    const t = samplesAt(run, { method: 'ArraySort', N: 100, Mode: 'Random' }, 'time') as number[]
    expect(t.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([298.75, 304.75, 295.75, 301.75])
    expect(samplesAt(run, { method: 'LinqOrderBy', N: 1000, Mode: 'Sorted' }, 'allocated')).toEqual([8032, undefined, undefined, undefined])
    expect(run.time).toBe('2026-01-25T10:15:30')
    expect(run.meta?.host).toMatchObject({ ProcessorName: 'AMD EPYC' })
  })

  it('falls back on Statistics.OriginalValues in the brief export', () => {
    const [run] = importFixture('benchmarkdotnet', 'SortBench-report-brief.json').given
    expect(inputsOf(run)).toEqual({ N: ['int', [100]], Mode: ['cat', ['Random', 'Sorted']] })
    expect(samplesAt(run, { N: 100, Mode: 'Sorted' }, 'time')).toEqual([98.75, 100.75, 97.75, 99.75])
  })

  it('splits a Parameters string whose values hold ", "', () => {
    expect(parseParameters('N=1000, Mode=Fast')).toEqual({ N: '1000', Mode: 'Fast' })
    expect(parseParameters('Text=a, b, Size=3')).toEqual({ Text: 'a, b', Size: '3' })
    expect(parseParameters('')).toEqual({})
    // BenchmarkDotNet before 0.12 joined them with &.
    expect(parseParameters('amount=5500&fee=10&minimum=4')).toEqual({ amount: '5500', fee: '10', minimum: '4' })
  })
})
