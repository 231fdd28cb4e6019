import { Database } from 'bun:sqlite'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { BenchPlotError } from '../errors'
import { sampleCount } from '../model/sweep'
import type { Benchmark, BenchmarkSummary, Column, Run } from '../model/types'
import { decodeColumn, encodeColumn, pointMeansRow } from './column-codec'
import { migrations, oldestReadable, schemaVersion } from './schema'
import { checkColumnSizes, declarationsByRun, expectedLength, goneError, headerOf, notFoundError, pointMeanTotal, readableHeaders, runOfHeader, unreadableOf, type ColumnShape, type ColumnSize, type DeclarationRows, type RunRow } from './run-rows'
import { sqliteScalarColumns } from './sqlite-scalar-columns'
import { readerStatements } from './sqlite-reader-sql'
import { checkReaderSchema, lazyStatements } from './sqlite-statements'
import { checkStoreFile, hasForeignTables, notOurs, openForReading, storeProblem } from './store-file'
import { savedOf } from './index-rows'
import type { IndexRowMaker, ReadStore, RunHeader, RunsBasis, SaveOptions, SaveOutcome, StoreBackend, StoredIndexRow } from './types'

/** Open the SQLite store at `path` for reading: it must exist, and is never written or migrated. */
export function openSqliteReader(path: string): ReadStore {
  const { saveRuns: _, ...reader } = asynchronous(openSqlite(path, true), path)
  return reader
}

/** Open (create and migrate) the SQLite store at `path` for writing. `:memory:` works for tests. */
export function openSqliteWriter(path: string): StoreBackend {
  return asynchronous(openSqlite(path, false), path)
}

// --- internal ---

// The backend as bun:sqlite runs it: synchronous. SQLite reads a column in microseconds, so the
// asynchronous interface wraps these calls as they are, without a worker.
type SyncStore = { [K in Exclude<keyof StoreBackend, 'location'>]: (...args: Parameters<StoreBackend[K]>) => Awaited<ReturnType<StoreBackend[K]>> } & {
  readonly location: string
}

function openSqlite(path: string, readonly: boolean): SyncStore {
  if (readonly && path !== ':memory:' && !existsSync(path)) {
    throw new BenchPlotError('NOT_FOUND', `nothing has been recorded yet at ${path} (record results with: bench-plot import FILE)`)
  }
  checkStoreFile(path)
  if (!readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  let db: Database
  try {
    db = readonly ? openForReading(path) : new Database(path, { create: true })
  } catch (err) {
    throw new BenchPlotError('STORE', `cannot open the store ${path}: ${(err as Error).message}`, { cause: err })
  }
  try {
    // Everything that could refuse the file comes before the first write, so a refused store keeps its bytes.
    db.run('PRAGMA busy_timeout = 5000')
    const version = userVersion(db, path)
    if (version > schemaVersion) {
      throw new BenchPlotError('STORE', `${path} has schema version ${version}, newer than this bench-plot reads (${schemaVersion}); upgrade bench-plot`)
    }
    if (version === 0 && hasForeignTables(db)) throw notOurs(path, 'it holds tables of another program')
    if (readonly && version < oldestReadable) {
      throw new BenchPlotError('STORE', `${path} has schema version ${version}; run any bench-plot import on it to upgrade it to ${schemaVersion}`)
    }
    if (!readonly) {
      db.run('PRAGMA foreign_keys = ON')
      // Columns are BLOBs of megabytes: 64 KiB pages read and write them in a third of the time of 4 KiB ones.
      // Only a new store takes it (SQLite keeps an existing file's page size).
      db.run('PRAGMA page_size = 65536')
      whenFree(path, () => db.run('PRAGMA journal_mode = WAL'))
      if (version < schemaVersion) whenFree(path, () => migrate(db, version))
    }
    return makeStore(db, path, readonly, readonly ? version : schemaVersion)
  } catch (err) {
    db.close()
    if (err instanceof BenchPlotError) throw err
    throw storeProblem(err, path) ?? new BenchPlotError('STORE', `cannot open the store ${path}: ${(err as Error).message}`, { cause: err })
  }
}

/** How long a writer waits in all for others' write locks before it gives up. */
export const writeWaitMs = 120_000

/**
 * Run `write` once the store's write lock is free. SQLite waits busy_timeout (5 s) for the lock; an
 * import of a million samples holds it longer, so a writer that meets SQLITE_BUSY tries again, a
 * little later each time, for up to `writeWaitMs`: imports at the same time queue, and
 * "database is locked" never reaches the user. Each try is a whole transaction.
 */
function whenFree<T>(path: string, write: () => T): T {
  const start = performance.now()
  for (let attempt = 0; ; attempt++) {
    try {
      return write()
    } catch (err) {
      const code = (err as Error & { code?: string }).code ?? ''
      if (!code.startsWith('SQLITE_BUSY') && !/database is locked/.test((err as Error).message)) throw err
      const waited = performance.now() - start
      if (waited > writeWaitMs) {
        throw new BenchPlotError('STORE', `${path} stayed busy: another program has held its write lock for ${Math.round(waited / 1000)} s; try again when it is done`, { cause: err })
      }
      Bun.sleepSync(Math.min(1000, 20 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()))
    }
  }
}

function userVersion(db: Database, path: string): number {
  try {
    return (db.query('PRAGMA user_version').get() as { user_version: number }).user_version
  } catch (err) {
    throw storeProblem(err, path) ?? notOurs(path, (err as Error).message, err)
  }
}

function migrate(db: Database, from: number): void {
  db.transaction(() => {
    // Read again under the write lock: another import may have created or migrated the store since `from` was read.
    const now = (db.query('PRAGMA user_version').get() as { user_version: number }).user_version
    for (let v = Math.max(from, now); v < schemaVersion; v++) migrations[v](db)
    db.run(`PRAGMA user_version = ${schemaVersion}`)
  }).immediate()
}

function makeStore(db: Database, location: string, readonly: boolean, version: number): SyncStore {
  // Prepared on first use (preparing all of them at open took a millisecond and a half of a server's start);
  // that every table and column they name is there is checked now, so a damaged store is refused at open.
  checkReaderSchema(db, version)
  const q = lazyStatements(db, readerStatements(version))

  // Commits made through this handle: data_version does not move for them.
  let ownCommits = 0

  // A run's declarations as stored (JSON as text): headerOf parses them, the same for both backends.
  const declarations = (runId: number): DeclarationRows => ({
    inputs: q.inputs.all(runId) as DeclarationRows['inputs'],
    results: q.results.all(runId) as DeclarationRows['results'],
    consts: q.consts.all(runId) as DeclarationRows['consts'],
    failures: q.failures.all(runId) as DeclarationRows['failures'],
    panels: (q.panels?.all(runId) ?? []) as DeclarationRows['panels'],
  })

  const readRun = (row: RunRow): Run => {
    const header = headerOf(row, declarations(row.id))
    const { inputs, results } = header
    const inputLengths = inputs.map((v) => v.values.length)
    const blobs = new Map((q.columns.all(row.id) as { result_position: number; encoding: string; data: Uint8Array }[]).map((c) => [c.result_position, c]))
    const data: Record<string, Column> = {}
    results.forEach((r, position) => {
      const blob = blobs.get(position)
      const column = blob && decodeColumn(blob.encoding, blob.data)
      if (!column || column.length !== expectedLength({ ...r, size: r.size ?? null, repeats: row.repeats }, inputLengths)) throw goneError(row.benchmark, location)
      data[r.name] = column
    })
    return runOfHeader(header, data)
  }

  // Runs whose stored JSON does not parse, left out of lists (readableHeaders).
  const unreadable = new Map<number, string>()
  const headersOf = (rows: RunRow[], declared: (id: number) => DeclarationRows): RunHeader[] => readableHeaders(rows, declared, unreadable)
  // The benchmark's rows as stored and the headers of those that are readable, from one read.
  const readRuns = (name: string): { rows: RunRow[]; headers: RunHeader[] } => {
    const rows = q.runsOf.all(name) as RunRow[]
    const declared = declarationsByRun(
      rows.map((r) => r.id),
      {
        inputs: q.benchmarkInputs.all(name) as never,
        results: q.benchmarkResults.all(name) as never,
        consts: q.benchmarkConsts.all(name) as never,
        failures: q.benchmarkFailures.all(name) as never,
        panels: (q.benchmarkPanels?.all(name) ?? []) as never,
      },
    )
    return { rows, headers: headersOf(rows, (id) => declared.get(id) as DeclarationRows) }
  }
  const listRuns = (name: string): RunHeader[] => readRuns(name).headers
  const listAllRuns = (): RunHeader[] => {
    const rows = q.allRuns.all() as RunRow[]
    const declared = declarationsByRun(
      rows.map((r) => r.id),
      {
        inputs: q.allInputs.all() as never,
        results: q.allResults.all() as never,
        consts: q.allConsts.all() as never,
        failures: q.allFailures.all() as never,
        panels: (q.allPanels?.all() ?? []) as never,
      },
    )
    return headersOf(rows, (id) => declared.get(id) as DeclarationRows)
  }

  const loadBenchmark = (name: string): Benchmark => {
    const rows = q.runsOf.all(name) as RunRow[]
    if (rows.length === 0) {
      if (q.benchmarkExists.get(name)) throw goneError(name, location)
      throw notFound(name)
    }
    try {
      return { name, runs: rows.map(readRun) }
    } catch (err) {
      if (err instanceof BenchPlotError) throw err
      throw goneError(name, location, err)
    }
  }

  const notFound = (name: string): BenchPlotError =>
    notFoundError(
      name,
      (q.names.all() as { name: string }[]).map((r) => r.name),
      location,
    )

  const insert = readonly
    ? null
    : {
        benchmark: db.query('INSERT INTO benchmarks (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id'),
        nextSeq: db.query('SELECT coalesce(max(seq), 0) + 1 AS seq FROM runs WHERE benchmark_id = ?'),
        duplicate: db.query('SELECT id FROM runs WHERE benchmark_id = ? AND fingerprint = ?'),
        idTaken: db.query('SELECT 1 FROM runs WHERE id = ?'),
        // A null id is numbered by SQLite (the largest id + 1).
        run: db.query(`INSERT INTO runs (id, benchmark_id, seq, title, description, post_description, tag, time, time_label, git_commit, git_branch,
            repeats, sample_count, fingerprint, meta, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
        input: db.query('INSERT INTO inputs (run_id, position, name, kind, units, doc, "values") VALUES (?, ?, ?, ?, ?, ?, ?)'),
        constant: db.query('INSERT INTO consts (run_id, position, name, value) VALUES (?, ?, ?, ?)'),
        result: db.query('INSERT INTO results (run_id, position, name, kind, units, direction, doc, size, regression) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
        column: db.query('INSERT INTO columns (run_id, result_position, encoding, data) VALUES (?, ?, ?, ?)'),
        pointMeans: db.query('INSERT INTO point_means (run_id, result_position, data) VALUES (?, ?, ?)'),
        pointMeanTotals: db.query('INSERT INTO point_mean_totals (run_id, result_position, mean, finite_points) VALUES (?, ?, ?, ?)'),
        failure: db.query('INSERT INTO failures (run_id, position, inputs, repeat, error) VALUES (?, ?, ?, ?, ?)'),
        panel: db.query('INSERT INTO panels (run_id, position, kind, place, json) VALUES (?, ?, ?, ?, ?)'),
      }

  const indexRows = readonly
    ? null
    : {
        basis: db.query('SELECT count(r.id) AS runs, max(r.id) AS newest FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id WHERE b.name = ?'),
        benchmarkId: db.query('SELECT id FROM benchmarks WHERE name = ?'),
        put: db.query(`INSERT INTO index_rows (benchmark_id, run_count, newest_run_id, version, json) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (benchmark_id) DO UPDATE SET run_count = excluded.run_count, newest_run_id = excluded.newest_run_id, version = excluded.version, json = excluded.json`),
        drop: db.query('DELETE FROM index_rows WHERE benchmark_id = ?'),
      }

  const saveOne = (run: Run, options: SaveOptions): SaveOutcome => {
    if (!insert) throw new Error('unreachable: saveRuns checks readonly')
    const benchmarkId = (insert.benchmark.get(run.benchmark) as { id: number }).id
    if (run.fingerprint) {
      const dup = insert.duplicate.get(benchmarkId, run.fingerprint) as { id: number } | null
      if (dup) return { benchmark: run.benchmark, id: dup.id, skipped: true, reason: `identical to run ${dup.id} already stored` }
    }
    const seq = (insert.nextSeq.get(benchmarkId) as { seq: number }).seq
    const keptId = options.keepIds && run.id !== undefined && !insert.idTaken.get(run.id) ? run.id : null
    const runId = (
      insert.run.get(
        keptId, benchmarkId, seq, run.title, run.description, run.postDescription, run.tag, run.time, run.timeLabel, run.commit, run.branch,
        run.repeats, sampleCount(run), run.fingerprint ?? null, JSON.stringify(run.meta), new Date().toISOString(),
      ) as { id: number }
    ).id
    run.inputs.forEach((v, i) => insert.input.run(runId, i, v.name, v.kind, v.units, v.doc, JSON.stringify(v.values)))
    run.consts.forEach((c, i) => insert.constant.run(runId, i, c.name, JSON.stringify(c.value ?? null)))
    run.results.forEach((r, i) => {
      insert.result.run(runId, i, r.name, r.kind, r.units, r.direction, r.doc, r.size ?? null, r.regression ? JSON.stringify(r.regression) : null)
      const column = run.data[r.name]
      const { encoding, data } = encodeColumn(column)
      insert.column.run(runId, i, encoding, data)
      if ((r.kind === 'float' || r.kind === 'bool') && column instanceof Float64Array) {
        const means = pointMeansRow(column, run.repeats)
        insert.pointMeans.run(runId, i, means.data)
        insert.pointMeanTotals.run(runId, i, means.mean, means.points)
      }
    })
    run.failures.forEach((f, i) => insert.failure.run(runId, i, JSON.stringify(f.inputs), f.repeat, f.error))
    run.panels?.forEach((p, i) => insert.panel.run(runId, i, p.kind, p.place, JSON.stringify(p)))
    return { benchmark: run.benchmark, id: runId, skipped: false }
  }

  const basisOf = (name: string): RunsBasis => {
    const row = (indexRows?.basis.get(name) ?? { runs: 0, newest: null }) as { runs: number; newest: number | null }
    return { runs: row.runs, newestRunId: row.newest }
  }
  const writeIndexRow = (name: string, before: RunsBasis, saved: Run[], make: IndexRowMaker) => {
    if (!indexRows) throw new Error('unreachable: saveRuns checks readonly')
    const row = make(name, before, saved)
    const now = basisOf(name)
    const { id } = indexRows.benchmarkId.get(name) as { id: number }
    if (row && now.newestRunId !== null) indexRows.put.run(id, now.runs, now.newestRunId, row.version, row.text)
    else indexRows.drop.run(id)
  }

  return {
    location,
    saveRuns(runs, options = {}) {
      if (readonly) throw new BenchPlotError('STORE', `${location} is open for reading only`)
      const { indexRow } = options
      const save = () => {
        const before = new Map([...new Set(runs.map((r) => r.benchmark))].map((name) => [name, indexRow ? basisOf(name) : null]))
        const outcomes = runs.map((run) => saveOne(run, options))
        if (indexRow) for (const [name, basis] of before) writeIndexRow(name, basis as RunsBasis, savedOf(name, runs, outcomes), indexRow)
        return outcomes
      }
      try {
        const saved = whenFree(location, () => db.transaction(save).immediate())
        ownCommits++
        return saved
      } catch (err) {
        if (err instanceof BenchPlotError) throw err
        throw new BenchPlotError('STORE', `cannot write to ${location}: ${(err as Error).message}`, { cause: err })
      }
    },
    listBenchmarks() {
      return (q.list.all() as BenchmarkSummary[]).filter((b) => b.runs > 0)
    },
    listRuns,
    listAllRuns,
    unreadableRuns(name) {
      return unreadableOf(readRuns(name).rows, unreadable)
    },
    loadBenchmark,
    getRun(id) {
      const row = q.runById.get(id) as RunRow | null
      return row ? readRun(row) : null
    },
    readColumn(runId, result) {
      const row = q.column.get(runId, result) as (ColumnShape & { data: Uint8Array | null; benchmark: string }) | null
      if (!row) return null
      const inputs = (q.inputLengths.all(runId) as { n: number }[]).map((i) => i.n)
      const column = row.encoding === null || row.data === null ? null : decodeColumn(row.encoding, row.data)
      if (!column || column.length !== expectedLength(row, inputs)) throw goneError(row.benchmark, location)
      return column
    },
    readPointMeans(runId, result) {
      const row = q.pointMeans?.get(runId, result) as { data: Uint8Array; repeats: number; column_bytes: number | null; benchmark: string } | null
      if (!row) return null
      // One mean per point: a column of points × repeats values holds 1/repeats of its bytes in means.
      if (row.column_bytes === null || row.data.byteLength * row.repeats !== row.column_bytes) throw goneError(row.benchmark, location)
      return decodeColumn('f64le', row.data) as Float64Array
    },
    readScalarColumns: sqliteScalarColumns(db, location, version),
    readPointMeanTotals(runIds) {
      if (runIds.length === 0 || !q.pointMeanTotals) return []
      return (q.pointMeanTotals.all(JSON.stringify(runIds)) as { run_id: number; name: string; mean: number | null; finite_points: number }[]).map(pointMeanTotal)
    },
    verifyBenchmark(name) {
      const { rows, headers } = readRuns(name)
      if (headers.length === 0) loadBenchmark(name) // throws the NOT_FOUND or gone message
      checkColumnSizes(name, location, headers, q.columnSizes.all(name) as ColumnSize[])
      return { runs: headers, unreadable: unreadableOf(rows, unreadable) }
    },
    readIndexRows() {
      return (q.indexRows?.all() ?? []) as StoredIndexRow[]
    },
    changeToken() {
      const [[other]] = q.dataVersion.values() as [[number]]
      return `${other}:${ownCommits}`
    },
    close() {
      db.close()
    },
  }
}

// Every method of a store as an asynchronous one, with SQLite's complaints about the file (damaged,
// not a store) turned into one line for the user.
function asynchronous(store: SyncStore, path: string): StoreBackend {
  const out: Record<string, unknown> = { location: store.location }
  for (const [key, f] of Object.entries(store)) {
    if (typeof f !== 'function') continue
    out[key] = async (...args: unknown[]) => {
      try {
        return (f as (...a: unknown[]) => unknown)(...args)
      } catch (err) {
        throw storeProblem(err, path) ?? err
      }
    }
  }
  return out as StoreBackend
}
