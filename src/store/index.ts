import { isPostgresUrl } from './location'
import { openPostgresReader, openPostgresWriter } from './postgres-store'
import { openSqliteReader, openSqliteWriter } from './sqlite-store'
import type { ReadStore, Store, StoreBackend } from './types'

export type { IndexRowMaker, IndexRowText, PointMeanTotal, ReadStore, RunHeader, RunsBasis, SaveOutcome, ScalarColumn, Store, StoreBackend, StoredIndexRow, UnreadableRun } from './types'
export { schemaVersion } from './schema'
export { isPostgresUrl, redactUrl } from './location'
export { runOfHeader } from './run-rows'

/**
 * Open the store at `location` for writing: a SQLite file (created when missing; `:memory:` for
 * tests) or a PostgreSQL database (`postgres://user:password@host:port/database`), whose schema is
 * created when missing.
 * @example
 * const store = await openStore('cachedir/bench-plot.sqlite')
 * await store.record({ benchmark: 'sort', samples: [{ inputs: { n: 10 }, results: { time: 0.12 } }] })
 * await store.close()
 */
export async function openStore(location: string): Promise<Store> {
  // Loaded for writers only: a server opening its store for reading need not evaluate the model's validation and regression code.
  const [{ validateRun }, { prepareIndexRows }] = await Promise.all([import('../model/run-format'), import('./index-row-maker')])
  return withRecord(isPostgresUrl(location) ? await openPostgresWriter(location) : openSqliteWriter(location), validateRun, prepareIndexRows)
}

/** Open the store at `location` (a SQLite file or a PostgreSQL URL) for reading only: it must exist, and nothing is ever written to it. */
export async function openReadStore(location: string): Promise<ReadStore> {
  return isPostgresUrl(location) ? openPostgresReader(location) : openSqliteReader(location)
}

// --- internal ---

// Every write computes the index rows of the benchmarks it adds to, unless the caller says how (`indexRow: false`: none).
function withRecord(backend: StoreBackend, validateRun: typeof import('../model/run-format').validateRun, prepareIndexRows: typeof import('./index-row-maker').prepareIndexRows): Store {
  const saveRuns: StoreBackend['saveRuns'] = async (runs, opts = {}) => backend.saveRuns(runs, opts.indexRow === undefined ? { ...opts, indexRow: await prepareIndexRows(backend, runs) } : opts)
  return {
    ...backend,
    saveRuns,
    record: async (run, source = 'record()') => (await saveRuns([validateRun(run, { source })]))[0],
  }
}
