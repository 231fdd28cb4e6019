import type { InputValue, InputVar, Run } from './types'

/** Number of sweep points: the product of every input's value count (1 with no inputs). */
export function pointCount(inputs: readonly InputVar[]): number {
  return inputs.reduce((n, v) => n * v.values.length, 1)
}

/** Number of cells of a column: points × repeats. */
export function cellCount(run: Pick<Run, 'inputs' | 'repeats'>): number {
  return pointCount(run.inputs) * run.repeats
}

/** Index of a sweep point from the index of each input's value, in declared order (C order). */
export function pointIndex(inputs: readonly InputVar[], valueIndexes: readonly number[]): number {
  let index = 0
  for (let i = 0; i < inputs.length; i++) index = index * inputs[i].values.length + valueIndexes[i]
  return index
}

/** The value index of each input for a point index; the inverse of `pointIndex`. */
export function pointCoordinates(inputs: readonly InputVar[], point: number): number[] {
  const coords = new Array<number>(inputs.length)
  for (let i = inputs.length - 1; i >= 0; i--) {
    const n = inputs[i].values.length
    coords[i] = point % n
    point = Math.floor(point / n)
  }
  return coords
}

/** The input values of a sweep point, by input name. */
export function pointInputs(inputs: readonly InputVar[], point: number): Record<string, InputValue> {
  const coords = pointCoordinates(inputs, point)
  return Object.fromEntries(inputs.map((v, i) => [v.name, v.values[coords[i]]]))
}

/** Cell index of (point, repeat), repeat counted from 1. */
export function cellIndex(point: number, repeat: number, repeats: number): number {
  return point * repeats + (repeat - 1)
}

/** The sentence bencher prints over a run: `Sweeping n by algo by repeat to generate a 3x2x3 result dataset containing time, ok`. */
export function sweepSentence(run: Pick<Run, 'inputs' | 'repeats' | 'results'>): string {
  const dims = [...run.inputs.map((v) => v.name), 'repeat']
  const sizes = [...run.inputs.map((v) => v.values.length), run.repeats]
  const results = run.results.map((r) => r.name).join(', ')
  return `Sweeping ${dims.join(' by ')} to generate a ${sizes.join('x')} result dataset containing ${results}`
}

/** Whether a (point, repeat) cell holds a value of any result: what counts as a sample. */
export function cellHasValue(run: Pick<Run, 'results' | 'data'>, cell: number): boolean {
  for (const r of run.results) {
    const col = run.data[r.name]
    if (col instanceof Float64Array) {
      const size = r.kind === 'vec' ? (r.size ?? 1) : 1
      for (let k = 0; k < size; k++) if (!Number.isNaN(col[cell * size + k])) return true
    } else if (col[cell] !== null && col[cell] !== undefined) return true
  }
  return false
}

/** Number of samples of a run: cells holding at least one value. */
export function sampleCount(run: Pick<Run, 'inputs' | 'repeats' | 'results' | 'data'>): number {
  const cells = cellCount(run)
  let n = 0
  for (let cell = 0; cell < cells; cell++) if (cellHasValue(run, cell)) n++
  return n
}
