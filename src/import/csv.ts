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
  const repeatCol = special('repeat') ?? [special('repetition'), special('trial')].find((c) => c !== undefined && wholeNumbers(rows, c.index))
  const benchmarkCol = special('benchmark')
  const pick = (names: string[], flag: string) =>
    names.map((n) => byName.get(n) ?? fail(1, `no column "${n}" for ${flag} (columns: ${columns.map((c) => c.name).join(', ')})`))

  const free = columns.filter((c) => c !== repeatCol && c !== benchmarkCol)
  const numericCols = new Set(free.filter((c) => isNumericColumn(rows, c.index)))
  let inputs = opts.inputs ? pick(opts.inputs, '--inputs') : undefined
  let results = opts.results ? pick(opts.results, '--results') : undefined
  if (!inputs && !results) {
    const guess = guessInputs(rows, free, numericCols, [repeatCol, benchmarkCol].filter((c): c is Column => c !== undefined))
    inputs = guess.inputs
    results = free.filter((c) => !guess.inputs.includes(c))
    if (guess.unsure && results.length > 0) {
      const names = (cs: Column[]) => cs.map((c) => c.name).join(', ') || 'none'
      opts.warn?.(`${source}: took ${names(inputs)} as inputs and ${names(results)} as results (a guess: use --inputs and --results to choose)`)
    }
  } else if (!results) results = free.filter((c) => !inputs?.includes(c) && numericCols.has(c))
  else if (!inputs) inputs = free.filter((c) => !results?.includes(c))
  if (!inputs || !results || results.length === 0) {
    return fail(1, `no result columns: "${free.at(-1)?.name}" is not numeric (use --results to choose them)`)
  }

  // Rows are appended to their family's list: building a new array per row made big files quadratic.
  const families = new Map<string, Row[]>()
  const nextRepeat = repeatCounter()
  for (const r of rows) {
    const family = benchmarkCol ? r.fields[benchmarkCol.index].trim() : fileStem(source, 'csv')
    const point: Record<string, RawValue> = Object.fromEntries((inputs ?? []).map((c) => [c.name, r.fields[c.index].trim()]))
    let repeat: number
    if (repeatCol) {
      const x = r.fields[repeatCol.index].trim()
      if (!/^\d+$/.test(x) || Number(x) < 1) fail(r.line, `column "${repeatCol.name}": expected a whole number of at least 1, got "${x}"`)
      repeat = Number(x)
    } else repeat = nextRepeat(JSON.stringify([family, point]))
    const values: Row['results'] = {}
    for (const c of results) {
      const x = r.fields[c.index].trim()
      if (x === '') continue // an empty cell is a missing value, not zero
      if (!isNumeric(x)) fail(r.line, `column "${c.name}": "${x}" is not a number`)
      values[c.name] = Number(x)
    }
    let list = families.get(family)
    if (!list) families.set(family, (list = []))
    list.push({ inputs: point, repeat, results: values })
  }
  const specs: ResultSpec[] = results.map((c) => ({ name: c.name, units: c.units, direction: isRate(c.units) || isRate(c.name) ? 'maximize' : 'minimize' }))
  const drafts: RunDraft[] = [...families].map(([family, rs]) => ({ family, rows: rs, results: specs }))
  return buildRuns(drafts, opts)
}

// --- internal ---

type Record_ = { line: number; fields: string[] }
type Column = { name: string; units: string; index: number }

function isNumericColumn(rows: Record_[], index: number): boolean {
  let any = false
  for (const r of rows) {
    const x = r.fields[index].trim()
    if (x === '') continue
    if (!isNumeric(x)) return false
    any = true
  }
  return any
}

function wholeNumbers(rows: Record_[], index: number): boolean {
  return rows.every((r) => /^\s*[1-9]\d*\s*$/.test(r.fields[index]))
}

/**
 * The input columns a person would see: every column up to the last non-numeric one, then each following numeric
 * column whose values repeat across rows and that tells rows apart which the inputs so far do not
 * (`Algorithm,Size,Time`: Size is an input). A column of measurements has values that do not repeat, or tells
 * nothing apart. When every column is numeric and none qualifies, the first column is the input.
 * `unsure` when a numeric column was taken as an input: the import then says what it took.
 */
function guessInputs(rows: Record_[], free: Column[], numeric: Set<Column>, keyCols: Column[]): { inputs: Column[]; unsure: boolean } {
  const last = free.map((c) => numeric.has(c)).lastIndexOf(false)
  const inputs = free.slice(0, last + 1)
  const keys = rows.map((r) => keyCols.map((c) => r.fields[c.index].trim()).join('\u0000'))
  const extend = (c: Column) => keys.map((k, i) => `${k}\u0000${rows[i].fields[c.index].trim()}`)
  for (const c of inputs) extend(c).forEach((k, i) => (keys[i] = k))
  let distinct = new Set(keys).size
  let unsure = false
  for (const c of free.slice(last + 1)) {
    // Keep at least one result, and stop once the inputs tell every row apart.
    if (free.length - inputs.length <= 1 || distinct === rows.length) break
    const values = new Set(rows.map((r) => r.fields[c.index].trim()))
    if (values.size >= rows.length) break
    const next = extend(c)
    const nextDistinct = new Set(next).size
    if (nextDistinct <= distinct) break
    inputs.push(c)
    next.forEach((k, i) => (keys[i] = k))
    distinct = nextDistinct
    unsure = true
  }
  if (inputs.length === 0) return { inputs: free.slice(0, 1), unsure: true }
  return { inputs, unsure }
}

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
