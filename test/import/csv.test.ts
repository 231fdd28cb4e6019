import { describe, expect, it } from 'bun:test'
import { importSource } from '../../src/import'
import { importFixture, inputsOf, resultsOf, runNamed, samplesAt } from './helpers'

describe('csv', () => {
  it('takes the numeric columns after the last non-numeric one as results, units from the header and a repeat column', () => {
    const [run] = importFixture('csv', 'sweep.csv').given
    expect(run.benchmark).toBe('sweep')
    expect(inputsOf(run)).toEqual({ n: ['int', [100, 1000]], algo: ['cat', ['quick', 'merge']] })
    expect(resultsOf(run)).toEqual({ time: ['ms', 'minimize'], mem: ['MB', 'minimize'] })
    expect(run.repeats).toBe(2)
    expect(samplesAt(run, { n: 1000, algo: 'merge' }, 'time')).toEqual([2.4, 2.2])
    expect(samplesAt(run, { n: 1000, algo: 'merge' }, 'mem')).toEqual([undefined, 6.5])
  })

  it('follows --inputs and --results', () => {
    const [run] = importFixture('csv', 'sweep.csv', { inputs: ['algo', 'n'], results: ['time'], name: 'sorts' }).given
    expect(run.benchmark).toBe('sorts')
    expect(inputsOf(run)).toEqual({ algo: ['cat', ['quick', 'merge']], n: ['int', [100, 1000]] })
    expect(resultsOf(run)).toEqual({ time: ['ms', 'minimize'] })
  })

  it('takes the first column as input when all are numeric, counts repeats, and maximizes rates', () => {
    const [run] = importFixture('csv', 'all-numeric.csv').given
    expect(inputsOf(run)).toEqual({ threads: ['int', [1, 2, 4]] })
    expect(resultsOf(run)).toEqual({ ops_per_second: ['', 'maximize'], latency: ['', 'minimize'] })
    expect(samplesAt(run, { threads: 4 }, 'ops_per_second')).toEqual([3500, 3600])
  })

  it('splits runs on a benchmark column and reads quoted fields and semicolons', () => {
    const { given } = importFixture('csv', 'families.csv', { name: 'app' })
    expect(given.map((r) => r.benchmark)).toEqual(['app/parse', 'app/render'])
    expect(inputsOf(runNamed(given, 'app/parse'))).toEqual({ size: ['int', [10, 20]], 'label, quoted': ['cat', ['a, b']] })
  })

  it('names the line of a ragged row, a non-number and an unknown column', () => {
    expect(() => importSource({ name: 'r.csv', text: 'a,b,t\nx,1,2\ny,2\n' })).toThrow(/^r\.csv: line 3: expected 3 fields as in the header, got 2$/)
    expect(() => importSource({ name: 'r.csv', text: 'a,t\nx,1\ny,1\n' }, { format: 'csv', results: ['t', 'a'] })).toThrow(/^r\.csv: line 2: column "a": "x" is not a number$/)
    expect(() => importSource({ name: 'r.csv', text: 'a,t\nx,1\n' }, { format: 'csv', inputs: ['b'] })).toThrow(/^r\.csv: line 1: no column "b" for --inputs/)
    expect(() => importSource({ name: 'r.csv', text: 'a,t\nx,"1\n' }, { format: 'csv' })).toThrow(/^r\.csv: line 2: unterminated quoted field$/)
  })
})
