import { describe, expect, it } from 'bun:test'
import { parseChartRequest } from '../../../src/plots'
import { scatterJitter } from '../../../src/plots/kinds/scatter-jitter'
import { csvOf, fixtureValue, shape } from './helpers'

describe('scatter-jitter', () => {
  it('is drawn on request only (also as "jitter"), for categorical inputs with repeats', () => {
    expect(scatterJitter.named).toBe(true)
    expect(parseChartRequest({ plots: 'jitter,scatter_jitter' }).plots).toEqual(['scatter-jitter'])
    expect(scatterJitter.whyNot!(shape(0, 2, 2).sig)).toBeNull()
    expect(scatterJitter.whyNot!(shape(2, 0, 2).sig)).toBe('scatter-jitter needs no float input (this run has 2)')
    expect(scatterJitter.whyNot!(shape(0, 1, 1).sig)).toBe('scatter-jitter needs at least 2 repeats (this run has 1)')
  })

  it('has its label and a CSV of every sample with its category (not its jittered x)', () => {
    expect(scatterJitter.label).toBe('scatter (jitter)')
    const rows = csvOf(scatterJitter.csv, shape(0, 1, 3).run, 'scatter-jitter', 'scatter-jitter')
    expect(rows[0]).toEqual(['series', 'x', 'y'])
    const want = ['quick', 'merge', 'heap'].flatMap((a, i) => [1, 2, 3].map((r) => ['time', a, fixtureValue(i, r)]))
    expect(rows.slice(1)).toEqual(want)
  })
})
