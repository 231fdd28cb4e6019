import { describe, expect, it } from 'bun:test'
import { Database } from 'bun:sqlite'
import { join } from 'node:path'
import { meansOfColumn } from '../../src/model/history'
import { validateRun } from '../../src/model/run-format'
import { openReadStore, openStore } from '../../src/store'
import { tempDir } from '../helpers/binary'
import { asAdmin, freshDatabase, testPostgres } from '../helpers/postgres'
import { sortRun } from '../fixtures/sort-run'

// readScalarColumns, many runs' float and bool columns in one query (issue 20: an index of a thousand
// benchmarks), on both backends: the same columns and means as one by one, and the same refusal of damaged data.
const pg = await testPostgres()

type Backend = { name: string; fresh(): Promise<string>; truncate(location: string, runId: number): Promise<void> }

const backends: Backend[] = [
  {
    name: 'SQLite',
    fresh: async () => join(tempDir(), 's.sqlite'),
    truncate: async (path, runId) => {
      const db = new Database(path)
      db.run('UPDATE columns SET data = substr(data, 1, 8) WHERE run_id = ?', [runId])
      db.close()
    },
  },
  {
    name: 'PostgreSQL',
    fresh: () => freshDatabase(pg as NonNullable<typeof pg>),
    truncate: (url, runId) => asAdmin(url, (sql) => sql`UPDATE columns SET data = substring(data from 1 for 8) WHERE run_id = ${runId}`),
  },
]

for (const backend of backends) {
  describe.skipIf(backend.name === 'PostgreSQL' && pg === null)(`readScalarColumns on ${backend.name}`, () => {
    it('gives the float and bool columns and point means of many runs, as readColumn and readPointMeans do one by one', async () => {
      const location = await backend.fresh()
      const w = await openStore(location)
      const ids: number[] = []
      for (const k of [0, 1, 2]) ids.push((await w.record(sortRun({ time: `2026-11-2${k}T10:00:00Z`, tag: `run${k}` }))).id)
      await w.close()
      const r = await openReadStore(location)
      const data = await r.readScalarColumns(ids, 'data')
      const means = await r.readScalarColumns(ids, 'means')
      const key = (c: { runId: number; result: string }) => `${c.runId}:${c.result}`
      // Only float and bool results: the run's other results are read one by one.
      expect(data.map(key).sort()).toEqual(ids.flatMap((id) => [`${id}:ok`, `${id}:time`]).sort())
      expect(means.map(key).sort()).toEqual(data.map(key).sort())
      for (const c of data) expect(Array.from(c.column)).toEqual(Array.from((await r.readColumn(c.runId, c.result)) as Float64Array))
      for (const c of means) expect(Array.from(c.column)).toEqual(Array.from(meansOfColumn((await r.readColumn(c.runId, c.result)) as Float64Array, 3)))
      const time = data.find((c) => c.runId === ids[1] && c.result === 'time')?.column as Float64Array
      expect(Array.from(time)).toEqual(Array.from(validateRun(sortRun()).data.time as Float64Array))
      expect(await r.readScalarColumns([], 'data')).toEqual([])
      expect(await r.readScalarColumns([9999], 'means')).toEqual([])
      await r.close()
    })

    it('refuses a column of the wrong length as readColumn does, naming the benchmark', async () => {
      const location = await backend.fresh()
      const w = await openStore(location)
      const { id } = await w.record(sortRun())
      await w.close()
      await backend.truncate(location, id)
      const r = await openReadStore(location)
      await expect(r.readScalarColumns([id], 'data')).rejects.toThrow('results of "sort" were recorded in')
      await expect(r.readScalarColumns([id], 'means')).rejects.toThrow('missing or unreadable')
      await r.close()
    })
  })
}
