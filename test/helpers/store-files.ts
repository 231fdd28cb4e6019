import { Database } from 'bun:sqlite'
import { join } from 'node:path'
import { openStore } from '../../src/store'
import { sortRun } from '../fixtures/sort-run'
import { tempDir } from './binary'

/** A store file on disk holding the sort fixture's run; closed, so the test opens it as it needs. */
export async function storedSortRun(): Promise<{ path: string; id: number }> {
  const path = join(tempDir(), 's.sqlite')
  const store = await openStore(path)
  const id = (await store.record(sortRun())).id
  await store.close()
  return { path, id }
}

/** Turn a store back into schema version 1, as written before point means existed. */
export function asVersion1(path: string): void {
  const db = new Database(path)
  db.run('DROP TABLE point_means')
  db.run('DROP TABLE IF EXISTS panels')
  db.run('DROP TABLE IF EXISTS index_rows')
  db.run('PRAGMA user_version = 1')
  db.close()
}
