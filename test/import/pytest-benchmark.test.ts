import { describe, expect, it } from 'bun:test'
import { importFixture, inputsOf, resultsOf, runNamed, samplesAt } from './helpers'

describe('pytest-benchmark', () => {
  it('makes the test function the benchmark, typed params its inputs and stats.data its repeats', () => {
    const { given } = importFixture('pytest-benchmark', 'strings.json')
    expect(given.map((r) => r.benchmark)).toEqual(['test_build'])
    const [run] = given
    expect(inputsOf(run)).toEqual({ method: ['cat', ['join', 'concat']], size: ['int', [16, 256, 4096]] })
    expect(resultsOf(run)).toEqual({ time: ['s', 'minimize'] })
    expect(run.repeats).toBe(2641)
    const join16 = samplesAt(run, { method: 'join', size: 16 }, 'time')
    expect(join16.filter((x) => x !== undefined)).toHaveLength(2432)
    expect(join16.slice(0, 2)).toEqual([1.9734999909815087e-7, 1.9189999989066564e-7])
    // Points with fewer rounds simply have absent samples.
    expect(samplesAt(run, { method: 'concat', size: 4096 }, 'time')[187]).toBeUndefined()
    // Outside a checkout pytest-benchmark writes placeholders, which are not a commit or branch.
    expect(run.commit).toBeUndefined()
    expect(run.branch).toBeUndefined()
    expect(run.time).toBe('2026-11-25T18:51:15.525055Z')
    expect(run.meta?.machine_info).toMatchObject({ node: 'vm', machine: 'x86_64' })
  })

  it('adds group as an input only when one function spans several groups, and reads commit_info', () => {
    const { given } = importFixture('pytest-benchmark', 'groups.json', { commit: 'ignored', time: '2000-01-01T00:00:00Z' })
    const sum = runNamed(given, 'test_sum')
    expect(inputsOf(sum)).toEqual({
      n: ['int', [10, 100]],
      sort: ['bool', [true, false]],
      scale: ['float', [0.5, 2]],
      group: ['cat', ['small', 'large']],
    })
    expect(sum.repeats).toBe(5)
    expect(samplesAt(sum, { n: 10, sort: true, scale: 0.5, group: 'small' }, 'time')).toEqual([
      1.0109999948326731e-6, 5.100000635138713e-7, 2.3439999949914636e-6, 6.110000185799436e-7, 4.099999841855606e-7,
    ])
    expect(sum).toMatchObject({ commit: '63a552dcbc51a6616ec775efca2be00b669f6b26', branch: 'main', time: '2026-11-25T19:25:47+00:00' })
    const upper = runNamed(given, 'test_upper')
    expect(inputsOf(upper)).toEqual({ word: ['cat', ['a', 'abc']] })
    expect(upper.meta?.group).toBe('strings')
  })

  it('uses the summary statistics as one repeat when stats.data was not saved', () => {
    const { given } = importFixture('pytest-benchmark', 'groups-nodata.json')
    const upper = runNamed(given, 'test_upper')
    expect(upper.repeats).toBe(1)
    expect(resultsOf(upper)).toMatchObject({ min: ['s', 'minimize'], mean: ['s', 'minimize'], ops: ['ops/s', 'maximize'], rounds: ['', 'none'] })
    expect(upper.samples[0].results.rounds).toBe(5)
    expect(upper.samples[0].inputs).toEqual({ word: 'a' })
  })
})
