import { formatInputValue } from '../format'
/**
 * Histories: the runs of a benchmark that share the same input variables, in time order.
 * Pure functions over `Run` values; no I/O.
 */
import { BenchPlotError } from '../errors'
import { mean, quantileSorted, sortedFinite } from './stats'
import { pointCount, pointInputs } from './sweep'
import type { InputKind, InputValue, InputVar, ResultVar, Run } from './types'

/** One way the input variables differ between two consecutive histories. */
export type InputChange =
  | { kind: 'added'; name: string }
  | { kind: 'removed'; name: string }
  | { kind: 'kind'; name: string; from: InputKind; to: InputKind }
  | { kind: 'values'; name: string; added: InputValue[]; removed: InputValue[]; reordered: boolean }
  | { kind: 'order'; from: string[]; to: string[] }

/** A run of consecutive runs (oldest first) whose inputs are identical: same names, kinds, values and order. */
export type History = {
  /** Position among the benchmark's histories, 0 for the oldest. */
  index: number
  inputs: InputVar[]
  runs: Run[]
  /** How the inputs differ from the previous history; empty for the first one. */
  changes: InputChange[]
}

/** A reference to one run, as the page and the check report name it. */
export type RunRef = { id: number | null; time: string; timeLabel: string | null; commit: string | null; label: string }

/** One run's value of one result in a history chart: the mean and percentile bands. */
export type HistoryPoint = RunRef & {
  /** Position of the run in its history, from 0. */
  index: number
  /** Mean over the sweep points of each point's mean over repeats (NaN when the run has no value). */
  mean: number
  p10: number
  p25: number
  p50: number
  p75: number
  p90: number
  /** Finite values the percentiles were taken over. */
  n: number
}

export type HistorySeries = {
  result: string
  /** `bool` results are rates from 0 to 1. */
  kind: ResultVar['kind']
  units: string
  direction: ResultVar['direction']
  /** The sweep point followed, or null for the mean over all inputs. */
  point: Record<string, InputValue> | null
  points: HistoryPoint[]
}

export type HistorySeriesOptions = {
  /** Follow one sweep point (its index, or its input values; values are matched as text so URL strings work). @default all inputs */
  point?: number | Record<string, InputValue | string>
}

/**
 * Split a benchmark's runs into histories. Runs are ordered by time (ties keep their order);
 * each change of the input variables starts a new history.
 * @example
 * const histories = buildHistories(benchmark.runs)
 * const current = histories.at(-1)
 */
export function buildHistories(runs: readonly Run[]): History[] {
  const ordered = runs
    .map((run, i) => ({ run, i, t: Date.parse(run.time) }))
    .sort((a, b) => (Number.isNaN(a.t) || Number.isNaN(b.t) || a.t === b.t ? a.i - b.i : a.t - b.t))
    .map((o) => o.run)
  const histories: History[] = []
  for (const run of ordered) {
    const last = histories.at(-1)
    if (last && sameInputs(last.inputs, run.inputs)) last.runs.push(run)
    else histories.push({ index: histories.length, inputs: run.inputs, runs: [run], changes: last ? inputChanges(last.inputs, run.inputs) : [] })
  }
  return histories
}

/** True when two input declarations define the same sweep: same names, kinds, values and order. */
export function sameInputs(a: readonly InputVar[], b: readonly InputVar[]): boolean {
  if (a.length !== b.length) return false
  return a.every((v, i) => v.name === b[i].name && v.kind === b[i].kind && v.values.length === b[i].values.length && v.values.every((x, j) => x === b[i].values[j]))
}

/** What changed in the inputs from `before` to `after`. */
export function inputChanges(before: readonly InputVar[], after: readonly InputVar[]): InputChange[] {
  const changes: InputChange[] = []
  const beforeByName = new Map(before.map((v) => [v.name, v]))
  const afterNames = new Set(after.map((v) => v.name))
  for (const v of after) if (!beforeByName.has(v.name)) changes.push({ kind: 'added', name: v.name })
  for (const v of before) if (!afterNames.has(v.name)) changes.push({ kind: 'removed', name: v.name })
  for (const v of after) {
    const old = beforeByName.get(v.name)
    if (!old) continue
    if (old.kind !== v.kind) changes.push({ kind: 'kind', name: v.name, from: old.kind, to: v.kind })
    const oldKeys = old.values.map(valueKey)
    const newKeys = v.values.map(valueKey)
    const added = v.values.filter((_, i) => !oldKeys.includes(newKeys[i]))
    const removed = old.values.filter((_, i) => !newKeys.includes(oldKeys[i]))
    const common = (keys: string[], other: string[]) => keys.filter((k) => other.includes(k))
    const reordered = common(oldKeys, newKeys).join('\u0000') !== common(newKeys, oldKeys).join('\u0000')
    if (added.length > 0 || removed.length > 0 || reordered) changes.push({ kind: 'values', name: v.name, added, removed, reordered })
  }
  const kept = (vars: readonly InputVar[]) => vars.map((v) => v.name).filter((n) => beforeByName.has(n) && afterNames.has(n))
  const from = kept(before)
  const to = kept(after)
  if (from.join('\u0000') !== to.join('\u0000')) changes.push({ kind: 'order', from, to })
  return changes
}

/**
 * One sentence per change, for the page and the CLI.
 * @example describeInputChanges(h.changes) // ['input "algo" added', 'n: values added 10000; removed 10']
 */
export function describeInputChanges(changes: readonly InputChange[]): string[] {
  return changes.map((c) => {
    switch (c.kind) {
      case 'added':
        return `input "${c.name}" added`
      case 'removed':
        return `input "${c.name}" removed`
      case 'kind':
        return `input "${c.name}" changed kind: ${c.from} → ${c.to}`
      case 'values': {
        const parts: string[] = []
        if (c.added.length > 0) parts.push(`values added ${c.added.map(formatInputValue).join(', ')}`)
        if (c.removed.length > 0) parts.push(`values removed ${c.removed.map(formatInputValue).join(', ')}`)
        if (c.reordered) parts.push('values reordered')
        return `input "${c.name}": ${parts.join('; ')}`
      }
      case 'order':
        return `inputs reordered: ${c.from.join(', ')} → ${c.to.join(', ')}`
    }
  })
}

/** The reference the page shows for a run: its time label, else its commit, else its date. */
export function runRef(run: Run): RunRef {
  const label = run.timeLabel ?? (run.commit ? run.commit.slice(0, 10) : run.time.slice(0, 19).replace('T', ' '))
  return { id: run.id ?? null, time: run.time, timeLabel: run.timeLabel, commit: run.commit, label }
}

/** Results a history can be drawn and judged for: float and bool results (bool as 0/1). */
export function scalarResults(run: Run): ResultVar[] {
  // A run with point means of a result holds it as numbers (its column may not be loaded).
  const numeric = (name: string) => (run.means !== undefined && name in run.means) || run.data[name] instanceof Float64Array
  return run.results.filter((r) => (r.kind === 'float' || r.kind === 'bool') && numeric(r.name))
}

/** A point's finite samples (missing ones left out), read from the column without intermediate arrays. */
export function finiteSamples(run: Run, result: string, point: number): number[] {
  const column = scalarColumn(run, result)
  return column ? appendFiniteSamples([], column, run.repeats, point) : []
}

/** The column of a float or bool result, or null for any other kind or a missing (or not loaded) column. */
export function scalarColumn(run: Run, result: string): Float64Array | null {
  const column = run.data[result]
  return column instanceof Float64Array && isScalar(run, result) ? column : null
}

/** Push a point's finite samples (in repeat order) onto `out` and return it; lets loops over points reuse one buffer. */
export function appendFiniteSamples(out: number[], column: Float64Array, repeats: number, point: number): number[] {
  for (let i = point * repeats, end = i + repeats; i < end; i++) {
    const x = column[i]
    if (Number.isFinite(x)) out.push(x)
  }
  return out
}

/** Every finite sample of a run's result at these points: point by point, repeat by repeat (empty without the result). */
export function samplesAtPoints(run: Run, result: string, points: ArrayLike<number>): Float64Array {
  const column = scalarColumn(run, result)
  if (!column) return new Float64Array(0)
  const repeats = run.repeats
  const out = new Float64Array(points.length * Math.max(repeats, 0))
  let k = 0
  for (let j = 0; j < points.length; j++) {
    for (let i = points[j] * repeats, end = i + repeats; i < end; i++) {
      const x = column[i]
      if (Number.isFinite(x)) out[k++] = x
    }
  }
  return out.subarray(0, k)
}

/**
 * Each sweep point's mean over repeats (NaN where a point has no value): the store's copy when the
 * run carries one (`run.means`), else taken from the column. Shared: never modify it.
 */
export function pointMeans(run: Run, result: string): Float64Array {
  const kept = run.means?.[result]
  if (kept) return kept
  const column = scalarColumn(run, result)
  if (!column) return new Float64Array(pointCount(run.inputs)).fill(Number.NaN)
  // A run page asks for the same means several times (the best point, the comparison): one pass a column.
  const known = meansOf.get(column)
  if (known && known.repeats === run.repeats) return known.means
  const means = meansOfColumn(column, run.repeats)
  meansOf.set(column, { repeats: run.repeats, means })
  return means
}

// By column, as long as the column lives; callers only read point means (a run's stored ones are shared the same way).
const meansOf = new WeakMap<Float64Array, { repeats: number; means: Float64Array }>()

/** A column's mean over each point's `repeats` cells, finite values only (NaN where a point has none). */
export function meansOfColumn(column: Float64Array, repeats: number): Float64Array {
  const n = Math.floor(column.length / repeats)
  const out = new Float64Array(n).fill(Number.NaN)
  // A loop over the column, not a subarray per point: sweeps reach hundreds of thousands of points.
  for (let p = 0; p < n; p++) {
    let sum = 0
    let count = 0
    for (let i = p * repeats, end = i + repeats; i < end; i++) {
      const x = column[i]
      if (Number.isFinite(x)) {
        sum += x
        count++
      }
    }
    if (count > 0) out[p] = sum / count
  }
  return out
}

/** The run's value of a result over all inputs: the mean of its point means (NaN when it has none). */
export function runMean(run: Run, result: string): number {
  return mean(pointMeans(run, result))
}

/** Index of the sweep point with these input values (compared as text), or -1. */
export function findPoint(inputs: readonly InputVar[], values: Record<string, InputValue | string>): number {
  let index = 0
  for (const v of inputs) {
    if (!(v.name in values)) return -1
    const at = v.values.findIndex((x) => String(x) === String(values[v.name]))
    if (at < 0) return -1
    index = index * v.values.length + at
  }
  return index
}

/** Every sweep point of a history's inputs, with its input values, for a point chooser. */
export function sweepPoints(inputs: readonly InputVar[]): { point: number; inputs: Record<string, InputValue> }[] {
  return Array.from({ length: pointCount(inputs) }, (_, point) => ({ point, inputs: pointInputs(inputs, point) }))
}

/**
 * The over-time series of one result in a history: per run, the mean over all inputs (or at one
 * point) with the 10/25/50/75/90 percentiles over every value that went into it.
 */
export function historySeries(history: History, result: string, opts: HistorySeriesOptions = {}): HistorySeries {
  const point = opts.point === undefined ? -1 : typeof opts.point === 'number' ? opts.point : findPoint(history.inputs, opts.point)
  if (opts.point !== undefined && (point < 0 || point >= pointCount(history.inputs))) {
    throw new BenchPlotError('USAGE', `no sweep point ${JSON.stringify(opts.point)} in this history of ${history.runs[0]?.benchmark ?? 'the benchmark'}`)
  }
  const declared = history.runs.flatMap((r) => r.results).findLast((r) => r.name === result)
  const points = history.runs.map((run, index): HistoryPoint => {
    let values: ArrayLike<number>
    let m: number
    if (point >= 0) {
      values = finiteSamples(run, result, point)
      m = mean(values)
    } else {
      const column = run.data[result]
      values = column instanceof Float64Array && isScalar(run, result) ? column : []
      m = runMean(run, result)
    }
    const sorted = sortedFinite(values)
    const q = (p: number) => quantileSorted(sorted, p)
    return { ...runRef(run), index, mean: m, p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9), n: sorted.length }
  })
  return {
    result,
    kind: declared?.kind ?? 'float',
    units: declared?.units ?? '',
    direction: declared?.direction ?? 'none',
    point: point >= 0 ? pointInputs(history.inputs, point) : null,
    points,
  }
}

export { formatInputs } from '../format'

// --- internal ---

function isScalar(run: Run, result: string): boolean {
  const r = run.results.find((x) => x.name === result)
  return r !== undefined && (r.kind === 'float' || r.kind === 'bool')
}

function valueKey(x: InputValue): string {
  return `${typeof x}:${String(x)}`
}

