import { describe, expect, it } from 'bun:test'
import { importSource } from '../../src/import'
import type { RunInput } from '../../src/model/run-format'
import { fixtureText, importFixture, inputsOf, runNamed } from './helpers'

// Real BenchmarkDotNet exports (test/fixtures/benchmarkdotnet/SOURCES.md). Every expected number is read from
// the file's own `Statistics`, which is what BenchmarkDotNet prints in its summary table.

type BdnCase = { DisplayInfo: string; Method: string; FullName: string; Statistics: { Mean: number; N: number } | null }

function bdnCases(file: string): BdnCase[] {
  return (JSON.parse(fixtureText('benchmarkdotnet', file)) as { Benchmarks: BdnCase[] }).Benchmarks
}

function timesWhere(run: RunInput, match: (inputs: Record<string, unknown>) => boolean): number[] {
  return run.samples.filter((s) => match(s.inputs ?? {})).map((s) => s.results.time as number)
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/** The job as BenchmarkDotNet prints it in DisplayInfo: `Type.Method: <job>` (parameters, if any, follow in brackets). */
const jobOf = (c: BdnCase) => c.DisplayInfo.split(': ')[1].replace(/ \[.*\]$/, '')

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

  it('keeps statistics per job: one method under two runtimes is two cases, never one', () => {
    const [run] = importFixture('benchmarkdotnet', 'TwoRuntimes-report-full.json').given
    const cases = bdnCases('TwoRuntimes-report-full.json')
    // Three methods, each under a .NET 8.0 and a .NET 9.0 job; FullName leaves the job out, so each is written twice.
    expect(cases).toHaveLength(6)
    for (const c of cases) expect(cases.filter((d) => d.FullName === c.FullName)).toHaveLength(2)
    const jobs = ['.NET 8.0(Runtime=.NET 8.0)', '.NET 9.0(Runtime=.NET 9.0)']
    expect(inputsOf(run)).toEqual({
      method: ['cat', ['IndexOfAny_String', 'IndexOfAny_Span_Array', 'IndexOfAny_Span_Two_Chars']],
      job: ['cat', jobs],
    })
    const stats = run.meta?.statistics as Record<string, { mean: number; n: number }>
    expect(Object.keys(stats).sort()).toEqual(cases.map((c) => `${c.FullName} [${jobOf(c)}]`).sort())
    for (const c of cases) {
      const job = jobOf(c)
      expect(jobs).toContain(job)
      expect(stats[`${c.FullName} [${job}]`]).toMatchObject({ mean: c.Statistics?.Mean, n: c.Statistics?.N })
      const times = timesWhere(run, (i) => i.method === c.Method && i.job === job)
      expect(times).toHaveLength(c.Statistics?.N ?? -1)
      expect(Math.abs(mean(times) / (c.Statistics?.Mean ?? 0) - 1)).toBeLessThan(0.005)
    }
    // The two runtimes really differ (IndexOfAny_Span_Array: 2.52 ns on .NET 8.0, 1.96 ns on .NET 9.0), so a merge would show.
    const spanArray = jobs.map((job) => mean(timesWhere(run, (i) => i.method === 'IndexOfAny_Span_Array' && i.job === job)))
    expect(spanArray[0] / spanArray[1]).toBeGreaterThan(1.2)
  })

  it('gives the same numbers from the brief and the full export of one run', () => {
    const [full] = importFixture('benchmarkdotnet', 'StringProcessor-report-full.json').given
    const [brief] = importFixture('benchmarkdotnet', 'StringProcessor-report-brief.json').given
    const f = full.samples.map((s) => s.results.time as number)
    const b = brief.samples.map((s) => s.results.time as number)
    expect(f).toHaveLength(b.length)
    f.forEach((x, i) => expect(Math.abs(x / b[i] - 1)).toBeLessThan(1e-9))

    // Two jobs: the brief export's Statistics.OriginalValues are the full export's Result iterations, job by job.
    const [full2] = importFixture('benchmarkdotnet', 'TwoRuntimes-report-full.json').given
    const [brief2] = importFixture('benchmarkdotnet', 'TwoRuntimes-report-brief.json').given
    const points = bdnCases('TwoRuntimes-report-brief.json').map((c) => ({ method: c.Method, job: jobOf(c) }))
    expect(points).toHaveLength(6)
    for (const p of points) {
      const at = (i: Record<string, unknown>) => i.method === p.method && i.job === p.job
      const fs = timesWhere(full2, at)
      const bs = timesWhere(brief2, at)
      expect(bs.length).toBeGreaterThan(1)
      expect(bs).toHaveLength(fs.length)
      bs.forEach((x, i) => expect(Math.abs(x / fs[i] - 1)).toBeLessThan(1e-9))
    }

    // Brief exports written before BenchmarkDotNet 0.12 have no OriginalValues, only Statistics.Mean: take them out
    // of the brief export above, and each job's single value still matches the full export's mean within 0.5 %.
    const old = JSON.parse(fixtureText('benchmarkdotnet', 'TwoRuntimes-report-brief.json')) as { Benchmarks: { Statistics: Record<string, unknown> }[] }
    for (const c of old.Benchmarks) delete c.Statistics.OriginalValues
    const [meanOnly] = importSource({ name: 'TwoRuntimes-mean-only.json', text: JSON.stringify(old) })
    for (const p of points) {
      const at = (i: Record<string, unknown>) => i.method === p.method && i.job === p.job
      const ms = timesWhere(meanOnly, at)
      expect(ms).toHaveLength(1)
      expect(Math.abs(ms[0] / mean(timesWhere(full2, at)) - 1)).toBeLessThan(0.005)
    }
  })
})
