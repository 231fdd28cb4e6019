import { describe, expect, it } from 'bun:test'
import { importSource } from '../../src/import'
import { fixtureText, importFixture, inputsOf, resultsOf, samplesAt } from './helpers'

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

  it('takes n as an input and trial as the repeat in algorithm,inputType,n,ms,trial', () => {
    const [run] = importFixture('csv', 'sorts-trials.csv').given
    expect(Object.keys(inputsOf(run))).toEqual(['algorithm', 'inputType', 'n'])
    expect(Object.keys(resultsOf(run))).toEqual(['ms'])
    expect(run.repeats).toBe(5)
    expect(samplesAt(run, { algorithm: 'quick', inputType: 'sorted', n: 15000 }, 'ms')).toEqual([65.733848, 66.166521, 66.211491, 70.953948, 64.511463])
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
