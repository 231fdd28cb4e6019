import { BenchPlotError } from '../errors'
import type { RunInput } from '../model/run-format'
import { buildRuns, isRate, isoTime, repeatCounter, type FailureRow, type RawValue, type ResultSpec, type Row, type RunDraft } from './build-run'
import { expectArray, expectNumber, expectObject, expectString, failFor, isObject, optionalString, parseJson, sniffJson, type Fail, type JsonObject } from './json'
import type { ParseOptions } from './types'

export const format = 'google-benchmark'

/** Google Benchmark JSON (`--benchmark_format=json` or `--benchmark_out`): a `context` object and a `benchmarks` array. */
export function detect(text: string): boolean {
  const v = sniffJson(text)
  if (v === undefined) return looksLikeTruncated(text)
  return isObject(v) && isObject(v.context) && Array.isArray(v.benchmarks)
}

/** One run per family (`BM_Sort`); see docs/importers.md for the mapping. */
export function parse(text: string, opts: ParseOptions = {}): RunInput[] {
  const source = opts.source ?? 'input'
  const fail = failFor(source)
  const root = expectObject(readRoot(text, source, opts.warn), '', fail)
  const context = expectObject(root.context, 'context', fail)
  const given = expectArray(root.benchmarks, 'benchmarks', fail).map((b, i) => expectObject(b, `benchmarks[${i}]`, fail))
  const names = new Set(given.map((b) => b.name))
  const entries = given.map((b) => markLegacyAggregate(b, names))
  const time = readDate(context.date)

  const families = new Map<string, JsonObject[]>()
  const paths = new Map<JsonObject, string>()
  entries.forEach((b, i) => {
    paths.set(b, `benchmarks[${i}]`)
    const name = runName(b, `benchmarks[${i}]`, fail)
    const family = name.split('/')[0]
    families.set(family, [...(families.get(family) ?? []), b])
  })

  const read = [...families].map(([family, rows]) => readFamily(family, rows, (b) => paths.get(b) as string, fail))
  // A family with only aggregate rows (e.g. BigO/RMS of a benchmark filtered out) has nothing to plot: no run.
  const drafts = read.filter((d) => d.rows.length > 0 || (d.failures?.length ?? 0) > 0)
  for (const d of read.filter((x) => !drafts.includes(x))) {
    opts.warn?.(`${source}: ${d.family}: only aggregate rows (${describeAggregates(families.get(d.family) ?? [])}), no measurements: no run recorded`)
  }
  if (drafts.length === 0) fail('benchmarks', 'no measured benchmark (only aggregate rows)')
  for (const d of drafts) {
    d.time = time
    d.meta = { context, ...d.meta }
  }
  return buildRuns(drafts, opts)
}

// --- internal ---

/** Fields of a benchmark entry that are not user counters. */
const knownFields = new Set([
  'name', 'family_index', 'per_family_instance_index', 'run_name', 'run_type', 'repetitions', 'repetition_index',
  'threads', 'iterations', 'real_time', 'cpu_time', 'time_unit', 'aggregate_name', 'aggregate_unit',
  'error_occurred', 'error_message', 'skipped', 'skip_message', 'label', 'big_o', 'real_coefficient',
  'cpu_coefficient', 'rms', 'complexity_n', 'memory_iterations',
])

/** Memory-manager fields (`--benchmark_memory_...`): bytes and allocation counts, lower is better. */
const memoryFields: Record<string, string> = {
  allocs_per_iter: 'allocs',
  max_bytes_used: 'B',
  total_allocated_bytes: 'B',
  net_heap_growth: 'B',
}

const timeUnits: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }

/** Name segments that set how a benchmark runs rather than what it measures; kept out of the inputs. */
const runFlags = /^(real_time|process_time|manual_time|(repeats|iterations|min_time|min_warmup_time):.*)$/

function runName(b: JsonObject, path: string, fail: Fail): string {
  if (typeof b.run_name === 'string') return b.run_name
  // Versions before 1.5 have no run_name; aggregate rows append `_<aggregate_name>` to the name.
  const name = expectString(b.name, `${path}.name`, fail)
  const agg = aggregateName(b)
  return agg && name.endsWith(`_${agg}`) ? name.slice(0, -agg.length - 1) : name
}

/**
 * The aggregate a row is (`mean`, `median`, `stddev`, `cv`, `BigO`, `RMS`, or a user statistic), or undefined
 * for a measured row. Versions before 1.5 write no run_type or aggregate_name: their complexity rows are told by
 * the `big_o` / `rms` fields (their other aggregates by name, see markLegacyAggregate).
 */
function aggregateName(b: JsonObject): string | undefined {
  if (typeof b.aggregate_name === 'string') return b.aggregate_name
  if (b.run_type === 'iteration') return undefined
  if (typeof b.big_o === 'string') return 'BigO'
  if (typeof b.rms === 'number' && b.real_time === undefined) return 'RMS'
  return undefined
}

/**
 * Before v1.5 an aggregate row is told only by its name: `BM_Sum/16/repeats:3_mean` next to rows named
 * `BM_Sum/16/repeats:3`. Such a row gets the run_type and aggregate_name later versions write; a benchmark that
 * merely ends in `_mean` (no row without the suffix) stays a measurement.
 */
function markLegacyAggregate(b: JsonObject, names: Set<unknown>): JsonObject {
  if (b.run_type !== undefined || typeof b.name !== 'string') return b
  const m = /^(.*)_(mean|median|stddev|cv)$/.exec(b.name)
  return m && names.has(m[1]) ? { ...b, run_type: 'aggregate', aggregate_name: m[2] } : b
}

function isAggregate(b: JsonObject): boolean {
  return b.run_type === 'aggregate' || aggregateName(b) !== undefined
}

/** Inputs from a run name: positional args become `arg0`, `arg1`…, `n:16` keeps its name, `threads:N` gives `threads`. */
function nameInputs(name: string): { inputs: Record<string, RawValue>; flags: string[] } {
  const inputs: Record<string, RawValue> = {}
  const flags: string[] = []
  let position = 0
  for (const seg of name.split('/').slice(1)) {
    if (runFlags.test(seg)) flags.push(seg)
    else if (seg.startsWith('threads:')) inputs.threads = seg.slice('threads:'.length)
    else {
      const colon = seg.indexOf(':')
      if (colon > 0) inputs[seg.slice(0, colon)] = seg.slice(colon + 1)
      else inputs[`arg${position}`] = seg
      position++
    }
  }
  return { inputs, flags }
}

function readFamily(family: string, entries: JsonObject[], pathOf: (b: JsonObject) => string, fail: Fail): RunDraft {
  const iterations = entries.filter((b) => !isAggregate(b))
  const aggregates = entries.filter((b) => isAggregate(b))
  const complexity = aggregates.filter((b) => aggregateName(b) === 'BigO' || aggregateName(b) === 'RMS')
  // With --benchmark_report_aggregates_only there are no per-repetition rows: the means stand in for them.
  const fromMeans = iterations.length === 0 && aggregates.some((b) => aggregateName(b) === 'mean')
  const measured = fromMeans ? aggregates.filter((b) => aggregateName(b) === 'mean') : iterations

  const units = new Set(measured.filter((b) => !isFailed(b)).map((b) => String(b.time_unit ?? 'ns')))
  // A family whose instances use different units (->Unit() per instance) is converted to ns.
  const unit = units.size === 1 ? [...units][0] : 'ns'
  const counters = new Set<string>()
  const nextRepeat = repeatCounter()
  const rows: Row[] = []
  const failures: FailureRow[] = []
  const flagSets = new Set<string>()
  const parsed = measured.map((b) => {
    const path = pathOf(b)
    const name = runName(b, path, fail)
    const { inputs, flags } = nameInputs(name)
    flagSets.add(flags.filter((f) => !/^(repeats|iterations|min_time|min_warmup_time):/.test(f)).join('/'))
    const repeat = typeof b.repetition_index === 'number' ? b.repetition_index + 1 : nextRepeat(name)
    return { b, path, inputs, flags, repeat }
  })
  // Timing flags (real_time…) are the same for a whole family, except when two registrations share a name.
  const timingVaries = flagSets.size > 1
  for (const { b, path, inputs, flags, repeat } of parsed) {
    if (timingVaries) inputs.timing = flags.filter((f) => !f.includes(':')).join('/') || 'cpu_time'
    if (isFailed(b)) {
      failures.push({ inputs, repeat, error: String(b.error_message ?? b.skip_message ?? 'skipped') })
      continue
    }
    const factor = scale(b, unit, path, fail)
    const results: Row['results'] = {
      real_time: expectNumber(b.real_time, `${path}.real_time`, fail) * factor,
      cpu_time: expectNumber(b.cpu_time, `${path}.cpu_time`, fail) * factor,
    }
    for (const [k, v] of Object.entries(b)) {
      if (knownFields.has(k) || typeof v !== 'number') continue
      results[k] = v
      counters.add(k)
    }
    rows.push({ inputs, repeat, results })
  }

  const results: ResultSpec[] = [
    { name: 'real_time', units: unit, direction: 'minimize', doc: 'wall-clock time per iteration' },
    { name: 'cpu_time', units: unit, direction: 'minimize', doc: 'CPU time per iteration' },
    ...[...counters].map((name) => counterSpec(name)),
  ]
  const meta: Record<string, unknown> = {}
  const flags = [...flagSets].filter(Boolean)
  if (!timingVaries && flags.length === 1) meta.flags = flags[0]
  if (units.size > 1) meta.converted_from_units = [...units].sort()
  if (fromMeans) meta.samples_from = 'mean aggregates (--benchmark_report_aggregates_only)'
  if (complexity.length > 0) meta.complexity = complexity.map(complexityRow)
  const labels = Object.fromEntries(measured.filter((b) => typeof b.label === 'string' && b.label).map((b) => [String(b.name), b.label]))
  if (Object.keys(labels).length > 0) meta.labels = labels
  return {
    family,
    rows,
    failures,
    results,
    inputDocs: Object.fromEntries(
      [...new Set(parsed.flatMap((p) => Object.keys(p.inputs)))]
        .filter((k) => /^arg\d+$/.test(k))
        .map((k) => [k, `positional argument ${k.slice(3)}`]),
    ),
    meta,
  }
}

function isFailed(b: JsonObject): boolean {
  return b.error_occurred === true || (typeof b.skipped === 'number' && b.skipped > 0) || b.skipped === true
}

function scale(b: JsonObject, unit: string, path: string, fail: Fail): number {
  const from = optionalString(b.time_unit, `${path}.time_unit`, fail) ?? 'ns'
  if (!(from in timeUnits)) fail(`${path}.time_unit`, `expected one of ns, us, ms, s, got ${JSON.stringify(from)}`)
  return timeUnits[from] / timeUnits[unit]
}

function counterSpec(name: string): ResultSpec {
  if (name === 'items_per_second') return { name, units: 'items/s', direction: 'maximize' }
  if (name === 'bytes_per_second') return { name, units: 'B/s', direction: 'maximize' }
  if (name in memoryFields) return { name, units: memoryFields[name], direction: 'minimize' }
  // The JSON does not say whether a user counter is a rate; a name ending in _per_second is taken as one.
  return { name, units: '', direction: isRate(name) ? 'maximize' : 'none', doc: 'user counter' }
}

function complexityRow(b: JsonObject): Record<string, unknown> {
  const keep = ['name', 'big_o', 'real_coefficient', 'cpu_coefficient', 'rms', 'time_unit']
  return { aggregate_name: aggregateName(b), ...Object.fromEntries(keep.filter((k) => b[k] !== undefined).map((k) => [k, b[k]])) }
}

function describeAggregates(rows: JsonObject[]): string {
  return [...new Set(rows.map((b) => aggregateName(b) ?? String(b.run_type ?? 'aggregate')))].join(', ')
}

/**
 * The root object; a file cut short while Google Benchmark was writing it (`--benchmark_out` is written
 * benchmark by benchmark, so a killed or crashed run leaves a truncated file) keeps its complete benchmarks,
 * with a warning naming how many were kept and that the last, incomplete one was dropped.
 */
function readRoot(text: string, source: string, warn: ((message: string) => void) | undefined): unknown {
  try {
    return parseJson(text, source)
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes('unexpected end of file')) throw err
    const cut = completeBenchmarks(text)
    if (!cut) throw err
    if (cut.kept === 0) throw new BenchPlotError('PARSE', `${source}: truncated before its first complete benchmark (${err.message.split(': ').pop()})`)
    warn?.(`${source}: truncated: kept the ${cut.kept} complete benchmarks, dropped the incomplete one after benchmarks[${cut.kept - 1}]`)
    return cut.value
  }
}

/** A Google Benchmark JSON text cut short: starts with `{ "context":` and has a `"benchmarks": [`. */
function looksLikeTruncated(text: string): boolean {
  return /^[\s\uFEFF]*\{\s*"context"\s*:/.test(text.slice(0, 200)) && /"benchmarks"\s*:\s*\[/.test(text)
}

/** The document up to the last complete element of `benchmarks`, closed; undefined when that does not parse. */
function completeBenchmarks(text: string): { value: unknown; kept: number } | undefined {
  const open = /"benchmarks"\s*:\s*\[/.exec(text)
  if (!open) return undefined
  let end = open.index + open[0].length
  let kept = 0
  let depth = 0
  let inString = false
  for (let i = end; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
    } else if (ch === '"') inString = true
    else if (ch === '{' || ch === '[') depth++
    else if (ch === '}' || ch === ']') {
      depth--
      if (depth === 0) {
        end = i + 1
        kept++
      }
      if (depth < 0) return undefined // the array closed: not a truncation inside it
    }
  }
  try {
    return { value: JSON.parse(`${text.slice(0, end).replace(/^\uFEFF/, '')}]}`), kept }
  } catch {
    return undefined
  }
}

/** `context.date`: ISO 8601 in current versions, `2015/03/17-18:40:25` (local time) in old ones. */
function readDate(date: unknown): string | undefined {
  if (typeof date !== 'string') return undefined
  const old = /^(\d{4})\/(\d{2})\/(\d{2})-(\d{2}:\d{2}:\d{2})$/.exec(date)
  return old ? `${old[1]}-${old[2]}-${old[3]}T${old[4]}` : isoTime(date)
}
