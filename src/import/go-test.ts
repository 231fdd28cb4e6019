import { BenchPlotError } from '../errors'
import type { RunInput } from '../model/run-format'
import type { Direction } from '../model/types'
import { buildRuns, isoTime, isNumeric, isRate, repeatCounter, type FailureRow, type RawValue, type ResultSpec, type Row, type RunDraft } from './build-run'
import { looksLikeJson } from './json'
import type { ParseOptions } from './types'

export const format = 'go-test'

/** `go test -bench` text: at least one `BenchmarkName  N  value unit` line (Go proposal 14313). */
export function detect(text: string): boolean {
  return !looksLikeJson(text) && /^Benchmark\S*[ \t]+\d+[ \t]+[-+\d.eE]+ \S+/m.test(text)
}

/** One run per top-level benchmark (`BenchmarkX`); see docs/importers.md for the mapping. */
export function parse(text: string, opts: ParseOptions = {}): RunInput[] {
  const source = opts.source ?? 'input'
  // The configuration in force: `key: value` lines change it for the lines below, as benchstat reads them.
  let config: Record<string, string> = {}
  const units: Record<string, Record<string, string>> = {}
  const families = new Map<string, Family>()
  const familyOf = (name: string) => {
    // The same benchmark name in two packages is two benchmarks.
    const key = `${config.pkg ?? ''}\n${name}`
    let f = families.get(key)
    if (!f) families.set(key, (f = { name, lines: [], failed: [] }))
    return f
  }
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trimEnd()
    const kv = /^([a-z][^\s:A-Z]*):(?:\s+(.*))?$/.exec(line)
    if (kv) {
      config = { ...config, [kv[1]]: (kv[2] ?? '').trim() }
      return
    }
    // `Unit ns/op better=lower assume=exact`: metadata of a unit (Go proposal 14313, benchfmt).
    const unit = /^Unit\s+(\S+)((?:\s+[^\s=]+=\S*)+)\s*$/.exec(line)
    if (unit) {
      for (const pair of unit[2].trim().split(/\s+/)) {
        const eq = pair.indexOf('=')
        units[unit[1]] = { ...units[unit[1]], [pair.slice(0, eq)]: pair.slice(eq + 1) }
      }
      return
    }
    const failed = /^\s*--- FAIL: (Benchmark\S*)/.exec(line)
    if (failed) {
      const name = splitName(failed[1])
      familyOf(name.family).failed.push({ full: failed[1], inputs: name.inputs, config, line: i + 1 })
      return
    }
    const m = /^(Benchmark\S*)\s+(\d+)\s+(.*)$/.exec(line)
    if (!m) return // test output, PASS/ok lines and bare benchmark names are not results
    const parsed = parseLine(m[1], m[3], i + 1, source)
    familyOf(parsed.family).lines.push({ ...parsed, config })
  })
  if (![...families.values()].some((f) => f.lines.length > 0 || f.failed.length > 0)) {
    throw new BenchPlotError('PARSE', `${source}: no benchmark result lines (expected "BenchmarkName  N  value unit")`)
  }

  const counts = new Map<string, number>()
  for (const f of families.values()) counts.set(f.name, (counts.get(f.name) ?? 0) + 1)
  const drafts = [...families.values()].map((f) => {
    const pkg = (f.lines[0] ?? f.failed[0]).config.pkg
    const family = (counts.get(f.name) ?? 0) > 1 && pkg ? `${pkg}.${f.name}` : f.name
    return readFamily(family, f, units)
  })
  return buildRuns(drafts, opts)
}

// --- internal ---

type Line = { family: string; full: string; inputs: Record<string, RawValue>; metrics: [number, string][]; config: Record<string, string> }
type Failed = { full: string; inputs: Record<string, RawValue>; config: Record<string, string>; line: number }
type Family = { name: string; lines: Line[]; failed: Failed[] }

/** Well-known units get short result names; any other unit is its own result name. */
const knownUnits: Record<string, ResultSpec> = {
  'ns/op': { name: 'time', units: 'ns', direction: 'minimize', doc: 'ns/op' },
  'B/op': { name: 'bytes', units: 'B', direction: 'minimize', doc: 'B/op: bytes allocated per op' },
  'allocs/op': { name: 'allocs', units: 'allocs', direction: 'minimize', doc: 'allocs/op: allocations per op' },
  'MB/s': { name: 'throughput', units: 'MB/s', direction: 'maximize', doc: 'MB/s' },
}

/** Config keys kept as run metadata; `commit`, `branch` and `date` (users' own lines) fill the run. */
const metaKeys = ['goos', 'goarch', 'pkg', 'cpu']

function parseLine(name: string, rest: string, lineNo: number, source: string): Omit<Line, 'config'> {
  const fields = rest.trim().split(/\s+/)
  if (fields.length % 2 !== 0) throw new BenchPlotError('PARSE', `${source}: line ${lineNo}: expected "value unit" pairs after the iteration count, got "${rest.trim()}"`)
  const metrics: [number, string][] = []
  for (let k = 0; k < fields.length; k += 2) {
    if (!isNumeric(fields[k])) throw new BenchPlotError('PARSE', `${source}: line ${lineNo}: "${fields[k]}" is not a number (before unit "${fields[k + 1]}")`)
    metrics.push([Number(fields[k]), fields[k + 1]])
  }
  return { ...splitName(name), full: name, metrics }
}

/** `BenchmarkX/json/n=10-8` → family `BenchmarkX`, inputs `sub1=json`, `n=10`, `procs=8`. */
function splitName(name: string): { family: string; inputs: Record<string, RawValue> } {
  // A trailing -N is GOMAXPROCS (absent when it is 1); benchstat strips it the same way.
  const procs = /-(\d+)$/.exec(name)
  const full = procs ? name.slice(0, -procs[0].length) : name
  const [family, ...levels] = full.split('/')
  const inputs: Record<string, RawValue> = {}
  levels.forEach((seg, depth) => {
    const eq = seg.indexOf('=')
    if (eq > 0) inputs[seg.slice(0, eq)] = seg.slice(eq + 1)
    else inputs[`sub${depth + 1}`] = seg
  })
  inputs.procs = procs ? procs[1] : '1'
  return { family, inputs }
}

/**
 * Lower or higher is better, as benchstat reads a unit: `better=` metadata wins; rates (`/s`) are higher-better;
 * times, bytes and allocations (a unit holding `ns`, `sec`, `B` or `allocs`) are lower-better; others unknown.
 */
function unitDirection(unit: string, meta: Record<string, string> | undefined): Direction {
  if (meta?.better === 'higher') return 'maximize'
  if (meta?.better === 'lower') return 'minimize'
  if (isRate(unit)) return 'maximize'
  return /ns|sec|B|allocs/.test(unit) ? 'minimize' : 'none'
}

function readFamily(family: string, f: Family, units: Record<string, Record<string, string>>): RunDraft {
  const specs = new Map<string, ResultSpec>()
  // Configuration keys whose value changes between this family's blocks (`note: before` / `note: after`, `goos`…)
  // are inputs: benchstat never pools two configurations as repeats of one point.
  const configs = [...f.lines.map((l) => l.config), ...f.failed.map((x) => x.config)]
  const keys = [...new Set(configs.flatMap((c) => Object.keys(c)))].filter((k) => k !== 'pkg')
  const varying = keys.filter((k) => new Set(configs.map((c) => c[k] ?? '')).size > 1)
  const constant = configs[0] ?? {}
  const withConfig = (inputs: Record<string, RawValue>, config: Record<string, string>) => {
    const out = { ...inputs }
    for (const k of varying) out[k] = config[k] ?? missingConfig
    return out
  }
  const nextRepeat = repeatCounter()
  const rows: Row[] = f.lines.map((l) => {
    const results: Row['results'] = {}
    for (const [value, unit] of l.metrics) {
      const known = knownUnits[unit]
      const spec = known && !units[unit]?.better
        ? known
        : { name: known?.name ?? unit, units: known?.units ?? unit, direction: unitDirection(unit, units[unit]), doc: known?.doc ?? 'custom metric (b.ReportMetric)' }
      specs.set(spec.name, spec)
      results[spec.name] = value
    }
    const inputs = withConfig(l.inputs, l.config)
    // -count N prints the same line N times: the n-th one (in its configuration) is repeat n.
    return { inputs, repeat: nextRepeat(JSON.stringify([l.full, varying.map((k) => l.config[k])])), results }
  })
  // `--- FAIL: BenchmarkX` follows the failure of a sub-benchmark: only the deepest failed names are failures.
  const failures: FailureRow[] = f.failed
    .filter((x) => !f.failed.some((y) => y !== x && y.full.startsWith(`${x.full}/`)))
    .map((x) => ({ inputs: withConfig(x.inputs, x.config), repeat: nextRepeat(JSON.stringify([x.full, varying.map((k) => x.config[k])])), error: `--- FAIL at line ${x.line}` }))
  const meta: Record<string, unknown> = {}
  for (const k of metaKeys) if (constant[k] !== undefined && !varying.includes(k)) meta[k] = constant[k]
  const other = Object.fromEntries(
    Object.entries(constant).filter(([k]) => !metaKeys.includes(k) && !varying.includes(k) && !['commit', 'branch', 'date'].includes(k)),
  )
  if (Object.keys(other).length > 0) meta.config = other
  const usedUnits = Object.fromEntries(Object.entries(units).filter(([u]) => f.lines.some((l) => l.metrics.some(([, unit]) => unit === u))))
  if (Object.keys(usedUnits).length > 0) meta.units = usedUnits
  const docs: Record<string, string> = { procs: 'GOMAXPROCS (the -N suffix)' }
  for (const k of new Set(rows.flatMap((r) => Object.keys(r.inputs)))) if (/^sub\d+$/.test(k)) docs[k] = `sub-benchmark level ${k.slice(3)}`
  for (const k of varying) docs[k] = `configuration line "${k}:" (changes between blocks)`
  return {
    family,
    rows,
    failures,
    results: [...specs.values()],
    inputDocs: docs,
    time: varying.includes('date') ? undefined : isoTime(constant.date),
    commit: (!varying.includes('commit') && constant.commit) || undefined,
    branch: (!varying.includes('branch') && constant.branch) || undefined,
    meta,
  }
}

/** Shown for a configuration key a block does not set. */
const missingConfig = '(unset)'
