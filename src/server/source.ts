import { BenchPlotError } from '../errors'
import type { Benchmark, BenchmarkSummary, Column, Run } from '../model/types'
import { readIndexRowText, type IndexRow } from '../model/regression'
import { sampleCount } from '../model/sweep'
import { runOfHeader, type PointMeanTotal, type ReadStore, type RunHeader } from '../store'

/**
 * Which data of a run a loader loads: every result's column (`all`: charts, samples), the float and
 * bool results' columns (`scalar`: histories, comparisons), or their per-point means alone (`means`:
 * a verdict that judges runs, not points). Point means come with each: the model prefers them.
 */
export type RunData = 'all' | 'scalar' | 'means'

/** What the server reads: benchmark summaries, run headers for tabs, and runs with the data a page needs. Never writes. */
export type BenchmarkSource = {
  listBenchmarks(): Promise<BenchmarkSummary[]>
  /** Runs of a benchmark without their data, oldest first; throws NOT_FOUND when the name is unknown. */
  listRuns(name: string): Promise<RunHeader[]>
  /**
   * One run with `data` loaded (plain arrays, nothing read later), or null. `keep: false` reads what is
   * not kept already without keeping it: data used once and let go. @default data 'all', keep true
   */
  getRun(name: string, id: number, data?: RunData, opts?: { keep?: boolean }): Promise<Run | null>
  /**
   * Read the scalar data `getRun` will ask for of many runs at once, where the source can do it in one
   * go (the store: one query, not one per run and result); `getRun` then finds it kept.
   */
  prefetch?(name: string, ids: readonly number[], data?: RunData): Promise<void>
  /** The stored totals of many runs' point means (one query), where the source has them. */
  pointMeanTotals?(ids: readonly number[]): Promise<PointMeanTotal[]>
  /** Read every benchmark's run headers at once (one query per table), kept for `listRuns`: an index that computes many rows asks for all. */
  preloadRuns?(): Promise<void>
  /** The index rows stored with imports that are still current, by benchmark name (read once per change of the store). */
  indexRows?(): Promise<Map<string, IndexRow>>
  /** Runs `listRuns` leaves out because their stored JSON is unreadable, each with a line saying which and why. */
  unreadableRuns(name: string): Promise<{ id: number; reason: string }[]>
}

/**
 * A source over a store opened read-only. Runs never change once stored, so the columns loaded are
 * kept within a byte budget (least recently used first out): a page that judges ten runs of a
 * million samples keeps a few columns, not all of them. The run list is read afresh after the store
 * changed: runs imported while serving appear within `recheckMs`.
 */
export function storeSource(store: ReadStore, opts: { keepBytes?: number; recheckMs?: number; runs?: ReadonlyMap<string, RunHeader[]> } = {}): BenchmarkSource {
  const budget = opts.keepBytes ?? 64 * 1024 * 1024
  // Asking SQLite whether another process wrote costs a few µs, a fifth of serving a cached page:
  // the store is asked at most every 100 ms.
  const recheckMs = opts.recheckMs ?? 100
  const columns = new Map<string, Column | null>()
  let kept = 0
  // `what` is 'data' (the column) or 'means' (its per-point means); both share the budget. null: the store has none.
  const keyOf = (what: 'data' | 'means', id: number, result: string) => `${what}\u0000${id}\u0000${result}`
  const column = async (id: number, result: string, what: 'data' | 'means', keepIt = true): Promise<Column | null> => {
    const key = keyOf(what, id, result)
    let col = columns.get(key)
    if (col !== undefined) columns.delete(key)
    else {
      col = what === 'data' ? await store.readColumn(id, result) : await store.readPointMeans(id, result)
      if (!keepIt) return col
      kept += col === null ? 0 : columnBytes(col)
    }
    return keep(key, col)
  }
  const keep = (key: string, col: Column | null): Column | null => {
    columns.set(key, col)
    while (kept > budget && columns.size > 1) {
      const [oldest, dropped] = columns.entries().next().value as [string, Column | null]
      columns.delete(oldest)
      kept -= dropped === null ? 0 : columnBytes(dropped)
    }
    return col
  }
  // Lists are read again only after an import changed the store, not on every request.
  let token: string | Promise<string> = store.changeToken()
  let checkedAt = performance.now()
  let benchmarks: BenchmarkSummary[] | undefined
  let indexRows: Promise<Map<string, IndexRow>> | undefined
  // Run lists the caller has just read from the store (a server's start verified them), kept as if listed here.
  const headersByName = new Map<string, RunHeader[]>(opts.runs)
  const fresh = async () => {
    const at = performance.now()
    if (at - checkedAt < recheckMs) return
    checkedAt = at
    const now = await store.changeToken()
    if (now !== (await token)) {
      token = now
      benchmarks = undefined
      indexRows = undefined
      headersByName.clear()
    }
  }
  const listRuns = async (name: string): Promise<RunHeader[]> => {
    await fresh()
    let headers = headersByName.get(name)
    if (!headers) {
      headers = await store.listRuns(name)
      if (headers.length === 0) await store.loadBenchmark(name) // throws the store's NOT_FOUND message
      headersByName.set(name, headers)
    }
    return headers
  }
  const knownRuns = async (name: string): Promise<RunHeader[] | null> => {
    try {
      return await listRuns(name)
    } catch (err) {
      if (err instanceof BenchPlotError && err.code === 'NOT_FOUND') return null
      throw err
    }
  }
  return {
    async listBenchmarks() {
      await fresh()
      return (benchmarks ??= await store.listBenchmarks())
    },
    listRuns,
    async preloadRuns() {
      await fresh()
      const byName = new Map<string, RunHeader[]>()
      for (const h of await store.listAllRuns()) {
        let list = byName.get(h.benchmark)
        if (!list) byName.set(h.benchmark, (list = []))
        list.push(h)
      }
      for (const [name, headers] of byName) if (!headersByName.has(name)) headersByName.set(name, headers)
    },
    async indexRows() {
      await fresh()
      return (indexRows ??= store.readIndexRows().then((stored) => {
        const rows = new Map<string, IndexRow>()
        // A row this bench-plot cannot read (another version's, or damaged) is computed as if it were not there.
        for (const s of stored) {
          const row = readIndexRowText(s.benchmark, s)
          if (row) rows.set(s.benchmark, row)
        }
        return rows
      }))
    },
    unreadableRuns: (name) => store.unreadableRuns(name),
    pointMeanTotals: (ids) => store.readPointMeanTotals(ids),
    async getRun(name, id, data = 'all', opts = {}) {
      const keepIt = opts.keep ?? true
      const header = (await knownRuns(name))?.find((h) => h.id === id)
      if (!header) return null
      const run = runOfHeader(header)
      const means: Record<string, Float64Array | null> = {}
      for (const r of header.results) {
        const scalar = r.kind === 'float' || r.kind === 'bool'
        const m = scalar ? ((await column(id, r.name, 'means', keepIt)) as Float64Array | null) : null
        if (m) means[r.name] = m
        // A store without means (schema version 1) gives the column instead: the model takes means from it.
        if (data === 'all' || (scalar && (data === 'scalar' || !m))) run.data[r.name] = (await column(id, r.name, 'data', keepIt)) ?? []
      }
      // Not enumerable: derived data stays out of what a run serialises to.
      Object.defineProperty(run, 'means', { value: means, enumerable: false })
      return run
    },
    async prefetch(name, ids, data = 'all') {
      const headers = new Map((await knownRuns(name))?.map((h) => [h.id, h]))
      const scalarNames = (id: number) => (headers.get(id)?.results ?? []).filter((r) => r.kind === 'float' || r.kind === 'bool').map((r) => r.name)
      for (const what of data === 'means' ? (['means'] as const) : (['means', 'data'] as const)) {
        // Small runs only: theirs is the cost of a query per column; a large run's is its bytes, and
        // read one by one they never sit in memory all at once.
        const missing = ids.filter((id) => (headers.get(id)?.sampleCount ?? Infinity) <= batchSamples && scalarNames(id).some((result) => !columns.has(keyOf(what, id, result))))
        // In queries of at most batchSamples × 16 samples, and no more than half the budget in all:
        // what would only be read to be dropped again is left to getRun.
        let read = 0
        for (let from = 0; from < missing.length && read <= budget / 2; ) {
          const chunk: number[] = []
          for (let samples = 0; from < missing.length && samples <= batchSamples * 16; from++) {
            chunk.push(missing[from])
            samples += headers.get(missing[from])?.sampleCount ?? 0
          }
          for (const c of await store.readScalarColumns(chunk, what)) {
            const key = keyOf(what, c.runId, c.result)
            read += columnBytes(c.column)
            if (columns.has(key)) continue
            kept += columnBytes(c.column)
            keep(key, c.column)
          }
        }
      }
    },
  }
}

/** Runs of at most this many samples are read together by `prefetch`. */
const batchSamples = 1 << 16

/** A source over runs held in memory, for `serve(name, runs)`: no store needed. Runs without an id get 1, 2, 3… */
export function memorySource(benchmarks: Benchmark[]): BenchmarkSource {
  const byName = new Map<string, Run[]>()
  let next = 1
  for (const b of benchmarks) byName.set(b.name, b.runs.map((r) => ({ ...r, benchmark: b.name, id: r.id ?? next++ })))
  const need = (name: string): Run[] => {
    const runs = byName.get(name)
    if (!runs || runs.length === 0) throw new BenchPlotError('NOT_FOUND', `no benchmark named "${name}" is being served`)
    return runs
  }
  return {
    listBenchmarks: async () =>
      [...byName.entries()]
        .filter(([, runs]) => runs.length > 0)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, runs]) => {
          const latest = [...runs].sort(byTime).at(-1) as Run
          return { name, runs: runs.length, latest: latest.time, title: latest.title }
        }),
    listRuns: async (name) => [...need(name)].sort(byTime).map((r) => headerOf(r)),
    getRun: async (name, id) => need(name).find((r) => r.id === id) ?? null,
    // Runs in memory were validated when given: none is unreadable.
    unreadableRuns: async () => [],
  }
}

// --- internal ---

function columnBytes(column: Column): number {
  if (column instanceof Float64Array) return column.byteLength
  // Text columns (paths, strings): a rough size, enough to bound the cache.
  return column.reduce((n, s) => n + 16 + (s === null ? 0 : s.length * 2), 0)
}

function byTime(a: Run, b: Run): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : 0
}

function headerOf(run: Run): RunHeader {
  const { data: _, means: _m, failures, ...rest } = run
  return { ...rest, failures, id: run.id as number, failureCount: failures.length, sampleCount: sampleCount(run) }
}
