import { Database } from 'bun:sqlite'
import { describe, expect, it } from 'bun:test'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { meansOfColumn } from '../../src/model/history'
import { validateRun } from '../../src/model/run-format'
import { openStore, schemaVersion } from '../../src/store'
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
  it('creates the schema at the current version, in WAL mode, with foreign keys and a busy timeout', () => {
    const path = join(tempDir(), 'sub', 'bench-plot.sqlite')
    const store = openStore(path)
    store.close()
    expect(pragma(path, 'user_version')).toBe(schemaVersion)
    expect(pragma(path, 'journal_mode')).toBe('wal')
    expect(pragma(path, 'page_size')).toBe(65536)
    const db = new Database(path)
    const tables = (db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
    expect(tables).toEqual(['benchmarks', 'columns', 'consts', 'failures', 'inputs', 'panels', 'point_means', 'results', 'runs'])
    db.close()
  })

  it('migrates a store of an older version forward', () => {
    const path = join(tempDir(), 'old.sqlite')
    new Database(path).close() // version 0: an empty file
    openStore(path).close()
    expect(pragma(path, 'user_version')).toBe(schemaVersion)
  })

  it('keeps the page size of a store made elsewhere', () => {
    const path = join(tempDir(), 'old.sqlite')
    const db = new Database(path)
    // An empty SQLite file of the default page size (a file holding another program's tables is refused).
    db.run('CREATE TABLE other (x)')
    db.run('DROP TABLE other')
    db.close()
    const pageSize = pragma(path, 'page_size')
    const store = openStore(path)
    store.record(sortRun())
    store.close()
    expect(pragma(path, 'page_size')).toBe(pageSize)
    expect(openStore(path, { readonly: true }).loadBenchmark('sort').runs).toHaveLength(1)
  })

  it('refuses a store written by a newer bench-plot', () => {
    const path = join(tempDir(), 'new.sqlite')
    const db = new Database(path)
    db.run(`PRAGMA user_version = ${schemaVersion + 1}`)
    db.close()
    expect(() => openStore(path)).toThrow(/newer than this bench-plot reads/)
  })

  it('creates nothing on disk when reading a store that does not exist', () => {
    const dir = tempDir()
    expect(() => openStore(join(dir, 'cachedir', 'bench-plot.sqlite'), { readonly: true })).toThrow(/nothing has been recorded yet at .*bench-plot\.sqlite/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('leaves no -wal or -shm file behind after reading', () => {
    const dir = tempDir()
    const path = join(dir, 's.sqlite')
    const w = openStore(path)
    w.record(sortRun())
    w.close()
    const r = openStore(path, { readonly: true })
    expect(r.loadBenchmark('sort').runs).toHaveLength(1)
    r.close()
    expect(readdirSync(dir)).toEqual(['s.sqlite'])
  })

  it('never writes when opened for reading', () => {
    const path = join(tempDir(), 's.sqlite')
    openStore(path).close()
    const r = openStore(path, { readonly: true })
    expect(() => r.saveRuns([validateRun(sortRun())])).toThrow(/reading only/)
    r.close()
  })
})

describe('saving and loading runs', () => {
  it('appends runs and loads them oldest first with every field', () => {
    const store = openStore(':memory:')
    store.record(sortRun({ time: '2026-11-25T12:00:00Z', title: 'later' }))
    store.record(sortRun({ time: '2026-11-24T12:00:00Z', title: 'earlier' }))
    const bench = store.loadBenchmark('sort')
    expect(bench.runs.map((r) => r.title)).toEqual(['earlier', 'later'])
    const run = bench.runs[1]
    const expected = validateRun(sortRun({ time: '2026-11-25T12:00:00Z', title: 'later' }))
    expect(run.inputs).toEqual(expected.inputs)
    expect(run.results).toEqual(expected.results)
    expect(run.consts).toEqual([{ name: 'seed', value: 42 }])
    expect(run.failures).toEqual(expected.failures)
    expect(Array.from(run.data.time as Float64Array)).toEqual(Array.from(expected.data.time as Float64Array))
    expect([run.description, run.postDescription, run.tag, run.timeLabel]).toEqual(['How **fast** do we sort?', 'Measured on a laptop.', 'ci', 'a1b2c3d fix'])
    expect(store.listBenchmarks()).toEqual([{ name: 'sort', runs: 2, latest: '2026-11-25T12:00:00.000Z', title: 'later' }])
    const headers = store.listRuns('sort')
    expect(headers.map((h) => [h.sampleCount, h.failureCount])).toEqual([[17, 1], [17, 1]])
  })

  it('stores string, media and vec columns', () => {
    const store = openStore(':memory:')
    store.record({
      benchmark: 'm',
      results: [{ name: 's', kind: 'string' }, { name: 'img', kind: 'image' }, { name: 'v', kind: 'vec', size: 3 }],
      samples: [{ inputs: {}, results: { s: 'hello <b>', img: 'img/a.png', v: [1, null, 3] } }],
    })
    const run = store.loadBenchmark('m').runs[0]
    expect(run.data.s).toEqual(['hello <b>'])
    expect(run.data.img).toEqual(['img/a.png'])
    expect(Array.from(run.data.v as Float64Array)).toEqual([1, Number.NaN, 3])
    expect(run.results[2].size).toBe(3)
  })

  it('skips a run identical to one already stored', () => {
    const store = openStore(':memory:')
    expect(store.record(sortRun()).skipped).toBe(false)
    const again = store.record(sortRun())
    expect(again).toMatchObject({ skipped: true, reason: 'identical to run 1 already stored' })
    expect(store.listBenchmarks()[0].runs).toBe(1)
  })

  it('writes all runs of one call or none', () => {
    const store = openStore(':memory:')
    const good = validateRun(sortRun())
    const bad = validateRun(sortRun({ tag: 'x' }))
    bad.inputs = [bad.inputs[0], { ...bad.inputs[0] }] // a duplicate input name breaks a UNIQUE constraint mid-transaction
    expect(() => store.saveRuns([good, bad])).toThrow(/cannot write/)
    expect(store.listBenchmarks()).toEqual([])
  })
})

describe('loading errors', () => {
  it('names the store and lists the closest stored names for an unknown name', () => {
    const path = join(tempDir(), 's.sqlite')
    const store = openStore(path)
    for (const name of ['sort', 'sorting', 'search', 'hash']) store.record(sortRun({ benchmark: name }))
    expect(() => store.loadBenchmark('sorr')).toThrow(`no benchmark named "sorr" in ${path} (stored: sort, hash, search, sorting); record results with: bench-plot import FILE`)
    store.close()
  })

  it('says results were recorded but are gone when the data is missing', () => {
    const path = join(tempDir(), 's.sqlite')
    const store = openStore(path)
    store.record(sortRun())
    store.close()
    const db = new Database(path)
    db.run('DELETE FROM columns')
    db.close()
    const r = openStore(path, { readonly: true })
    expect(() => r.loadBenchmark('sort')).toThrow(/results of "sort" were recorded in .* but their data is missing or unreadable/)
    r.close()
  })

  it('says results are gone when a column is corrupt', () => {
    const path = join(tempDir(), 's.sqlite')
    const store = openStore(path)
    store.record(sortRun())
    store.close()
    const db = new Database(path)
    db.run("UPDATE columns SET data = x'0102'")
    db.close()
    expect(() => openStore(path, { readonly: true }).loadBenchmark('sort')).toThrow(/were recorded .* missing or unreadable/)
    expect(existsSync(path)).toBe(true)
  })
})

describe('reading columns one at a time', () => {
  const stored = () => {
    const path = join(tempDir(), 's.sqlite')
    const store = openStore(path)
    const first = store.record(sortRun()).id
    const second = store.record(sortRun({ tag: 'second' })).id
    store.close()
    return { path, first, second }
  }

  it('reads one result column of one run, equal to what loading the run gives', () => {
    const { path, second } = stored()
    const store = openStore(path, { readonly: true })
    const run = store.getRun(second)
    expect(run).not.toBeNull()
    for (const r of run?.results ?? []) expect(Array.from((store.readColumn(second, r.name) ?? []) as ArrayLike<unknown>)).toEqual(Array.from((run?.data[r.name] ?? []) as ArrayLike<unknown>))
    expect(store.readColumn(second, 'no-such-result')).toBeNull()
    expect(store.readColumn(9999, 'time')).toBeNull()
    store.close()
  })

  it('verifies a benchmark without reading its data, and names what is gone', () => {
    const { path, first } = stored()
    const store = openStore(path, { readonly: true })
    expect(store.verifyBenchmark('sort').map((h) => h.tag)).toEqual(['ci', 'second'])
    expect(() => store.verifyBenchmark('sorr')).toThrow(/no benchmark named "sorr"/)
    store.close()
    const db = new Database(path)
    db.run('DELETE FROM columns WHERE run_id = ?', [first])
    db.close()
    const r = openStore(path, { readonly: true })
    expect(() => r.verifyBenchmark('sort')).toThrow(/results of "sort" were recorded in .* but their data is missing or unreadable/)
    expect(() => r.readColumn(first, 'time')).toThrow(/results of "sort" were recorded/)
    r.close()
  })

  it('finds a column of the wrong length without reading it', () => {
    const { path } = stored()
    const db = new Database(path)
    db.run("UPDATE columns SET data = zeroblob(16) WHERE encoding = 'f64le'")
    db.close()
    const r = openStore(path, { readonly: true })
    expect(() => r.verifyBenchmark('sort')).toThrow(/missing or unreadable/)
    r.close()
  })
})

describe('changeToken', () => {
  it('moves when another connection writes, and only then', () => {
    const path = join(tempDir(), 's.sqlite')
    const writer = openStore(path)
    writer.record(sortRun())
    const reader = openStore(path, { readonly: true })
    const before = reader.changeToken()
    reader.listBenchmarks()
    expect(reader.changeToken()).toBe(before)
    writer.record(sortRun({ tag: 'second' }))
    expect(reader.changeToken()).not.toBe(before)
    reader.close()
    writer.close()
  })

  it('moves when the same handle writes', () => {
    const store = openStore(join(tempDir(), 's.sqlite'))
    const before = store.changeToken()
    expect(store.changeToken()).toBe(before)
    store.record(sortRun())
    expect(store.changeToken()).not.toBe(before)
    store.close()
  })
})

describe('point means', () => {
  // What the means must be: the model's own mean over repeats, from the column the store keeps.
  const expectedMeans = (store: ReturnType<typeof openStore>, runId: number, result: string) => Array.from(meansOfColumn(store.readColumn(runId, result) as Float64Array, 3))

  it('keeps the mean per point of each float and bool result, NaN where a repeat failed left out', () => {
    const path = join(tempDir(), 's.sqlite')
    const store = openStore(path)
    const id = store.record(sortRun()).id
    for (const result of ['time', 'ok']) expect(Array.from(store.readPointMeans(id, result) ?? [])).toEqual(expectedMeans(store, id, result))
    // n=1000, heap lost its second repeat: its mean is over the two left.
    const time = store.readPointMeans(id, 'time') as Float64Array
    expect(time[5]).toBeCloseTo(1000 * 2e-4 + 2e-6, 12)
    expect(time).toHaveLength(6)
    expect(store.readPointMeans(id, 'nothing')).toBeNull()
    store.close()
  })

  it('are filled in when a version 1 store is migrated, and a reader of a version 1 store goes without them', () => {
    const { path, id } = storedSortRun()
    asVersion1(path)
    const r = openStore(path, { readonly: true })
    expect(r.readPointMeans(id, 'time')).toBeNull()
    expect(r.loadBenchmark('sort').runs).toHaveLength(1)
    r.close()
    expect(pragma(path, 'user_version')).toBe(1)
    const m = openStore(path)
    expect(pragma(path, 'user_version')).toBe(schemaVersion)
    for (const result of ['time', 'ok']) expect(Array.from(m.readPointMeans(id, result) ?? [])).toEqual(expectedMeans(m, id, result))
    m.close()
  })

  it('of the wrong size mean the data is damaged', () => {
    const { path, id } = storedSortRun()
    const db = new Database(path)
    db.run('UPDATE point_means SET data = zeroblob(8)')
    db.close()
    const r = openStore(path, { readonly: true })
    expect(() => r.readPointMeans(id, 'time')).toThrow(/results of "sort" were recorded in .* but their data is missing or unreadable/)
    r.close()
  })
})
