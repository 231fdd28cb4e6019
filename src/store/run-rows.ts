// What every backend shares: the run row as selected, its header, the size a column must have, and the messages.
import { BenchPlotError } from '../errors'
import { readPanels } from '../model/panels'
import type { InputVar, ResultVar, Run } from '../model/types'
import { closestNames } from './names'
import type { PointMeanTotal, RunHeader, UnreadableRun } from './types'

/** A row of `runs` joined with its benchmark's name and failure count, as both backends select it. */
export type RunRow = {
  id: number
  benchmark: string
  title: string
  description: string
  post_description: string
  tag: string
  time: string
  time_label: string | null
  git_commit: string | null
  git_branch: string | null
  repeats: number
  sample_count: number
  fingerprint: string | null
  meta: string
  failure_count: number
}

/** The stored rows of a run's declarations, as text: JSON is parsed here, so that a damaged run throws SyntaxError. */
export type DeclarationRows = {
  inputs: { name: string; kind: string; units: string; doc: string; values: string }[]
  results: { name: string; kind: string; units: string; direction: string; doc: string; size: number | null; regression: string | null }[]
  consts: { name: string; value: string }[]
  failures: { inputs: string; repeat: number; error: string }[]
  /** Stores before schema version 3 hold none. */
  panels: { json: string }[]
}

/** Declaration rows of many runs as one query per table gives them (each with its run's id), by run; every id in `ids` gets an entry. */
export function declarationsByRun(
  ids: readonly number[],
  tables: { [K in keyof DeclarationRows]: (DeclarationRows[K][number] & { run_id: number })[] },
): Map<number, DeclarationRows> {
  const out = new Map<number, DeclarationRows>(ids.map((id) => [id, { inputs: [], results: [], consts: [], failures: [], panels: [] }]))
  for (const key of Object.keys(tables) as (keyof DeclarationRows)[]) {
    for (const { run_id, ...row } of tables[key]) out.get(Number(run_id))?.[key].push(row as never)
  }
  return out
}

/**
 * A run header from its row and declarations: the one builder both backends use, so that a damaged
 * run reads the same from either. Throws SyntaxError naming the column whose JSON does not parse
 * (`bad JSON in consts.value: …`), or TypeError for a panel that is not one.
 */
export function headerOf(row: RunRow, d: DeclarationRows): RunHeader {
  const inputs = d.inputs.map((i) => ({ ...i, values: parseStored(i.values, 'inputs.values') }) as InputVar)
  const results = d.results.map(
    ({ size, regression, ...r }) =>
      ({
        ...r,
        ...(size === null ? {} : { size }),
        ...(regression === null ? {} : { regression: parseStored(regression, 'results.regression') }),
      }) as ResultVar,
  )
  return {
    id: row.id,
    benchmark: row.benchmark,
    title: row.title,
    description: row.description,
    postDescription: row.post_description,
    tag: row.tag,
    time: row.time,
    timeLabel: row.time_label,
    commit: row.git_commit,
    branch: row.git_branch,
    repeats: row.repeats,
    inputs,
    consts: d.consts.map((c) => ({ name: c.name, value: parseStored(c.value, 'consts.value') })),
    results,
    meta: parseStored(row.meta, 'runs.meta'),
    fingerprint: row.fingerprint ?? undefined,
    failures: d.failures.map((f) => ({ inputs: parseStored(f.inputs, 'failures.inputs'), repeat: f.repeat, error: f.error })),
    // Checked again as they are read: another writer may have put anything in the table, and a panel reaches a page.
    // A bad one makes its run unreadable (listed by unreadableRuns), never half-shown.
    ...(d.panels.length === 0
      ? {}
      : {
          panels: readPanels(
            d.panels.map((p) => parseStored(p.json, 'panels.json')),
            (path, message) => {
              throw new TypeError(`panels${path}: ${message}`)
            },
          ),
        }),
    failureCount: row.failure_count,
    sampleCount: row.sample_count,
  }
}

/**
 * The headers of `rows` that read; a run whose stored JSON does not parse (edited or damaged by hand)
 * is left out, so that the others still show, and `unreadable` names it and why (for unreadableRuns).
 */
export function readableHeaders(rows: readonly RunRow[], declared: (id: number) => DeclarationRows, unreadable: Map<number, string>): RunHeader[] {
  return rows.flatMap((row) => {
    try {
      return [headerOf(row, declared(row.id))]
    } catch (err) {
      if (!(err instanceof SyntaxError) && !(err instanceof TypeError)) throw err
      unreadable.set(row.id, `run ${row.id} of "${row.benchmark}" is unreadable (${err.message})`)
      return []
    }
  })
}

/** Which of `rows` (one benchmark's, as stored) `readableHeaders` left out, with its line saying why. */
export function unreadableOf(rows: readonly RunRow[], unreadable: ReadonlyMap<number, string>): UnreadableRun[] {
  return rows.flatMap(({ id }) => {
    const reason = unreadable.get(id)
    return reason === undefined ? [] : [{ id, reason }]
  })
}

export type ColumnShape = { kind: string; size: number | null; encoding: string | null; repeats: number }

/** Values a column holds: one per (sweep point, repeat), times the components of a vec. */
/** A run as its header holds it: everything but the data (`data` given, else none), without the header's counts. */
export function runOfHeader(header: RunHeader, data: Run['data'] = {}): Run {
  const { failureCount: _f, sampleCount: _s, ...run } = header
  return { ...run, data }
}

/** A `point_means` row's totals as the store's readers give them: a mean of none is NaN. */
export function pointMeanTotal(row: { run_id: number; name: string; mean: number | null; finite_points: number }): PointMeanTotal {
  return { runId: Number(row.run_id), result: row.name, mean: row.mean === null ? Number.NaN : Number(row.mean), points: Number(row.finite_points) }
}

export function expectedLength(c: Pick<ColumnShape, 'kind' | 'size' | 'repeats'>, inputLengths: number[]): number {
  return inputLengths.reduce((n, k) => n * k, c.repeats) * (c.kind === 'vec' ? (c.size ?? 1) : 1)
}

/** A stored column's shape with its run and its size in bytes (null: no data), read without the data. */
export type ColumnSize = ColumnShape & { run_id: number; bytes: number | null }

/**
 * Throws `goneError` unless each column of a run in `headers` has the size its shape asks for: 8 bytes a value
 * when f64le, some data when json. A readable header's inputs are its stored ones, parsed: their lengths are the
 * sweep's. Columns of other runs (unreadable ones) are passed over.
 */
export function checkColumnSizes(name: string, location: string, headers: readonly RunHeader[], sizes: readonly ColumnSize[]): void {
  const byId = new Map(headers.map((h) => [h.id, h]))
  for (const c of sizes) {
    const header = byId.get(c.run_id)
    if (!header) continue
    const expected = expectedLength(c, header.inputs.map((v) => v.values.length))
    const fits = c.encoding === 'f64le' ? c.bytes === expected * 8 : c.encoding === 'json' && c.bytes !== null
    if (!fits) throw goneError(name, location)
  }
}

/** A benchmark whose rows are there but whose data is not (deleted, truncated, damaged). */
export function goneError(name: string, location: string, cause?: unknown): BenchPlotError {
  return new BenchPlotError(
    'NOT_FOUND',
    `results of "${name}" were recorded in ${location} but their data is missing or unreadable; record the benchmark again with: bench-plot import FILE`,
    { cause },
  )
}

/** No benchmark of that name: the closest stored names, or that there are none. */
export function notFoundError(name: string, names: string[], location: string): BenchPlotError {
  const hint = names.length === 0 ? 'the store holds no benchmarks yet' : `stored: ${closestNames(name, names, 10).join(', ')}`
  return new BenchPlotError('NOT_FOUND', `no benchmark named "${name}" in ${location} (${hint}); record results with: bench-plot import FILE`)
}

// JSON a run row holds, parsed (typed as JSON.parse is); a SyntaxError names the column, for unreadableRuns.
function parseStored(text: string, column: string): any {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new SyntaxError(`bad JSON in ${column}: ${(err as Error).message}`)
  }
}
