import { BenchPlotError } from '../errors'
import type { RunInput } from '../model/run-format'
import type { Direction, InputKind, InputValue } from '../model/types'
import { naturalOrder } from './natural-order'
import type { ParseOptions } from './types'

/** An input value as a format gives it: typed later, once all values of the input are known. */
export type RawValue = string | number | boolean | null

/** One measured sample of a format, before inputs are typed. */
export type Row = {
  inputs: Record<string, RawValue>
  repeat: number
  results: Record<string, number | string | undefined>
}

export type FailureRow = { inputs: Record<string, RawValue>; repeat: number; error: string }

export type ResultSpec = { name: string; units: string; direction: Direction; doc?: string; kind?: 'float' | 'string' }

/** What an importer has found for one benchmark family; `buildRuns` turns it into a `RunInput`. */
export type RunDraft = {
  family: string
  rows: Row[]
  failures?: FailureRow[]
  /** Declared results, in order. Results no row has a value for are left out. */
  results: ResultSpec[]
  /** Docs for inputs, by name. */
  inputDocs?: Record<string, string>
  time?: string
  commit?: string
  branch?: string
  meta?: Record<string, unknown>
}

/** Shown for an input a sample does not have (e.g. a deeper Go sub-benchmark level). */
const missingValue = '(none)'

/**
 * Turn drafts into run-format objects: type each input, apply the user's name and
 * fill time, commit and branch from the options where the format gave none.
 * Deterministic: the same drafts always give the same objects.
 */
export function buildRuns(drafts: RunDraft[], opts: ParseOptions): RunInput[] {
  const source = opts.source ?? 'input'
  return drafts.map((d) => buildRun(d, benchmarkName(d.family, opts.name, drafts.length), source, opts))
}

/** `--name` replaces the family's name when the source holds one family, and prefixes it when it holds several. */
export function benchmarkName(family: string, name: string | undefined, families: number): string {
  if (!name) return family
  return families > 1 ? `${name}/${family}` : name
}

/** A file name without folders and extension, for formats that name nothing: `out/bench.json` → `bench`. */
export function fileStem(source: string, fallback: string): string {
  const base = source.split(/[\\/]/).pop() ?? ''
  const stem = base.replace(/\.[^.]*$/, '')
  return stem && stem !== '-' ? stem : fallback
}

/** Whether a text is a plain decimal number (no hex, no Infinity, no blanks). */
export function isNumeric(s: string): boolean {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s.trim())
}

/** An ISO 8601 time as given, or undefined when the text is not one. */
export function isoTime(s: string | undefined | null): string | undefined {
  if (!s || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(s)) return undefined
  return Number.isNaN(Date.parse(s)) ? undefined : s.replace(' ', 'T')
}

/** Counts occurrences of a key, for formats where repeats are simply the n-th line with the same name. */
export function repeatCounter(): (key: string) => number {
  const seen = new Map<string, number>()
  return (key) => {
    const n = (seen.get(key) ?? 0) + 1
    seen.set(key, n)
    return n
  }
}

/** A rate is better when higher: units or names like `B/s`, `ops/sec`, `items_per_second`, `Throughput`. */
export function isRate(nameOrUnit: string): boolean {
  return /(\/s|\/sec|per_?second|_per_sec|ops|throughput)$/i.test(nameOrUnit.trim())
}

// --- internal ---

type TypedInput = { name: string; kind: InputKind; values: InputValue[]; map: (x: RawValue | undefined) => InputValue }

function buildRun(d: RunDraft, benchmark: string, source: string, opts: ParseOptions): RunInput {
  const all = [...d.rows, ...(d.failures ?? [])]
  const names = [...new Set(all.flatMap((r) => Object.keys(r.inputs)))]
  const inputs = names.map((name) => typeInput(name, all.map((r) => (name in r.inputs ? r.inputs[name] : undefined))))
  const at = (raw: Record<string, RawValue>): Record<string, InputValue> =>
    Object.fromEntries(inputs.map((v) => [v.name, v.map(raw[v.name])]))

  const used = new Set(d.rows.flatMap((r) => Object.keys(r.results).filter((k) => r.results[k] !== undefined)))
  const results = d.results.filter((r) => used.has(r.name))
  const seen = new Set<string>()
  const samples = d.rows.map((r) => {
    const point = at(r.inputs)
    const key = JSON.stringify([point, r.repeat])
    if (seen.has(key)) {
      const where = Object.entries(point).map(([k, v]) => `${k}=${v}`).join(', ') || 'no inputs'
      throw new BenchPlotError('PARSE', `${source}: ${d.family}: two samples for ${where}, repeat ${r.repeat}`)
    }
    seen.add(key)
    const values = Object.fromEntries(Object.entries(r.results).filter(([, v]) => v !== undefined))
    return { inputs: point, repeat: r.repeat, results: values }
  })
  const failures = (d.failures ?? []).map((f) => ({ inputs: at(f.inputs), repeat: f.repeat, error: f.error }))
  // A loop, not Math.max(...): a spread of every sample overflows the stack on big files.
  let repeats = 1
  for (const r of all) if (r.repeat > repeats) repeats = r.repeat

  const run: RunInput = {
    benchmark,
    time: d.time ?? opts.time,
    time_label: opts.timeLabel,
    commit: d.commit ?? opts.commit,
    branch: d.branch ?? opts.branch,
    repeats,
    inputs: inputs.map((v) => ({ name: v.name, kind: v.kind, units: '', doc: d.inputDocs?.[v.name] ?? '', values: v.values })),
    results: results.map((r) => ({ name: r.name, kind: r.kind ?? 'float', units: r.units, direction: r.direction, doc: r.doc ?? '' })),
    samples,
  }
  if (failures.length > 0) run.failures = failures
  if (d.meta && Object.keys(d.meta).length > 0) run.meta = d.meta
  // Leave unknown fields out rather than writing `undefined`, so the object is plain JSON.
  for (const k of ['time', 'time_label', 'commit', 'branch'] as const) if (run[k] === undefined) delete run[k]
  return run
}

/**
 * Type an input from all its values: numbers (or texts of numbers) make an int or float input,
 * booleans a bool input, anything else a categorical input of strings.
 */
function typeInput(name: string, raw: (RawValue | undefined)[]): TypedInput {
  const present = raw.filter((x): x is RawValue => x !== undefined)
  const missing = present.length < raw.length
  const asNumber = (x: RawValue | undefined): number | undefined =>
    typeof x === 'number' && Number.isFinite(x) ? x : typeof x === 'string' && isNumeric(x) ? Number(x) : undefined
  if (!missing && present.every((x) => asNumber(x) !== undefined)) {
    const nums = present.map((x) => asNumber(x) as number)
    const values = [...new Set(nums)].sort((a, b) => a - b)
    return { name, kind: nums.every(Number.isInteger) ? 'int' : 'float', values, map: (x) => asNumber(x) as number }
  }
  if (!missing && present.every((x) => typeof x === 'boolean')) {
    return { name, kind: 'bool', values: [...new Set(present as boolean[])], map: (x) => x as boolean }
  }
  const asText = (x: RawValue | undefined): string =>
    x === undefined ? missingValue : typeof x === 'string' ? x : typeof x === 'object' ? JSON.stringify(x) : String(x)
  const texts = [...new Set(raw.map(asText))]
  // Sizes and counts read in numeric order (`1K < 10K`); a missing value comes first, like nothing before something.
  const values = texts.includes(missingValue) ? [missingValue, ...naturalOrder(texts.filter((t) => t !== missingValue))] : naturalOrder(texts)
  return { name, kind: 'cat', values, map: asText }
}
