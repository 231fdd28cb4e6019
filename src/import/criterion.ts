import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { BenchPlotError } from '../errors'
import type { RunInput } from '../model/run-format'
import { buildRuns, type RawValue, type Row, type RunDraft } from './build-run'
import { expectArray, expectNumber, expectObject, failFor, isObject, optionalString, parseJson, type Fail, type JsonObject } from './json'
import type { ParseOptions } from './types'

export const format = 'criterion'

/** The files criterion.rs writes for one benchmark under `<group>/<function>/<value>/new/`. */
type CriterionFiles = {
  /** Folder of the benchmark relative to the imported folder, e.g. `fib/iterative/20`; used in messages. */
  path: string
  benchmark: string
  sample: string
  estimates?: string
}

/** A folder is criterion output when some `…/new/benchmark.json` lies below it. */
export function detectDir(dir: string): boolean {
  return findBenchmarkDirs(dir).length > 0
}

/** Read a `target/criterion` folder (or `target/`, or one group's folder) into runs, one per group. */
export function parseDir(dir: string, opts: ParseOptions = {}): RunInput[] {
  const source = opts.source ?? dir
  const found = findBenchmarkDirs(dir)
  if (found.length === 0) throw new BenchPlotError('PARSE', `${source}: no criterion benchmarks (expected <group>/<function>/<value>/new/benchmark.json)`)
  const files = found.map((newDir): CriterionFiles => {
    const path = relative(dir, join(newDir, '..')).split(sep).join('/')
    const read = (name: string, required: boolean): string | undefined => {
      const file = join(newDir, name)
      if (existsSync(file)) return readFileSync(file, 'utf8')
      if (required) throw new BenchPlotError('PARSE', `${source}/${path}/new/${name}: missing`)
      return undefined
    }
    return { path, benchmark: read('benchmark.json', true) as string, sample: read('sample.json', true) as string, estimates: read('estimates.json', false) }
  })
  return parseFiles(files, { ...opts, source })
}

/** The pure half of `parseDir`: runs from the files' texts. */
function parseFiles(files: CriterionFiles[], opts: ParseOptions = {}): RunInput[] {
  const source = (opts.source ?? 'input').replace(/[\\/]+$/, '')
  const groups = new Map<string, Row[]>()
  const estimates = new Map<string, Record<string, unknown>>()
  const throughputs = new Map<string, Record<string, number>>()
  for (const f of files) {
    // Messages name the file itself: `target/criterion/fib/20/new/sample.json: times[3]: …`.
    const fileName = (file: string) => `${source}/${f.path}/new/${file}`
    const bFail = failFor(fileName('benchmark.json'))
    const b = expectObject(parseJson(f.benchmark, fileName('benchmark.json')), '', bFail)
    const group = optionalString(b.group_id, 'group_id', bFail)
    if (group === undefined) bFail('group_id', 'missing')
    const functionId = optionalString(b.function_id, 'function_id', bFail)
    const value = optionalString(b.value_str, 'value_str', bFail)
    const fullId = optionalString(b.full_id, 'full_id', bFail) ?? f.path

    const sFile = fileName('sample.json')
    const sFail = failFor(sFile)
    const { iters, times } = readSample(parseJson(f.sample, sFile), sFail)
    if (iters.length !== times.length) sFail('times', `has ${times.length} entries but iters has ${iters.length}`)

    const inputs: Record<string, RawValue> = {}
    if (functionId !== undefined) inputs.function = functionId
    if (value !== undefined) inputs.value = value
    const rate = isObject(b.throughput) ? throughputOf(b.throughput) : undefined
    const rows = groups.get(group as string) ?? []
    times.forEach((t, i) => {
      // times[i] is the total for iters[i] iterations of the routine.
      const perIter = expectNumber(t, `times[${i}]`, sFail) / expectNumber(iters[i], `iters[${i}]`, sFail)
      const results: Row['results'] = { time: perIter }
      if (rate) results[rate.name] = (rate.amount * 1e9) / perIter
      rows.push({ inputs, repeat: i + 1, results })
    })
    groups.set(group as string, rows)
    if (rate) throughputs.set(fullId, { [rate.name]: rate.amount })
    if (f.estimates !== undefined) {
      const eFile = fileName('estimates.json')
      const e = expectObject(parseJson(f.estimates, eFile), '', failFor(eFile))
      const groupEstimates = estimates.get(group as string) ?? {}
      groupEstimates[fullId] = summarizeEstimates(e)
      estimates.set(group as string, groupEstimates)
    }
  }
  const drafts: RunDraft[] = [...groups].map(([family, rows]) => ({
    family,
    rows,
    results: [
      { name: 'time', units: 'ns', direction: 'minimize', doc: 'time per iteration: times[i] / iters[i]' },
      { name: 'bytes_per_second', units: 'B/s', direction: 'maximize', doc: 'from the benchmark throughput' },
      { name: 'elements_per_second', units: 'elements/s', direction: 'maximize', doc: 'from the benchmark throughput' },
    ],
    inputDocs: { function: 'criterion function id', value: 'criterion parameter (value_str)' },
    meta: estimates.has(family) ? { estimates: estimates.get(family) } : {},
  }))
  return buildRuns(drafts, opts)
}

// --- internal ---

/**
 * `{ iters, times }` (criterion 0.3 and later) or `[[iters…], [times…]]` (before 0.3, which saved the pair as a
 * tuple); paths in messages follow the form found.
 */
function readSample(s: unknown, fail: Fail): { iters: unknown[]; times: unknown[] } {
  if (Array.isArray(s)) {
    if (s.length !== 2) fail('', `expected {"iters", "times"} or [[iters], [times]] (criterion before 0.3), got an array of ${s.length}`)
    return { iters: expectArray(s[0], '[0]', fail), times: expectArray(s[1], '[1]', fail) }
  }
  const o = expectObject(s, '', fail)
  return { iters: expectArray(o.iters, 'iters', fail), times: expectArray(o.times, 'times', fail) }
}

/** Folders named `new` holding a `benchmark.json`, in a stable order. `report/` and baselines are skipped. */
function findBenchmarkDirs(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string, depth: number) => {
    if (depth > 8) return
    let names: string[]
    try {
      names = readdirSync(d).sort()
    } catch {
      return
    }
    for (const n of names) {
      const p = join(d, n)
      if (n === 'report' || !isDir(p)) continue
      if (n === 'new' && existsSync(join(p, 'benchmark.json'))) out.push(p)
      else walk(p, depth + 1)
    }
  }
  walk(dir, 0)
  return out
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}

/** Throughput `{"Bytes": n}`, `{"BytesDecimal": n}` or `{"Elements": n}` per iteration. */
function throughputOf(t: JsonObject): { name: string; amount: number } | undefined {
  for (const [k, v] of Object.entries(t)) {
    if (typeof v !== 'number') continue
    if (k === 'Bytes' || k === 'BytesDecimal') return { name: 'bytes_per_second', amount: v }
    if (k === 'Elements') return { name: 'elements_per_second', amount: v }
  }
  return undefined
}

/** Point estimates with their confidence intervals, in ns: `{ mean: { estimate, lower, upper }, … }`. */
function summarizeEstimates(e: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(e)) {
    if (!isObject(v)) continue
    const ci = isObject(v.confidence_interval) ? v.confidence_interval : {}
    out[k] = { estimate: v.point_estimate, lower: ci.lower_bound, upper: ci.upper_bound }
  }
  return out
}
