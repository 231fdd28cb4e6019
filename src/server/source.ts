import { BenchPlotError } from '../errors'
import type { Benchmark, BenchmarkSummary, Run } from '../model/types'
import { sampleCount } from '../model/sweep'
import type { RunHeader, Store } from '../store'

/** What the server reads: benchmark summaries, run headers for tabs, and one run's data at a time. Never writes. */
export type BenchmarkSource = {
  listBenchmarks(): BenchmarkSummary[]
  /** Runs of a benchmark without their data, oldest first; throws NOT_FOUND when the name is unknown. */
  listRuns(name: string): RunHeader[]
  /** One run with its data, or null. */
  getRun(name: string, id: number): Run | null
}

/**
 * A source over a store opened read-only. Runs never change once stored, so each loaded run is
 * kept (a few, least recently used first out); the run list is read afresh, so runs imported
 * while serving appear on the next request.
 */
export function storeSource(store: Store, opts: { keepRuns?: number } = {}): BenchmarkSource {
  const keep = opts.keepRuns ?? 8
  const runs = new Map<number, Run>()
  // Lists are read again only after an import changed the store, not on every request.
  let token = store.changeToken()
  let benchmarks: BenchmarkSummary[] | undefined
  const headersByName = new Map<string, RunHeader[]>()
  const fresh = () => {
    const now = store.changeToken()
    if (now !== token) {
      token = now
      benchmarks = undefined
      headersByName.clear()
    }
  }
  return {
    listBenchmarks() {
      fresh()
      return (benchmarks ??= store.listBenchmarks())
    },
    listRuns(name) {
      fresh()
      let headers = headersByName.get(name)
      if (!headers) {
        headers = store.listRuns(name)
        if (headers.length === 0) store.loadBenchmark(name) // throws the store's NOT_FOUND message
        headersByName.set(name, headers)
      }
      return headers
    },
    getRun(name, id) {
      let run = runs.get(id)
      if (run) {
        runs.delete(id)
      } else {
        run = store.getRun(id) ?? undefined
        if (!run) return null
      }
      if (run.benchmark !== name) return null
      runs.set(id, run)
      while (runs.size > keep) runs.delete(runs.keys().next().value as number)
      return run
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
  }
}

// --- internal ---

function byTime(a: Run, b: Run): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : 0
}

function headerOf(run: Run): RunHeader {
  const { data: _, failures, ...rest } = run
  return { ...rest, failures, id: run.id as number, failureCount: failures.length, sampleCount: sampleCount(run) }
}
