import { describe, expect, it } from 'bun:test'
import { importSource } from '../../src/import'
import { fixtureText, importFixture, inputsOf, runNamed, samplesAt } from './helpers'

// Real Google Benchmark outputs (test/fixtures/google-benchmark/SOURCES.md). Expected values are read from the files.

type GbRow = Record<string, unknown> & { name: string; real_time?: number }
const rowsOf = (file: string) => (JSON.parse(fixtureText('google-benchmark', file)) as { benchmarks: GbRow[] }).benchmarks

describe('google-benchmark: real outputs', () => {
  it('keeps good instances and records error_occurred rows as failures, also a family that only failed', () => {
    const { runs } = importFixture('google-benchmark', 'errors-repetitions.json')
    const copy = runNamed(runs, 'BM_Copy')
    expect(copy.failures.map((f) => [f.inputs.arg0, f.repeat])).toEqual([[16777216, 1], [16777216, 2], [16777216, 3]])
    expect(copy.failures[0].error).toBe('buffer larger than 1 MiB refused')
    const connect = runNamed(runs, 'BM_Connect')
    expect(connect.failures.map((f) => f.inputs.arg0)).toEqual([1, 8])
  })

  it('reads a v1.4 file (no run_type): aggregates by their _mean/_median/_stddev names are not points', () => {
    const { given, runs } = importFixture('google-benchmark', 'v1.4.1-repetitions.json')
    const sum = runNamed(given, 'BM_Sum')
    expect(inputsOf(sum)).toEqual({ arg0: ['int', [0, 16, 256]] })
    expect(sum.repeats).toBe(3)
    const reps = rowsOf('v1.4.1-repetitions.json').filter((b) => b.name === 'BM_Sum/16/repeats:3')
    expect(reps).toHaveLength(3)
    expect(samplesAt(sum, { arg0: 16 }, 'real_time')).toEqual(reps.map((b) => b.real_time))
    // The failed size is a failure on every repetition, not a point.
    expect(runNamed(runs, 'BM_Sum').failures.map((f) => [f.inputs.arg0, f.repeat])).toEqual([[0, 1], [0, 2], [0, 3]])
  })

  it('keeps the fitted complexity on the run it belongs to (v1.4 BM_Sort_BigO / _RMS rows)', () => {
    const { given } = importFixture('google-benchmark', 'v1.4.1-repetitions.json')
    expect(given.map((r) => r.benchmark).sort()).toEqual(['BM_Sort', 'BM_Sum'])
    const sort = runNamed(given, 'BM_Sort')
    const fit = rowsOf('v1.4.1-repetitions.json').find((b) => b.name === 'BM_Sort_BigO')
    expect(sort.meta?.complexity).toContainEqual(expect.objectContaining({ aggregate_name: 'BigO', big_o: fit?.big_o, cpu_coefficient: fit?.cpu_coefficient }))
    expect(sort.samples).toHaveLength(3)
  })

  it('gives no empty run for a family with only BigO/RMS rows, and says so', () => {
    const warnings: string[] = []
    const text = fixtureText('google-benchmark', 'gbench-test1_run1.json')
    const runs = importSource({ name: 'gbench-test1_run1.json', text }, { warn: (m) => warnings.push(m) })
    expect(runs.map((r) => r.benchmark)).not.toContain('MyComplexityTest')
    expect(runs.every((r) => r.samples.length > 0)).toBe(true)
    expect(warnings).toEqual([expect.stringContaining('MyComplexityTest: only aggregate rows (BigO, RMS)')])
  })

  it('keeps the complete benchmarks of a file cut off while being written, and says what was cut', () => {
    const warnings: string[] = []
    const text = fixtureText('google-benchmark', 'truncated.json')
    const [run] = importSource({ name: 'truncated.json', text }, { warn: (m) => warnings.push(m) })
    expect(run.benchmark).toBe('BM_Concat')
    expect(inputsOf(run)).toEqual({ arg0: ['int', [8, 64, 512]] })
    expect(warnings).toEqual(['truncated.json: truncated: kept the 3 complete benchmarks, dropped the incomplete one after benchmarks[2]'])
  })
})
