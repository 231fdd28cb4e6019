// The chart options of many run shapes must stay byte-identical to those of f0bc473, the last
// commit that bucketed values in one array per cell: the digests were written by
// `bun test/plots/options-fixture.ts <f0bc473 checkout>` and must not be regenerated from the code under test.
import { describe, expect, it } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sweepSignature } from '../../src/model/signature'
import { chooseCharts, parseChartRequest, toEChartsOption } from '../../src/plots'
import { colourBarDecimals } from '../../src/plots/options'
import { digestCase, optionCases, type ChartDigest } from './options-cases'

const expected: ChartDigest[] = JSON.parse(readFileSync(join(import.meta.dir, '../fixtures/plots-options/digests.json'), 'utf8'))
// One change since f0bc473 is meant: the colour bar's decimals follow the values (colourBarDecimals).
// They are put back to that commit's 3 before digesting, and checked on their own below.
type Built = ReturnType<typeof toEChartsOption>
const asAtFixture = (built: Built): Built => ({
  ...built,
  panels: built.panels.map((p) => {
    const map = p.option.visualMap as Record<string, unknown> | undefined
    return map && 'precision' in map ? { ...p, option: { ...p.option, visualMap: { ...map, precision: 3 } } } : p
  }),
})
const api = { toEChartsOption: (...args: Parameters<typeof toEChartsOption>) => asAtFixture(toEChartsOption(...args)), chooseCharts, parseChartRequest, sweepSignature }

describe('chart options are the same as before the compact buckets', () => {
  const cases = optionCases()

  it('covers every chart kind, a reduced heatmap, vec, bool and overlay runs', () => {
    const keys = expected.map((d) => d.key).join('\n')
    for (const kind of ['histogram', 'line', 'curve', 'bar', 'box', 'violin', 'scatter-jitter', 'scatter', 'heatmap', 'band']) expect(keys).toContain(` ${kind} `)
    expect(keys).toMatch(/heatmap pos\[2\]/)
    expect(keys).toMatch(/box ok/)
    expect(expected.some((d) => JSON.stringify(d.outline).includes('(each the mean of a 2×2 block)'))).toBe(true)
    expect(expected.some((d) => JSON.stringify(d.outline).includes('Dashed: '))).toBe(true)
  })

  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const got = digestCase(c, api)
    const want = expected.filter((d) => d.key.startsWith(`${name} #`))
    expect(got.map((d) => d.key)).toEqual(want.map((d) => d.key))
    // The outline first, for a readable diff; then the digest of the whole JSON.
    for (let i = 0; i < got.length; i++) {
      expect({ key: got[i].key, outline: got[i].outline }).toEqual({ key: want[i].key, outline: want[i].outline })
      expect({ key: got[i].key, length: got[i].length, sha256: got[i].sha256 }).toEqual({ key: want[i].key, length: want[i].length, sha256: want[i].sha256 })
    }
  })
})

describe('the colour bar of a heatmap', () => {
  it('labels its ends with three significant digits of the larger one', () => {
    expect([colourBarDecimals(4e-7, 0.003), colourBarDecimals(1125.4, 82288.3), colourBarDecimals(0.5, 0.9), colourBarDecimals(-5, 2.5), colourBarDecimals(2, 2), colourBarDecimals(0, 0)]).toEqual([5, 0, 3, 2, 2, 0])
    const heatmaps = optionCases().flatMap((c) => {
      const req = parseChartRequest(c.query)
      return chooseCharts(sweepSignature(c.run), req).specs.filter((s) => s.kind === 'heatmap').flatMap((spec) => toEChartsOption(spec, c.run, req, c.overlay).panels)
    })
    expect(heatmaps.length).toBeGreaterThan(0)
    for (const p of heatmaps) {
      const map = p.option.visualMap as { min: number; max: number; precision: number }
      expect(map.precision).toBe(colourBarDecimals(map.min, map.max))
    }
  })
})
