import { describe, expect, it } from 'bun:test'
import { meansOfColumn } from '../../src/model/history'
import { validateRun } from '../../src/model/run-format'
import { openReadStore, openStore, schemaVersion } from '../../src/store'
import { onEachBackend, sqliteBackend } from '../helpers/backends'
import { asAdmin, freshDatabase, testPostgres } from '../helpers/postgres'
import { sortRun } from '../fixtures/sort-run'

// The same behaviour from both backends: each check runs on a new SQLite file and on a new PostgreSQL database.
const pg = await testPostgres()

onEachBackend((backend) => {
  it('saves runs and reads them back, oldest first, with every field, skipping a run stored already', async () => {
    const location = await backend.fresh()
    const w = await openStore(location)
    const later = await w.record(sortRun({ time: '2026-11-25T12:00:00Z', title: 'later' }))
    const earlier = await w.record(sortRun({ time: '2026-11-24T12:00:00Z', title: 'earlier' }))
    const again = await w.record(sortRun({ time: '2026-11-24T12:00:00Z', title: 'earlier' }))
    expect(again).toEqual({ benchmark: 'sort', id: earlier.id, skipped: true, reason: `identical to run ${earlier.id} already stored` })
    await w.record({ ...sortRun(), benchmark: 'Zeta' })
    await w.record({ ...sortRun(), benchmark: 'alpha' })
    await w.close()

    const r = await openReadStore(location)
    const bench = await r.loadBenchmark('sort')
    expect(bench.runs.map((x) => [x.id, x.title])).toEqual([
      [earlier.id, 'earlier'],
      [later.id, 'later'],
    ])
    const expected = validateRun(sortRun({ time: '2026-11-25T12:00:00Z', title: 'later' }))
    const run = bench.runs[1]
    expect(run.inputs).toEqual(expected.inputs)
    expect(run.results).toEqual(expected.results)
    expect(run.consts).toEqual([{ name: 'seed', value: 42 }])
    expect(run.failures).toEqual(expected.failures)
    expect([run.description, run.postDescription, run.tag, run.timeLabel, run.meta]).toEqual([expected.description, expected.postDescription, 'ci', 'a1b2c3d fix', expected.meta])
    for (const result of expected.results) expect(Array.from(run.data[result.name] as ArrayLike<unknown>)).toEqual(Array.from(expected.data[result.name] as ArrayLike<unknown>))
    // Names in code point order, as SQLite compares text: upper case first.
    expect((await r.listBenchmarks()).map((b) => [b.name, b.runs])).toEqual([
      ['Zeta', 1],
      ['alpha', 1],
      ['sort', 2],
    ])
    expect((await r.listBenchmarks()).find((b) => b.name === 'sort')).toEqual({ name: 'sort', runs: 2, latest: '2026-11-25T12:00:00.000Z', title: 'later' })
    expect((await r.listRuns('sort')).map((h) => [h.id, h.sampleCount, h.failureCount])).toEqual([
      [earlier.id, 17, 1],
      [later.id, 17, 1],
    ])
    expect((await r.verifyBenchmark('sort')).runs.map((h) => h.id)).toEqual([earlier.id, later.id])
    expect((await r.getRun(later.id))?.title).toBe('later')
    expect(await r.getRun(9999)).toBeNull()
    await r.close()
  })

  it('reads one column and its point means, and nothing for a result the run does not have', async () => {
    const location = await backend.fresh()
    const w = await openStore(location)
    const { id } = await w.record(sortRun())
    await w.close()
    const r = await openReadStore(location)
    const time = (await r.readColumn(id, 'time')) as Float64Array
    expect(Array.from(time)).toEqual(Array.from(validateRun(sortRun()).data.time as Float64Array))
    expect(Array.from((await r.readPointMeans(id, 'time')) as Float64Array)).toEqual(Array.from(meansOfColumn(time, 3)))
    expect(await r.readColumn(id, 'nothing')).toBeNull()
    expect(await r.readPointMeans(id, 'nothing')).toBeNull()
    await r.close()
  })

  it('keeps a run\'s panels in its transaction and reads them back with the run and its header', async () => {
    const location = await backend.fresh()
    const w = await openStore(location)
    const panels = [
      { kind: 'markdown', title: 'Note', text: 'measured on *ci-3*', place: 'before' },
      { kind: 'table', columns: ['a'], rows: [[1]], place: 'result:time' },
    ]
    const { id } = await w.record({ ...sortRun(), panels } as Parameters<typeof w.record>[0])
    await expect(w.record({ ...sortRun(), tag: 'bad', panels: [{ kind: 'echarts', option: { title: { text: '<b>x</b>' } } }] } as Parameters<typeof w.record>[0])).rejects.toThrow(/HTML is not allowed/)
    await w.close()
    const r = await openReadStore(location)
    const headers = await r.listRuns('sort')
    expect(headers).toHaveLength(1)
    expect(headers[0].panels?.map((p) => [p.kind, p.place])).toEqual([
      ['markdown', 'before'],
      ['table', 'result:time'],
    ])
    expect((await r.getRun(id))?.panels?.[0]).toMatchObject({ kind: 'markdown', title: 'Note', text: 'measured on *ci-3*' })
    await r.close()
  })

  it('names the closest benchmarks when one is not there', async () => {
    const location = await backend.fresh()
    const w = await openStore(location)
    await w.record(sortRun())
    await w.close()
    const r = await openReadStore(location)
    await expect(r.loadBenchmark('sorted')).rejects.toThrow(/^no benchmark named "sorted" in .* \(stored: sort\); record results with: bench-plot import FILE$/)
    expect(await r.listRuns('sorted')).toEqual([])
    await r.close()
  })

  it('moves its change token when another connection imports', async () => {
    const location = await backend.fresh()
    const w = await openStore(location)
    await w.record(sortRun())
    const r = await openReadStore(location)
    const before = await r.changeToken()
    expect(await r.changeToken()).toBe(before)
    await w.record(sortRun({ tag: 'second' }))
    expect(await r.changeToken()).not.toBe(before)
    await w.close()
    await r.close()
  })

  it('opens for reading without any way to write', async () => {
    const location = await backend.fresh()
    const w = await openStore(location)
    await w.record(sortRun())
    await w.close()
    const r = await openReadStore(location)
    expect('saveRuns' in r).toBe(false)
    expect('record' in r).toBe(false)
    await r.close()
  })

  it('refuses a store of a newer schema, reading or writing, and keeps it as it is', async () => {
    const location = await backend.fresh()
    await (await openStore(location)).close()
    await backend.setVersion(location, schemaVersion + 1)
    await expect(openStore(location)).rejects.toThrow(new RegExp(`has schema version ${schemaVersion + 1}, newer than this bench-plot reads \\(${schemaVersion}\\); upgrade bench-plot$`))
    await expect(openReadStore(location)).rejects.toThrow(/newer than this bench-plot reads/)
  })

  // One header builder for both (src/store/run-rows.ts): a column of bad JSON is named the same by each.
  it.each([
    ['runs.meta', 'runs', 'meta', 'id'],
    ['inputs.values', 'inputs', '"values"', 'run_id'],
    ['consts.value', 'consts', 'value', 'run_id'],
    ['failures.inputs', 'failures', 'inputs', 'run_id'],
    ['results.regression', 'results', 'regression', 'run_id'],
    ['panels.json', 'panels', 'json', 'run_id'],
  ])('names %s when it holds bad JSON, and still serves the other runs', async (column, table, field, key) => {
    const location = await backend.fresh()
    const w = await openStore(location)
    const panels = [{ kind: 'markdown', text: 'fine' }]
    const { id } = await w.record({ ...sortRun(), panels } as Parameters<typeof w.record>[0])
    const other = await w.record(sortRun({ tag: 'other' }))
    await w.close()
    await backend.sql(location, `UPDATE ${table} SET ${field} = '{"not json' WHERE ${key} = ${id}`)
    const r = await openReadStore(location)
    expect((await r.listRuns('sort')).map((h) => h.id)).toEqual([other.id])
    const unreadable = await r.unreadableRuns('sort')
    expect(unreadable).toHaveLength(1)
    expect(unreadable[0].id).toBe(id)
    expect(unreadable[0].reason).toStartWith(`run ${id} of "sort" is unreadable (bad JSON in ${column}: `)
    // A server's start reads the run list once: verifying gives the same runs and the same unreadable one.
    expect(await r.verifyBenchmark('sort')).toEqual({ runs: await r.listRuns('sort'), unreadable })
    await r.close()
  })
})

describe.skipIf(pg === null)('the PostgreSQL store', () => {
  // src/store/schema.ts and src/store/postgres-schema.ts are two lists of migrations: they must make the same tables.
  it('has the tables, columns, types, NOT NULLs and indexes the SQLite migrations make', async () => {
    const sqlite = await sqliteBackend.fresh()
    await (await openStore(sqlite)).close()
    const url = await freshDatabase(pg as NonNullable<typeof pg>)
    await (await openStore(url)).close()
    const sqliteType: Record<string, string> = { INTEGER: 'integer', TEXT: 'text', BLOB: 'bytea', REAL: 'double precision' }
    const tables = await sqliteBackend.sql<{ name: string }>(sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    const fromSqlite: string[] = []
    for (const { name } of tables) {
      const columns = await sqliteBackend.sql<{ name: string; type: string; notnull: number; pk: number }>(sqlite, `PRAGMA table_info(${name})`)
      // SQLite's INTEGER PRIMARY KEY is NOT NULL without saying so.
      for (const c of columns) fromSqlite.push(`${name}.${c.name} ${sqliteType[c.type] ?? c.type}${c.notnull || c.pk ? ' not null' : ''}`)
    }
    const fromPostgres = (
      await asAdmin(url, (sql) => sql`SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> 'bench_plot_schema' ORDER BY table_name COLLATE "C", ordinal_position`)
    ).map((c: { table_name: string; column_name: string; data_type: string; is_nullable: string }) => `${c.table_name}.${c.column_name} ${c.data_type}${c.is_nullable === 'NO' ? ' not null' : ''}`)
    expect(fromPostgres).toEqual(fromSqlite)
    expect(fromSqlite.length).toBeGreaterThan(50)
    // Named indexes (not those of keys and UNIQUE constraints, which the column lists above pin down).
    const sqliteIndexes = await sqliteBackend.sql<{ name: string }>(sqlite, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
    const postgresIndexes = await asAdmin(url, (sql) => sql`SELECT i.indexname AS name FROM pg_indexes i
      WHERE i.schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY 1`)
    expect(postgresIndexes).toEqual(sqliteIndexes)
    expect(sqliteIndexes).toEqual([{ name: 'runs_by_time' }])
  })

  it('creates the schema at the current version in a version table, once when writers start together', async () => {
    const url = await freshDatabase(pg as NonNullable<typeof pg>)
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(url)))
    await Promise.all(stores.map((s) => s.close()))
    const rows = await asAdmin(url, (sql) => sql`SELECT version FROM bench_plot_schema`)
    expect(rows).toEqual([{ version: schemaVersion }])
    const tables = await asAdmin(url, (sql) => sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
    expect(tables.map((t: { tablename: string }) => t.tablename)).toEqual(['bench_plot_schema', 'benchmarks', 'columns', 'consts', 'failures', 'index_rows', 'inputs', 'panels', 'point_mean_totals', 'point_means', 'results', 'runs'])
  })

  it('says that nothing has been recorded in an empty database opened for reading, and creates nothing', async () => {
    const url = await freshDatabase(pg as NonNullable<typeof pg>)
    await expect(openReadStore(url)).rejects.toThrow(/^nothing has been recorded yet at postgres:\/\/bench_admin@127\.0\.0\.1:\d+\/t_\w+ /)
    const tables = await asAdmin(url, (sql) => sql`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)
    expect(tables).toEqual([{ n: 0 }])
  })

  it('refuses a database holding another program’s tables', async () => {
    const url = await freshDatabase(pg as NonNullable<typeof pg>)
    await asAdmin(url, (sql) => sql`CREATE TABLE runs (x integer)`)
    await expect(openStore(url)).rejects.toThrow(/is not a bench-plot store \(it holds tables of another program\)$/)
  })

  it('never shows the password, and says in one line when the login or the server fails', async () => {
    const url = new URL(await freshDatabase(pg as NonNullable<typeof pg>))
    const wrong = new URL(url)
    wrong.password = 'not-the-password'
    const err = await openReadStore(wrong.toString()).catch((e: Error) => e)
    expect(String((err as Error).message)).toMatch(/^cannot use postgres:\/\/bench_admin@127\.0\.0\.1:\d+\/t_\w+: the server refused the login/)
    expect((err as Error).message).not.toContain('not-the-password')
    expect((err as Error).message).not.toContain('\n')
    const closed = new URL(url)
    closed.port = '1'
    const refused = await openStore(closed.toString()).catch((e: Error) => e)
    expect((refused as Error).message).toMatch(/^cannot use postgres:\/\/bench_admin@127\.0\.0\.1:1\/t_\w+: the server cannot be reached/)
    expect((refused as Error).message).not.toContain(url.password)
  })

  it('reads in read-only transactions: even SQL sent by mistake cannot write', async () => {
    const url = await freshDatabase(pg as NonNullable<typeof pg>)
    const w = await openStore(url)
    await w.record(sortRun())
    await w.close()
    const { SQL } = await import('bun')
    // The reader's session setting, as openReadStore makes it.
    const sql = new SQL({ url, connection: { default_transaction_read_only: 'on' } })
    await expect(sql`DELETE FROM runs`).rejects.toThrow(/read-only transaction/)
    await sql.close()
    const r = await openReadStore(url)
    expect(await r.listRuns('sort')).toHaveLength(1)
    await r.close()
  })
})
