import { describe, expect, it } from 'bun:test'
import { importSource } from '../../src/import'
import { fixtureText, inputsOf, resultsOf, samplesAt } from './helpers'

// Real CSV files that projects committed (test/fixtures/csv/SOURCES.md).

function importWithWarnings(file: string, opts: { inputs?: string[]; results?: string[] } = {}) {
  const warnings: string[] = []
  const runs = importSource({ name: file, text: fixtureText('csv', file) }, { ...opts, warn: (m) => warnings.push(m) })
  return { runs, warnings }
}

describe('csv: guessing columns like a person', () => {
  it('takes Size in Algorithm,Size,Time as an input (its values repeat and tell rows apart), and says so', () => {
    const { runs, warnings } = importWithWarnings('sorting-algorithm-size-time.csv')
    const [run] = runs
    expect(Object.keys(inputsOf(run))).toEqual(['Algorithm', 'Size'])
    expect(inputsOf(run).Size[1]).toEqual([100, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000])
    expect(Object.keys(resultsOf(run))).toEqual(['Time'])
    expect(samplesAt(run, { Algorithm: 'Merge Sort', Size: 1000000 }, 'Time')).toEqual([0.183576])
    expect(warnings).toEqual([
      'sorting-algorithm-size-time.csv: took Algorithm, Size as inputs and Time as results (a guess: use --inputs and --results to choose)',
    ])
  })

  it('takes the trial column as the repeat, not as an input or a result', () => {
    const { runs, warnings } = importWithWarnings('latency-trials.csv')
    const [run] = runs
    // context_kb and server_count repeat x_value or hold a constant, so they do not tell points apart: not inputs.
    expect(inputsOf(run)).toEqual({
      experiment: ['cat', ['server_scaling', 'context_scaling']],
      strategy: ['cat', ['baseline', 'optimized']],
      x_value: ['int', [1, 5, 10, 20, 30, 40, 50, 64, 128, 256, 512, 1024]],
    })
    expect(Object.keys(resultsOf(run))).toEqual(['context_kb', 'server_count', 'latency_ms', 'peak_memory_mb', 'token_count'])
    expect(warnings).toEqual([
      'latency-trials.csv: took experiment, strategy, x_value as inputs and context_kb, server_count, latency_ms, peak_memory_mb, token_count as results (a guess: use --inputs and --results to choose)',
    ])
    expect(run.repeats).toBe(25)

    // Every row lands on its own point at repeat = its trial: read the file's rows independently and compare.
    const [header, ...rows] = fixtureText('csv', 'latency-trials.csv').trim().split('\n').map((l) => l.split(','))
    const col = (name: string) => header.indexOf(name)
    expect(rows).toHaveLength(600)
    expect(run.samples).toHaveLength(rows.length)
    const latency = new Map(run.samples.map((s) => [JSON.stringify([s.inputs, s.repeat]), s.results.latency_ms]))
    for (const r of rows) {
      const at = { experiment: r[col('experiment')], strategy: r[col('strategy')], x_value: Number(r[col('x_value')]) }
      expect(latency.get(JSON.stringify([at, Number(r[col('trial')])]))).toBe(Number(r[col('latency_ms')]))
    }
  })

  it('says nothing when the user chose the columns', () => {
    const { warnings, runs } = importWithWarnings('sorting-algorithm-size-time.csv', { inputs: ['Algorithm', 'Size'] })
    expect(warnings).toEqual([])
    expect(Object.keys(resultsOf(runs[0]))).toEqual(['Time'])
  })

  it('maximizes Throughput, ops/s, items/s and *_per_second columns', () => {
    const text = 'threads,Throughput,ops/s,items/s,bytes_per_second,latency (ms)\n1,10,100,5,1e6,2.5\n2,19,180,9,2e6,2.7\n'
    const [run] = importSource({ name: 'rates.csv', text }, { inputs: ['threads'] })
    expect(resultsOf(run)).toEqual({
      Throughput: ['', 'maximize'],
      'ops/s': ['', 'maximize'],
      'items/s': ['', 'maximize'],
      bytes_per_second: ['', 'maximize'],
      latency: ['ms', 'minimize'],
    })
  })
})
