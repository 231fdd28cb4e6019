import { pointMeans, scalarColumn } from '../model/history'
import { pointCoordinates, pointCount } from '../model/sweep'
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
  /**
   * The raw column, for loops that read it directly: (point, repeat) is at
   * `(point * repeats + repeat) * stride + offset` (stride is the vec size, offset the component).
   */
  column: Float64Array
  stride: number
  offset: number
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
  const points = pointCount(run.inputs)
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
    column: col,
    stride: size,
    offset: k,
  }
}

/**
 * Values grouped by (facet, series, x, y) value indexes, every repeat and every input not named
 * pooled together. Cell `cellOf(b, f, s, x * ny + y)` holds `values[offsets[c]]` up to
 * `values[offsets[c + 1]]`, in point then repeat order. One flat array rather than an array per
 * cell, because a sweep of 10^5 points would otherwise allocate 10^5 small arrays per chart.
 */
export type Buckets = {
  nFacets: number
  nSeries: number
  nx: number
  ny: number
  /** Every finite value, cell after cell in (facet, series, x, y) C order. */
  values: Float64Array
  /** Start of each cell in `values`, plus the end of the last: one more entry than there are cells. */
  offsets: Int32Array
  /** Value indexes of the facet inputs for each facet. */
  facetCoords: number[][]
}

/** How `bucketValues` lays its cells out, without the values: what a chart walks its cells by. */
export type BucketLayout = Pick<Buckets, 'nFacets' | 'nSeries' | 'nx' | 'ny' | 'facetCoords'>

/**
 * The cells of `bucketValues` read one at a time straight from the column, for a chart that reads
 * each cell once (the heatmap). A cell's points are a box of the sweep (a range of each input's
 * values), so its values are gathered in the same point then repeat order; the column is never
 * copied whole, which at 10^6 samples is 8 MB (and its cell index, 0.8 MB) the first page does not allocate.
 */
export type CellReader = BucketLayout & {
  /** The finite values of cell `cellOf(reader, f, s, xy)`: a view of one buffer that the next call overwrites. */
  cellValues(cell: number): Float64Array
}

/**
 * Inputs by index. `block` merges x and y value indexes k apart into one cell (`x` becomes
 * `floor(x / block)`), so a reduced heatmap is bucketed without its full-resolution cells.
 */
export type BucketDims = { facets: number[]; series?: number; x?: number; y?: number; block?: number }

/** Index of the cell of facet f, series s and position xy (`x * ny + y`). */
export function cellOf(b: BucketLayout, f: number, s: number, xy: number): number {
  return (f * b.nSeries + s) * b.nx * b.ny + xy
}

/** A view (not a copy) of one cell's values. */
export function cellValues(b: Buckets, cell: number): Float64Array {
  return b.values.subarray(b.offsets[cell], b.offsets[cell + 1])
}

/** Number of values in one cell. */
export function cellCount(b: Buckets, cell: number): number {
  return b.offsets[cell + 1] - b.offsets[cell]
}

/** A view of the values of the consecutive cells `from` up to `to` (excluded), e.g. a whole series or facet. */
export function cellsValues(b: Buckets, from: number, to: number): Float64Array {
  return b.values.subarray(b.offsets[from], b.offsets[to])
}

export function bucketValues(inputs: readonly InputVar[], view: NumericView, dims: BucketDims): Buckets {
  const layout = bucketLayout(inputs, dims)
  const { nFacets, nSeries, nx, ny } = layout
  const cells = pointCells(inputs, cellTables(inputs, dims, nSeries, nx, ny))
  const offsets = countValues(view, cells, nFacets * nSeries * nx * ny)
  const values = fillValues(view, cells, offsets)
  return { ...layout, values, offsets }
}

/** The cells of `bucketValues(inputs, view, dims)`, each gathered from the column when asked for (see `CellReader`). */
export function cellReader(inputs: readonly InputVar[], view: NumericView, dims: BucketDims): CellReader {
  const layout = bucketLayout(inputs, dims)
  const { nSeries, nx, ny, facetCoords } = layout
  const { column, stride, offset, repeats } = view
  const block = dims.block ?? 1
  const n = inputs.length
  const lens = inputs.map((v) => v.values.length)
  // Points of the sweep: the last input varies fastest.
  const strides = new Array<number>(n)
  for (let i = n - 1, st = 1; i >= 0; st *= lens[i], i--) strides[i] = st
  const lo = new Int32Array(n)
  const hi = new Int32Array(n)
  const at = new Int32Array(n)
  let buffer = new Float64Array(0)
  const only = (i: number | undefined, from: number, count: number) => {
    if (i === undefined) return
    lo[i] = from
    hi[i] = Math.min(lens[i], from + count)
  }
  return {
    ...layout,
    cellValues(cell) {
      const y = cell % ny
      const x = Math.floor(cell / ny) % nx
      const s = Math.floor(cell / (ny * nx)) % nSeries
      const f = Math.floor(cell / (ny * nx * nSeries))
      for (let i = 0; i < n; i++) {
        lo[i] = 0
        hi[i] = lens[i]
      }
      only(dims.y, y * block, block)
      only(dims.x, x * block, block)
      only(dims.series, s, 1)
      dims.facets.forEach((i, j) => only(i, facetCoords[f][j], 1))
      let points = 1
      for (let i = 0; i < n; i++) points *= Math.max(0, hi[i] - lo[i])
      if (buffer.length < points * repeats) buffer = new Float64Array(points * repeats)
      let count = 0
      const take = (p: number) => {
        for (let r = 0, k = p * repeats * stride + offset; r < repeats; r++, k += stride) {
          const v = column[k]
          if (Number.isFinite(v)) buffer[count++] = v
        }
      }
      if (n === 0 || points === 0) {
        if (points > 0) take(0)
        return buffer.subarray(0, count)
      }
      // The box in point order: an odometer over the outer inputs, the last input's range inside.
      const last = n - 1
      at.set(lo)
      for (;;) {
        let base = 0
        for (let i = 0; i < last; i++) base += at[i] * strides[i]
        for (let v = lo[last]; v < hi[last]; v++) take(base + v)
        let i = last - 1
        for (; i >= 0; i--) {
          if (++at[i] < hi[i]) break
          at[i] = lo[i]
        }
        if (i < 0) return buffer.subarray(0, count)
      }
    },
  }
}

// How many cells of each kind, and each facet's value indexes: `Buckets` without the values.
function bucketLayout(inputs: readonly InputVar[], dims: BucketDims): BucketLayout {
  const len = (i: number | undefined) => (i === undefined ? 1 : inputs[i].values.length)
  const block = dims.block ?? 1
  const nFacets = dims.facets.reduce((n, i) => n * len(i), 1)
  const facetCoords = Array.from({ length: nFacets }, (_, f) => {
    const out: number[] = new Array(dims.facets.length)
    for (let j = dims.facets.length - 1; j >= 0; j--) {
      const n = len(dims.facets[j])
      out[j] = f % n
      f = Math.floor(f / n)
    }
    return out
  })
  return { nFacets, nSeries: len(dims.series), nx: Math.ceil(len(dims.x) / block), ny: Math.ceil(len(dims.y) / block), facetCoords }
}

/**
 * For each input, the amount its value index adds to the cell index: the cell index is a sum of
 * one term per input (0 for pooled inputs), so it can be updated one input at a time.
 */
function cellTables(inputs: readonly InputVar[], dims: BucketDims, nSeries: number, nx: number, ny: number): Int32Array[] {
  const tables = inputs.map((v) => new Int32Array(v.values.length))
  const add = (i: number | undefined, weight: number, block = 1) => {
    if (i === undefined) return
    const t = tables[i]
    for (let v = 0; v < t.length; v++) t[v] += Math.floor(v / block) * weight
  }
  const block = dims.block ?? 1
  add(dims.y, 1, block)
  add(dims.x, ny, block)
  add(dims.series, nx * ny)
  let weight = nSeries * nx * ny
  for (let j = dims.facets.length - 1; j >= 0; j--) {
    add(dims.facets[j], weight)
    weight *= inputs[dims.facets[j]].values.length
  }
  return tables
}

/** The cell index of every point, walking the sweep like an odometer rather than decoding each point. */
function pointCells(inputs: readonly InputVar[], tables: Int32Array[]): Int32Array {
  const points = pointCount(inputs)
  const out = new Int32Array(points)
  const n = inputs.length
  if (n === 0 || points === 0) return out
  const last = tables[n - 1]
  const coords = new Int32Array(n)
  // Sum of the outer inputs' terms at `coords`; the last input runs through its values inside.
  let base = 0
  for (let i = 0; i < n - 1; i++) base += tables[i][0]
  for (let p = 0; p < points; p += last.length) {
    for (let v = 0; v < last.length; v++) out[p + v] = base + last[v]
    for (let i = n - 2; i >= 0; i--) {
      const t = tables[i]
      base -= t[coords[i]]
      if (++coords[i] < t.length) {
        base += t[coords[i]]
        break
      }
      coords[i] = 0
      base += t[0]
    }
  }
  return out
}

/** Counting pass: the offsets of each cell once every finite value is counted (a prefix sum of the counts). */
function countValues(view: NumericView, cells: Int32Array, nCells: number): Int32Array {
  const { column, stride, offset, repeats } = view
  const offsets = new Int32Array(nCells + 1)
  for (let p = 0; p < cells.length; p++) {
    let at = p * repeats * stride + offset
    let n = 0
    for (let r = 0; r < repeats; r++, at += stride) if (Number.isFinite(column[at])) n++
    offsets[cells[p] + 1] += n
  }
  for (let c = 0; c < nCells; c++) offsets[c + 1] += offsets[c]
  return offsets
}

/** Fill pass: every finite value copied to the next free slot of its cell, so each cell keeps point then repeat order. */
function fillValues(view: NumericView, cells: Int32Array, offsets: Int32Array): Float64Array {
  const { column, stride, offset, repeats } = view
  const values = new Float64Array(offsets[offsets.length - 1])
  const next = offsets.slice(0, offsets.length - 1)
  for (let p = 0; p < cells.length; p++) {
    let at = p * repeats * stride + offset
    const c = cells[p]
    for (let r = 0; r < repeats; r++, at += stride) {
      const v = column[at]
      if (Number.isFinite(v)) values[next[c]++] = v
    }
  }
  return values
}

/**
 * The point with the best mean over its repeats, by the result's direction; null when there is none.
 * `ties` counts the points whose mean equals it (to 1e-9 of it), itself included. With `where`, only
 * the points at value index `value` of input `input` count (the best at the largest n). A run that
 * carries its point means (the store's) is read through them: the same sums, a repeat's share of the work.
 */
export function findOptimum(run: Run, view: NumericView, where?: { input: number; value: number }): Optimum | null {
  if (where) return searchOptimum(run, view, where)
  // The best over all points is asked for by a result's heading and by each of its charts: one pass a column.
  const key = `${view.result.direction}|${view.offset}|${view.stride}|${view.repeats}|${view.points}|${view.component === undefined && run.means?.[view.result.name] ? 'means' : ''}`
  let known = optimaOf.get(view.column)
  if (!known) optimaOf.set(view.column, (known = new Map()))
  let found = known.get(key)
  if (found === undefined) known.set(key, (found = searchOptimum(run, view)))
  return found
}

type Optimum = { point: number; mean: number; n: number; ties: number; inputs: Record<string, InputValue> }

// By column: a run's columns live as long as the run, and a column is read with one layout per view.
const optimaOf = new WeakMap<Float64Array, Map<string, Optimum | null>>()

function searchOptimum(run: Run, view: NumericView, where?: { input: number; value: number }): Optimum | null {
  const dir = view.result.direction
  if (dir === 'none') return null
  const { column, stride, offset, repeats } = view
  // The run's point means where it carries them, else those of its column (made once a column: the comparison reads them too).
  const name = view.result.name
  const means = view.component !== undefined ? undefined : (run.means?.[name] ?? (scalarColumn(run, name) === column ? pointMeans(run, name) : undefined))
  // One sum for every point read (no object per point: on a fresh server this runs cold over every point of a result).
  const acc = { sum: 0, n: 0 }
  let best = -1
  let bestMean = Number.NaN
  let ties = 0
  const minimize = dir === 'minimize'
  const visitRange = (from: number, end: number) => {
    for (let p = from; p < end; p++) {
      let m: number
      if (means) m = means[p]
      else {
        sumRepeats(column, p * repeats * stride + offset, repeats, stride, acc)
        m = acc.n === 0 ? Number.NaN : acc.sum / acc.n
      }
      if (Number.isNaN(m)) continue
      if (best >= 0 && Math.abs(m - bestMean) <= 1e-9 * Math.max(Math.abs(m), Math.abs(bestMean))) ties++
      else if (best < 0 || (minimize ? m < bestMean : m > bestMean)) {
        best = p
        bestMean = m
        ties = 1
      }
    }
  }
  if (where) {
    // Value index of input i at point p is floor(p / inner) % n (the last input varies fastest): the
    // points at one value come in blocks of `inner`, one block every `inner * n` points.
    const inner = run.inputs.slice(where.input + 1).reduce((k, v) => k * v.values.length, 1)
    const len = run.inputs[where.input].values.length
    for (let from = where.value * inner; from < view.points; from += inner * len) visitRange(from, Math.min(view.points, from + inner))
  } else visitRange(0, view.points)
  if (best < 0) return null
  const coords = pointCoordinates(run.inputs, best)
  return { point: best, mean: bestMean, n: sumRepeats(column, best * repeats * stride + offset, repeats, stride, acc).n, ties, inputs: Object.fromEntries(run.inputs.map((v, i) => [v.name, v.values[coords[i]]])) }
}

// Sum and count of the finite repeats of the point whose first repeat is at `at`, in repeat order:
// what a point mean is. Written into `into`, which the caller reuses from point to point.
function sumRepeats(column: Float64Array, at: number, repeats: number, stride: number, into: { sum: number; n: number }): { sum: number; n: number } {
  let sum = 0
  let n = 0
  for (let r = 0; r < repeats; r++, at += stride) {
    const v = column[at]
    if (Number.isFinite(v)) {
      sum += v
      n++
    }
  }
  into.sum = sum
  into.n = n
  return into
}

// html.ts (being rewritten into src/view) still reads these here; every number is formatted by src/format.
export { axisTitle, formatNumber, formatInputValue as formatValue } from '../format'

/**
 * Series colours: each has a contrast of 3:1 or more against white (WCAG for graphics) and stays
 * apart from the others under deuteranopia (test/plots/palette.test.ts); series also differ by
 * marker and dash (`seriesMarks`), so colour is never the only cue.
 */
export const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#335500', '#5566ff', '#ee4455', '#005555', '#dd33ff', '#0000ff']

/** The colour of value `valueIndex` of input `inputIndex`: categorical inputs take consecutive palette slots. */
export function valueColour(inputs: readonly InputVar[], inputIndex: number, valueIndex: number): string {
  let offset = 0
  for (let i = 0; i < inputIndex; i++) if (inputs[i].kind === 'cat' || inputs[i].kind === 'bool') offset += inputs[i].values.length
  return palette[(offset + valueIndex) % palette.length]
}
