import { describe, expect, it } from 'bun:test'
import { parseChartRequest } from '../../src/plots'
import { catInputs, floatInputs, makeRun, renderRegion, shapeMatrix, type Shape } from '../plots/fixtures'
import { readFigures } from '../plots/svg-count'

type Expected = { chart: string; facet?: string; series: number[] }

// The expected charts are written from issue 4's table, independently of src/plots.
function expectedFigures(s: Shape): Expected[] {
  if (s.result === 'string' || s.result === 'image') return [{ chart: 'table', series: [] }]
  const perComponent: Expected[] = []
  const nf = (i: number) => floatInputs[i].values.length
  const nc = (i: number) => catInputs[i].values.length
  const facetLabels = (dims: { name: string; values: readonly unknown[] }[]): (string | undefined)[] =>
    dims.reduce<(string | undefined)[]>((acc, d) => acc.flatMap((a) => d.values.map((v) => `${a ? `${a}, ` : ''}${d.name}=${v}`)), [undefined])
  // One value (no input, one repeat) is a table, never a histogram of one bin (issue 14).
  if (s.floats === 0 && s.cats === 0 && s.repeats === 1) perComponent.push({ chart: 'table', series: [] })
  else if (s.floats === 0 && s.cats === 0) perComponent.push({ chart: 'histogram', series: [s.result === 'bool' ? 2 : 1] })
  else if (s.floats === 0) {
    const groups = s.cats === 2 ? nc(1) : 1
    if (s.repeats > 1) perComponent.push({ chart: 'box', series: Array(groups).fill(nc(0)) })
    const bars = Array.from({ length: groups }, () => (s.repeats > 1 ? [nc(0), nc(0)] : [nc(0)])).flat()
    perComponent.push({ chart: 'bar', series: bars })
  } else if (s.floats === 1) {
    const kind = s.repeats > 1 ? 'curve' : 'line'
    // A curve's ±1 std band is one piece between each two neighbouring points, after its line.
    const one = s.repeats > 1 ? [nf(0), nf(0) - 1] : [nf(0)]
    const series = Array.from({ length: s.cats >= 1 ? nc(0) : 1 }, () => one).flat()
    for (const facet of facetLabels(s.cats === 2 ? [catInputs[1]] : [])) perComponent.push({ chart: kind, facet, series })
  } else {
    const dims = [...floatInputs.slice(2, s.floats), ...catInputs.slice(0, s.cats)]
    for (const facet of facetLabels(dims)) perComponent.push({ chart: 'heatmap', facet, series: [nf(0) * nf(1)] })
  }
  return s.result === 'vec' ? [...perComponent, ...perComponent] : perComponent
}

const name = (s: Shape) => `${s.floats} float, ${s.cats} cat, ${s.repeats} repeat(s), ${s.result}`

describe('chart matrix', () => {
  it.each(shapeMatrix().map((s) => [name(s), s] as const))('%s draws exactly the expected charts', (_, shape) => {
    const run = makeRun(shape)
    const { html, signature } = renderRegion(run, parseChartRequest({}))
    const figures = readFigures(html)
    const expected = expectedFigures(shape)
    expect(figures.filter((f) => f.error)).toEqual([])
    expect(figures.map((f) => ({ chart: f.chart, facet: f.facet, series: f.series }))).toEqual(expected.map((e) => ({ chart: e.chart, facet: e.facet, series: e.series })))
    for (const f of figures) expect(f.result).toBe(run.results[0].name)
    if (shape.result === 'vec') expect(figures.map((f) => f.component)).toEqual([...expected.slice(0, expected.length / 2).map(() => 'x'), ...expected.slice(expected.length / 2).map(() => 'y')])
    expect(signature).toContain(`${shape.floats} float input`)
    expect(signature).toContain(`${shape.cats} categorical`)
    expect(html).not.toContain('No plot represents')
  })

  it('data-facet labels read name=value and small multiples share one value range', () => {
    const run = makeRun({ floats: 1, cats: 2, repeats: 1, result: 'float' })
    const figures = readFigures(renderRegion(run, parseChartRequest({})).html)
    expect(figures.map((f) => f.facet)).toEqual(['cached=true', 'cached=false'])
    const ranges = figures.map((f) => [f.option.yAxis.min, f.option.yAxis.max])
    expect(ranges[0]).toEqual(ranges[1])
    expect(typeof ranges[0][0]).toBe('number')
  })

  it('many small multiples become tabs without JavaScript', () => {
    const run = makeRun({ floats: 3, cats: 2, repeats: 1, result: 'float' })
    const { html } = renderRegion(run, parseChartRequest({}))
    expect(html).toContain('class="bp-group bp-group-heatmap bp-tabs"')
    expect(html.match(/type="radio"/g)?.length).toBe(2)
    expect(html).toContain('>scale=0.5</label>')
  })
})
