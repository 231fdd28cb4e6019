// Index rows computed as runs are stored: what each benchmark of a batch held before is read first,
// outside the write transaction; the row is summarised (model code) inside it, once the new runs have ids.
import { buildHistories } from '../model/history'
import { indexRowOptions, indexRowText, summarizeBenchmark } from '../model/regression'
import type { Run } from '../model/types'
import type { IndexRowMaker, ReadStore, RunHeader, RunsBasis } from './types'
import { runOfHeader } from './run-rows'

/**
 * Read, for each benchmark `runs` add to, its runs' headers and the float and bool data of those in
 * its newest history; the maker then summarises them with the saved runs. A benchmark another writer
 * added to since (its run count or newest id moved) gets no row: `before` says so inside the transaction.
 */
export async function prepareIndexRows(store: ReadStore, runs: readonly Run[], opts: { maxSamples?: number } = {}): Promise<IndexRowMaker> {
  const maxSamples = opts.maxSamples ?? indexRowMaxSamples
  const prior = new Map<string, { basis: RunsBasis; runs: Run[] }>()
  for (const name of new Set(runs.map((r) => r.benchmark))) {
    const headers = await store.listRuns(name)
    const adding = runs.filter((r) => r.benchmark === name)
    const stored = await withNewestData(store, headers, adding, maxSamples)
    // A history too large to read at every import gets no row: the index computes it, as for an older store.
    if (stored) prior.set(name, { basis: basisOf(headers), runs: stored })
  }
  return (name, before, saved) => {
    const p = prior.get(name)
    if (!p || p.basis.runs !== before.runs || p.basis.newestRunId !== before.newestRunId || saved.length === 0) return null
    return indexRowText(summarizeBenchmark({ name, runs: [...p.runs, ...saved] }, indexRowOptions))
  }
}

/** Samples of a benchmark's stored runs an import reads to summarise it, at most (a history of ten runs of a million samples is not). */
export const indexRowMaxSamples = 1 << 22

// --- internal ---

function basisOf(headers: readonly RunHeader[]): RunsBasis {
  return { runs: headers.length, newestRunId: headers.length === 0 ? null : Math.max(...headers.map((h) => h.id)) }
}

// The stored runs as runs: with their float and bool columns and point means where they are of the newest
// history once `adding` is in (only that history is summarised), without data elsewhere; null when
// those runs hold more than `maxSamples` samples.
async function withNewestData(store: ReadStore, headers: readonly RunHeader[], adding: readonly Run[], maxSamples: number): Promise<Run[] | null> {
  const bare = headers.map((h) => runOfHeader(h))
  // Newest with the runs added, or without them when the store skips them all (already stored).
  const newest = new Set([...(buildHistories([...bare, ...adding]).at(-1)?.runs ?? []), ...(buildHistories(bare).at(-1)?.runs ?? [])])
  const ids = bare.filter((r) => newest.has(r)).map((r) => r.id as number)
  if (ids.length === 0) return bare
  const sizes = new Map(headers.map((h) => [h.id, h.sampleCount]))
  if (ids.reduce((n, id) => n + (sizes.get(id) ?? 0), 0) > maxSamples) return null
  const [data, means] = await Promise.all([store.readScalarColumns(ids, 'data'), store.readScalarColumns(ids, 'means')])
  const byId = new Map(bare.map((r) => [r.id as number, r]))
  const meansOf = new Map<number, Record<string, Float64Array>>()
  for (const c of data) (byId.get(c.runId) as Run).data[c.result] = c.column
  for (const c of means) meansOf.set(c.runId, { ...meansOf.get(c.runId), [c.result]: c.column })
  // Not enumerable, as the server's runs have them: derived data.
  for (const [id, m] of meansOf) Object.defineProperty(byId.get(id), 'means', { value: m, enumerable: false })
  return bare
}
