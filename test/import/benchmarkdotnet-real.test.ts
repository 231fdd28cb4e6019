import { describe, expect, it } from 'bun:test'
import type { RunInput } from '../../src/model/run-format'
import { fixtureText, importFixture, inputsOf, runNamed } from './helpers'

// Real BenchmarkDotNet exports (test/fixtures/benchmarkdotnet/SOURCES.md). Every expected number is read from
// the file's own `Statistics`, which is what BenchmarkDotNet prints in its summary table.

type BdnCase = { DisplayInfo: string; Method: string; Statistics: { Mean: number; N: number } | null }

function bdnCases(file: string): BdnCase[] {
  return (JSON.parse(fixtureText('benchmarkdotnet', file)) as { Benchmarks: BdnCase[] }).Benchmarks
}

function timesWhere(run: RunInput, match: (inputs: Record<string, unknown>) => boolean): number[] {
  return run.samples.filter((s) => match(s.inputs ?? {})).map((s) => s.results.time as number)
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

describe('benchmarkdotnet: real exports', () => {
  it('keeps the good benchmarks and records one with "Statistics": null as a failure', () => {
    const { given, runs } = importFixture('benchmarkdotnet', 'WithFailure-report-full.json')
    expect(given.map((r) => r.benchmark).sort()).toEqual(['Benchmark', 'Perf_BigInteger'])
    const good = runNamed(given, 'Benchmark')
    expect(good.failures ?? []).toEqual([])
    expect(inputsOf(good)).toEqual({ method: ['cat', ['StringConcat', 'StringJoin']] })
    const failed = runNamed(runs, 'Perf_BigInteger')
    expect(failed.failures).toHaveLength(1)
    expect(failed.failures[0].inputs).toEqual({ arguments: '1024,1024,64 bits' })
    expect(failed.failures[0].error).toContain('failed')
  })

  it('stores the Result stage, so each mean equals BenchmarkDotNet\'s Statistics.Mean within 0.5 %', () => {
    const [run] = importFixture('benchmarkdotnet', 'StringConcatJoin-report-full.json').given
    const cases = bdnCases('StringConcatJoin-report-full.json')
    expect(cases).toHaveLength(2)
    for (const c of cases) {
      const times = timesWhere(run, (i) => i.method === c.Method)
      expect(times).toHaveLength(c.Statistics?.N ?? -1)
      expect(Math.abs(mean(times) / (c.Statistics?.Mean ?? 0) - 1)).toBeLessThan(0.005)
    }
  })

  it('keeps statistics per job: two jobs of one method do not overwrite each other', () => {
    const [run] = importFixture('benchmarkdotnet', 'TwoJobs-report-full.json').given
    const cases = bdnCases('TwoJobs-report-full.json')
    expect(new Set(cases.map((c) => c.DisplayInfo.split(': ')[0])).size).toBe(1) // one method, two jobs
    const stats = run.meta?.statistics as Record<string, { mean: number }>
    expect(Object.keys(stats)).toHaveLength(2)
    expect(Object.values(stats).map((s) => s.mean).sort()).toEqual(cases.map((c) => c.Statistics?.Mean ?? Number.NaN).sort())
    const jobs = (run.inputs ?? []).find((v) => v.name === 'job')?.values as string[]
    expect(jobs).toHaveLength(2)
    for (const c of cases) {
      const job = jobs.find((j) => c.DisplayInfo.includes(`: ${j} [`)) as string
      const times = timesWhere(run, (i) => i.job === job)
      expect(times).toHaveLength(c.Statistics?.N ?? -1)
      expect(Math.abs(mean(times) / (c.Statistics?.Mean ?? 0) - 1)).toBeLessThan(0.005)
    }
  })

  it('gives the same numbers from the brief and the full export of one run', () => {
    const [full] = importFixture('benchmarkdotnet', 'StringProcessor-report-full.json').given
    const [brief] = importFixture('benchmarkdotnet', 'StringProcessor-report-brief.json').given
    const f = full.samples.map((s) => s.results.time as number)
    const b = brief.samples.map((s) => s.results.time as number)
    expect(f).toHaveLength(b.length)
    f.forEach((x, i) => expect(Math.abs(x / b[i] - 1)).toBeLessThan(1e-9))

    // BenchmarkDotNet 0.11's brief export has only Statistics.Mean: it still matches the full export's mean.
    const [full11] = importFixture('benchmarkdotnet', 'TwoJobs-report-full.json').given
    const [brief11] = importFixture('benchmarkdotnet', 'TwoJobs-report-brief.json').given
    const jobs = (brief11.inputs ?? []).find((v) => v.name === 'job')?.values as string[]
    for (const job of jobs) {
      const fm = mean(timesWhere(full11, (i) => i.job === job))
      const bm = mean(timesWhere(brief11, (i) => i.job === job))
      expect(Math.abs(fm / bm - 1)).toBeLessThan(0.005)
    }
  })
})
