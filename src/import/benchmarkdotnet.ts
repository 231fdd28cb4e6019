import type { RunInput } from '../model/run-format'
import { buildRuns, type FailureRow, type RawValue, type Row, type RunDraft } from './build-run'
import { expectArray, expectNumber, expectObject, expectString, failFor, isObject, optionalString, parseJson, sniffJson, type Fail, type JsonObject } from './json'
import type { ParseOptions } from './types'

export const format = 'benchmarkdotnet'

/** BenchmarkDotNet JSON export (`--exporters json`, full or brief): `Title`, `HostEnvironmentInfo`, `Benchmarks`. */
export function detect(text: string): boolean {
  const v = sniffJson(text)
  return isObject(v) && Array.isArray(v.Benchmarks) && (isObject(v.HostEnvironmentInfo) || typeof v.Title === 'string')
}

/** One run per benchmark class (`Type`); see docs/importers.md for the mapping. */
export function parse(text: string, opts: ParseOptions = {}): RunInput[] {
  const source = opts.source ?? 'input'
  const fail = failFor(source)
  const root = expectObject(parseJson(text, source), '', fail)
  const entries = expectArray(root.Benchmarks, 'Benchmarks', fail).map((b, i) => ({ path: `Benchmarks[${i}]`, b: expectObject(b, `Benchmarks[${i}]`, fail) }))
  const types = new Map<string, { path: string; b: JsonObject }[]>()
  for (const e of entries) {
    const type = expectString(e.b.Type, `${e.path}.Type`, fail)
    types.set(type, [...(types.get(type) ?? []), e])
  }
  const title = optionalString(root.Title, 'Title', fail)
  const meta: Record<string, unknown> = {}
  if (title) meta.title = title
  if (isObject(root.HostEnvironmentInfo)) meta.host = root.HostEnvironmentInfo
  const drafts = [...types].map(([type, cases]) => {
    const d = readType(type, cases, fail)
    d.time = titleTime(title)
    d.meta = { ...meta, ...d.meta }
    return d
  })
  return buildRuns(drafts, opts)
}

/**
 * `N=1000, Mode=Fast` → `{ N: '1000', Mode: 'Fast' }`; a value may itself hold ", ".
 * BenchmarkDotNet before 0.12 joined them with `&`: `amount=5500&fee=10`.
 */
export function parseParameters(s: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of s.split(/(?:, |&)(?=[^=,&\s]+=)/)) {
    const eq = part.indexOf('=')
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1)
  }
  return out
}

// --- internal ---

function readType(type: string, cases: { path: string; b: JsonObject }[], fail: Fail): RunDraft {
  const methods = new Set(cases.map(({ b }) => String(b.Method)))
  const jobs = new Set(cases.map(({ b }) => jobOf(b)))
  const rows: Row[] = []
  const failures: FailureRow[] = []
  const summaries: Record<string, unknown> = {}
  const sources = new Set<string>()
  for (const { path, b } of cases) {
    const inputs: Record<string, RawValue> = {}
    if (methods.size > 1) inputs.method = expectString(b.Method, `${path}.Method`, fail)
    for (const [k, v] of Object.entries(parseParameters(optionalString(b.Parameters, `${path}.Parameters`, fail) ?? ''))) inputs[k] = v
    // The same method and parameters under two jobs (e.g. two runtimes) are told apart by the job.
    if (jobs.size > 1) inputs.job = jobOf(b)
    const times = sampleTimes(b, path, fail)
    const memory = isObject(b.Memory) ? b.Memory : undefined
    if (times === undefined) {
      // A benchmark that threw or was cancelled: BenchmarkDotNet writes `Statistics: null` and no Result iterations.
      failures.push({ inputs, repeat: 1, error: 'no result: BenchmarkDotNet reports no statistics for this benchmark (it failed)' })
    } else {
      sources.add(times.from)
      times.values.forEach((t, i) => {
        const results: Row['results'] = { time: t }
        // BytesAllocatedPerOperation is one figure per case, so it sits on repeat 1.
        if (i === 0 && memory && typeof memory.BytesAllocatedPerOperation === 'number') results.allocated = memory.BytesAllocatedPerOperation
        rows.push({ inputs, repeat: i + 1, results })
      })
    }
    const stats = isObject(b.Statistics) ? b.Statistics : {}
    // FullName leaves the job out: two jobs of one case are kept apart by the job.
    const fullName = String(b.FullName ?? b.DisplayInfo ?? path)
    summaries[jobs.size > 1 ? `${fullName} [${jobOf(b)}]` : fullName] = {
      mean: stats.Mean ?? null,
      median: stats.Median ?? null,
      stddev: stats.StandardDeviation ?? null,
      n: stats.N ?? null,
      ...(memory ? { memory } : {}),
    }
  }
  return {
    family: type,
    rows,
    failures,
    results: [
      { name: 'time', units: 'ns', direction: 'minimize', doc: `time per operation (${[...sources].join('; ') || 'none'})` },
      { name: 'allocated', units: 'B', direction: 'minimize', doc: 'bytes allocated per operation (MemoryDiagnoser; repeat 1 only)' },
    ],
    inputDocs: { method: 'benchmark method', job: 'BenchmarkDotNet job' },
    meta: { statistics: summaries },
  }
}

/**
 * ns per operation of each iteration BenchmarkDotNet's own statistics are computed from: the full export's
 * Workload/Result measurements (Actual minus the overhead, upper outliers removed), so their mean is
 * `Statistics.Mean`. The brief export has no measurements: Statistics.OriginalValues (the same values) or,
 * at worst, Statistics.Mean stand in. Undefined when the benchmark has no result at all (it failed).
 */
function sampleTimes(b: JsonObject, path: string, fail: Fail): { values: number[]; from: string } | undefined {
  if (Array.isArray(b.Measurements)) {
    const ms = b.Measurements.map((m, i) => ({ m: expectObject(m, `${path}.Measurements[${i}]`, fail), i }))
    const stage = (name: string) => ms.filter(({ m }) => m.IterationMode === 'Workload' && m.IterationStage === name)
    // Exports written before the Result stage existed have only Actual iterations.
    const result = stage('Result')
    const chosen = result.length > 0 ? { rows: result, from: 'Workload/Result' } : { rows: stage('Actual'), from: 'Workload/Actual' }
    if (chosen.rows.length > 0) {
      return {
        from: `${chosen.from} measurements: Nanoseconds / Operations`,
        values: chosen.rows.map(({ m, i }) => {
          const at = `${path}.Measurements[${i}]`
          return expectNumber(m.Nanoseconds, `${at}.Nanoseconds`, fail) / expectNumber(m.Operations, `${at}.Operations`, fail)
        }),
      }
    }
  }
  if (b.Statistics === null || b.Statistics === undefined) return undefined
  const stats = expectObject(b.Statistics, `${path}.Statistics`, fail)
  if (Array.isArray(stats.OriginalValues) && stats.OriginalValues.length > 0) {
    return { from: 'Statistics.OriginalValues', values: stats.OriginalValues.map((x, i) => expectNumber(x, `${path}.Statistics.OriginalValues[${i}]`, fail)) }
  }
  return { from: 'Statistics.Mean', values: [expectNumber(stats.Mean, `${path}.Statistics.Mean`, fail)] }
}

/** The job out of `DisplayInfo` (`Type.Method: Job-ABC(Runtime=.NET 8.0) [N=10]`). */
function jobOf(b: JsonObject): string {
  const info = typeof b.DisplayInfo === 'string' ? b.DisplayInfo : ''
  const m = /^[^:]*: (.*?)(?: \[.*\])?$/.exec(info)
  return m ? m[1] : 'DefaultJob'
}

/** BenchmarkDotNet titles end with the local start time: `IntroBenchmark-20240124-112136`. */
function titleTime(title: string | undefined): string | undefined {
  const m = title ? /-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(title) : null
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : undefined
}

