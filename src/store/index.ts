import { validateRun } from '../model/run-format'
import { openSqliteStore } from './sqlite-store'
import type { OpenStoreOptions, Store } from './types'

export type { OpenStoreOptions, RunHeader, SaveOutcome, Store, StoreBackend } from './types'
export { schemaVersion } from './schema'

/**
 * Open the store at `path` (a SQLite file; `:memory:` for tests). Reading never creates anything on disk.
 * @example
 * const store = openStore('cachedir/bench-plot.sqlite')
 * store.record({ benchmark: 'sort', samples: [{ inputs: { n: 10 }, results: { time: 0.12 } }] })
 */
export function openStore(path: string, opts: OpenStoreOptions = {}): Store {
  const backend = openSqliteStore(path, opts)
  return {
    ...backend,
    record: (run, source = 'record()') => backend.saveRuns([validateRun(run, { source })])[0],
  }
}
