import { BenchPlotError } from '../errors'
import type { RunInput } from '../model/run-format'
import { buildRuns, isoTime, isNumeric, isRate, repeatCounter, type RawValue, type ResultSpec, type Row, type RunDraft } from './build-run'
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
  const config: Record<string, string> = {}
  const families = new Map<string, { name: string; config: Record<string, string>; lines: Line[] }>()
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trimEnd()
    const kv = /^([a-z][^\s:A-Z]*):(?:\s+(.*))?$/.exec(line)
    if (kv) {
      config[kv[1]] = (kv[2] ?? '').trim()
      return
    }
    const m = /^(Benchmark\S*)\s+(\d+)\s+(.*)$/.exec(line)
    if (!m) return // test output, PASS/ok lines and bare benchmark names are not results
    const parsed = parseLine(m[1], m[3], i + 1, source)
    // The same benchmark name in two packages is two benchmarks.
    const key = `${config.pkg ?? ''}\n${parsed.family}`
    if (!families.has(key)) families.set(key, { name: parsed.family, config: { ...config }, lines: [] })
    families.get(key)?.lines.push(parsed)
  })
  if (families.size === 0) throw new BenchPlotError('PARSE', `${source}: no benchmark result lines (expected "BenchmarkName  N  value unit")`)

  const counts = new Map<string, number>()
  for (const f of families.values()) counts.set(f.name, (counts.get(f.name) ?? 0) + 1)
  const drafts = [...families.values()].map((f) => {
    const family = (counts.get(f.name) ?? 0) > 1 && f.config.pkg ? `${f.config.pkg}.${f.name}` : f.name
    return readFamily(family, f.lines, f.config)
  })
  return buildRuns(drafts, opts)
}

// --- internal ---

type Line = { family: string; full: string; inputs: Record<string, RawValue>; metrics: [number, string][] }

/** Well-known units get short result names; any other unit is its own result name. */
const knownUnits: Record<string, ResultSpec> = {
  'ns/op': { name: 'time', units: 'ns', direction: 'minimize', doc: 'ns/op' },
  'B/op': { name: 'bytes', units: 'B', direction: 'minimize', doc: 'B/op: bytes allocated per op' },
  'allocs/op': { name: 'allocs', units: 'allocs', direction: 'minimize', doc: 'allocs/op: allocations per op' },
  'MB/s': { name: 'throughput', units: 'MB/s', direction: 'maximize', doc: 'MB/s' },
}

/** Config keys kept as run metadata; `commit`, `branch` and `date` (users' own lines) fill the run. */
const metaKeys = ['goos', 'goarch', 'pkg', 'cpu']

function parseLine(name: string, rest: string, lineNo: number, source: string): Line {
  const fields = rest.trim().split(/\s+/)
  if (fields.length % 2 !== 0) throw new BenchPlotError('PARSE', `${source}: line ${lineNo}: expected "value unit" pairs after the iteration count, got "${rest.trim()}"`)
  const metrics: [number, string][] = []
  for (let k = 0; k < fields.length; k += 2) {
    if (!isNumeric(fields[k])) throw new BenchPlotError('PARSE', `${source}: line ${lineNo}: "${fields[k]}" is not a number (before unit "${fields[k + 1]}")`)
    metrics.push([Number(fields[k]), fields[k + 1]])
  }
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
  return { family, full: name, inputs, metrics }
}

function readFamily(family: string, lines: Line[], config: Record<string, string>): RunDraft {
  const specs = new Map<string, ResultSpec>()
  const nextRepeat = repeatCounter()
  const rows: Row[] = lines.map((l) => {
    const results: Row['results'] = {}
    for (const [value, unit] of l.metrics) {
      const spec = knownUnits[unit] ?? { name: unit, units: unit, direction: isRate(unit) ? 'maximize' : 'none', doc: 'custom metric (b.ReportMetric)' }
      specs.set(spec.name, spec)
      results[spec.name] = value
    }
    // -count N prints the same line N times: the n-th one is repeat n.
    return { inputs: l.inputs, repeat: nextRepeat(l.full), results }
  })
  const meta: Record<string, unknown> = {}
  for (const k of metaKeys) if (config[k] !== undefined) meta[k] = config[k]
  const other = Object.fromEntries(Object.entries(config).filter(([k]) => !metaKeys.includes(k) && !['commit', 'branch', 'date'].includes(k)))
  if (Object.keys(other).length > 0) meta.config = other
  const docs: Record<string, string> = { procs: 'GOMAXPROCS (the -N suffix)' }
  for (const k of new Set(rows.flatMap((r) => Object.keys(r.inputs)))) if (/^sub\d+$/.test(k)) docs[k] = `sub-benchmark level ${k.slice(3)}`
  return {
    family,
    rows,
    results: [...specs.values()],
    inputDocs: docs,
    time: isoTime(config.date),
    commit: config.commit || undefined,
    branch: config.branch || undefined,
    meta,
  }
}
