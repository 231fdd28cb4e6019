import { describe, expect, it } from 'bun:test'
import { mean } from '../../src/model/stats'
import type { InputVar, Run } from '../../src/model/types'
import { parseChartRequest } from '../../src/plots'
import { renderRegion, seeded } from '../plots/fixtures'
import { readFigures } from '../plots/svg-count'

// Built directly as a Run (not through validateRun) because a million JSON samples would only slow the test.
function bigRun(inputs: InputVar[], repeats: number): Run {
  const points = inputs.reduce((n, v) => n * v.values.length, 1)
  const rnd = seeded(7)
  const time = new Float64Array(points * repeats)
  for (let i = 0; i < time.length; i++) time[i] = 1 + Math.floor(i / repeats) * 1e-3 + rnd()
  return {
    benchmark: 'big', title: 'big', description: '', postDescription: '', tag: '', time: '2026-01-01T00:00:00.000Z',
    timeLabel: null, commit: null, branch: null, repeats, inputs, consts: [],
    results: [{ name: 'time', kind: 'float', units: 's', direction: 'minimize', doc: '' }],
    data: { time }, failures: [], meta: {},
  }
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)
const floatIn = (name: string, n: number): InputVar => ({ name, kind: 'int', units: '', doc: '', values: range(n) })
const catIn = (name: string, n: number): InputVar => ({ name, kind: 'cat', units: '', doc: '', values: range(n).map((i) => `v${i}`) })

describe('a run of a million sample values', () => {
  const cases: [string, Run, string][] = [
    ['one float input of 10^4 values × 100 repeats (curve)', bigRun([floatIn('n', 10_000)], 100), 'curve'],
    ['one float input of 10^6 values (line)', bigRun([floatIn('n', 1_000_000)], 1), 'line'],
    ['two float inputs of 100 × 100 × 100 repeats (heatmap)', bigRun([floatIn('a', 100), floatIn('b', 100)], 100), 'heatmap'],
    ['no inputs, 10^6 repeats (histogram)', bigRun([], 1_000_000), 'histogram'],
    ['one cat input of 10 values × 10^5 repeats (box, bar)', bigRun([catIn('c', 10)], 100_000), 'box'],
  ]
  it.each(cases)('%s renders under 1.5 MB, says how it was reduced, and keeps exact statistics', (_, run, kind) => {
    const t0 = performance.now()
    const { html } = renderRegion(run, parseChartRequest({ plots: 'band,scatter' }))
    const ms = performance.now() - t0
    expect(html.length).toBeLessThan(1.5e6)
    expect(ms).toBeLessThan(20_000)
    const figures = readFigures(html)
    expect(figures.some((f) => f.chart === kind)).toBe(true)
    expect(figures.filter((f) => f.error)).toEqual([])
    if (kind === 'curve' || kind === 'line' || kind === 'heatmap') expect(html).toMatch(/Reduced from \d+/)
    // The optimum is found on all the data: the first point has the lowest trend.
    const values = run.data.time as Float64Array
    if (run.inputs.length > 0 && run.repeats > 1) {
      let best = Infinity
      for (let p = 0; p < values.length / run.repeats; p++) best = Math.min(best, mean(values.subarray(p * run.repeats, (p + 1) * run.repeats)))
      expect(html).toContain(`Best time (lowest): <strong>${Number(best.toPrecision(4))} s</strong>`)
    }
  }, 60_000)
})
