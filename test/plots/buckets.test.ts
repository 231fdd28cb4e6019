import { describe, expect, it } from 'bun:test'
import { pointCoordinates } from '../../src/model/sweep'
import type { InputVar, Run } from '../../src/model/types'
import { bucketValues, cellCount, cellOf, cellReader, cellsValues, cellValues, numericView, type BucketDims } from '../../src/plots/data'
import { cellStats, sortedCellStats, sortValues } from '../../src/plots/stats-cell'
import { seeded } from './fixtures'

const input = (name: string, n: number): InputVar => ({ name, kind: 'cat', units: '', doc: '', values: Array.from({ length: n }, (_, i) => `${name}${i}`) })

function vecRun(inputs: InputVar[], repeats: number, size: number): Run {
  const points = inputs.reduce((n, v) => n * v.values.length, 1)
  const rnd = seeded(5)
  const pos = Float64Array.from({ length: points * repeats * size }, () => (rnd() < 0.2 ? Number.NaN : Math.round(rnd() * 1000) / 10))
  return {
    benchmark: 'b', title: '', description: '', postDescription: '', tag: '', time: '', timeLabel: null, commit: null, branch: null,
    repeats, inputs, consts: [], results: [{ name: 'pos', kind: 'vec', size, units: '', direction: 'none', doc: '' }], data: { pos }, failures: [], meta: {},
  }
}

/** The cells as the old code built them: one array per cell, pushed point by point. */
function naiveCells(run: Run, component: number, dims: BucketDims): Map<string, number[]> {
  const view = numericView(run, run.results[0], component)
  const k = dims.block ?? 1
  const cells = new Map<string, number[]>()
  for (let p = 0; p < view.points; p++) {
    const c = pointCoordinates(run.inputs, p)
    const key = [dims.facets.map((i) => c[i]).join('.'), dims.series === undefined ? 0 : c[dims.series], dims.x === undefined ? 0 : Math.floor(c[dims.x] / k), dims.y === undefined ? 0 : Math.floor(c[dims.y] / k)].join('|')
    for (let r = 0; r < view.repeats; r++) {
      const v = view.value(p, r)
      if (Number.isFinite(v)) cells.set(key, [...(cells.get(key) ?? []), v])
    }
  }
  return cells
}

describe('bucketValues', () => {
  const run = vecRun([input('a', 7), input('b', 5), input('c', 3), input('d', 2)], 3, 2)
  const layouts: [string, BucketDims][] = [
    ['everything pooled', { facets: [] }],
    ['x only', { facets: [], x: 1 }],
    ['facets, series and x', { facets: [3, 0], series: 2, x: 1 }],
    ['heatmap in 2×2 blocks over a facet', { facets: [2], x: 0, y: 1, block: 2 }],
    ['heatmap in 3×3 blocks, x after y in the sweep', { facets: [], x: 1, y: 0, block: 3 }],
  ]
  it.each(layouts)('%s: every cell holds what one array per cell held, in the same order', (_, dims) => {
    for (const component of [0, 1]) {
      const b = bucketValues(run.inputs, numericView(run, run.results[0], component), dims)
      const want = naiveCells(run, component, dims)
      let total = 0
      for (let f = 0; f < b.nFacets; f++)
        for (let s = 0; s < b.nSeries; s++)
          for (let xy = 0; xy < b.nx * b.ny; xy++) {
            const key = [b.facetCoords[f].join('.'), s, Math.floor(xy / b.ny), xy % b.ny].join('|')
            const cell = cellOf(b, f, s, xy)
            expect([...cellValues(b, cell)]).toEqual(want.get(key) ?? [])
            expect(cellCount(b, cell)).toBe(want.get(key)?.length ?? 0)
            total += cellCount(b, cell)
          }
      expect(total).toBe(b.values.length)
      expect(cellsValues(b, 0, b.offsets.length - 1)).toEqual(b.values)
    }
  })

  it.each(layouts)('%s: cellReader gathers each cell as bucketValues holds it, in any order of asking', (_, dims) => {
    for (const component of [0, 1]) {
      const view = numericView(run, run.results[0], component)
      const b = bucketValues(run.inputs, view, dims)
      const reader = cellReader(run.inputs, view, dims)
      expect([reader.nFacets, reader.nSeries, reader.nx, reader.ny, reader.facetCoords]).toEqual([b.nFacets, b.nSeries, b.nx, b.ny, b.facetCoords])
      const cells = b.offsets.length - 1
      // Backwards, so that a cell never follows its neighbour: each is gathered from scratch.
      for (let cell = cells - 1; cell >= 0; cell--) expect([...reader.cellValues(cell)]).toEqual([...cellValues(b, cell)])
    }
  })

  it('handles no inputs and an input with no values', () => {
    const none = vecRun([], 4, 1)
    expect([...bucketValues([], numericView(none, none.results[0]), { facets: [] }).values]).toEqual([...(none.data.pos as Float64Array)].filter(Number.isFinite))
    const empty = vecRun([input('a', 3), input('b', 0)], 2, 1)
    const b = bucketValues(empty.inputs, numericView(empty, empty.results[0]), { facets: [], x: 0 })
    expect([b.values.length, b.nx]).toEqual([0, 3])
    expect([...cellReader([], numericView(none, none.results[0]), { facets: [] }).cellValues(0)]).toEqual([...(none.data.pos as Float64Array)].filter(Number.isFinite))
    expect([...cellReader(empty.inputs, numericView(empty, empty.results[0]), { facets: [], x: 0 }).cellValues(1)]).toEqual([])
  })
})

describe('sortValues', () => {
  const rnd = seeded(11)
  const kinds: [string, () => number][] = [
    ['uniform', () => rnd()],
    ['log-normal', () => Math.exp(4 * (rnd() - 0.5))],
    ['one huge outlier in a thousand', () => (rnd() < 0.001 ? 1e12 : rnd())],
    ['powers of two', () => 2 ** -Math.floor(rnd() * 60)],
    ['few distinct values, signed zeros', () => [0, -0, 1, -1, 2.5][Math.floor(rnd() * 5)]],
    ['the whole double range', () => (rnd() - 0.5) * 3e308],
    ['denormals', () => rnd() * 5e-324 * 64],
  ]
  const sizes = [0, 1, 2, 16, 17, 100, 999, 8191, 8192, 20_000]
  it.each(kinds)('%s: the same order as the native sort, -0 before 0, at every size', (_, gen) => {
    for (const n of sizes) {
      const xs = Float64Array.from({ length: n }, gen)
      const want = xs.slice().sort()
      const got = sortValues(xs)
      expect(got).toBe(xs)
      for (let i = 0; i < n; i++) if (!Object.is(got[i], want[i])) throw new Error(`n=${n}: position ${i} holds ${got[i]}, want ${want[i]}`)
    }
  })
})

describe('cell statistics', () => {
  it('are the same from a number array, a Float64Array and a sorted view', () => {
    const vals = [3, 1, 2, 2, 10, -4]
    const st = cellStats(vals, false)
    expect(cellStats(Float64Array.from(vals), false)).toEqual(st)
    expect(sortedCellStats(sortValues(Float64Array.from(vals)), false)).toEqual(st)
    expect(st).toMatchObject({ n: 6, min: -4, max: 10, median: 2 })
  })
})
