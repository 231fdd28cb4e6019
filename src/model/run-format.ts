import { BenchPlotError } from '../errors'
import { readPanels, type Panel } from './panels'
import { cellCount, cellIndex } from './sweep'
import {
  directions,
  inputKinds,
  regressionMethods,
  resultKinds,
  type Column,
  type ConstVar,
  type Direction,
  type Failure,
  type InputKind,
  type InputValue,
  type InputVar,
  type RegressionSetting,
  type ResultKind,
  type ResultVar,
  type Run,
} from './types'

/** The bench-plot JSON run format (docs/format.md). Everything but `benchmark` and `samples` may be left out. */
export type RunInput = {
  benchmark: string
  title?: string
  description?: string
  post_description?: string
  tag?: string
  time?: string
  time_label?: string | null
  commit?: string | null
  branch?: string | null
  repeats?: number
  inputs?: { name: string; kind?: InputKind; units?: string; doc?: string; values?: InputValue[] }[]
  consts?: { name: string; value: unknown }[]
  results?: {
    name: string
    kind?: ResultKind
    units?: string
    direction?: Direction
    doc?: string
    size?: number
    regression?: RegressionSetting
  }[]
  samples: { inputs?: Record<string, InputValue>; repeat?: number; results: Record<string, unknown> }[]
  failures?: { inputs?: Record<string, InputValue>; repeat?: number; error: string }[]
  regression?: RegressionSetting
  meta?: Record<string, unknown>
  /** The user's own panels beside the automatic charts (docs/format.md#panels). */
  panels?: unknown[]
}

export type ParseRunOptions = {
  /** File name used in error messages. @default 'input' */
  source?: string
  /** Time used when the run gives none. @default the current time */
  now?: Date
  /** Most values a run's dense columns may hold (cells × vector sizes), checked before they are made. @default defaultMaxCells */
  maxCells?: number
}

/**
 * The default cap on a run's cells, summed over its results (a vec of size k counts k per cell): 10 million
 * values are 80 MB of floats. A few bytes can declare a sweep of 2^60 cells or repeats of 1e300, and the
 * columns are dense, so the size is checked before anything is allocated. `import --max-cells` raises it.
 */
export const defaultMaxCells = 10_000_000

/** Longest URL-encoded benchmark name a run may have. */
export const maxNameUrlLength = 8_000

/** Parse JSON text in the run format: one run object or an array of them. */
export function parseRunsJson(text: string, opts: ParseRunOptions = {}): Run[] {
  const source = opts.source ?? 'input'
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new BenchPlotError('PARSE', `${source}: invalid JSON: ${(err as Error).message}`)
  }
  if (Array.isArray(value)) return value.map((v, i) => validateRun(v, { ...opts, path: `[${i}]` }))
  return [validateRun(value, opts)]
}

/**
 * Check a value against the run format and turn it into a `Run` with dense columns.
 * Throws `BenchPlotError('PARSE')` naming the source and JSON path of the first problem.
 */
export function validateRun(value: unknown, opts: ParseRunOptions & { path?: string } = {}): Run {
  const source = opts.source ?? 'input'
  const root = opts.path ?? ''
  const fail = (lazyPath: Path, message: string): never => {
    const path = typeof lazyPath === 'function' ? lazyPath() : lazyPath
    const where = [root, path].filter(Boolean).join('.').replace(/\.\[/g, '[')
    throw new BenchPlotError('PARSE', `${source}: ${where || '(root)'}: ${message}`)
  }
  const obj = expectObject(value, '', fail)
  checkKeys(obj, runKeys, '', fail)

  const benchmark = expectString(obj.benchmark, 'benchmark', fail)
  if (benchmark.trim() === '') fail('benchmark', 'must not be empty')
  // Pages are addressed by name (/b/<name>…): the server takes 16 KiB of request line and headers together
// (431 beyond). Half of it leaves room for the rest of the path and the headers; a longer name could be stored but never shown.
  if (encodeURIComponent(benchmark).length > maxNameUrlLength) fail('benchmark', `a name of ${benchmark.length} characters is too long (at most ${maxNameUrlLength} once URL-encoded)`)
  // A well-formed run takes one pass over its samples. What that pass does not take, the checked
  // passes read again, naming the first problem in the order they always have.
  const maxCells = opts.maxCells ?? defaultMaxCells
  const { inputs, results, repeats, data } = readWellFormedSweep(obj, maxCells) ?? readSweep(obj, maxCells, fail)
  const locate = pointLocator(inputs, fail)
  const failures: Failure[] = expectArray(obj.failures ?? [], 'failures', fail).map((raw, i) => {
    const f = expectObject(raw, `failures[${i}]`, fail)
    checkKeys(f, ['inputs', 'repeat', 'error'], `failures[${i}]`, fail)
    locate(f.inputs, 'failures', i)
    const at = (f.inputs ?? {}) as Record<string, InputValue>
    const repeat = f.repeat === undefined ? 1 : expectRepeat(f.repeat, `failures[${i}].repeat`, fail)
    if (repeat > repeats) fail(`failures[${i}].repeat`, `repeat ${repeat} is out of range 1..${repeats}`)
    return { inputs: at, repeat, error: expectString(f.error, `failures[${i}].error`, fail) }
  })

  const consts: ConstVar[] = expectArray(obj.consts ?? [], 'consts', fail).map((c, i) => {
    const o = expectObject(c, `consts[${i}]`, fail)
    checkKeys(o, ['name', 'value'], `consts[${i}]`, fail)
    return { name: expectString(o.name, `consts[${i}].name`, fail), value: o.value ?? null }
  })

  const panels = obj.panels === undefined ? [] : readPanels(obj.panels, (path, message) => fail(`panels${path}`, message), results.map((r) => r.name))

  const time = obj.time === undefined ? (opts.now ?? new Date()).toISOString() : expectTime(obj.time, fail)
  return {
    benchmark,
    title: optionalString(obj.title, 'title', fail) ?? benchmark,
    description: optionalString(obj.description, 'description', fail) ?? '',
    postDescription: optionalString(obj.post_description, 'post_description', fail) ?? '',
    tag: optionalString(obj.tag, 'tag', fail) ?? '',
    time,
    timeLabel: optionalString(obj.time_label, 'time_label', fail),
    commit: optionalString(obj.commit, 'commit', fail),
    branch: optionalString(obj.branch, 'branch', fail),
    repeats,
    inputs,
    consts,
    results,
    data,
    failures,
    meta: obj.meta === undefined ? {} : expectObject(obj.meta, 'meta', fail),
    ...(panels.length > 0 ? { panels } : {}),
    fingerprint: fingerprintOf({ ...obj, samples: undefined }, data),
  }
}

/**
 * A digest of a run as given, before defaults are filled in: its fields but the samples, then
 * its dense columns. The same run always gets the same fingerprint, in whatever order its samples
 * were listed, and hashing the columns costs far less than walking a million sample objects.
 */
export function fingerprintOf(fields: unknown, data: Record<string, Column> = {}): string {
  const hasher = new Bun.CryptoHasher('sha256').update(stableStringify(fields))
  for (const name of Object.keys(data).sort()) {
    const column = data[name]
    hasher.update(`\n${name}:`)
    hasher.update(column instanceof Float64Array ? new Uint8Array(column.buffer, column.byteOffset, column.byteLength) : JSON.stringify(column))
  }
  return hasher.digest('hex')
}

/** Whether a result kind is held as numbers (Float64Array) rather than strings. */
export function isNumericKind(kind: ResultKind): boolean {
  return kind === 'float' || kind === 'bool' || kind === 'vec'
}

/** The inverse of `validateRun`: a run as a JSON run-format object, every sample listed. */
export function runToInput(run: Run): RunInput {
  const samples: RunInput['samples'] = []
  const points = cellCount(run) / run.repeats
  for (let p = 0; p < points; p++) {
    for (let rep = 1; rep <= run.repeats; rep++) {
      const cell = cellIndex(p, rep, run.repeats)
      const results: Record<string, unknown> = {}
      for (const r of run.results) {
        const v = readCell(run.data[r.name], r, cell)
        if (v !== null) results[r.name] = v
      }
      if (Object.keys(results).length > 0) samples.push({ inputs: pointValues(run.inputs, p), repeat: rep, results })
    }
  }
  return {
    benchmark: run.benchmark,
    title: run.title,
    description: run.description,
    post_description: run.postDescription,
    tag: run.tag,
    time: run.time,
    time_label: run.timeLabel,
    commit: run.commit,
    branch: run.branch,
    repeats: run.repeats,
    inputs: run.inputs.map((v) => ({ ...v })),
    consts: run.consts,
    results: run.results.map((r) => ({ ...r })),
    samples,
    failures: run.failures,
    meta: run.meta,
    ...(run.panels && run.panels.length > 0 ? { panels: run.panels as Panel[] } : {}),
  }
}

/** A cell's value as JSON: a number, boolean, number array (vec), string or null when missing. */
export function readCell(column: Column, result: ResultVar, cell: number): number | boolean | number[] | string | null {
  if (!(column instanceof Float64Array)) return column[cell] ?? null
  if (result.kind === 'vec') {
    const size = result.size as number
    const v = Array.from(column.subarray(cell * size, cell * size + size))
    return v.every(Number.isNaN) ? null : v
  }
  const x = column[cell]
  if (Number.isNaN(x)) return null
  return result.kind === 'bool' ? x === 1 : x
}

// --- internal ---

// Paths in the hot loops over samples are built only when something fails.
type Path = string | (() => string)
type Fail = (path: Path, message: string) => never
type Json = Record<string, unknown>

const runKeys = [
  'benchmark', 'title', 'description', 'post_description', 'tag', 'time', 'time_label', 'commit', 'branch',
  'repeats', 'inputs', 'consts', 'results', 'samples', 'failures', 'regression', 'meta', 'panels', '$schema',
]

/** The declarations and dense columns of a run: what its samples amount to. */
type Sweep = { inputs: InputVar[]; results: ResultVar[]; repeats: number; data: Record<string, Column> }

/**
 * Read the samples of any run, checking as it goes: every sample is an object, then the declarations,
 * then each sample's fields, inputs and repeat, then its cell and results. Throws at the first problem.
 */
function readSweep(obj: Json, maxCells: number, fail: Fail): Sweep {
  // Loops, not map: a run may hold a million samples, and a closure or a copy per sample costs more than the check.
  const samples = expectArray(obj.samples ?? [], 'samples', fail) as Json[]
  for (let i = 0; i < samples.length; i++) if (!isJson(samples[i])) expectObject(samples[i], `samples[${i}]`, fail)
  const failuresIn = expectArray(obj.failures ?? [], 'failures', fail).map((s, i) => expectObject(s, `failures[${i}]`, fail))

  const inputs = readInputs(obj.inputs, () => [...samples, ...failuresIn], fail)
  const results = readResults(obj.results, samples, obj.regression, fail)
  const resultIndex = new Map(results.map((r) => [r.name, r]))
  const locate = pointLocator(inputs, fail)

  // Typed arrays, not objects or Maps: a run may hold a million samples.
  const implicitRepeat = new Map<number, number>()
  const pointOf = new Int32Array(samples.length)
  const repeatOf = new Int32Array(samples.length)
  let mostRepeats = 1
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]
    for (const k in s) if (k !== 'inputs' && k !== 'repeat' && k !== 'results') checkKeys(s, sampleKeys, `samples[${i}]`, fail)
    const point = locate(s.inputs, 'samples', i)
    const given = s.repeat
    let repeat: number
    if (given === undefined) {
      repeat = (implicitRepeat.get(point) ?? 0) + 1
      implicitRepeat.set(point, repeat)
    } else repeat = expectRepeat(given, () => `samples[${i}].repeat`, fail)
    pointOf[i] = point
    repeatOf[i] = repeat
    if (repeat > mostRepeats) mostRepeats = repeat
  }
  const declaredRepeats = obj.repeats === undefined ? undefined : expectRepeat(obj.repeats, 'repeats', fail)
  const repeats = declaredRepeats ?? mostRepeats

  const cells = cellCount({ inputs, repeats })
  checkSize(inputs, results, repeats, maxCells, fail)
  const data = emptyColumns(results, cells)
  const sampleAt = new Int32Array(cells).fill(-1)
  for (let i = 0; i < samples.length; i++) {
    const repeat = repeatOf[i]
    if (repeat > repeats) fail(`samples[${i}].repeat`, `repeat ${repeat} is out of range 1..${repeats}`)
    const cell = cellIndex(pointOf[i], repeat, repeats)
    const first = sampleAt[cell]
    if (first !== -1) fail(`samples[${i}]`, `same inputs and repeat ${repeat} as samples[${first}]`)
    sampleAt[cell] = i
    const values = expectObject(samples[i].results ?? {}, () => `samples[${i}].results`, fail)
    let given = 0
    for (const r of results) {
      const x = values[r.name]
      if (x === undefined) continue
      given++
      writeCell(data[r.name], r, cell, x, () => `samples[${i}].results.${r.name}`, fail)
    }
    if (countKeys(values) !== given) checkNoUnknownKeys(values, resultIndex, () => `samples[${i}].results`, 'result', 'results', fail)
  }
  return { inputs, results, repeats, data }
}

/**
 * Read the samples of a well-formed run in one pass: repeats declared, and each sample an object with
 * known inputs, a repeat in range, a cell of its own and float, bool or string results of their kind.
 * Undefined for anything else, never an error: `readSweep` then reads the run and names the problem.
 * Given the same run, both give the same sweep.
 */
function readWellFormedSweep(obj: Json, maxCells: number): Sweep | undefined {
  const samples = obj.samples ?? []
  const failures = obj.failures ?? []
  const repeats = obj.repeats
  if (!Array.isArray(samples) || !Array.isArray(failures) || !failures.every(isJson)) return undefined
  if (typeof repeats !== 'number' || !Number.isInteger(repeats) || repeats < 1) return undefined
  let inputs: InputVar[]
  let results: ResultVar[]
  try {
    const refuse = (): never => {
      throw new Error('not well formed')
    }
    inputs = readInputs(obj.inputs, () => [...samples, ...failures], refuse)
    results = readResults(obj.results, samples, obj.regression, refuse)
  } catch {
    // Bad declarations, or samples that are not even objects: the checked passes say which.
    return undefined
  }
  if (!results.every((r) => r.kind === 'float' || r.kind === 'bool' || r.kind === 'string')) return undefined

  const valueIndex = valueIndexes(inputs)
  const inputNames = inputs.map((v) => v.name)
  const axisLengths = inputs.map((v) => v.values.length)
  const cells = cellCount({ inputs, repeats })
  // Columns are made before any sample is checked: a sweep far larger than its samples (or a wild
  // `repeats`) is left to the checked passes, which report a bad sample before they allocate.
  if (cells > 4 * samples.length + 1024 || columnValues(results, cells) > maxCells) return undefined
  const data = emptyColumns(results, cells)
  const resultNames = results.map((r) => r.name)
  const kinds = results.map((r) => r.kind)
  const columns = results.map((r) => data[r.name])
  const taken = new Uint8Array(cells)
  // One loop with no calls that allocate: at a million samples, walking the objects twice costs more than all the checks.
  for (let i = 0; i < samples.length; i++) {
    const s: unknown = samples[i]
    if (!isJson(s)) return undefined
    for (const k in s) if (k !== 'inputs' && k !== 'repeat' && k !== 'results') return undefined
    const given = s.inputs === undefined ? noFields : s.inputs
    if (!isJson(given)) return undefined
    let point = 0
    for (let j = 0; j < inputNames.length; j++) {
      const at = valueIndex[j].get(given[inputNames[j]])
      if (at === undefined) return undefined
      point = point * axisLengths[j] + at
    }
    if (countKeys(given) !== inputNames.length) return undefined
    const repeat = s.repeat
    if (typeof repeat !== 'number' || !Number.isInteger(repeat) || repeat < 1 || repeat > repeats) return undefined
    const cell = cellIndex(point, repeat, repeats)
    if (taken[cell] === 1) return undefined
    taken[cell] = 1
    const values = s.results ?? noFields
    if (!isJson(values)) return undefined
    let present = 0
    for (let k = 0; k < resultNames.length; k++) {
      const x = values[resultNames[k]]
      if (x === undefined) continue
      present++
      if (x === null) continue // a missing cell stays missing, as in writeCell
      const kind = kinds[k]
      if (kind === 'float') {
        if (typeof x !== 'number' || !Number.isFinite(x)) return undefined
        ;(columns[k] as Float64Array)[cell] = x
      } else if (kind === 'bool') {
        if (typeof x !== 'boolean') return undefined
        ;(columns[k] as Float64Array)[cell] = x ? 1 : 0
      } else {
        if (typeof x !== 'string') return undefined
        ;(columns[k] as (string | null)[])[cell] = x
      }
    }
    if (countKeys(values) !== present) return undefined
  }
  return { inputs, results, repeats, data }
}

/**
 * The point of a sample's or failure's inputs, checking them. The path (`<list>[<index>].inputs`)
 * is built only when something fails.
 */
function pointLocator(inputs: InputVar[], fail: Fail): (raw: unknown, list: string, index: number) => number {
  const inputIndex = new Map(inputs.map((v, i) => [v.name, i]))
  const valueIndex = valueIndexes(inputs)
  return (raw, list, index) => {
    const path = () => `${list}[${index}].inputs`
    const given = raw === undefined ? noFields : expectObject(raw, path, fail)
    let point = 0
    for (let i = 0; i < inputs.length; i++) {
      const v = inputs[i]
      const x = given[v.name]
      let at = valueIndex[i].get(x)
      if (at === undefined) {
        if (countKeys(given) > inputs.length || !(v.name in given)) checkNoUnknownKeys(given, inputIndex, path, 'input', 'inputs', fail)
        if (!(v.name in given)) fail(path, `missing input "${v.name}"`)
        checkInputValue(x, v, () => `${path()}.${v.name}`, fail)
        at = fail(() => `${path()}.${v.name}`, `${JSON.stringify(x)} is not among the declared values of "${v.name}"`)
      }
      point = point * v.values.length + at
    }
    if (countKeys(given) !== inputs.length) checkNoUnknownKeys(given, inputIndex, path, 'input', 'inputs', fail)
    return point
  }
}

// Each input's values to their index along its axis. A Map compares keys by value and type,
// so a cat "1" never matches an int 1; a hit therefore also proves the value's type.
function valueIndexes(inputs: InputVar[]): Map<unknown, number>[] {
  return inputs.map((v) => new Map<unknown, number>(v.values.map((x, i) => [x, i])))
}

// Values the dense columns of a sweep hold: cells per result, times its size for a vec. May exceed 2^53 (then inexact, still over any cap).
function columnValues(results: ResultVar[], cells: number): number {
  let width = 0
  for (const r of results) width += r.kind === 'vec' ? (r.size ?? 1) : 1
  return cells * Math.max(1, width)
}

function checkSize(inputs: InputVar[], results: ResultVar[], repeats: number, maxCells: number, fail: Fail): void {
  const values = columnValues(results, cellCount({ inputs, repeats }))
  if (values <= maxCells) return
  const shape = [...inputs.map((v) => v.values.length), repeats].join(' x ')
  const widths = results.filter((r) => r.kind === 'vec').map((r) => `${r.name}[${r.size}]`)
  const per = widths.length > 0 ? `, vectors ${widths.join(', ')}` : ''
  fail('samples', `the sweep is ${shape} (inputs x repeats${per}): ${Number.isSafeInteger(values) ? values : values.toPrecision(3)} cells, over the cap of ${maxCells}; raise it with import --max-cells N`)
}

// Every cell starts missing: NaN in a numeric column, null in a text one.
function emptyColumns(results: ResultVar[], cells: number): Record<string, Column> {
  const data: Record<string, Column> = {}
  for (const r of results) {
    data[r.name] = isNumericKind(r.kind)
      ? new Float64Array(cells * (r.kind === 'vec' ? (r.size as number) : 1)).fill(Number.NaN)
      : new Array<string | null>(cells).fill(null)
  }
  return data
}

function resolvePath(path: Path): string {
  return typeof path === 'function' ? path() : path
}

const sampleKeys = ['inputs', 'repeat', 'results']

// Stands in for an absent `inputs` or `results`; only ever read.
const noFields: Json = Object.freeze({})

function isJson(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function countKeys(o: Json): number {
  let n = 0
  for (const _ in o) n++
  return n
}

// Called only once a count says some key is not declared, to name it.
function checkNoUnknownKeys(o: Json, declared: Map<string, unknown>, path: Path, what: string, where: string, fail: Fail): void {
  for (const name of Object.keys(o)) if (!declared.has(name)) fail(() => `${resolvePath(path)}.${name}`, `${what} "${name}" is not declared in ${where}`)
}

function stableStringify(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stableStringify).join(',')}]`
  if (x && typeof x === 'object') {
    const o = x as Json
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`
  }
  return JSON.stringify(x) ?? 'null'
}

function pointValues(inputs: InputVar[], point: number): Record<string, InputValue> {
  const out: Record<string, InputValue> = {}
  for (let i = inputs.length - 1; i >= 0; i--) {
    const n = inputs[i].values.length
    out[inputs[i].name] = inputs[i].values[point % n]
    point = Math.floor(point / n)
  }
  return Object.fromEntries(inputs.map((v) => [v.name, out[v.name]]))
}

function describe(x: unknown): string {
  if (x === undefined) return 'nothing'
  const s = JSON.stringify(x)
  return s.length > 40 ? `${s.slice(0, 37)}...` : s
}

function expectObject(x: unknown, path: Path, fail: Fail): Json {
  if (!isJson(x)) fail(path, `expected an object, got ${describe(x)}`)
  return x as Json
}

function expectArray(x: unknown, path: Path, fail: Fail): unknown[] {
  if (!Array.isArray(x)) fail(path, `expected an array, got ${describe(x)}`)
  return x as unknown[]
}

function expectString(x: unknown, path: Path, fail: Fail): string {
  if (typeof x !== 'string') fail(path, `expected a string, got ${describe(x)}`)
  return x as string
}

function optionalString(x: unknown, path: Path, fail: Fail): string | null {
  return x === undefined || x === null ? null : expectString(x, path, fail)
}

function expectRepeat(x: unknown, path: Path, fail: Fail): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 1) fail(path, `expected a whole number of at least 1, got ${describe(x)}`)
  return x as number
}

function expectTime(x: unknown, fail: Fail): string {
  const s = expectString(x, 'time', fail)
  const t = Date.parse(s)
  if (!/^\d{4}-\d{2}-\d{2}/.test(s) || Number.isNaN(t)) fail('time', `expected an ISO 8601 time, got ${describe(s)}`)
  return new Date(t).toISOString()
}

function checkKeys(obj: Json, allowed: readonly string[], path: Path, fail: Fail): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) fail(() => (resolvePath(path) ? `${resolvePath(path)}.${k}` : k), `unknown field (expected one of: ${allowed.filter((a) => a !== '$schema').join(', ')})`)
  }
}

function oneOf<T extends string>(x: unknown, allowed: readonly T[], path: string, fail: Fail): T {
  if (typeof x !== 'string' || !allowed.includes(x as T)) fail(path, `expected one of ${allowed.join(', ')}, got ${describe(x)}`)
  return x as T
}

// Keys that keep 1 and "1" apart, so that a cat value "1" never matches an int 1.
function valueKey(x: InputValue): string {
  return `${typeof x}:${String(x)}`
}

function inferInputKind(values: unknown[]): InputKind {
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'bool'
  if (values.length > 0 && values.every((v) => typeof v === 'number')) {
    return values.every((v) => Number.isInteger(v)) ? 'int' : 'float'
  }
  return 'cat'
}

function checkInputValue(x: unknown, v: Pick<InputVar, 'kind' | 'name'>, path: Path, fail: Fail): InputValue {
  switch (v.kind) {
    case 'float':
      if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, `expected a number, got ${describe(x)}`)
      break
    case 'int':
      if (typeof x !== 'number' || !Number.isInteger(x)) fail(path, `expected a whole number, got ${describe(x)}`)
      break
    case 'bool':
      if (typeof x !== 'boolean') fail(path, `expected true or false, got ${describe(x)}`)
      break
    case 'cat':
      if (typeof x !== 'string') fail(path, `expected a string, got ${describe(x)}`)
      break
  }
  return x as InputValue
}

function readInputs(raw: unknown, allRows: () => Json[], fail: Fail): InputVar[] {
  // The samples and failures together, gathered only when some input has no declared values.
  let gathered: Json[] | undefined
  const rows = () => (gathered ??= allRows())
  // Without declarations, inputs are taken from the samples in order of first appearance.
  const declared =
    raw === undefined
      ? [...new Set(rows().flatMap((s) => (typeof s.inputs === 'object' && s.inputs ? Object.keys(s.inputs) : [])))].map((name) => ({ name }))
      : expectArray(raw, 'inputs', fail)
  const names = new Set<string>()
  return declared.map((d, i) => {
    const path = `inputs[${i}]`
    const o = expectObject(d, path, fail)
    checkKeys(o, ['name', 'kind', 'units', 'doc', 'values'], path, fail)
    const name = expectString(o.name, `${path}.name`, fail)
    if (name === '' || name === 'repeat') fail(`${path}.name`, `"${name}" cannot name an input`)
    if (names.has(name)) fail(`${path}.name`, `input "${name}" is declared twice`)
    names.add(name)
    let values: unknown[]
    if (o.values === undefined) {
      const seen = new Map<string, unknown>()
      for (const s of rows()) {
        const given = s.inputs as Json | undefined
        if (given && typeof given === 'object' && name in given) {
          const x = given[name]
          seen.set(`${typeof x}:${String(x)}`, x)
        }
      }
      values = [...seen.values()]
    } else values = expectArray(o.values, `${path}.values`, fail)
    const kind = o.kind === undefined ? inferInputKind(values) : oneOf(o.kind, inputKinds, `${path}.kind`, fail)
    const checked = values.map((x, j) => checkInputValue(x, { kind, name }, `${path}.values[${j}]`, fail))
    if (o.values === undefined && (kind === 'int' || kind === 'float')) (checked as number[]).sort((a, b) => a - b)
    const keys = new Set<string>()
    checked.forEach((x, j) => {
      if (keys.has(valueKey(x))) fail(`${path}.values[${j}]`, `${describe(x)} is listed twice`)
      keys.add(valueKey(x))
    })
    if (checked.length === 0) fail(`${path}.values`, `input "${name}" has no values`)
    return {
      name,
      kind,
      units: optionalString(o.units, `${path}.units`, fail) ?? '',
      doc: optionalString(o.doc, `${path}.doc`, fail) ?? '',
      values: checked,
    }
  })
}

function inferResultKind(samples: Json[], name: string): { kind: ResultKind; size?: number } {
  for (const s of samples) {
    const x = (s.results as Json | undefined)?.[name]
    if (x === undefined || x === null) continue
    if (typeof x === 'boolean') return { kind: 'bool' }
    if (typeof x === 'number') return { kind: 'float' }
    if (Array.isArray(x)) return { kind: 'vec', size: x.length }
    return { kind: 'string' }
  }
  return { kind: 'float' }
}

function readRegression(raw: unknown, path: string, fail: Fail): RegressionSetting | undefined {
  if (raw === undefined) return undefined
  const o = expectObject(raw, path, fail)
  checkKeys(o, ['method', 'threshold'], path, fail)
  const method = oneOf(o.method ?? 'adaptive', regressionMethods, `${path}.method`, fail)
  if (o.threshold !== undefined && (typeof o.threshold !== 'number' || !Number.isFinite(o.threshold))) {
    fail(`${path}.threshold`, `expected a number, got ${describe(o.threshold)}`)
  }
  return o.threshold === undefined ? { method } : { method, threshold: o.threshold as number }
}

function readResults(raw: unknown, samples: Json[], runRegression: unknown, fail: Fail): ResultVar[] {
  const declared =
    raw === undefined
      ? [...new Set(samples.flatMap((s) => (typeof s.results === 'object' && s.results ? Object.keys(s.results) : [])))].map((name) => ({ name }))
      : expectArray(raw, 'results', fail)
  const fallback = readRegression(runRegression, 'regression', fail)
  const names = new Set<string>()
  return declared.map((d, i) => {
    const path = `results[${i}]`
    const o = expectObject(d, path, fail)
    checkKeys(o, ['name', 'kind', 'units', 'direction', 'doc', 'size', 'regression'], path, fail)
    const name = expectString(o.name, `${path}.name`, fail)
    if (name === '') fail(`${path}.name`, 'must not be empty')
    if (names.has(name)) fail(`${path}.name`, `result "${name}" is declared twice`)
    names.add(name)
    const inferred = o.kind === undefined ? inferResultKind(samples, name) : { kind: oneOf(o.kind, resultKinds, `${path}.kind`, fail) }
    const numeric = isNumericKind(inferred.kind)
    const result: ResultVar = {
      name,
      kind: inferred.kind,
      units: optionalString(o.units, `${path}.units`, fail) ?? '',
      direction: o.direction === undefined ? (numeric ? 'minimize' : 'none') : oneOf(o.direction, directions, `${path}.direction`, fail),
      doc: optionalString(o.doc, `${path}.doc`, fail) ?? '',
    }
    if (inferred.kind === 'vec') {
      const size = o.size ?? inferred.size ?? inferResultKind(samples, name).size
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) fail(`${path}.size`, `a vec result needs a whole-number size, got ${describe(size)}`)
      result.size = size as number
    } else if (o.size !== undefined) fail(`${path}.size`, 'only vec results have a size')
    const regression = readRegression(o.regression, `${path}.regression`, fail) ?? fallback
    if (regression) result.regression = regression
    return result
  })
}

function writeCell(column: Column, r: ResultVar, cell: number, x: unknown, path: Path, fail: Fail): void {
  if (x === null || x === undefined) return // a missing cell stays missing, never zero
  if (column instanceof Float64Array) {
    if (r.kind === 'bool') {
      if (typeof x !== 'boolean') fail(path, `expected true or false, got ${describe(x)}`)
      column[cell] = x ? 1 : 0
    } else if (r.kind === 'vec') {
      const size = r.size as number
      if (!Array.isArray(x) || x.length !== size) fail(path, `expected an array of ${size} numbers, got ${describe(x)}`)
      ;(x as unknown[]).forEach((v, k) => {
        if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) fail(() => `${resolvePath(path)}[${k}]`, `expected a number, got ${describe(v)}`)
        column[cell * size + k] = v === null ? Number.NaN : (v as number)
      })
    } else {
      if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, `expected a number, got ${describe(x)}`)
      column[cell] = x as number
    }
  } else {
    if (typeof x !== 'string') fail(path, `expected a string, got ${describe(x)}`)
    if (r.kind !== 'string') checkRelativePath(x as string, path, fail)
    column[cell] = x as string
  }
}

// Media results name files under the cache directory; anything that could leave it is refused here.
function checkRelativePath(p: string, path: Path, fail: Fail): void {
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p) || p.split(/[\\/]/).includes('..')) {
    fail(path, `expected a path relative to the cache directory, got ${describe(p)}`)
  }
}
