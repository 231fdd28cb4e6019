// Issue 14: charts that read right on real results. Each rule on a run made to trigger it; the
// browser side (screenshots, axe) is in test/view/read-right-browser.test.ts and axe-browser.test.ts.
import { describe, expect, it } from 'bun:test'
import { validateRun } from '../../src/model/run-format'
import { sweepSignature } from '../../src/model/signature'
import type { Run } from '../../src/model/types'
import { chooseCharts, findOptimum, historySummary, numericView, pairSummary, parseChartRequest, ratioSummary, regressionSummary, toEChartsOption, type ChartRequest } from '../../src/plots'
import { buildHistories, historySeries } from '../../src/model/history'
import { checkBenchmark, compareRuns } from '../../src/model/regression'
import { palette } from '../../src/plots/data'
import { bestPinLift } from '../../src/plots/kinds/_shared'
import { withQuantityFormatters } from '../../src/plots/tick-format'
import { formatQuantity } from '../../src/format'

type Input = { name: string; kind: string; values: (number | string | boolean)[]; units?: string }

/** A run over every combination of the inputs, `value(inputs, repeat)` giving the time in seconds. */
function sweep(inputs: Input[], repeats: number, value: (at: Record<string, number | string | boolean>, r: number) => number, units = 's'): Run {
  const combos = inputs.reduce<Record<string, number | string | boolean>[]>((acc, v) => acc.flatMap((c) => v.values.map((x) => ({ ...c, [v.name]: x }))), [{}])
  const samples = combos.flatMap((c) => Array.from({ length: repeats }, (_, r) => ({ inputs: c, repeat: r + 1, results: { time: value(c, r) } })))
  return validateRun({ benchmark: 'rules', repeats, inputs: inputs.map((v) => ({ units: '', ...v })), results: [{ name: 'time', kind: 'float', units, direction: 'minimize' }], samples }, { now: new Date('2026-01-01T00:00:00Z') })
}

function charts(run: Run, query: Record<string, string> = {}) {
  const req: ChartRequest = parseChartRequest(query)
  return chooseCharts(sweepSignature(run), req).specs.filter((s) => s.kind !== 'table').map((spec) => toEChartsOption(spec, run, req))
}

type Opt = Record<string, any>
const yAxis = (o: Opt) => o.yAxis as Opt
const xAxis = (o: Opt) => (Array.isArray(o.xAxis) ? o.xAxis[0] : o.xAxis) as Opt

describe('1. log scales by themselves', () => {
  // Google Benchmark's BM_Memcpy-like sweep: 8 B .. 8 MiB, time from ns to ms (6 decades).
  const sizes = [8, 64, 512, 4096, 32768, 262144, 2097152, 8388608]
  const run = sweep([{ name: 'bytes', kind: 'int', values: sizes }], 1, (at) => 2e-9 * (at.bytes as number))

  it('makes a value axis spanning two decades or more logarithmic, and says so', () => {
    const [c] = charts(run)
    expect(yAxis(c.panels[0].option).type).toBe('log')
    expect(c.notes.join(' ')).toContain('value axis is logarithmic: the values span 6.0 decades')
  })

  it('keeps it linear with logy=0, and below two decades', () => {
    expect(yAxis(charts(run, { logy: '0' })[0].panels[0].option).type).toBe('value')
    const narrow = sweep([{ name: 'n', kind: 'int', values: [1, 2, 3, 4] }], 1, (at) => 1e-3 * (at.n as number) * 20)
    expect(yAxis(charts(narrow)[0].panels[0].option).type).toBe('value')
  })

  it('takes a value 13 decades or more below the largest for rounding error around zero: no log axis by itself', () => {
    // A reach of 0.8 m at 0..90 degrees: x = 0.8 cos θ gives 4.9e-17 m at 90°, not 0.
    const reach = sweep([{ name: 'angle', kind: 'int', values: [0, 30, 60, 90] }], 1, (at) => 0.8 * Math.cos(((at.angle as number) * Math.PI) / 180), 'm')
    const [c] = charts(reach)
    expect(yAxis(c.panels[0].option).type).toBe('value')
    expect(c.notes.join(' ')).toContain('The value axis is linear: the smallest value, 4.899e-17 m, is 16 decades below the largest, rounding error around zero')
    // Asked for, it is drawn: the values are all positive.
    expect(yAxis(charts(reach, { logy: '1' })[0].panels[0].option).type).toBe('log')
    // Twelve decades are a scale (1 ns .. 1000 s): logarithmic.
    const wide = sweep([{ name: 'n', kind: 'int', values: [1, 2, 3] }], 1, (at) => 10 ** (6 * (at.n as number) - 15))
    expect(yAxis(charts(wide)[0].panels[0].option).type).toBe('log')
  })

  it('makes x logarithmic for geometric sweeps only, and linear with logx=0', () => {
    expect(xAxis(charts(run)[0].panels[0].option).type).toBe('log')
    expect(xAxis(charts(run, { logx: '0' })[0].panels[0].option).type).toBe('value')
    const pow10 = sweep([{ name: 'n', kind: 'int', values: [1e3, 1e4, 1e5] }], 1, (at) => at.n as number)
    expect(xAxis(charts(pow10)[0].panels[0].option).type).toBe('log')
    const linear = sweep([{ name: 'load', kind: 'float', values: [10, 20, 30, 40] }], 1, (at) => at.load as number)
    expect(xAxis(charts(linear)[0].panels[0].option).type).toBe('value')
  })

  it('gives heatmaps a log colour scale, per facet when one shared scale would paint a facet one colour', () => {
    // Facet "slow" is 1000 times "fast": on one scale every cell of "fast" would be the lowest colour.
    const grid = sweep(
      [{ name: 'a', kind: 'int', values: [1, 2, 3] }, { name: 'b', kind: 'int', values: [1, 2, 3] }, { name: 'impl', kind: 'cat', values: ['fast', 'slow'] }],
      1,
      (at) => (at.impl === 'slow' ? 1000 : 1) * (at.a as number) * (at.b as number) * 1e-6,
    )
    const [c] = charts(grid)
    expect(c.spec.kind).toBe('heatmap')
    expect(c.notes.join(' ')).toContain('own colour scale')
    const maps = c.panels.map((p) => p.option.visualMap as Opt)
    expect(maps[0].formatter).toBe('{bp:logquantity:s}')
    expect(maps[0].max).toBeCloseTo(Math.log10(9e-6), 9)
    expect(maps[1].min).toBeCloseTo(Math.log10(1e-3), 9)
    // The colour-bar labels read as quantities again: 10^v.
    const fixed = withQuantityFormatters(c.panels[0].option, formatQuantity) as Opt
    expect(fixed.visualMap.formatter(Math.log10(5e-6))).toBe('5 µs')
    // Close facets share one scale.
    const close = sweep([{ name: 'a', kind: 'int', values: [1, 2] }, { name: 'b', kind: 'int', values: [1, 2] }, { name: 'impl', kind: 'cat', values: ['x', 'y'] }], 1, (at) => (at.impl === 'y' ? 1.1 : 1) * (at.a as number) * (at.b as number))
    const shared = charts(close)[0]
    expect(shared.notes.join(' ')).toContain('share one colour scale')
    expect(shared.panels[0].option.visualMap).toMatchObject({ min: (shared.panels[1].option.visualMap as Opt).min, max: (shared.panels[1].option.visualMap as Opt).max })
  })
})

  it('refuses a log colour scale asked for over zero or negative values once, naming the colour scale', () => {
    const signed = sweep([{ name: 'a', kind: 'int', values: [1, 2, 3] }, { name: 'b', kind: 'int', values: [1, 2, 3] }], 1, (at) => (at.a as number) - (at.b as number))
    const [c] = charts(signed, { logy: '1' })
    expect(c.spec.kind).toBe('heatmap')
    const refusals = c.notes.filter((n) => n.includes('was not applied'))
    expect(refusals).toEqual(['Log scale for the colour scale was not applied: some values are zero or negative.'])
    expect((c.panels[0].option.visualMap as Opt).formatter).not.toContain('log')
  })

describe('2. units people read', () => {
  it('writes exact input values in tooltips and quantities with SI prefixes', () => {
    const run = sweep([{ name: 'n', kind: 'int', values: [4096, 16384] }], 1, (at) => 6.853e-4 * (at.n as number) / 4096)
    const [c] = charts(run)
    const line = (c.panels[0].option.series as Opt[]).find((s) => s.type === 'line') as Opt
    expect(line.data[1].t).toBe('n=16384\ntime: 2.741 ms')
    expect(line.data[0].label.formatter).toBe('685.3 µs')
    expect(yAxis(c.panels[0].option).axisLabel.formatter).toBe('{bp:quantity:s}')
  })
})

describe('3. what does not vary is not an axis', () => {
  it('chooses charts from the inputs that vary: a constant is neither the x axis nor a facet', () => {
    // As Google Benchmark's `threads: 1` beside the swept size.
    const run = sweep([{ name: 'threads', kind: 'int', values: [1] }, { name: 'n', kind: 'int', values: [1, 2, 4, 8] }, { name: 'mode', kind: 'cat', values: ['only'] }], 1, (at) => at.n as number)
    const { specs } = chooseCharts(sweepSignature(run))
    expect(specs).toEqual([{ kind: 'line', result: 'time', x: 'n', series: undefined, facets: [], requested: false }])
    expect(sweepSignature(run).constantInputs).toEqual(['threads', 'mode'])
  })
})

describe('4. one sample, one number', () => {
  it('shows one value as a table, never as a histogram of one bin', () => {
    const one = sweep([], 1, () => 1e-5)
    expect(chooseCharts(sweepSignature(one)).specs.map((s) => s.kind)).toEqual(['table'])
    const repeated = sweep([], 5, (_, r) => 1e-5 * (1 + r / 10))
    expect(chooseCharts(sweepSignature(repeated)).specs.map((s) => s.kind)).toEqual(['histogram'])
  })

  it('draws repeats of one same value as a point with the value written, not one bin', () => {
    const same = sweep([], 3, () => 3.709e7, 'B')
    const [c] = charts(same)
    expect(c.spec.kind).toBe('histogram')
    const series = c.panels[0].option.series as Opt[]
    expect(series.map((s) => s.type)).toEqual(['scatter'])
    expect(series[0].data[0].label.formatter).toBe('37.09 MB')
    expect(c.notes).toContain('All 3 values are 37.09 MB.')
  })

  it('writes the value on each point and bar of a one-repeat sweep', () => {
    const bars = sweep([{ name: 'algo', kind: 'cat', values: ['quick', 'merge'] }], 1, (at) => (at.algo === 'quick' ? 2e-3 : 3e-3))
    const [c] = charts(bars)
    expect(c.spec.kind).toBe('bar')
    const data = ((c.panels[0].option.series as Opt[])[0].data as Opt[]).map((d) => d.label.formatter)
    expect(data).toEqual(['2 ms', '3 ms'])
  })
})

describe('5. the spread band passes through every point', () => {
  it('draws one band piece between each two neighbouring points of a curve', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8]
    const run = sweep([{ name: 'n', kind: 'int', values: xs }], 3, (at, r) => (at.n as number) * (1 + 0.1 * r))
    const [c] = charts(run, { logy: '0', logx: '0' })
    expect(c.spec.kind).toBe('curve')
    const band = (c.panels[0].option.series as Opt[]).find((s) => s.renderItem === 'spread') as Opt
    expect(band.data).toHaveLength(xs.length - 1)
    // Its vertices are the x of every point, each at mean ± std.
    const vertices = new Set((band.data as number[][]).flatMap((d) => [d[0], d[3]]))
    expect([...vertices].sort((a, b) => a - b)).toEqual(xs)
    const line = (c.panels[0].option.series as Opt[]).find((s) => s.type === 'line') as Opt
    expect(line.data.map((d: Opt) => d.value[0])).toEqual(xs)
  })
})

describe('6. nothing cut or hidden', () => {
  it('shows every category label, rotated when they do not fit, and legends with full labels', () => {
    const names = Array.from({ length: 12 }, (_, i) => `BM_StringConcatenation/variant_${i}`)
    const run = sweep([{ name: 'case', kind: 'cat', values: names }, { name: 'compiler', kind: 'cat', values: ['gcc-13 with -O3 -march=native', 'clang-18 with -O2'] }], 1, () => 1e-3)
    const [c] = charts(run)
    const axis = xAxis(c.panels[0].option)
    expect(axis.axisLabel).toMatchObject({ interval: 0, hideOverlap: false, rotate: 40 })
    const legend = c.panels[0].option.legend as Opt
    expect(legend.data).toEqual(['compiler=gcc-13 with -O3 -march=native', 'compiler=clang-18 with -O2'])
    expect(JSON.stringify(legend)).not.toContain('truncate')
    expect(legend.orient).toBe('horizontal')
    expect(c.height).toBeGreaterThan(420)
  })

  it('draws series with their own marker and dash', () => {
    const run = sweep([{ name: 'n', kind: 'int', values: [1, 2, 3] }, { name: 'algo', kind: 'cat', values: ['a', 'b', 'c'] }], 1, (at) => at.n as number)
    const lines = (charts(run)[0].panels[0].option.series as Opt[]).filter((s) => s.type === 'line')
    expect(new Set(lines.map((l) => l.symbol)).size).toBe(3)
    expect(new Set(lines.map((l) => JSON.stringify(l.lineStyle.type))).size).toBe(3)
  })

  it('draws the boxes of each series with their own fill pattern and dash, and the bars with their own pattern', () => {
    const cats = [{ name: 'parser', kind: 'cat', values: ['simd', 'serde'] }, { name: 'doc', kind: 'cat', values: ['a', 'b', 'c', 'd'] }]
    const run = sweep(cats, 4, (at, r) => 1e-3 * (1 + r / 10) * (at.parser === 'simd' ? 1 : 2))
    const [boxes, bars] = charts(run)
    expect([boxes.spec.kind, bars.spec.kind]).toEqual(['box', 'bar'])
    const styles = (boxes.panels[0].option.series as Opt[]).filter((s) => s.type === 'boxplot').map((s) => s.itemStyle as Opt)
    expect(styles).toHaveLength(4)
    // Four series, four looks: the first plain and solid, each other one a pattern and a dash of its own.
    expect(new Set(styles.map((st) => JSON.stringify([st.decal ?? null, st.borderType ?? 'solid']))).size).toBe(4)
    expect(new Set(styles.map((st) => JSON.stringify(st.borderType ?? 'solid'))).size).toBe(4)
    expect(new Set(styles.map((st) => JSON.stringify(st.decal ?? null))).size).toBe(4)
    // A box's pattern is drawn in its series' colour: white would vanish on the pale fill.
    for (const st of styles.slice(1)) expect(st.decal.color).toBe(st.borderColor)
    const barStyles = (bars.panels[0].option.series as Opt[]).filter((s) => s.type === 'bar').map((s) => JSON.stringify(s.itemStyle.decal ?? null))
    expect(new Set(barStyles).size).toBe(4)
  })

  it('lifts the best pin clear of the value written on the best point or bar', () => {
    // As BM_Memcpy: one repeat, every value written, the best point at the bottom left.
    const line = sweep([{ name: 'bytes', kind: 'int', values: [8, 64, 512, 4096] }], 1, (at) => 1e-9 * (at.bytes as number))
    const l = (charts(line)[0].panels[0].option.series as Opt[]).find((s) => s.type === 'line') as Opt
    expect(l.data[0].label).toMatchObject({ show: true, position: 'top' })
    expect(l.markPoint.symbolOffset).toEqual([0, -bestPinLift])
    const bars = sweep([{ name: 'algo', kind: 'cat', values: ['quick', 'merge'] }], 1, (at) => (at.algo === 'quick' ? 2e-3 : 3e-3))
    const b = (charts(bars)[0].panels[0].option.series as Opt[]).find((s) => s.type === 'bar') as Opt
    expect(b.markPoint.symbolOffset).toEqual([0, -bestPinLift])
    // With repeats nothing is written on the points: the pin stays on its point.
    const repeated = sweep([{ name: 'bytes', kind: 'int', values: [8, 64, 512, 4096] }], 3, (at, r) => 1e-9 * (at.bytes as number) * (1 + r / 10))
    const c = (charts(repeated)[0].panels[0].option.series as Opt[]).find((s) => s.type === 'line') as Opt
    expect(c.data[0].label).toBeUndefined()
    expect(c.markPoint.symbolOffset).toBeUndefined()
  })

  it('has a palette with 3:1 contrast against white that stays apart under deuteranopia', () => {
    const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    const rgb = (h: string) => [1, 3, 5].map((i) => lin(parseInt(h.slice(i, i + 2), 16)))
    const lum = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b
    // Machado et al. (2009) deuteranopia, severity 1, on linear RGB; distances in CIELAB.
    const deut = ([r, g, b]: number[]) => [0.367322 * r + 0.860646 * g - 0.227968 * b, 0.280085 * r + 0.672501 * g + 0.047413 * b, -0.01182 * r + 0.04294 * g + 0.968881 * b].map((x) => Math.min(1, Math.max(0, x)))
    const lab = ([r, g, b]: number[]) => {
      const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116)
      const [x, y, z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, lum([r, g, b]), (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883]
      return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
    }
    for (const c of palette) expect(1.05 / (lum(rgb(c)) + 0.05)).toBeGreaterThanOrEqual(3)
    for (let i = 0; i < palette.length; i++)
      for (let j = i + 1; j < palette.length; j++) {
        const [a, b] = [lab(deut(rgb(palette[i]))), lab(deut(rgb(palette[j])))]
        expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])).toBeGreaterThan(15)
      }
  })
})

describe('7. best at the largest size, and ties', () => {
  it('finds the best point at one value of an input and counts ties', () => {
    const run = sweep([{ name: 'n', kind: 'int', values: [1, 10, 100] }, { name: 'algo', kind: 'cat', values: ['a', 'b', 'c'] }], 1, (at) => (at.algo === 'a' ? (at.n as number) ** 2 : 5 * (at.n as number)))
    const view = numericView(run, run.results[0])
    expect(findOptimum(run, view)).toMatchObject({ mean: 1, ties: 1, inputs: { n: 1, algo: 'a' } })
    // At n=100, b and c tie at 500.
    expect(findOptimum(run, view, { input: 0, value: 2 })).toMatchObject({ mean: 500, ties: 2, inputs: { n: 100, algo: 'b' } })
  })
})

describe('9. interaction and 10. text alternatives', () => {
  const run = sweep([{ name: 'n', kind: 'int', values: [1, 2, 4, 8] }], 1, (at) => 1e-3 * (at.n as number))

  it('zooms with the wheel only with Ctrl (the page scrolls otherwise)', () => {
    const zoom = charts(run)[0].panels[0].option.dataZoom as Opt[]
    expect(zoom.length).toBeGreaterThan(0)
    for (const z of zoom) expect(z).toMatchObject({ type: 'inside', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false })
  })

  it('states what a chart shows: its range and its best point', () => {
    expect(charts(run)[0].summary).toBe('line chart of time against n: values from 1 ms to 8 ms; best (lowest) 1 ms at n=1.')
  })

  // Runs of one benchmark, a day apart: time = base * n for n = 1, 2, 4, 8.
  const dayRuns = (bases: number[], repeats = 1) =>
    bases.map((base, i) => ({
      ...validateRun({
        benchmark: 'alt',
        title: `day ${i + 1}`,
        time: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
        repeats,
        inputs: [{ name: 'n', kind: 'int', values: [1, 2, 4, 8] }],
        results: [{ name: 'time', kind: 'float', units: 's', direction: 'minimize' }],
        samples: [1, 2, 4, 8].flatMap((n) => Array.from({ length: repeats }, (_, r) => ({ inputs: { n }, repeat: r + 1, results: { time: base * n * (1 + r / 100) } }))),
      }),
      id: i + 1,
    }))

  it('states what the history chart shows: the runs, the range of their means and the best run', () => {
    const runs = dayRuns([2e-3, 1e-3, 3e-3, 4e-3])
    const series = historySeries(buildHistories(runs)[0], 'time')
    // Means over n: 3.75 times the base.
    expect(historySummary(series)).toBe('history chart of time over 4 runs (mean over all inputs): values from 3.75 ms to 15 ms; best (lowest) 3.75 ms at #2 2026-01-02 00:00:00.')
    const one = historySeries(buildHistories(runs)[0], 'time', { point: { n: 8 } })
    expect(historySummary(one)).toContain('(at n=8): values from 8 ms to 32 ms; best (lowest) 8 ms at #2 2026-01-02 00:00:00.')
  })

  it('states what the verdict chart shows: the newest run against its baseline, the range and the best run', () => {
    const runs = dayRuns([1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 2e-3])
    const v = checkBenchmark(runs)
    const r = v.results[0]
    const text = regressionSummary(r, v.current)
    expect(text).toStartWith('regression chart of time: the newest run #6 2026-01-06 00:00:00 7.5 ms against the baseline 3.75 ms (+100.0%), REGRESSED')
    // Five runs tie at the lowest value: the first is named, the tie counted.
    expect(text).toEndWith('; 6 runs: values from 3.75 ms to 7.5 ms; best (lowest) 3.75 ms at #1 2026-01-01 00:00:00 (5 tie; the first is named).')
  })

  it('states what the compare charts show: the ratios and the point that improved most, A and B with their best points', () => {
    const [a, b] = dayRuns([1e-3, 1e-3], 5)
    // B is twice as fast at n=8 only.
    const data = b.data.time as Float64Array
    for (let k = 3 * 5; k < 4 * 5; k++) data[k] /= 2
    const c = compareRuns(a, b)
    const r = c.results[0]
    expect(ratioSummary(r, c)).toBe('ratio B/A chart of time per sweep point, B #2 2026-01-02 00:00:00 against A #1 2026-01-01 00:00:00: values from 0.5 to 1; best (lowest) 0.5 at n=8; 1 of 4 points significant.')
    expect(pairSummary(r, c)).toBe('A and B chart of time per sweep point. B #2 2026-01-02 00:00:00: values from 1.02 ms to 4.08 ms; best (lowest) 1.02 ms at n=1. A #1 2026-01-01 00:00:00: values from 1.02 ms to 8.16 ms; best (lowest) 1.02 ms at n=1.')
  })
})
