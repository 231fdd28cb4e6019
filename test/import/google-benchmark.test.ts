import { describe, expect, it } from 'bun:test'
import { importSource } from '../../src/import'
import { importFixture, inputsOf, resultsOf, runNamed, samplesAt } from './helpers'

describe('google-benchmark', () => {
  it('makes one run per family, with positional args as arg0 and the context date as time', () => {
    const { given } = importFixture('google-benchmark', 'memcpy-setinsert.json')
    expect(given.map((r) => r.benchmark)).toEqual(['BM_Memcpy', 'BM_SetInsert'])
    const memcpy = runNamed(given, 'BM_Memcpy')
    expect(memcpy.time).toBe('2026-11-25T18:51:12+00:00')
    expect(inputsOf(memcpy)).toEqual({ arg0: ['int', [8, 64, 512, 4096, 8192]] })
    expect(resultsOf(memcpy)).toEqual({
      real_time: ['ns', 'minimize'],
      cpu_time: ['ns', 'minimize'],
      bytes_per_second: ['B/s', 'maximize'],
    })
    expect(samplesAt(memcpy, { arg0: 8 }, 'real_time')).toEqual([1.8657283782604679])
    expect(samplesAt(memcpy, { arg0: 8 }, 'bytes_per_second')).toEqual([4.2870893639488897e9])
    expect(memcpy.meta?.context).toMatchObject({ host_name: 'vm', num_cpus: 2 })
  })

  it('keeps named args and turns repetitions into repeats, leaving the aggregate rows out', () => {
    const { given, runs } = importFixture('google-benchmark', 'memcpy-setinsert.json')
    const set = runNamed(given, 'BM_SetInsert')
    expect(inputsOf(set)).toEqual({ n: ['int', [64, 512, 4096]], reserve: ['int', [0, 1]] })
    expect(set.repeats).toBe(4)
    expect(set.samples).toHaveLength(3 * 2 * 4)
    expect(samplesAt(set, { n: 64, reserve: 0 }, 'real_time')).toEqual([
      2154.335142471, 2097.1652344314007, 2152.135835973323, 2212.8677822919803,
    ])
    expect(runNamed(runs, 'BM_SetInsert').repeats).toBe(4)
  })

  it('handles threads:N, real_time, units other than ns, user counters, BigO/RMS and errors', () => {
    const { given } = importFixture('google-benchmark', 'sort-fill-fail.json')
    expect(given.map((r) => r.benchmark)).toEqual(['BM_Sort', 'BM_Fill', 'BM_Fail'])

    const fill = runNamed(given, 'BM_Fill')
    expect(inputsOf(fill)).toEqual({ len: ['int', [16, 256]], ch: ['int', [0, 3]], threads: ['int', [1, 2]] })
    expect(fill.repeats).toBe(3)
    expect(resultsOf(fill)).toEqual({ real_time: ['us', 'minimize'], cpu_time: ['us', 'minimize'], bytes_per_second: ['B/s', 'maximize'] })
    expect(samplesAt(fill, { len: 16, ch: 0, threads: 2 }, 'real_time')).toEqual([
      0.0032230542569188204, 0.0022998292826127255, 0.003209966007728974,
    ])
    expect(fill.meta?.flags).toBe('real_time')

    const sort = runNamed(given, 'BM_Sort')
    expect(resultsOf(sort)).toEqual({
      real_time: ['ns', 'minimize'],
      cpu_time: ['ns', 'minimize'],
      items_per_second: ['items/s', 'maximize'],
      swaps: ['', 'none'],
    })
    expect(samplesAt(sort, { arg0: 4096 }, 'swaps')).toEqual([1.9320754716981132])
    expect(sort.meta?.complexity).toEqual([
      { name: 'BM_Sort_BigO', aggregate_name: 'BigO', big_o: 'NlgN', real_coefficient: 0.2738934079960989, cpu_coefficient: 0.27390896282704635, time_unit: 'ns' },
      { name: 'BM_Sort_RMS', aggregate_name: 'RMS', rms: 0.08829048516074409 },
    ])

    const fail = runNamed(given, 'BM_Fail')
    expect(inputsOf(fail)).toEqual({ arg0: ['int', [1, 2]] })
    expect(samplesAt(fail, { arg0: 1 }, 'cpu_time')).toEqual([0.5458822012894436])
    expect(samplesAt(fail, { arg0: 2 }, 'cpu_time')).toEqual([undefined])
    expect(fail.failures).toEqual([{ inputs: { arg0: 2 }, repeat: 1, error: 'range 2 is not supported' }])
  })

  it('uses the mean aggregates as samples when only aggregates were reported', () => {
    const { given } = importFixture('google-benchmark', 'aggregates-only.json')
    const fill = runNamed(given, 'BM_Fill')
    expect(inputsOf(fill)).toEqual({ len: ['int', [16]], ch: ['int', [0]], threads: ['int', [1, 2]] })
    expect(fill.repeats).toBe(1)
    expect(fill.meta?.samples_from).toContain('mean')
  })

  it('names the family under --name when the file holds several', () => {
    const { given } = importFixture('google-benchmark', 'memcpy-setinsert.json', { name: 'cpp', commit: 'abc', branch: 'main', timeLabel: 'v1' })
    expect(given.map((r) => r.benchmark)).toEqual(['cpp/BM_Memcpy', 'cpp/BM_SetInsert'])
    expect(given[0]).toMatchObject({ commit: 'abc', branch: 'main', time_label: 'v1', time: '2026-11-25T18:51:12+00:00' })
  })

  it('converts a family that mixes time units to ns', () => {
    const row = (name: string, t: number, unit: string) => ({ name, run_name: name, run_type: 'iteration', repetition_index: 0, real_time: t, cpu_time: t, time_unit: unit })
    const text = JSON.stringify({ context: {}, benchmarks: [row('BM_X/1', 2, 'us'), row('BM_X/2', 3, 'ms')] })
    const [run] = importSource({ name: 'mixed.json', text })
    expect(resultsOf(run).real_time).toEqual(['ns', 'minimize'])
    expect(samplesAt(run, { arg0: 1 }, 'real_time')).toEqual([2000])
    expect(samplesAt(run, { arg0: 2 }, 'real_time')).toEqual([3e6])
  })
})
