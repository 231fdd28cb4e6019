import { pointCoordinates } from '../model/sweep'
import type { InputValue, ResultVar, Run } from '../model/types'
import type { ChartSpec } from './choose'
import { numericView } from './data'
import { cellStats, type CellStats } from './stats-cell'

/** Rows shown in one table before the rest is summarised in a note. */
export const maxTableRows = 500
/** Rows of images, videos, files or recordings shown in one table. */
const maxMediaRows = 100

/** Statistics per sweep point of a numeric result (one vec component): the data of a `table` chart. */
export type StatsTable = { label: string; bool: boolean; rows: { inputs: InputValue[]; stats: CellStats }[]; total: number }

/** Every stored value of a text or file result, per point and repeat. */
export type ValueTable = { rows: { inputs: InputValue[]; repeat: number; value: string | null }[]; total: number; cap: number }

export function statsTable(run: Run, result: ResultVar, spec: ChartSpec): StatsTable {
  const view = numericView(run, result, spec.component)
  const bool = result.kind === 'bool'
  const rows: StatsTable['rows'] = []
  for (let p = 0; p < view.points && rows.length < maxTableRows; p++) {
    const vals: number[] = []
    for (let r = 0; r < view.repeats; r++) {
      const v = view.value(p, r)
      if (Number.isFinite(v)) vals.push(v)
    }
    rows.push({ inputs: inputsAt(run, p), stats: cellStats(vals, bool) })
  }
  return { label: view.label, bool, rows, total: view.points }
}

export function valueTable(run: Run, result: ResultVar): ValueTable {
  const col = run.data[result.name]
  const values = Array.isArray(col) ? col : []
  const cap = result.kind === 'string' ? maxTableRows : maxMediaRows
  const points = run.inputs.reduce((n, v) => n * v.values.length, 1)
  const rows: ValueTable['rows'] = []
  for (let p = 0; p < points && rows.length < cap; p++) {
    for (let r = 0; r < run.repeats && rows.length < cap; r++) rows.push({ inputs: inputsAt(run, p), repeat: r + 1, value: values[p * run.repeats + r] ?? null })
  }
  return { rows, total: points * run.repeats, cap }
}

// --- internal ---

function inputsAt(run: Run, point: number): InputValue[] {
  const c = pointCoordinates(run.inputs, point)
  return run.inputs.map((v, i) => v.values[c[i]])
}
