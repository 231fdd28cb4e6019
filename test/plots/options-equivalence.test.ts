// The chart options of many run shapes must stay byte-identical to those of f0bc473, the last
// commit that bucketed values in one array per cell, but for the text of numbers. The digests were
// written by `bun test/plots/options-fixture.ts <f0bc473 checkout>`, then once more for issue 12
// (numbers through src/format): at that commit the options were compared field by field with
// those of the commit before (whose digests equalled f0bc473's), and the only fields that differed
// were number texts: tooltips (`t`), the best pin's value, heatmap category labels (exact input
// values), value-axis names without `[unit]`, and the tick / colour-bar formatter markers that
// replaced the colour bar's `precision`. Regenerated once more for issue 14, whose rules change every
// chart on purpose (palette, wheel zoom with Ctrl, full legends, automatic log axes, the band as one
// custom series, values written on one-sample points; see docs/plots.md), and for its second part:
// box series get a fill pattern and a dash (`decal`, `borderType`) and the best pin over a written
// value is lifted (`symbolOffset`), and a histogram's text alternative states the range of its
// values (`summary`); those four fields were the only differences from the options before. Regenerated for session 8:
// a heatmap's right margin grows with its colour bar's labels (they ran over the cells), and its
// `grid.right` was the only difference (every digest matched the ones before with it set back to 96).
// Edited by hand in session 10: a heatmap asked for a log scale it cannot have said so twice, once
// wrongly of a "value axis"; the second note was deleted from that case (its length fell by exactly that
// note, 13067 to 12985 characters, and the new digest was taken).
// Do not regenerate them from the code under test otherwise.
import { describe, expect, it } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sweepSignature } from '../../src/model/signature'
import { chooseCharts, parseChartRequest, toEChartsOption } from '../../src/plots'
import { digestCase, optionCases, type ChartDigest } from './options-cases'

const expected: ChartDigest[] = JSON.parse(readFileSync(join(import.meta.dir, '../fixtures/plots-options/digests.json'), 'utf8'))
const api = { toEChartsOption, chooseCharts, parseChartRequest, sweepSignature }

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
  it('labels its values with the result\'s unit, as the value axes do', () => {
    const heatmaps = optionCases().flatMap((c) => {
      const req = parseChartRequest(c.query)
      return chooseCharts(sweepSignature(c.run), req).specs.filter((s) => s.kind === 'heatmap').flatMap((spec) => toEChartsOption(spec, c.run, req, c.overlay).panels.map((p) => ({ p, units: c.run.results.find((r) => r.name === spec.result)!.units })))
    })
    expect(heatmaps.length).toBeGreaterThan(0)
    for (const { p, units } of heatmaps) {
      const map = p.option.visualMap as { formatter: string; precision?: number }
      // Linear, or a log colour scale (issue 14) whose labels are 10^v.
      expect([`{bp:quantity:${units}}`, `{bp:logquantity:${units}}`]).toContain(map.formatter)
      expect(map.precision).toBeUndefined()
    }
  })
})
