import { pointCoordinates } from '../model/sweep'
import type { InputValue, InputVar, ResultVar, Run } from '../model/types'

/** A numeric result (or one vec component) read as (point, repeat) → number, NaN when missing. */
export type NumericView = {
  result: ResultVar
  /** `time`, or `pos_x` for a vec component. */
  label: string
  component?: number
  points: number
  repeats: number
  value(point: number, repeat: number): number
}

/** Component names bencher gives vec elements: `_x`, `_y`, `_z`, then `_3`… */
export function componentName(k: number): string {
  return ['x', 'y', 'z'][k] ?? String(k)
}

export function numericView(run: Run, result: ResultVar, component?: number): NumericView {
  const col = run.data[result.name]
  if (!(col instanceof Float64Array)) throw new Error(`result "${result.name}" is not numeric`)
  const size = result.kind === 'vec' ? (result.size ?? 1) : 1
  const k = component ?? 0
  const repeats = run.repeats
  const points = run.inputs.reduce((n, v) => n * v.values.length, 1)
  return {
    result,
    label: component === undefined ? result.name : `${result.name}_${componentName(component)}`,
    component,
    points,
    repeats,
    value: (p, r) => {
      const x = col[(p * repeats + r) * size + k]
      return x === undefined ? Number.NaN : x
    },
  }
}

/**
 * Values grouped by (facet, series, x, y) value indexes, every repeat and every input not named
 * pooled together. Cells are addressed as `cells[facet][series][x * ny + y]`.
 */
export type Buckets = {
  nFacets: number
  nSeries: number
  nx: number
  ny: number
  cells: number[][][][]
  /** Value indexes of the facet inputs for each facet. */
  facetCoords: number[][]
}

export type BucketDims = { facets: number[]; series?: number; x?: number; y?: number }

export function bucketValues(inputs: readonly InputVar[], view: NumericView, dims: BucketDims): Buckets {
  const len = (i: number | undefined) => (i === undefined ? 1 : inputs[i].values.length)
  const nFacets = dims.facets.reduce((n, i) => n * len(i), 1)
  const nSeries = len(dims.series)
  const nx = len(dims.x)
  const ny = len(dims.y)
  const cells = Array.from({ length: nFacets }, () => Array.from({ length: nSeries }, () => Array.from({ length: nx * ny }, () => [] as number[])))
  const facetCoords = Array.from({ length: nFacets }, (_, f) => {
    const out: number[] = new Array(dims.facets.length)
    for (let j = dims.facets.length - 1; j >= 0; j--) {
      const n = len(dims.facets[j])
      out[j] = f % n
      f = Math.floor(f / n)
    }
    return out
  })
  for (let p = 0; p < view.points; p++) {
    const c = pointCoordinates(inputs, p)
    let f = 0
    for (const i of dims.facets) f = f * len(i) + c[i]
    const s = dims.series === undefined ? 0 : c[dims.series]
    const xy = (dims.x === undefined ? 0 : c[dims.x]) * ny + (dims.y === undefined ? 0 : c[dims.y])
    const cell = cells[f][s][xy]
    for (let r = 0; r < view.repeats; r++) {
      const v = view.value(p, r)
      if (Number.isFinite(v)) cell.push(v)
    }
  }
  return { nFacets, nSeries, nx, ny, cells, facetCoords }
}

/** The point with the best mean over its repeats, by the result's direction; null when there is none. */
export function findOptimum(run: Run, view: NumericView): { point: number; mean: number; n: number; inputs: Record<string, InputValue> } | null {
  const dir = view.result.direction
  if (dir === 'none') return null
  let best: { point: number; mean: number; n: number } | null = null
  for (let p = 0; p < view.points; p++) {
    let sum = 0
    let n = 0
    for (let r = 0; r < view.repeats; r++) {
      const v = view.value(p, r)
      if (Number.isFinite(v)) {
        sum += v
        n++
      }
    }
    if (n === 0) continue
    const m = sum / n
    if (!best || (dir === 'minimize' ? m < best.mean : m > best.mean)) best = { point: p, mean: m, n }
  }
  if (!best) return null
  const coords = pointCoordinates(run.inputs, best.point)
  return { ...best, inputs: Object.fromEntries(run.inputs.map((v, i) => [v.name, v.values[coords[i]]])) }
}

/** A number for people: 4 significant digits, no trailing zeros, exponent form when very large or small. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'missing' : String(x)
  if (x === 0) return '0'
  const a = Math.abs(x)
  if (a >= 1e6 || a < 1e-4) return x.toExponential(3).replace(/\.?0+e/, 'e')
  return String(Number(x.toPrecision(4)))
}

/** An input value as an axis or legend label. */
export function formatValue(v: InputValue): string {
  return typeof v === 'number' ? formatNumber(v) : String(v)
}

/** `name [units]`, units left out when unitless. */
export function axisTitle(name: string, units: string): string {
  return units && units !== 'ul' ? `${name} [${units}]` : name
}

/** Colours for series, picked so that each categorical value keeps its colour across every chart of a run. */
export const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac']

/** The colour of value `valueIndex` of input `inputIndex`: categorical inputs take consecutive palette slots. */
export function valueColour(inputs: readonly InputVar[], inputIndex: number, valueIndex: number): string {
  let offset = 0
  for (let i = 0; i < inputIndex; i++) if (inputs[i].kind === 'cat' || inputs[i].kind === 'bool') offset += inputs[i].values.length
  return palette[(offset + valueIndex) % palette.length]
}
