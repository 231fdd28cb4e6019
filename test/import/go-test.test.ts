import { describe, expect, it } from 'bun:test'
import { importSource } from '../../src/import'
import { importFixture, inputsOf, resultsOf, samplesAt } from './helpers'

describe('go-test', () => {
  it('turns key=value levels into inputs, the -N suffix into procs and -count lines into repeats', () => {
    const [run] = importFixture('go-test', 'builder.txt').given
    expect(run.benchmark).toBe('BenchmarkBuilder')
    expect(inputsOf(run)).toEqual({ n: ['int', [10, 100, 1000]], procs: ['int', [2]] })
    expect(run.repeats).toBe(2)
    expect(resultsOf(run)).toEqual({ time: ['ns', 'minimize'], bytes: ['B', 'minimize'], allocs: ['allocs', 'minimize'] })
    expect(samplesAt(run, { n: 10, procs: 2 }, 'time')).toEqual([74.03, 137.0])
    expect(samplesAt(run, { n: 1000, procs: 2 }, 'bytes')).toEqual([5368, 5368])
    expect(run.meta).toEqual({ goos: 'linux', goarch: 'amd64', pkg: 'example.com/dev', cpu: 'Oxide Virtual Turin-like Processor' })
  })

  it('makes a level without = a categorical input and keeps MB/s and custom metrics', () => {
    const [run] = importFixture('go-test', 'encode.txt').given
    expect(inputsOf(run)).toEqual({ sub1: ['cat', ['json', 'text']], n: ['int', [10, 100]], procs: ['int', [1, 2]] })
    expect(run.repeats).toBe(3)
    expect(resultsOf(run)).toEqual({
      time: ['ns', 'minimize'],
      throughput: ['MB/s', 'maximize'],
      'bytes/msg': ['bytes/msg', 'none'],
      bytes: ['B', 'minimize'],
      allocs: ['allocs', 'minimize'],
    })
    expect(samplesAt(run, { sub1: 'json', n: 10, procs: 1 }, 'time')).toEqual([237.9, 245.3, 213.0])
    expect(samplesAt(run, { sub1: 'json', n: 10, procs: 2 }, 'time')).toEqual([237.0, 233.9, 254.6])
    expect(samplesAt(run, { sub1: 'text', n: 100, procs: 2 }, 'throughput')).toEqual([1695.57, 1608.83, 921.42])
    expect(samplesAt(run, { sub1: 'text', n: 100, procs: 2 }, 'bytes/msg')).toEqual([200, 200, 200])
  })

  it('uses commit, branch and date configuration lines when a user adds them', () => {
    const text = 'commit: 0123abc\nbranch: dev\ndate: 2026-01-02T03:04:05Z\nBenchmarkX-4 \t 100\t 5.5 ns/op\n'
    const [run] = importSource({ name: 'x.txt', text }, { commit: 'other', time: '2000-01-01T00:00:00Z' })
    expect(run).toMatchObject({ commit: '0123abc', branch: 'dev', time: '2026-01-02T03:04:05Z' })
  })
})
