import { meansOfColumn } from '../model/history'
import { countFinite, mean } from '../model/stats'
import type { Column } from '../model/types'

// Numeric columns are stored as little-endian float64 arrays: one BLOB read gives a typed array.
export function encodeColumn(column: Column): { encoding: 'f64le' | 'json'; data: Uint8Array } {
  if (column instanceof Float64Array) return { encoding: 'f64le', data: new Uint8Array(column.buffer, column.byteOffset, column.byteLength) }
  return { encoding: 'json', data: new TextEncoder().encode(JSON.stringify(column)) }
}

/** A stored column back in memory; null when the bytes do not fit the encoding. */
export function decodeColumn(encoding: string, data: Uint8Array): Column | null {
  if (encoding === 'f64le') {
    if (data.byteLength % 8 !== 0) return null
    // A view needs 8-byte alignment; copy only when the blob is not aligned.
    const bytes = data.byteOffset % 8 === 0 ? data : data.slice()
    return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8)
  }
  try {
    const parsed = JSON.parse(new TextDecoder().decode(data))
    return Array.isArray(parsed) ? parsed : null
  } catch {
    return null
  }
}

/** The stored form of a column's per-point means (`point_means.data`): encoded as a float column. */
export function pointMeansBlob(column: Float64Array, repeats: number): Uint8Array {
  return encodeColumn(meansOfColumn(column, repeats)).data
}

/**
 * A `point_means` row: the per-point means (`data`), and their mean and count over the points that
 * have one (`mean`, null when none; `finite_points`), summed in point order as the model sums them.
 */
export function pointMeansRow(column: Float64Array, repeats: number): { data: Uint8Array; mean: number | null; points: number } {
  const means = meansOfColumn(column, repeats)
  return { data: encodeColumn(means).data, ...meanOfFinite(means) }
}

/** The mean and count of the finite values, summed in order as the model's `mean`; mean null when there are none. */
export function meanOfFinite(values: Float64Array): { mean: number | null; points: number } {
  const points = countFinite(values)
  return { mean: points === 0 ? null : mean(values), points }
}
