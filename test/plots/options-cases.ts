// Runs of many shapes for the chart-option equivalence test and its fixture generator
// (test/plots/options-fixture.ts). Values are seeded, with NaN and Infinity holes, ties,
// zeros and negatives, so that every statistic and every reduction path is exercised.
import type { InputVar, ResultVar, Run } from '../../src/model/types'
import type { sweepSignature } from '../../src/model/signature'
import type { chooseCharts, ChartOverlay, parseChartRequest, toEChartsOption } from '../../src/plots'
import { seeded } from './fixtures'

export type OptionCase = { name: string; run: Run; query: Record<string, string>; overlay?: ChartOverlay }

type Gen = (point: number, repeat: number, component: number) => number

const floats = (name: string, n: number, step = 1.5, units = 'ms'): InputVar => ({ name, kind: 'float', units, doc: '', values: Array.from({ length: n }, (_, i) => 0.25 + i * step) })
const ints = (name: string, n: number): InputVar => ({ name, kind: 'int', units: 'items', doc: '', values: Array.from({ length: n }, (_, i) => 2 ** i) })
const cats = (name: string, n: number): InputVar => ({ name, kind: 'cat', units: '', doc: '', values: Array.from({ length: n }, (_, i) => `c${i}`) })
const bools = (name: string): InputVar => ({ name, kind: 'bool', units: '', doc: '', values: [true, false] })

const timeVar: ResultVar = { name: 'time', kind: 'float', units: 's', direction: 'minimize', doc: '' }
const scoreVar: ResultVar = { name: 'score', kind: 'float', units: 'ul', direction: 'maximize', doc: '' }
const okVar: ResultVar = { name: 'ok', kind: 'bool', units: '', direction: 'maximize', doc: '' }
const posVar: ResultVar = { name: 'pos', kind: 'vec', units: 'm', direction: 'none', doc: '', size: 3 }

/** Noisy values with about `holes` of them missing (NaN, sometimes ±Infinity) and a few exact ties. */
function noisy(seed: number, holes: number): Gen {
  const rnd = seeded(seed)
  return (p, r, k) => {
    const u = rnd()
    if (u < holes) return u < holes / 8 ? Number.POSITIVE_INFINITY : Number.NaN
    const tie = rnd() < 0.1
    return tie ? Math.round(p / 7) : 1 + (p % 13) * 0.37 - k * 2.5 + r * 0.011 + rnd() * 0.8
  }
}

/** Signed values around zero, with exact zeros, so log axes are refused. */
function signed(seed: number): Gen {
  const rnd = seeded(seed)
  return (p) => (rnd() < 0.1 ? 0 : (rnd() - 0.5) * (1 + p))
}

/** Like `gen`, with every point whose index modulo `period` is below `width` missing: whole blocks of a heatmap go empty. */
function stripes(gen: Gen, period: number, width: number): Gen {
  return (p, r, k) => {
    const v = gen(p, r, k)
    return p % period < width ? Number.NaN : v
  }
}

function boolGen(seed: number): Gen {
  const rnd = seeded(seed)
  return () => (rnd() < 0.05 ? Number.NaN : rnd() < 0.7 ? 1 : 0)
}

function column(points: number, repeats: number, size: number, gen: Gen): Float64Array {
  const out = new Float64Array(points * repeats * size)
  for (let p = 0; p < points; p++) for (let r = 0; r < repeats; r++) for (let k = 0; k < size; k++) out[(p * repeats + r) * size + k] = gen(p, r, k)
  return out
}

function run(inputs: InputVar[], repeats: number, results: [ResultVar, Gen][]): Run {
  const points = inputs.reduce((n, v) => n * v.values.length, 1)
  const data = Object.fromEntries(results.map(([r, gen]) => [r.name, column(points, repeats, r.kind === 'vec' ? (r.size ?? 1) : 1, gen)]))
  return {
    benchmark: 'equivalence', title: 'equivalence', description: '', postDescription: '', tag: '', time: '2026-01-01T00:00:00.000Z',
    timeLabel: null, commit: null, branch: null, repeats, inputs, consts: [], results: results.map(([r]) => r), data, failures: [], meta: {},
  }
}

const allPlots = { plots: 'violin,scatter-jitter,scatter,band' }

/** Every case; `query` is what the page would ask for (`plots`, `logx`, `logy`). */
export function optionCases(): OptionCase[] {
  const curveRun = run([floats('load', 12), cats('algo', 3)], 5, [[timeVar, noisy(1, 0.1)], [okVar, boolGen(2)]])
  return [
    { name: 'no inputs, 5 repeats', run: run([], 5, [[timeVar, noisy(3, 0.1)], [okVar, boolGen(4)]]), query: allPlots },
    { name: 'no inputs, 400 repeats, bool', run: run([], 400, [[okVar, boolGen(5)]]), query: {} },
    { name: 'one int input, 1 repeat', run: run([ints('n', 9)], 1, [[timeVar, noisy(6, 0.15)]]), query: { ...allPlots, logx: '1', logy: '1' } },
    { name: 'one float input and a cat, 5 repeats', run: curveRun, query: allPlots },
    { name: 'one float input and a cat, log axes', run: curveRun, query: { logx: '1', logy: '1' } },
    { name: 'one float input of 900 values, 3 repeats', run: run([floats('size', 900, 0.5)], 3, [[timeVar, noisy(7, 0.05)]]), query: allPlots },
    { name: 'one float input of 400 values, 5 repeats, signed', run: run([floats('x', 400, 0.1), bools('warm')], 5, [[scoreVar, signed(8)]]), query: { ...allPlots, logy: '1' } },
    { name: 'one cat, 5 repeats', run: run([cats('algo', 4)], 5, [[timeVar, noisy(9, 0.1)], [okVar, boolGen(10)]]), query: allPlots },
    { name: 'one cat, 1 repeat', run: run([cats('algo', 5)], 1, [[timeVar, noisy(11, 0.2)]]), query: allPlots },
    { name: 'three cats, 5 repeats (facets)', run: run([cats('algo', 3), bools('cached'), cats('host', 3)], 5, [[timeVar, noisy(12, 0.1)]]), query: { ...allPlots, logy: '1' } },
    { name: 'one cat, 300 repeats (thinned jitter)', run: run([cats('algo', 3)], 300, [[timeVar, noisy(13, 0.02)]]), query: allPlots },
    { name: 'two cats over 40 facets', run: run([cats('algo', 2), bools('cached'), cats('host', 40)], 2, [[timeVar, noisy(14, 0.1)]]), query: {} },
    { name: 'two floats, 1 repeat', run: run([floats('a', 6), ints('b', 5)], 1, [[timeVar, noisy(15, 0.2)]]), query: { ...allPlots, logx: '1' } },
    { name: 'two floats and a cat, 5 repeats', run: run([floats('a', 7), floats('b', 4, 2.5, ''), cats('algo', 3)], 5, [[timeVar, noisy(16, 0.1)], [okVar, boolGen(17)]]), query: allPlots },
    { name: 'three floats', run: run([ints('n', 4), floats('a', 5), floats('b', 3)], 2, [[scoreVar, signed(18)]]), query: { logy: '1' } },
    { name: 'big grid, reduced heatmap', run: run([floats('a', 83, 0.3), floats('b', 61, 0.7)], 2, [[timeVar, stripes(noisy(19, 0.3), 61, 3)]]), query: allPlots },
    { name: 'big grid over facets, reduced heatmap', run: run([floats('a', 50), floats('b', 37), cats('algo', 3)], 1, [[timeVar, noisy(20, 0.05)]]), query: {} },
    { name: 'vec result, one float and a cat', run: run([floats('t', 8), cats('body', 2)], 3, [[posVar, noisy(21, 0.1)]]), query: allPlots },
    { name: 'vec result, cats only', run: run([cats('body', 3)], 4, [[posVar, noisy(22, 0.1)]]), query: allPlots },
    { name: 'vec result, two floats', run: run([floats('a', 5), floats('b', 6)], 2, [[posVar, noisy(23, 0.1)]]), query: {} },
    { name: 'all values missing', run: run([floats('a', 4), cats('algo', 2)], 3, [[timeVar, () => Number.NaN]]), query: allPlots },
    { name: 'overlay, same inputs', run: curveRun, query: {}, overlay: { run: run([floats('load', 12), cats('algo', 3)], 5, [[timeVar, noisy(24, 0.2)], [okVar, boolGen(25)]]), label: 'abc1234' } },
    { name: 'overlay, one repeat', run: run([ints('n', 9)], 1, [[timeVar, noisy(26, 0.1)]]), query: {}, overlay: { run: run([ints('n', 9)], 1, [[timeVar, noisy(27, 0.3)]]), label: 'main' } },
    { name: 'overlay, 2000 points reduced', run: run([floats('x', 2000, 0.01)], 1, [[timeVar, noisy(29, 0.05)]]), query: {}, overlay: { run: run([floats('x', 2000, 0.01)], 1, [[timeVar, noisy(30, 0.05)]]), label: 'prev' } },
    { name: 'overlay, other inputs (ignored)', run: curveRun, query: {}, overlay: { run: run([floats('load', 11), cats('algo', 3)], 5, [[timeVar, noisy(28, 0.1)]]), label: 'old' } },
  ]
}

/** The chart functions under test, passed in so that the fixture generator can use an older checkout's. */
export type PlotApi = {
  toEChartsOption: typeof toEChartsOption
  chooseCharts: typeof chooseCharts
  parseChartRequest: typeof parseChartRequest
  sweepSignature: typeof sweepSignature
}

/** What the fixture keeps of one built chart: a digest of its whole JSON, and a readable outline for a useful diff. */
export type ChartDigest = { key: string; sha256: string; length: number; outline: unknown }

/** Every chart (tables aside) the page would draw for a case, built and digested. */
export function digestCase(c: OptionCase, api: PlotApi): ChartDigest[] {
  const req = api.parseChartRequest(c.query)
  const specs = api.chooseCharts(api.sweepSignature(c.run), req).specs.filter((s) => s.kind !== 'table')
  return specs.map((spec, i) => {
    const json = JSON.stringify(api.toEChartsOption(spec, c.run, req, c.overlay))
    const key = `${c.name} #${i} ${spec.kind} ${spec.result}${spec.component === undefined ? '' : `[${spec.component}]`}`
    return { key, sha256: new Bun.CryptoHasher('sha256').update(json).digest('hex'), length: json.length, outline: outline(JSON.parse(json)) }
  })
}

type Json = Record<string, unknown>

// Notes, axes' extent and each series' size with its first and last point: enough to see what differs.
function outline(built: Json): unknown {
  const panels = built.panels as { facet: string | null; option: Json }[]
  return {
    notes: built.notes,
    tabsBy: built.tabsBy,
    panels: panels.slice(0, 3).map((p) => ({
      facet: p.facet,
      yAxis: pick(p.option.yAxis as Json, ['type', 'min', 'max']),
      visualMap: pick(p.option.visualMap as Json, ['min', 'max']),
      series: (p.option.series as Json[]).map((s) => {
        const data = (s.data as unknown[] | undefined) ?? []
        return { type: s.type, name: s.name, n: data.length, first: data[0], last: data[data.length - 1] }
      }),
    })),
  }
}

function pick(o: Json | undefined, keys: string[]): Json | undefined {
  return o && Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]))
}
