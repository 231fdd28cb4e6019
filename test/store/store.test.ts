import { Database } from 'bun:sqlite'
import { describe, expect, it } from 'bun:test'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { meansOfColumn } from '../../src/model/history'
import { validateRun } from '../../src/model/run-format'
import { openReadStore, openStore, schemaVersion, type ReadStore } from '../../src/store'
import { tempDir } from '../helpers/binary'
import { onEachBackend } from '../helpers/backends'
import { sortRun } from '../fixtures/sort-run'

const pragma = (path: string, name: string): unknown => {
  const db = new Database(path, { readonly: true })
  try {
    return Object.values(db.query(`PRAGMA ${name}`).get() as object)[0]
  } finally {
    db.close()
  }
}

describe('openStore on a SQLite file', () => {
  it('creates the schema at the current version, in WAL mode, with foreign keys and a busy timeout', async () => {
    const path = join(tempDir(), 'sub', 'bench-plot.sqlite')
    const store = await openStore(path)
    await store.close()
    expect(pragma(path, 'user_version')).toBe(schemaVersion)
    expect(pragma(path, 'journal_mode')).toBe('wal')
    expect(pragma(path, 'page_size')).toBe(65536)
    const db = new Database(path)
    const tables = (db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
    expect(tables).toEqual(['benchmarks', 'columns', 'consts', 'failures', 'index_rows', 'inputs', 'panels', 'point_mean_totals', 'point_means', 'results', 'runs'])
    db.close()
  })

  it('migrates a store of an older version forward', async () => {
    const path = join(tempDir(), 'old.sqlite')
    new Database(path).close() // version 0: an empty file
    await (await openStore(path)).close()
    expect(pragma(path, 'user_version')).toBe(schemaVersion)
  })

  it('keeps the page size of a store made elsewhere', async () => {
    const path = join(tempDir(), 'old.sqlite')
    const db = new Database(path)
    // An empty SQLite file of the default page size (a file holding another program's tables is refused).
    db.run('CREATE TABLE other (x)')
    db.run('DROP TABLE other')
    db.close()
    const pageSize = pragma(path, 'page_size')
    const store = await openStore(path)
    await store.record(sortRun())
    await store.close()
    expect(pragma(path, 'page_size')).toBe(pageSize)
    expect((await (await openReadStore(path)).loadBenchmark('sort')).runs).toHaveLength(1)
  })

  it('refuses a store written by a newer bench-plot', async () => {
    const path = join(tempDir(), 'new.sqlite')
    const db = new Database(path)
    db.run(`PRAGMA user_version = ${schemaVersion + 1}`)
    db.close()
    await expect(openStore(path)).rejects.toThrow(/newer than this bench-plot reads/)
  })

  it('creates nothing on disk when reading a store that does not exist', async () => {
    const dir = tempDir()
    await expect(openReadStore(join(dir, 'cachedir', 'bench-plot.sqlite'))).rejects.toThrow(/nothing has been recorded yet at .*bench-plot\.sqlite/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('leaves no -wal or -shm file behind after reading', async () => {
    const dir = tempDir()
    const path = join(dir, 's.sqlite')
    const w = await openStore(path)
    await w.record(sortRun())
    await w.close()
    const r = await openReadStore(path)
    expect((await r.loadBenchmark('sort')).runs).toHaveLength(1)
    await r.close()
    expect(readdirSync(dir)).toEqual(['s.sqlite'])
  })

  it('never writes when opened for reading', async () => {
    const path = join(tempDir(), 's.sqlite')
    await (await openStore(path)).close()
    const before = await Bun.file(path).bytes()
    const r = await openReadStore(path)
    // A store opened for reading has no way to write: the type and the object lack it.
    expect('saveRuns' in r).toBe(false)
    expect('record' in r).toBe(false)
    expect(await r.listBenchmarks()).toEqual([])
    await r.close()
    expect(Buffer.from(await Bun.file(path).bytes()).equals(Buffer.from(before))).toBe(true)
  })
})

// Everything below runs on a new SQLite file and, with $BENCH_PLOT_TEST_PG, on a new PostgreSQL
// database (issue 18, point 6); what only a SQLite file has (pragmas, -wal files) is above.
onEachBackend((backend) => {
  /** A new store holding the sort fixture's run; closed, so the test opens it as it needs. */
  const storedSortRun = async () => {
    const location = await backend.fresh()
    const store = await openStore(location)
    const id = (await store.record(sortRun())).id
    await store.close()
    return { location, id }
  }

  describe('saving and loading runs', () => {
    it('appends runs and loads them oldest first with every field', async () => {
      const store = await openStore(await backend.fresh())
      await store.record(sortRun({ time: '2026-11-25T12:00:00Z', title: 'later' }))
      await store.record(sortRun({ time: '2026-11-24T12:00:00Z', title: 'earlier' }))
      const bench = await store.loadBenchmark('sort')
      expect(bench.runs.map((r) => r.title)).toEqual(['earlier', 'later'])
      const run = bench.runs[1]
      const expected = validateRun(sortRun({ time: '2026-11-25T12:00:00Z', title: 'later' }))
      expect(run.inputs).toEqual(expected.inputs)
      expect(run.results).toEqual(expected.results)
      expect(run.consts).toEqual([{ name: 'seed', value: 42 }])
      expect(run.failures).toEqual(expected.failures)
      expect(Array.from(run.data.time as Float64Array)).toEqual(Array.from(expected.data.time as Float64Array))
      expect([run.description, run.postDescription, run.tag, run.timeLabel]).toEqual(['How **fast** do we sort?', 'Measured on a laptop.', 'ci', 'a1b2c3d fix'])
      expect(await store.listBenchmarks()).toEqual([{ name: 'sort', runs: 2, latest: '2026-11-25T12:00:00.000Z', title: 'later' }])
      const headers = await store.listRuns('sort')
      expect(headers.map((h) => [h.sampleCount, h.failureCount])).toEqual([[17, 1], [17, 1]])
      await store.close()
    })

    it('stores string, media and vec columns', async () => {
      const store = await openStore(await backend.fresh())
      await store.record({
        benchmark: 'm',
        results: [{ name: 's', kind: 'string' }, { name: 'img', kind: 'image' }, { name: 'v', kind: 'vec', size: 3 }],
        samples: [{ inputs: {}, results: { s: 'hello <b>', img: 'img/a.png', v: [1, null, 3] } }],
      })
      const run = (await store.loadBenchmark('m')).runs[0]
      expect(run.data.s).toEqual(['hello <b>'])
      expect(run.data.img).toEqual(['img/a.png'])
      expect(Array.from(run.data.v as Float64Array)).toEqual([1, Number.NaN, 3])
      expect(run.results[2].size).toBe(3)
      await store.close()
    })

    it('skips a run identical to one already stored', async () => {
      const store = await openStore(await backend.fresh())
      expect((await store.record(sortRun())).skipped).toBe(false)
      const again = await store.record(sortRun())
      expect(again).toMatchObject({ skipped: true, reason: 'identical to run 1 already stored' })
      expect((await store.listBenchmarks())[0].runs).toBe(1)
      await store.close()
    })

    it('writes all runs of one call or none', async () => {
      const store = await openStore(await backend.fresh())
      const good = validateRun(sortRun())
      const bad = validateRun(sortRun({ tag: 'x' }))
      bad.inputs = [bad.inputs[0], { ...bad.inputs[0] }] // a duplicate input name breaks a UNIQUE constraint mid-transaction
      await expect(store.saveRuns([good, bad])).rejects.toThrow(/cannot write/)
      expect(await store.listBenchmarks()).toEqual([])
      await store.close()
    })
  })

  describe('loading errors', () => {
    it('names the store and lists the closest stored names for an unknown name', async () => {
      const store = await openStore(await backend.fresh())
      for (const name of ['sort', 'sorting', 'search', 'hash']) await store.record(sortRun({ benchmark: name }))
      await expect(store.loadBenchmark('sorr')).rejects.toThrow(`no benchmark named "sorr" in ${store.location} (stored: sort, hash, search, sorting); record results with: bench-plot import FILE`)
      await store.close()
    })

    it('says results were recorded but are gone when the data is missing', async () => {
      const { location } = await storedSortRun()
      await backend.sql(location, 'DELETE FROM columns')
      const r = await openReadStore(location)
      await expect(r.loadBenchmark('sort')).rejects.toThrow(/results of "sort" were recorded in .* but their data is missing or unreadable/)
      await r.close()
    })

    it('says results are gone when a column is corrupt, and leaves the store as it is', async () => {
      const { location } = await storedSortRun()
      await backend.sql(location, `UPDATE columns SET data = ${backend.blob('0102')}`)
      const r = await openReadStore(location)
      await expect(r.loadBenchmark('sort')).rejects.toThrow(/were recorded .* missing or unreadable/)
      expect((await r.listBenchmarks()).map((b) => [b.name, b.runs])).toEqual([['sort', 1]])
      await r.close()
    })
  })

  describe('reading columns one at a time', () => {
    const stored = async () => {
      const location = await backend.fresh()
      const store = await openStore(location)
      const first = (await store.record(sortRun())).id
      const second = (await store.record(sortRun({ tag: 'second' }))).id
      await store.close()
      return { location, first, second }
    }

    it('reads one result column of one run, equal to what loading the run gives', async () => {
      const { location, second } = await stored()
      const store = await openReadStore(location)
      const run = await store.getRun(second)
      expect(run).not.toBeNull()
      for (const r of run?.results ?? []) expect(Array.from((await store.readColumn(second, r.name) ?? []) as ArrayLike<unknown>)).toEqual(Array.from((run?.data[r.name] ?? []) as ArrayLike<unknown>))
      expect(await store.readColumn(second, 'no-such-result')).toBeNull()
      expect(await store.readColumn(9999, 'time')).toBeNull()
      await store.close()
    })

    it('verifies a benchmark without reading its data, and names what is gone', async () => {
      const { location, first } = await stored()
      const store = await openReadStore(location)
      expect((await store.verifyBenchmark('sort')).runs.map((h) => h.tag)).toEqual(['ci', 'second'])
      await expect(store.verifyBenchmark('sorr')).rejects.toThrow(/no benchmark named "sorr"/)
      await store.close()
      await backend.sql(location, `DELETE FROM columns WHERE run_id = ${first}`)
      const r = await openReadStore(location)
      await expect(r.verifyBenchmark('sort')).rejects.toThrow(/results of "sort" were recorded in .* but their data is missing or unreadable/)
      await expect(r.readColumn(first, 'time')).rejects.toThrow(/results of "sort" were recorded/)
      await r.close()
    })

    it('finds a column of the wrong length without reading it', async () => {
      const { location } = await stored()
      await backend.sql(location, `UPDATE columns SET data = ${backend.blob('00'.repeat(16))} WHERE encoding = 'f64le'`)
      const r = await openReadStore(location)
      await expect(r.verifyBenchmark('sort')).rejects.toThrow(/missing or unreadable/)
      await r.close()
    })
  })

  describe('changeToken', () => {
    it('moves when another connection writes, and only then', async () => {
      const location = await backend.fresh()
      const writer = await openStore(location)
      await writer.record(sortRun())
      const reader = await openReadStore(location)
      const before = await reader.changeToken()
      await reader.listBenchmarks()
      expect(await reader.changeToken()).toBe(before)
      await writer.record(sortRun({ tag: 'second' }))
      expect(await reader.changeToken()).not.toBe(before)
      await reader.close()
      await writer.close()
    })

    it('moves when the same handle writes', async () => {
      const store = await openStore(await backend.fresh())
      const before = await store.changeToken()
      expect(await store.changeToken()).toBe(before)
      await store.record(sortRun())
      expect(await store.changeToken()).not.toBe(before)
      await store.close()
    })
  })

  describe('point means', () => {
    // What the means must be: the model's own mean over repeats, from the column the store keeps.
    const expectedMeans = async (store: ReadStore, runId: number, result: string) => Array.from(meansOfColumn((await store.readColumn(runId, result)) as Float64Array, 3))

    it('keeps the mean per point of each float and bool result, NaN where a repeat failed left out', async () => {
      const store = await openStore(await backend.fresh())
      const id = (await store.record(sortRun())).id
      for (const result of ['time', 'ok']) expect(Array.from(await store.readPointMeans(id, result) ?? [])).toEqual(await expectedMeans(store, id, result))
      // n=1000, heap lost its second repeat: its mean is over the two left.
      const time = await store.readPointMeans(id, 'time') as Float64Array
      expect(time[5]).toBeCloseTo(1000 * 2e-4 + 2e-6, 12)
      expect(time).toHaveLength(6)
      expect(await store.readPointMeans(id, 'nothing')).toBeNull()
      await store.close()
    })

    it('are filled in when a version 1 store is migrated, and a reader of a version 1 store goes without them', async () => {
      const { location, id } = await storedSortRun()
      // Back to schema version 1, as written before point means existed.
      await backend.sql(location, 'DROP TABLE point_mean_totals')
      await backend.sql(location, 'DROP TABLE point_means')
      await backend.sql(location, 'DROP TABLE panels')
      await backend.sql(location, 'DROP TABLE index_rows')
      await backend.setVersion(location, 1)
      const r = await openReadStore(location)
      expect(await r.readPointMeans(id, 'time')).toBeNull()
      expect((await r.loadBenchmark('sort')).runs).toHaveLength(1)
      await r.close()
      expect(await backend.version(location)).toBe(1)
      const m = await openStore(location)
      expect(await backend.version(location)).toBe(schemaVersion)
      for (const result of ['time', 'ok']) expect(Array.from(await m.readPointMeans(id, result) ?? [])).toEqual(await expectedMeans(m, id, result))
      await m.close()
    })

    it('of the wrong size mean the data is damaged', async () => {
      const { location, id } = await storedSortRun()
      await backend.sql(location, `UPDATE point_means SET data = ${backend.blob('00'.repeat(8))}`)
      const r = await openReadStore(location)
      await expect(r.readPointMeans(id, 'time')).rejects.toThrow(/results of "sort" were recorded in .* but their data is missing or unreadable/)
      await r.close()
    })
  })
})
