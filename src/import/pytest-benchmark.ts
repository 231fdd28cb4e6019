import type { RunInput } from '../model/run-format'
import { buildRuns, isoTime, type FailureRow, type RawValue, type ResultSpec, type Row, type RunDraft } from './build-run'
import { expectArray, expectNumber, expectObject, expectString, failFor, isObject, parseJson, sniffJson, type Fail, type JsonObject } from './json'
import type { ParseOptions } from './types'

export const format = 'pytest-benchmark'

/** pytest-benchmark JSON (`--benchmark-json`, or a saved `.benchmarks/…/NNNN_*.json`). */
export function detect(text: string): boolean {
  const v = sniffJson(text)
  return isObject(v) && Array.isArray(v.benchmarks) && (isObject(v.machine_info) || isObject(v.commit_info))
}

/** One run per test function; see docs/importers.md for the mapping. */
export function parse(text: string, opts: ParseOptions = {}): RunInput[] {
  const source = opts.source ?? 'input'
  const fail = failFor(source)
  const root = expectObject(parseJson(text, source), '', fail)
  const entries = expectArray(root.benchmarks, 'benchmarks', fail).map((b, i) => expectObject(b, `benchmarks[${i}]`, fail))
  const commit = isObject(root.commit_info) ? root.commit_info : {}

  // A function is its full name without the parameter id, so test_x in two modules stays apart.
  const functions = new Map<string, { path: string; b: JsonObject }[]>()
  entries.forEach((b, i) => {
    const path = `benchmarks[${i}]`
    const key = expectString(b.fullname ?? b.name, `${path}.fullname`, fail).replace(/\[.*\]$/, '')
    functions.set(key, [...(functions.get(key) ?? []), { path, b }])
  })
  const shortNames = [...functions.keys()].map((k) => k.split('::').pop() as string)
  const drafts = [...functions].map(([key, cases], i) => {
    const unique = shortNames.filter((n) => n === shortNames[i]).length === 1
    return readFunction(unique ? shortNames[i] : key, cases, fail)
  })

  const commitTime = typeof commit.time === 'string' ? isoTime(commit.time) : undefined
  // `datetime` is written with utcnow().isoformat(): UTC without a zone.
  const dt = typeof root.datetime === 'string' ? root.datetime : undefined
  const runTime = dt ? isoTime(/(Z|[+-]\d{2}:?\d{2})$/.test(dt) ? dt : `${dt}Z`) : undefined
  const meta: Record<string, unknown> = {}
  if (isObject(root.machine_info)) meta.machine_info = root.machine_info
  if (Object.keys(commit).length > 0) meta.commit_info = commit
  if (runTime) meta.datetime = runTime
  if (root.version !== undefined) meta.version = root.version
  for (const d of drafts) {
    d.time = commitTime ?? runTime
    // pytest-benchmark writes these placeholders outside a git or hg checkout.
    if (typeof commit.id === 'string' && commit.id !== 'unversioned') d.commit = commit.id
    if (typeof commit.branch === 'string' && !notBranches.includes(commit.branch)) d.branch = commit.branch
    d.meta = { ...meta, ...d.meta }
  }
  return buildRuns(drafts, opts)
}

// --- internal ---

/** Summary statistics used as results when the raw rounds (`stats.data`) were not saved. */
const summaryStats: ResultSpec[] = [
  { name: 'min', units: 's', direction: 'minimize' },
  { name: 'max', units: 's', direction: 'minimize' },
  { name: 'mean', units: 's', direction: 'minimize' },
  { name: 'stddev', units: 's', direction: 'minimize' },
  { name: 'median', units: 's', direction: 'minimize' },
  { name: 'iqr', units: 's', direction: 'minimize' },
  { name: 'q1', units: 's', direction: 'minimize' },
  { name: 'q3', units: 's', direction: 'minimize' },
  { name: 'ops', units: 'ops/s', direction: 'maximize' },
  { name: 'rounds', units: '', direction: 'none' },
]

/** What pytest-benchmark writes as `commit_info.branch` when there is no branch: not a branch name. */
const notBranches = ['(unknown)', '(detached head)']

function readFunction(family: string, cases: { path: string; b: JsonObject }[], fail: Fail): RunDraft {
  const groups = new Set(cases.map(({ b }) => (typeof b.group === 'string' ? b.group : null)))
  // An entry without stats never produced a measurement: it is a failure, the others are kept.
  const measured = cases.filter(({ b }) => isObject(b.stats))
  const withData = measured.length > 0 && measured.every(({ b }) => Array.isArray((b.stats as JsonObject).data))
  const rows: Row[] = []
  const failures: FailureRow[] = []
  const extra: Record<string, unknown> = {}
  for (const { path, b } of cases) {
    const inputs = caseInputs(b, path, fail)
    if (groups.size > 1) inputs.group = typeof b.group === 'string' ? b.group : '(none)'
    if (!isObject(b.stats)) {
      failures.push({ inputs, repeat: 1, error: 'no stats: pytest-benchmark recorded no measurement for this case' })
      continue
    }
    const stats = b.stats
    if (withData) {
      expectArray(stats.data, `${path}.stats.data`, fail).forEach((x, j) => {
        rows.push({ inputs, repeat: j + 1, results: { time: expectNumber(x, `${path}.stats.data[${j}]`, fail) } })
      })
    } else {
      const results: Row['results'] = {}
      for (const s of summaryStats) if (stats[s.name] !== undefined) results[s.name] = expectNumber(stats[s.name], `${path}.stats.${s.name}`, fail)
      rows.push({ inputs, repeat: 1, results })
    }
    const info = { ...(isObject(b.extra_info) && Object.keys(b.extra_info).length > 0 ? { extra_info: b.extra_info } : {}), options: b.options, iterations: stats.iterations }
    extra[String(b.name)] = info
  }
  const meta: Record<string, unknown> = { cases: extra }
  if (groups.size === 1 && [...groups][0] !== null) meta.group = [...groups][0]
  return {
    family,
    rows,
    failures,
    results: withData ? [{ name: 'time', units: 's', direction: 'minimize', doc: 'time per iteration, one repeat per round' }] : summaryStats,
    inputDocs: { ...(groups.size > 1 ? { group: 'pytest-benchmark group' } : {}), param: 'pytest parameter id' },
    meta,
  }
}

/**
 * A case's inputs, stable across runs of the same suite: its `params`, except values that are an object's
 * repr (`<Codec object at 0x7f…>`, written as `UNSERIALIZABLE[…]`), which change from run to run; those take
 * their part of the param id (`10-json` → `json`), or the whole id as input `param`. Files of pytest-benchmark
 * 2.x have no params (`null`): the id from the name (`test_x[0]`) is the input `param`.
 */
function caseInputs(b: JsonObject, path: string, fail: Fail): Record<string, RawValue> {
  const name = typeof b.name === 'string' ? b.name : typeof b.fullname === 'string' ? b.fullname : ''
  const id = typeof b.param === 'string' ? b.param : /\[(.*)\]$/.exec(name)?.[1]
  const inputs: Record<string, RawValue> = {}
  if (b.params === null || b.params === undefined) {
    if (id !== undefined) inputs.param = id
    return inputs
  }
  const params = Object.entries(expectObject(b.params, `${path}.params`, fail)).map(([k, v]) => [k, toRaw(v)] as const)
  const parts = id?.split('-')
  const byPosition = parts !== undefined && parts.length === params.length
  let unplaced = false
  params.forEach(([k, v], i) => {
    if (!isUnstable(v)) inputs[k] = v
    else if (byPosition) inputs[k] = (parts as string[])[i]
    else unplaced = true
  })
  if (unplaced && id !== undefined) inputs.param = id
  return inputs
}

/** A value written from an object's repr, which holds its address or is marked unserializable. */
function isUnstable(v: RawValue): boolean {
  return typeof v === 'string' && (/^UNSERIALIZABLE\[/.test(v) || /<[^<>]* at 0x[0-9a-fA-F]+>/.test(v))
}

/** Parameter values: numbers, strings and booleans are kept; anything else (None, lists, objects) as JSON text. */
function toRaw(v: unknown): RawValue {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v
  return JSON.stringify(v) ?? 'null'
}
