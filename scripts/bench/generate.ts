// Synthetic sweeps for the benchmark: two float inputs, one categorical input, repeats 5,
// two float results, ten runs of history. Deterministic, so that two bench runs measure the same data.
import type { InputVar, ResultVar, Run } from '../../src/model/types'
import { openStore } from '../../src/store'
import { gaussian, seededRandom } from '../../src/model/random'

/** The shape of one generated sweep. */
export type SweepShape = {
  /** Benchmark name, `sweep-1e3` for 10^3 samples. */
  name: string
  /** Samples (point × repeat cells) per run, each holding both results. */
  samples: number
  a: number[]
  b: number[]
  cat: string[]
  repeats: number
  /** Runs of history, the last of which is the one imported through the executable. */
  runs: number
}

export const categories = ['c0', 'c1', 'c2', 'c3']
export const repeats = 5
export const historyRuns = 10

/** The sweep of `samples` cells: |a| × |b| × 4 categories × 5 repeats, with |a| ≤ |b| as close as divisors allow. */
export function sweepShape(samples: number): SweepShape {
  const points = samples / (categories.length * repeats)
  if (!Number.isInteger(points) || points < 1) {
    throw new Error(`--sizes: ${samples} samples is not a multiple of ${categories.length * repeats} (categories × repeats)`)
  }
  let na = Math.floor(Math.sqrt(points))
  while (points % na !== 0) na--
  const nb = points / na
  return {
    name: `sweep-${sizeLabel(samples)}`,
    samples,
    a: Array.from({ length: na }, (_, i) => round((i + 1) * 0.25)),
    b: Array.from({ length: nb }, (_, j) => round(1.5 + j * 0.1)),
    cat: categories,
    repeats,
    runs: historyRuns,
  }
}

/** `1e3` for 1000, `2.5e4` for 25000, plain digits below 1000. */
export function sizeLabel(n: number): string {
  if (n < 1000) return String(n)
  const exp = Math.floor(Math.log10(n))
  const mantissa = n / 10 ** exp
  return `${Number(mantissa.toPrecision(3))}e${exp}`
}

/** The two result columns of run `k` (0 = oldest), dense in C order over (a, b, cat, repeat). */
export function sweepColumns(shape: SweepShape, k: number): { time: Float64Array; memory: Float64Array } {
  const cells = shape.samples
  const time = new Float64Array(cells)
  const memory = new Float64Array(cells)
  const random = seededRandom(1000 + k)
  const drift = 1 + 0.01 * k
  let cell = 0
  for (const a of shape.a) {
    for (const b of shape.b) {
      for (let c = 0; c < shape.cat.length; c++) {
        const base = a * b * (1 + 0.5 * c) * 1e-6 * drift
        for (let r = 0; r < shape.repeats; r++) {
          time[cell] = round7(base * Math.exp(0.05 * gaussian(random)))
          memory[cell] = Math.round(1024 + a * b * 64 * (1 + 0.02 * gaussian(random)))
          cell++
        }
      }
    }
  }
  return { time, memory }
}

/** Run `k` of the history as a `Run`, ready for `saveRuns`. */
export function sweepRun(shape: SweepShape, k: number): Run {
  const { time, memory } = sweepColumns(shape, k)
  const header = runHeader(shape, k)
  return {
    benchmark: shape.name,
    title: header.title,
    description: header.description,
    postDescription: '',
    tag: 'bench',
    time: header.time,
    timeLabel: header.time_label,
    commit: header.commit,
    branch: 'main',
    repeats: shape.repeats,
    inputs: inputVars(shape),
    consts: [{ name: 'machine', value: 'synthetic' }],
    results: resultVars,
    data: { time, memory },
    failures: [],
    meta: { generator: 'scripts/bench' },
    fingerprint: `bench-${shape.name}-${k}`,
  }
}

/** Run `k` in the JSON run format (docs/format.md), every sample listed, as the text `bench-plot import` reads. */
export function sweepRunJson(shape: SweepShape, k: number): string {
  const { time, memory } = sweepColumns(shape, k)
  const h = runHeader(shape, k)
  const head = {
    benchmark: shape.name,
    title: h.title,
    description: h.description,
    tag: 'bench',
    time: h.time,
    time_label: h.time_label,
    commit: h.commit,
    branch: 'main',
    repeats: shape.repeats,
    inputs: inputVars(shape).map(({ name, kind, units, doc, values }) => ({ name, kind, units, doc, values })),
    consts: [{ name: 'machine', value: 'synthetic' }],
    results: resultVars.map(({ name, kind, units, direction, doc }) => ({ name, kind, units, direction, doc })),
    meta: { generator: 'scripts/bench' },
  }
  const parts: string[] = [JSON.stringify(head).slice(0, -1), ',"samples":[']
  let cell = 0
  for (const a of shape.a) {
    for (const b of shape.b) {
      for (const cat of shape.cat) {
        for (let r = 1; r <= shape.repeats; r++) {
          parts.push(
            `${cell === 0 ? '' : ','}{"inputs":{"a":${a},"b":${b},"cat":"${cat}"},"repeat":${r},"results":{"time":${time[cell]},"memory":${memory[cell]}}}`,
          )
          cell++
        }
      }
    }
  }
  parts.push(']}')
  return parts.join('')
}

/** Write runs 0 … runs−2 of the sweep into a new store at `path`: the history that the imported run is appended to. */
export async function writeHistory(shape: SweepShape, path: string): Promise<void> {
  const store = await openStore(path)
  try {
    for (let k = 0; k < shape.runs - 1; k++) await store.saveRuns([sweepRun(shape, k)])
  } finally {
    await store.close()
  }
}

// --- internal ---

const resultVars: ResultVar[] = [
  { name: 'time', kind: 'float', units: 's', direction: 'minimize', doc: 'wall time of one call' },
  { name: 'memory', kind: 'float', units: 'B', direction: 'minimize', doc: 'peak allocation' },
]

function inputVars(shape: SweepShape): InputVar[] {
  return [
    { name: 'a', kind: 'float', units: '', doc: 'first parameter', values: shape.a },
    { name: 'b', kind: 'float', units: '', doc: 'second parameter', values: shape.b },
    { name: 'cat', kind: 'cat', units: '', doc: 'variant', values: shape.cat },
  ]
}

function runHeader(shape: SweepShape, k: number) {
  const day = new Date(Date.UTC(2026, 10, 1 + k, 12))
  return {
    title: `${shape.name}, run ${k + 1}`,
    description: `Synthetic sweep of ${shape.samples} samples (run ${k + 1} of ${shape.runs}).`,
    time: day.toISOString(),
    time_label: `v0.${k + 1}`,
    commit: (0xabc0000 + k).toString(16).padStart(7, '0'),
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}

function round7(x: number): number {
  return Number(x.toPrecision(7))
}
