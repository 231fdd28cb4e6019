// Hand-made runs of every shape the chart chooser distinguishes. Values are deterministic
// functions of the inputs so that tests can predict means and optima.
import { validateRun } from '../../src/model/run-format'
import type { Run } from '../../src/model/types'
import type { ChartRequest } from '../../src/plots'
import { chartsRegion, serverLinks, type ChartsRegionProps, type Links } from '../../src/view'

export type ResultChoice = 'float' | 'bool' | 'vec' | 'string' | 'image'

export const floatInputs = [
  { name: 'n', kind: 'int', units: 'items', values: [1, 2, 4, 8] },
  { name: 'load', kind: 'float', units: '', values: [10, 20, 30] },
  { name: 'scale', kind: 'float', units: 'x', values: [0.5, 1.5] },
] as const
export const catInputs = [
  { name: 'algo', kind: 'cat', values: ['quick', 'merge', 'heap'] },
  { name: 'cached', kind: 'bool', values: [true, false] },
] as const

export type Shape = { floats: number; cats: number; repeats: number; result: ResultChoice }

const resultDecl: Record<ResultChoice, Record<string, unknown>> = {
  float: { name: 'time', kind: 'float', units: 's', direction: 'minimize' },
  bool: { name: 'ok', kind: 'bool', direction: 'maximize' },
  vec: { name: 'pos', kind: 'vec', size: 2, units: 'm' },
  string: { name: 'log', kind: 'string' },
  image: { name: 'shot', kind: 'image' },
}

/** A run of the given shape holding one result of the given kind. */
export function makeRun(shape: Shape): Run {
  const inputs = [...floatInputs.slice(0, shape.floats), ...catInputs.slice(0, shape.cats)].map((v) => ({ ...v, values: [...v.values] }))
  const samples: unknown[] = []
  const combos = inputs.reduce<Record<string, unknown>[]>((acc, v) => acc.flatMap((c) => v.values.map((x) => ({ ...c, [v.name]: x }))), [{}])
  combos.forEach((c, i) => {
    for (let r = 1; r <= shape.repeats; r++) {
      const base = 1 + i * 0.5 + r * 0.01 * (i % 3)
      const value = {
        float: base,
        bool: (i + r) % 3 !== 0,
        vec: [base, -base],
        string: `<b>row ${i}</b> & "r${r}"`,
        image: `img/p${i}_r${r}.png`,
      }[shape.result]
      samples.push({ inputs: c, repeat: r, results: { [resultDecl[shape.result].name as string]: value } })
    }
  })
  return validateRun({ benchmark: 'matrix', repeats: shape.repeats, inputs, results: [resultDecl[shape.result]], samples }, { now: new Date('2026-01-01T00:00:00Z') })
}

/** Every shape of issue 4's matrix: 0-3 float inputs × 0-2 categorical × repeats 1 and 3 × five result kinds. */
export function shapeMatrix(): Shape[] {
  const out: Shape[] = []
  for (let floats = 0; floats <= 3; floats++)
    for (let cats = 0; cats <= 2; cats++)
      for (const repeats of [1, 3]) for (const result of ['float', 'bool', 'vec', 'string', 'image'] as const) out.push({ floats, cats, repeats, result })
  return out
}

/** Files whose name holds `_r2` are missing. */
export const fakeExists = (p: string): boolean => !p.includes('_r2')

/** The server's links, but lazy charts and figures at URLs with characters that must be escaped. */
export const testLinks: Links = {
  ...serverLinks,
  figure: (_name, id) => `/fig/${id}?x=<&>`,
  chart: (_name, id, _state, frame) => `/chart/${id}?x=<&>${frame ? '&frame=1' : ''}`,
}

/** The charts region of a run as the server's page holds it (benchmark "t"). */
export function renderRegion(run: Run, req: ChartRequest, opts: Partial<ChartsRegionProps> = {}): { html: string; signature: string } {
  return chartsRegion({ name: 't', run, req, links: testLinks, exists: fakeExists, ...opts })
}

/** A seeded random generator (LCG), so noisy fixtures are the same on every run. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** A realistic-looking run: time grows with n, differs per algo, with noise over repeats; plus a bool. */
export function makeNoisyRun(opts: { floats: number; cats: number; repeats: number; seed?: number }): Run {
  const rnd = seeded(opts.seed ?? 1)
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd())
  const floats = [
    { name: 'n', kind: 'int', units: 'items', values: [1, 2, 4, 8, 16, 32, 64, 128] },
    { name: 'load', kind: 'float', units: '%', values: [10, 20, 30, 40, 50, 60] },
    { name: 'scale', kind: 'float', units: '', values: [0.5, 1.5] },
  ].slice(0, opts.floats)
  const cats = [
    { name: 'algo', kind: 'cat', values: ['quick', 'merge', 'heap'] },
    { name: 'cached', kind: 'bool', values: [true, false] },
  ].slice(0, opts.cats)
  const inputs = [...floats, ...cats]
  const combos = inputs.reduce<Record<string, any>[]>((acc, v) => acc.flatMap((c) => v.values.map((x) => ({ ...c, [v.name]: x }))), [{}])
  const samples = combos.flatMap((c) =>
    Array.from({ length: opts.repeats }, (_, r) => {
      const algo = { quick: 1, merge: 1.4, heap: 2.1 }[c.algo as string] ?? 1
      const n = c.n ?? 10
      const mean = algo * (n * Math.log2(n + 1) * 0.05 + 1) * (c.load ? 1 + ((c.load - 35) / 50) ** 2 : 1) * (c.cached === false ? 1.3 : 1) * (c.scale ?? 1)
      return { inputs: c, repeat: r + 1, results: { time: Math.max(0.01, mean * (1 + 0.12 * gauss())), ok: rnd() > 0.2 } }
    }),
  )
  return validateRun(
    {
      benchmark: 'sorting',
      repeats: opts.repeats,
      inputs,
      results: [
        { name: 'time', kind: 'float', units: 'ms', direction: 'minimize' },
        { name: 'ok', kind: 'bool', direction: 'maximize' },
      ],
      samples,
    },
    { now: new Date('2026-01-01T00:00:00Z') },
  )
}
