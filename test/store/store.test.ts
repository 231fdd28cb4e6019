import { Database } from 'bun:sqlite'
import { describe, expect, it } from 'bun:test'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { meansOfColumn } from '../../src/model/history'
import { validateRun } from '../../src/model/run-format'
import { openReadStore, openStore, schemaVersion, type ReadStore } from '../../src/store'
import { tempDir } from '../helpers/binary'
import { asVersion1, storedSortRun } from '../helpers/store-files'
import { sortRun } from '../fixtures/sort-run'

const pragma = (path: string, name: string): unknown => {
  const db = new Database(path, { readonly: true })
  try {
    return Object.values(db.query(`PRAGMA ${name}`).get() as object)[0]
  } finally {
    db.close()
  }
}

describe('openStore', () => {
  it('creates the schema at the current version, in WAL mode, with foreign keys and a busy timeout', async () => {
    const path = join(tempDir(), 'sub', 'bench-plot.sqlite')
    const store = await openStore(path)
    await store.close()
    expect(pragma(path, 'user_version')).toBe(schemaVersion)
    expect(pragma(path, 'journal_mode')).toBe('wal')
    expect(pragma(path, 'page_size')).toBe(65536)
    const db = new Database(path)
    const tables = (db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
    expect(tables).toEqual(['benchmarks', 'columns', 'consts', 'failures', 'index_rows', 'inputs', 'panels', 'point_means', 'results', 'runs'])
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

describe('saving and loading runs', () => {
  it('appends runs and loads them oldest first with every field', async () => {
    const store = await openStore(':memory:')
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
  })

  it('stores string, media and vec columns', async () => {
    const store = await openStore(':memory:')
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
  })

  it('skips a run identical to one already stored', async () => {
    const store = await openStore(':memory:')
    expect((await store.record(sortRun())).skipped).toBe(false)
    const again = await store.record(sortRun())
    expect(again).toMatchObject({ skipped: true, reason: 'identical to run 1 already stored' })
    expect((await store.listBenchmarks())[0].runs).toBe(1)
  })

  it('writes all runs of one call or none', async () => {
    const store = await openStore(':memory:')
    const good = validateRun(sortRun())
    const bad = validateRun(sortRun({ tag: 'x' }))
    bad.inputs = [bad.inputs[0], { ...bad.inputs[0] }] // a duplicate input name breaks a UNIQUE constraint mid-transaction
    await expect(store.saveRuns([good, bad])).rejects.toThrow(/cannot write/)
    expect(await store.listBenchmarks()).toEqual([])
  })
})

describe('loading errors', () => {
  it('names the store and lists the closest stored names for an unknown name', async () => {
    const path = join(tempDir(), 's.sqlite')
    const store = await openStore(path)
    for (const name of ['sort', 'sorting', 'search', 'hash']) await store.record(sortRun({ benchmark: name }))
    await expect(store.loadBenchmark('sorr')).rejects.toThrow(`no benchmark named "sorr" in ${path} (stored: sort, hash, search, sorting); record results with: bench-plot import FILE`)
    await store.close()
  })

  it('says results were recorded but are gone when the data is missing', async () => {
    const path = join(tempDir(), 's.sqlite')
    const store = await openStore(path)
    await store.record(sortRun())
    await store.close()
    const db = new Database(path)
    db.run('DELETE FROM columns')
    db.close()
    const r = await openReadStore(path)
    await expect(r.loadBenchmark('sort')).rejects.toThrow(/results of "sort" were recorded in .* but their data is missing or unreadable/)
    await r.close()
  })

  it('says results are gone when a column is corrupt', async () => {
    const path = join(tempDir(), 's.sqlite')
    const store = await openStore(path)
    await store.record(sortRun())
    await store.close()
    const db = new Database(path)
    db.run("UPDATE columns SET data = x'0102'")
    db.close()
    await expect((async () => await (await openReadStore(path)).loadBenchmark('sort'))()).rejects.toThrow(/were recorded .* missing or unreadable/)
    expect(existsSync(path)).toBe(true)
  })
})

describe('reading columns one at a time', () => {
  const stored = async () => {
    const path = join(tempDir(), 's.sqlite')
    const store = await openStore(path)
    const first = (await store.record(sortRun())).id
    const second = (await store.record(sortRun({ tag: 'second' }))).id
    await store.close()
    return { path, first, second }
  }

  it('reads one result column of one run, equal to what loading the run gives', async () => {
    const { path, second } = await stored()
    const store = await openReadStore(path)
    const run = await store.getRun(second)
    expect(run).not.toBeNull()
    for (const r of run?.results ?? []) expect(Array.from((await store.readColumn(second, r.name) ?? []) as ArrayLike<unknown>)).toEqual(Array.from((run?.data[r.name] ?? []) as ArrayLike<unknown>))
    expect(await store.readColumn(second, 'no-such-result')).toBeNull()
    expect(await store.readColumn(9999, 'time')).toBeNull()
    await store.close()
  })

  it('verifies a benchmark without reading its data, and names what is gone', async () => {
    const { path, first } = await stored()
    const store = await openReadStore(path)
    expect((await store.verifyBenchmark('sort')).map((h) => h.tag)).toEqual(['ci', 'second'])
    await expect(store.verifyBenchmark('sorr')).rejects.toThrow(/no benchmark named "sorr"/)
    await store.close()
    const db = new Database(path)
    db.run('DELETE FROM columns WHERE run_id = ?', [first])
    db.close()
    const r = await openReadStore(path)
    await expect(r.verifyBenchmark('sort')).rejects.toThrow(/results of "sort" were recorded in .* but their data is missing or unreadable/)
    await expect(r.readColumn(first, 'time')).rejects.toThrow(/results of "sort" were recorded/)
    await r.close()
  })

  it('finds a column of the wrong length without reading it', async () => {
    const { path } = await stored()
    const db = new Database(path)
    db.run("UPDATE columns SET data = zeroblob(16) WHERE encoding = 'f64le'")
    db.close()
    const r = await openReadStore(path)
    await expect(r.verifyBenchmark('sort')).rejects.toThrow(/missing or unreadable/)
    await r.close()
  })
})

describe('changeToken', () => {
  it('moves when another connection writes, and only then', async () => {
    const path = join(tempDir(), 's.sqlite')
    const writer = await openStore(path)
    await writer.record(sortRun())
    const reader = await openReadStore(path)
    const before = await reader.changeToken()
    await reader.listBenchmarks()
    expect(await reader.changeToken()).toBe(before)
    await writer.record(sortRun({ tag: 'second' }))
    expect(await reader.changeToken()).not.toBe(before)
    await reader.close()
    await writer.close()
  })

  it('moves when the same handle writes', async () => {
    const store = await openStore(join(tempDir(), 's.sqlite'))
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
    const path = join(tempDir(), 's.sqlite')
    const store = await openStore(path)
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
    const { path, id } = await storedSortRun()
    asVersion1(path)
    const r = await openReadStore(path)
    expect(await r.readPointMeans(id, 'time')).toBeNull()
    expect((await r.loadBenchmark('sort')).runs).toHaveLength(1)
    await r.close()
    expect(pragma(path, 'user_version')).toBe(1)
    const m = await openStore(path)
    expect(pragma(path, 'user_version')).toBe(schemaVersion)
    for (const result of ['time', 'ok']) expect(Array.from(await m.readPointMeans(id, result) ?? [])).toEqual(await expectedMeans(m, id, result))
    await m.close()
  })

  it('of the wrong size mean the data is damaged', async () => {
    const { path, id } = await storedSortRun()
    const db = new Database(path)
    db.run('UPDATE point_means SET data = zeroblob(8)')
    db.close()
    const r = await openReadStore(path)
    await expect(r.readPointMeans(id, 'time')).rejects.toThrow(/results of "sort" were recorded in .* but their data is missing or unreadable/)
    await r.close()
  })
})
