import { readCell } from '../model/run-format'
import { cellCount, cellHasValue, pointInputs, sampleCount } from '../model/sweep'
import type { InputValue, Run } from '../model/types'

/** One stored sample: a (point, repeat) cell holding at least one result value. */
export type SampleRow = { inputs: Record<string, InputValue>; repeat: number; results: Record<string, ReturnType<typeof readCell>> }

/** Every sample of a run in sweep order (C order over inputs, then repeat), lazily. */
export function* iterateSamples(run: Run): Generator<SampleRow> {
  const cells = cellCount(run)
  for (let cell = 0; cell < cells; cell++) {
    const row = sampleAt(run, cell)
    if (row) yield row
  }
}

/**
 * A page of samples: rows `[offset, offset + limit)` of `iterateSamples`, plus the total.
 * `total` is the run's sample count when known (the store keeps it), else counted here.
 */
export function pageOfSamples(run: Run, page: number, perPage: number, known?: { total: number }): { rows: SampleRow[]; total: number; page: number; pages: number } {
  const cells = cellCount(run)
  // Count first (no objects), then walk only as far as the page shown and build its rows.
  const total = known?.total ?? sampleCount(run)
  const pages = Math.max(1, Math.ceil(total / perPage))
  const p = Math.min(Math.max(1, page), pages)
  let skip = (p - 1) * perPage
  const rows: SampleRow[] = []
  for (let cell = 0; cell < cells && rows.length < perPage; cell++) {
    if (!cellHasValue(run, cell)) continue
    if (skip > 0) skip--
    else rows.push(sampleAt(run, cell) as SampleRow)
  }
  return { rows, total, page: p, pages }
}

/** The CSV header and rows of a run's samples: inputs, repeat, results (a vec result as name[0], name[1]…). */
export function* samplesCsv(run: Run): Generator<string> {
  const resultCols = run.results.flatMap((r) => (r.kind === 'vec' ? Array.from({ length: r.size ?? 1 }, (_, k) => `${r.name}[${k}]`) : [r.name]))
  yield `${[...run.inputs.map((v) => v.name), 'repeat', ...resultCols].map(csvField).join(',')}\r\n`
  let chunk = ''
  for (const s of iterateSamples(run)) {
    const fields = [...run.inputs.map((v) => csvField(s.inputs[v.name])), String(s.repeat)]
    for (const r of run.results) {
      const v = s.results[r.name]
      if (r.kind === 'vec') {
        for (let k = 0; k < (r.size ?? 1); k++) fields.push(Array.isArray(v) && Number.isFinite(v[k]) ? String(v[k]) : '')
      } else fields.push(csvField(v))
    }
    chunk += `${fields.join(',')}\r\n`
    if (chunk.length > 65536) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk) yield chunk
}

/** The JSON array of a run's samples, in the run format's `samples` shape, in chunks. */
export function* samplesJson(run: Run): Generator<string> {
  let chunk = '['
  let first = true
  for (const s of iterateSamples(run)) {
    chunk += `${first ? '' : ','}\n${JSON.stringify(s)}`
    first = false
    if (chunk.length > 65536) {
      yield chunk
      chunk = ''
    }
  }
  yield `${chunk}\n]\n`
}

/** A streamed response body from string chunks. */
export function streamChunks(chunks: Iterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    pull(controller) {
      const next = chunks.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
  })
}

// --- internal ---

function sampleAt(run: Run, cell: number): SampleRow | null {
  if (!cellHasValue(run, cell)) return null
  const results: SampleRow['results'] = {}
  for (const r of run.results) {
    const v = readCell(run.data[r.name], r, cell)
    if (v !== null) results[r.name] = v
  }
  return { inputs: pointInputs(run.inputs, Math.floor(cell / run.repeats)), repeat: (cell % run.repeats) + 1, results }
}

function csvField(v: unknown): string {
  if (v === undefined || v === null) return ''
  let s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)
  // A spreadsheet runs a cell starting with = + - @ (or a tab or CR before them) as a formula: a leading
  // apostrophe keeps such text as text (OWASP's advice). Numbers, and text that is a plain number, are left as they are.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
