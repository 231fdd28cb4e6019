import { BenchPlotError } from '../errors'
import type { RunInput } from '../model/run-format'
import { buildRuns, fileStem, isNumeric, isRate, repeatCounter, type RawValue, type ResultSpec, type Row, type RunDraft } from './build-run'
import { looksLikeJson } from './json'
import type { ParseOptions } from './types'

export const format = 'csv'

/** A header row of two or more columns, then rows with as many fields (comma, semicolon or tab separated). */
export function detect(text: string): boolean {
  if (looksLikeJson(text)) return false
  try {
    // Only the first data row must match the header, so that a ragged row further down gets a parse error naming its line.
    const { header, rows } = readTable(text, 'input', 2, false)
    return header.length >= 2 && rows.length > 0 && rows[0].fields.length === header.length
  } catch {
    return false
  }
}

/**
 * One run per file (or per value of a `benchmark` column). `opts.inputs` and `opts.results` choose the columns;
 * by default the numeric columns after the last non-numeric one are results. See docs/importers.md.
 */
export function parse(text: string, opts: ParseOptions = {}): RunInput[] {
  const source = opts.source ?? 'input'
  const { header, rows } = readTable(text, source)
  const fail = (line: number, message: string): never => {
    throw new BenchPlotError('PARSE', `${source}: line ${line}: ${message}`)
  }
  if (rows.length === 0) fail(1, 'a header row but no data rows')
  const columns = header.map((h, i) => ({ ...splitUnits(h), index: i }))
  columns.forEach((c, i) => {
    if (c.name === '') fail(1, `column ${i + 1} has no name`)
    if (columns.findIndex((d) => d.name === c.name) !== i) fail(1, `column "${c.name}" appears twice`)
  })
  const byName = new Map(columns.map((c) => [c.name, c]))
  const special = (n: string) => columns.find((c) => c.name.toLowerCase() === n)
  const repeatCol = special('repeat')
  const benchmarkCol = special('benchmark')
  const pick = (names: string[], flag: string) =>
    names.map((n) => byName.get(n) ?? fail(1, `no column "${n}" for ${flag} (columns: ${columns.map((c) => c.name).join(', ')})`))

  const free = columns.filter((c) => c !== repeatCol && c !== benchmarkCol)
  const numeric = (c: { index: number }) => {
    const cells = rows.map((r) => r.fields[c.index]).filter((x) => x.trim() !== '')
    return cells.length > 0 && cells.every(isNumeric)
  }
  let inputs = opts.inputs ? pick(opts.inputs, '--inputs') : undefined
  let results = opts.results ? pick(opts.results, '--results') : undefined
  if (!inputs && !results) {
    const last = free.map((c) => numeric(c)).lastIndexOf(false)
    // All numeric: the first column is the swept input, the rest are results.
    inputs = last === -1 ? free.slice(0, 1) : free.slice(0, last + 1)
    results = free.slice(inputs.length)
  } else if (!results) results = free.filter((c) => !inputs?.includes(c) && numeric(c))
  else if (!inputs) inputs = free.filter((c) => !results?.includes(c))
  if (!inputs || !results || results.length === 0) {
    return fail(1, `no result columns: "${free.at(-1)?.name}" is not numeric (use --results to choose them)`)
  }

  const families = new Map<string, Row[]>()
  const nextRepeat = repeatCounter()
  for (const r of rows) {
    const family = benchmarkCol ? r.fields[benchmarkCol.index].trim() : fileStem(source, 'csv')
    const point: Record<string, RawValue> = Object.fromEntries((inputs ?? []).map((c) => [c.name, r.fields[c.index].trim()]))
    let repeat: number
    if (repeatCol) {
      const x = r.fields[repeatCol.index].trim()
      if (!/^\d+$/.test(x) || Number(x) < 1) fail(r.line, `column "repeat": expected a whole number of at least 1, got "${x}"`)
      repeat = Number(x)
    } else repeat = nextRepeat(JSON.stringify([family, point]))
    const values: Row['results'] = {}
    for (const c of results) {
      const x = r.fields[c.index].trim()
      if (x === '') continue // an empty cell is a missing value, not zero
      if (!isNumeric(x)) fail(r.line, `column "${c.name}": "${x}" is not a number`)
      values[c.name] = Number(x)
    }
    families.set(family, [...(families.get(family) ?? []), { inputs: point, repeat, results: values }])
  }
  const specs: ResultSpec[] = results.map((c) => ({ name: c.name, units: c.units, direction: isRate(c.units || c.name) ? 'maximize' : 'minimize' }))
  const drafts: RunDraft[] = [...families].map(([family, rs]) => ({ family, rows: rs, results: specs }))
  return buildRuns(drafts, opts)
}

// --- internal ---

type Record_ = { line: number; fields: string[] }

/** `time (ms)` or `time [ms]` → name `time`, units `ms`. */
function splitUnits(h: string): { name: string; units: string } {
  const m = /^(.*?)\s*[([]([^)\]]*)[)\]]\s*$/.exec(h.trim())
  return m && m[1] ? { name: m[1], units: m[2].trim() } : { name: h.trim(), units: '' }
}

/** The separator that occurs most in the header line, outside quotes. */
function sniffDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, '')
  let best = ','
  let count = 0
  for (const d of [',', ';', '\t']) {
    const n = first.split(d).length - 1
    if (n > count) {
      best = d
      count = n
    }
  }
  return best
}

/** RFC 4180 records with the line each starts on; every row must have as many fields as the header. */
function readTable(text: string, source: string, limit = Number.POSITIVE_INFINITY, strict = true): { header: string[]; rows: Record_[] } {
  const d = sniffDelimiter(text.replace(/^\uFEFF/, ''))
  const records: Record_[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let start = 1
  let quoted = false
  let quoteLine = 0
  const s = text.replace(/^\uFEFF/, '')
  const endRecord = () => {
    fields.push(field)
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: start, fields })
    fields = []
    field = ''
  }
  for (let i = 0; i < s.length && records.length <= limit; i++) {
    const ch = s[i]
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else {
        if (ch === '\n') line++
        field += ch
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true
      quoteLine = line
      field = ''
    } else if (ch === d) {
      fields.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++
      endRecord()
      line++
      start = line
    } else field += ch
  }
  if (quoted) throw new BenchPlotError('PARSE', `${source}: line ${quoteLine}: unterminated quoted field`)
  if (field !== '' || fields.length > 0) endRecord()
  const [header, ...rows] = records
  if (!header) throw new BenchPlotError('PARSE', `${source}: line 1: no header row`)
  for (const r of strict ? rows : []) {
    if (r.fields.length !== header.fields.length) {
      throw new BenchPlotError('PARSE', `${source}: line ${r.line}: expected ${header.fields.length} fields as in the header, got ${r.fields.length}`)
    }
  }
  return { header: header.fields.map((h) => h.trim()), rows }
}
