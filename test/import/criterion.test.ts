import { describe, expect, it } from 'bun:test'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importSource } from '../../src/import'
import { validateRun } from '../../src/model/run-format'
import { fixturesDir, inputsOf, resultsOf, runNamed, samplesAt } from './helpers'

const dir = join(fixturesDir, 'criterion', 'target', 'criterion')

describe('criterion', () => {
  it('makes each group a run with function and value inputs and times[i] / iters[i] samples', () => {
    const given = importSource({ name: 'target/criterion', dir })
    for (const r of given) validateRun(r, { source: 'target/criterion' })
    expect(given.map((r) => r.benchmark)).toEqual(['fib', 'parse 8KiB'])
    const fib = runNamed(given, 'fib')
    expect(inputsOf(fib)).toEqual({ function: ['cat', ['iterative', 'recursive']], value: ['int', [10, 20]] })
    expect(resultsOf(fib)).toEqual({ time: ['ns', 'minimize'] })
    expect(fib.repeats).toBe(3)
    expect(samplesAt(fib, { function: 'iterative', value: 10 }, 'time')).toEqual([10, 10.5, 290 / 30])
    // A Flat-sampled benchmark with two samples leaves the third repeat absent.
    expect(samplesAt(fib, { function: 'recursive', value: 20 }, 'time')).toEqual([18500, 18250, undefined])
    expect(fib.meta?.estimates).toHaveProperty(['fib/iterative/10', 'mean', 'estimate'])
  })

  it('has no inputs for a bench_function and turns a Bytes throughput into a rate', () => {
    const parse = runNamed(importSource({ name: 'target/criterion', dir }), 'parse 8KiB')
    expect(parse.inputs).toEqual([])
    expect(resultsOf(parse)).toEqual({ time: ['ns', 'minimize'], bytes_per_second: ['B/s', 'maximize'] })
    expect(samplesAt(parse, {}, 'time')).toEqual([4000, 4100])
    expect(samplesAt(parse, {}, 'bytes_per_second')).toEqual([(8192 * 1e9) / 4000, (8192 * 1e9) / 4100])
  })

  it('finds the benchmarks from target/ too, and prefixes groups with --name', () => {
    const given = importSource({ name: 'target', dir: join(dir, '..') }, { name: 'rust' })
    expect(given.map((r) => r.benchmark)).toEqual(['rust/fib', 'rust/parse 8KiB'])
  })

  it('refuses a folder without criterion output and a file forced to criterion', () => {
    expect(() => importSource({ name: 'fixtures/csv', dir: join(fixturesDir, 'csv') })).toThrow(/^fixtures\/csv: is a folder without criterion output/)
    expect(() => importSource({ name: 'a.json', text: '{}' }, { format: 'criterion' })).toThrow(/^a\.json: criterion imports a target\/criterion folder/)
  })

  it('names the file of a truncated sample.json', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'bench-plot-criterion-'))
    try {
      cpSync(dir, join(tmp, 'criterion'), { recursive: true })
      writeFileSync(join(tmp, 'criterion', 'fib', 'iterative', '20', 'new', 'sample.json'), '{"sampling_mode":"Linear","iters":[10.0,')
      expect(() => importSource({ name: 'target/criterion', dir: join(tmp, 'criterion') })).toThrow(
        /^target\/criterion\/fib\/iterative\/20\/new\/sample\.json: invalid JSON: unexpected end of file \(truncated\?\) at line 1, column 41$/,
      )
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  })
})
