import { describe, expect, it } from 'bun:test'
import { importFixture, inputsOf, resultsOf, runNamed, samplesAt } from './helpers'

// Real `go test -bench` texts: benchstat's own test data (golang/perf) and one made here with Go 1.19
// (test/fixtures/go-test/SOURCES.md).

describe('go-test: real outputs', () => {
  it('keeps the benchmarks that ran and records a --- FAIL sub-benchmark as a failure', () => {
    const { given, runs } = importFixture('go-test', 'lookup-insert.txt')
    const insert = runNamed(runs, 'BenchmarkInsert')
    expect(insert.failures).toHaveLength(1)
    expect(insert.failures[0].inputs).toEqual({ n: 1000, procs: 1 })
    expect(insert.failures[0].error).toContain('FAIL')
    // The parent `--- FAIL: BenchmarkInsert` is the same failure, not a second one.
    expect(runNamed(given, 'BenchmarkLookup').failures ?? []).toEqual([])
    expect(samplesAt(runNamed(given, 'BenchmarkInsert'), { n: 100, procs: 2 }, 'time')).toEqual([6771, 6147])
  })

  it('reads a unit holding ns, B or allocs as lower-is-better, as benchstat does', () => {
    const { given } = importFixture('go-test', 'lookup-insert.txt')
    expect(resultsOf(runNamed(given, 'BenchmarkLookup'))['ns/key']).toEqual(['ns/key', 'minimize'])
    expect(resultsOf(runNamed(given, 'BenchmarkInsert'))['B/msg']).toEqual(['B/msg', 'minimize'])
  })

  it('starts a new configuration where "note: before" becomes "note: after": never pooled as repeats', () => {
    const [run] = importFixture('go-test', 'note-before-after.txt').given
    expect(inputsOf(run).note).toEqual(['cat', ['before', 'after']])
    expect(run.repeats).toBe(5)
    expect(samplesAt(run, { sub1: 100, procs: 4, note: 'before' }, 'time')).toEqual([115, 114, 115, 115, 115])
    expect(samplesAt(run, { sub1: 100, procs: 4, note: 'after' }, 'time')).toEqual([78.8, 78.8, 78.8, 78.8, 78.8])
    expect(run.meta?.config).toBeUndefined() // the note is an input, not a constant of the run
  })

  it('keeps Unit metadata lines and the configurations of each block', () => {
    const { given } = importFixture('go-test', 'units-metadata.txt')
    const run = runNamed(given, 'BenchmarkNonExact')
    expect(run.meta?.units).toEqual({ 'text-bytes': { assume: 'exact' } })
    expect(samplesAt(run, { procs: 1, note: 'before' }, 'text-bytes')).toEqual([100, 101, 101])
    expect(samplesAt(run, { procs: 1, note: 'after' }, 'text-bytes')).toEqual([101, 101, 101])
  })

  it('orders size values numerically (100K < 500K < 1M < 5M < 10M < 50M) and keys the values with _keys', () => {
    const { given } = importFixture('go-test', 'suffixarray.txt')
    expect(inputsOf(runNamed(given, 'BenchmarkNew')).size).toEqual(['cat', ['100K', '500K', '1M', '5M', '10M', '50M']])
    const lookup = runNamed(importFixture('go-test', 'lookup-insert.txt').given, 'BenchmarkLookup')
    expect(inputsOf(lookup).sub1).toEqual(['cat', ['10_keys', '100_keys', '1000_keys', '10000_keys']])
  })
})
