import { BenchPlotError } from '../errors'
import type { Benchmark, BenchmarkSummary, Column, Run } from '../model/types'
import { sampleCount } from '../model/sweep'
import type { RunHeader, Store } from '../store'

/** What the server reads: benchmark summaries, run headers for tabs, and one run's data at a time. Never writes. */
export type BenchmarkSource = {
  listBenchmarks(): BenchmarkSummary[]
  /** Runs of a benchmark without their data, oldest first; throws NOT_FOUND when the name is unknown. */
  listRuns(name: string): RunHeader[]
  /** One run with its data, or null. */
  getRun(name: string, id: number): Run | null
  /** Runs `listRuns` leaves out because their stored JSON is unreadable, each with a line saying which and why. */
  unreadableRuns(name: string): { id: number; reason: string }[]
}

/**
 * A source over a store opened read-only. Runs never change once stored, so a run's columns are
 * read on first use and kept within a byte budget (least recently used first out): a page that
 * judges ten runs of a million samples holds a few columns at a time, not all of them. The run
 * list is read afresh after the store changed: runs imported while serving appear within `recheckMs`
 * (at once when they were written through this same store).
 */
export function storeSource(store: Store, opts: { keepBytes?: number; recheckMs?: number } = {}): BenchmarkSource {
  const budget = opts.keepBytes ?? 64 * 1024 * 1024
  // Asking SQLite whether another process wrote costs a few µs, a fifth of serving a cached page:
  // a read-only store is asked at most every 100 ms. One that writes itself is asked every time.
  const recheckMs = store.readonly ? (opts.recheckMs ?? 100) : 0
  const columns = new Map<string, Column>()
  let kept = 0
  // `what` is 'data' (the column) or 'means' (its per-point means); both share the budget.
  const column = (id: number, result: string, what: 'data' | 'means'): Column | null => {
    const key = `${what}\u0000${id}\u0000${result}`
    let col = columns.get(key)
    if (col) columns.delete(key)
    else {
      col = (what === 'data' ? store.readColumn(id, result) : store.readPointMeans(id, result)) ?? []
      kept += columnBytes(col)
    }
    columns.set(key, col)
    while (kept > budget && columns.size > 1) {
      const [oldest, dropped] = columns.entries().next().value as [string, Column]
      columns.delete(oldest)
      kept -= columnBytes(dropped)
    }
    return what === 'means' && col.length === 0 ? null : col
  }
  const runs = new Map<number, Run>()
  // Lists are read again only after an import changed the store, not on every request.
  let token = store.changeToken()
  let checkedAt = performance.now()
  let benchmarks: BenchmarkSummary[] | undefined
  const headersByName = new Map<string, RunHeader[]>()
  const fresh = () => {
    const at = performance.now()
    if (at - checkedAt < recheckMs) return
    checkedAt = at
    const now = store.changeToken()
    if (now !== token) {
      token = now
      benchmarks = undefined
      headersByName.clear()
    }
  }
  const listRuns = (name: string): RunHeader[] => {
    fresh()
    let headers = headersByName.get(name)
    if (!headers) {
      headers = store.listRuns(name)
      if (headers.length === 0) store.loadBenchmark(name) // throws the store's NOT_FOUND message
      headersByName.set(name, headers)
    }
    return headers
  }
  const knownRuns = (name: string): RunHeader[] | null => {
    try {
      return listRuns(name)
    } catch (err) {
      if (err instanceof BenchPlotError && err.code === 'NOT_FOUND') return null
      throw err
    }
  }
  return {
    listBenchmarks() {
      fresh()
      return (benchmarks ??= store.listBenchmarks())
    },
    listRuns,
    unreadableRuns: (name) => store.unreadableRuns(name),
    getRun(name, id) {
      let run = runs.get(id)
      if (!run) {
        const header = knownRuns(name)?.find((h) => h.id === id)
        if (!header) return null
        run = lazyRun(header, (result, what) => column(id, result, what))
        runs.set(id, run)
      }
      return run.benchmark === name ? run : null
    },
  }
}

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
    listBenchmarks: () =>
      [...byName.entries()]
        .filter(([, runs]) => runs.length > 0)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, runs]) => {
          const latest = [...runs].sort(byTime).at(-1) as Run
          return { name, runs: runs.length, latest: latest.time, title: latest.title }
        }),
    listRuns: (name) => [...need(name)].sort(byTime).map((r) => headerOf(r)),
    getRun: (name, id) => need(name).find((r) => r.id === id) ?? null,
    // Runs in memory were validated when given: none is unreadable.
    unreadableRuns: () => [],
  }
}

// --- internal ---

// A run whose columns and point means are getters: each is read from the store when a chart or a test first needs it.
function lazyRun(header: RunHeader, read: (result: string, what: 'data' | 'means') => Column | null): Run {
  const { failureCount: _f, sampleCount: _s, ...rest } = header
  const data: Record<string, Column> = {}
  const means: Record<string, Float64Array | null> = {}
  for (const r of header.results) {
    Object.defineProperty(data, r.name, { enumerable: true, get: () => read(r.name, 'data') })
    if (r.kind === 'float' || r.kind === 'bool') Object.defineProperty(means, r.name, { enumerable: true, get: () => read(r.name, 'means') })
  }
  const run: Run = { ...rest, data }
  // Not enumerable: derived data stays out of what a run serialises to.
  Object.defineProperty(run, 'means', { value: means })
  return run
}

function columnBytes(column: Column): number {
  if (column instanceof Float64Array) return column.byteLength
  // Text columns (paths, strings): a rough size, enough to bound the cache.
  return column.reduce((n, s) => n + 16 + (s === null ? 0 : s.length * 2), 0)
}

function byTime(a: Run, b: Run): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : 0
}

function headerOf(run: Run): RunHeader {
  const { data: _, failures, ...rest } = run
  return { ...rest, failures, id: run.id as number, failureCount: failures.length, sampleCount: sampleCount(run) }
}
