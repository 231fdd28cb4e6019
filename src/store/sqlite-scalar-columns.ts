import type { Database } from 'bun:sqlite'
import { decodeColumn } from './column-codec'
import { scalarColumnStatements } from './sqlite-reader-sql'
import { lazyStatements } from './sqlite-statements'
import { expectedLength, goneError, type ColumnShape } from './run-rows'
import type { ScalarColumn } from './types'

/**
 * `readScalarColumns` on SQLite: the runs' ids go in as one JSON array (`json_each`), so that any number
 * of runs is one prepared statement and one step through its rows. `version` is the store's schema
 * version: before 2 there are no point means.
 */
export function sqliteScalarColumns(db: Database, location: string, version: number): (runIds: readonly number[], what: 'data' | 'means') => ScalarColumn[] {
  const q = lazyStatements(db, scalarColumnStatements(version))
  return (runIds, what) => {
    if (runIds.length === 0) return []
    const list = JSON.stringify(runIds)
    const out: ScalarColumn[] = []
    if (what === 'means') {
      for (const row of (q.means?.all(list) ?? []) as { run_id: number; name: string; data: Uint8Array; repeats: number; column_bytes: number | null; benchmark: string }[]) {
        // One mean per point: a column of points × repeats values holds 1/repeats of its bytes in means.
        if (row.column_bytes === null || row.data.byteLength * row.repeats !== row.column_bytes) throw goneError(row.benchmark, location)
        out.push({ runId: row.run_id, result: row.name, column: decodeColumn('f64le', row.data) as Float64Array })
      }
      return out
    }
    const inputs = new Map<number, number[]>()
    for (const { run_id, n } of q.inputLengths.all(list) as { run_id: number; n: number }[]) inputs.set(run_id, [...(inputs.get(run_id) ?? []), n])
    for (const row of q.data.all(list) as (ColumnShape & { run_id: number; name: string; data: Uint8Array | null; benchmark: string })[]) {
      const column = row.encoding === null || row.data === null ? null : decodeColumn(row.encoding, row.data)
      if (!(column instanceof Float64Array) || column.length !== expectedLength(row, inputs.get(row.run_id) ?? [])) throw goneError(row.benchmark, location)
      out.push({ runId: row.run_id, result: row.name, column })
    }
    return out
  }
}
