import type { SQL } from 'bun'
import { BenchPlotError } from '../errors'
import { sampleCount } from '../model/sweep'
import type { Column, Run } from '../model/types'
import { decodeColumn, encodeColumn, pointMeansRow } from './column-codec'
import { postgresMigrations } from './postgres-schema'
import { checkColumnSizes, declarationsByRun, expectedLength, goneError, notFoundError, pointMeanTotal, readableHeaders, runOfHeader, unreadableOf, type ColumnShape, type ColumnSize, type DeclarationRows, type RunRow } from './run-rows'
import { oldestReadable, schemaVersion } from './schema'
import { savedOf } from './index-rows'
import { redactUrl } from './location'
import type { IndexRowMaker, ReadStore, RunHeader, RunsBasis, SaveOptions, SaveOutcome, ScalarColumn, StoreBackend, StoredIndexRow } from './types'

/**
 * Open the PostgreSQL database at `url` for reading. Every session is read-only
 * (`default_transaction_read_only`), so the server cannot write even by mistake, whatever the role may do.
 */
export async function openPostgresReader(url: string): Promise<ReadStore> {
  const { saveRuns: _, ...reader } = await openPostgres(url, true)
  return reader
}

/** Open the PostgreSQL database at `url` for writing, creating and migrating the schema as needed. */
export async function openPostgresWriter(url: string): Promise<StoreBackend> {
  return openPostgres(url, false)
}

// --- internal ---

// A lock every writer takes to migrate, so that imports starting together on an empty database create the tables once.
const migrationLock = 7_318_004_118

async function openPostgres(url: string, readonly: boolean): Promise<StoreBackend> {
  const location = redactUrl(url)
  // Bun.SQL looked up here, not imported: the lookup loads Bun's SQL client, about 4 ms of CPU at every start (SQLite stores included).
  const sql = new Bun.SQL({
    url,
    // The server answers pages from a few connections; an import needs one.
    max: readonly ? 4 : 1,
    connectionTimeout: 10,
    idleTimeout: 60,
    connection: readonly ? { default_transaction_read_only: 'on', application_name: 'bench-plot serve' } : { application_name: 'bench-plot' },
  })
  let version: number
  try {
    version = await schemaVersionOf(sql, location)
    if (version > schemaVersion) {
      throw new BenchPlotError('STORE', `${location} has schema version ${version}, newer than this bench-plot reads (${schemaVersion}); upgrade bench-plot`)
    }
    if (readonly && version < oldestReadable) {
      throw new BenchPlotError('NOT_FOUND', `nothing has been recorded yet at ${location} (record results with: bench-plot import FILE --db ${location})`)
    }
    if (!readonly && version < schemaVersion) await migrate(sql, location)
  } catch (err) {
    await sql.close().catch(() => {})
    throw connectionProblem(err, location)
  }
  const store = makeStore(sql, location, readonly ? version : schemaVersion)
  // Every call's PostgreSQL errors become one line naming the database.
  const out: Record<string, unknown> = { location }
  for (const [key, f] of Object.entries(store)) {
    if (typeof f !== 'function') continue
    out[key] = async (...args: unknown[]) => {
      try {
        return await (f as (...a: unknown[]) => Promise<unknown>)(...args)
      } catch (err) {
        throw connectionProblem(err, location, key === 'saveRuns')
      }
    }
  }
  return out as StoreBackend
}

async function schemaVersionOf(sql: SQL, location: string): Promise<number> {
  // pg_tables, not to_regclass: a query sees tables another writer committed while this one waited for the
  // migration lock, where the catalog cache behind to_regclass may not yet. One statement, so one snapshot:
  // two would let a writer creating the schema commit in between, and its tables look like another program's.
  const [{ ours, theirs }] = (await sql`SELECT count(*) FILTER (WHERE tablename = 'bench_plot_schema')::int AS ours,
      count(*) FILTER (WHERE tablename IN ('benchmarks', 'runs', 'columns'))::int AS theirs
    FROM pg_tables WHERE schemaname = current_schema()`) as { ours: number; theirs: number }[]
  if (ours === 0) {
    if (theirs > 0) throw new BenchPlotError('STORE', `${location} is not a bench-plot store (it holds tables of another program)`)
    return 0
  }
  const rows = (await sql`SELECT version FROM bench_plot_schema`) as { version: number }[]
  return rows[0]?.version ?? 0
}

async function migrate(sql: SQL, location: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${migrationLock})`
    // Read again under the lock: another import may have created or migrated the schema meanwhile.
    let from = await schemaVersionOf(tx, location)
    if (from === 0) {
      await tx`CREATE TABLE bench_plot_schema (version integer NOT NULL)`
      await tx`INSERT INTO bench_plot_schema (version) VALUES (0)`
    }
    for (; from < schemaVersion; from++) await postgresMigrations[from](tx)
    await tx`UPDATE bench_plot_schema SET version = ${schemaVersion}`
  })
}

/**
 * PostgreSQL's and the network's errors as one line naming the database; ours pass through. Any
 * other error of a write (a constraint the run breaks) says so as SQLite's backend does: `cannot write to`.
 */
function connectionProblem(err: unknown, location: string, writing = false): unknown {
  if (err instanceof BenchPlotError || !(err instanceof Error)) return err
  const e = err as Error & { code?: string; errno?: string }
  const code = e.errno ?? e.code ?? ''
  const say = (why: string) => new BenchPlotError('STORE', `cannot use ${location}: ${why}`, { cause: err })
  if (code === '28P01' || code === '28000' || /password authentication failed|no pg_hba\.conf entry/i.test(e.message)) return say(`the server refused the login (${e.message.split('\n')[0]})`)
  if (code === '3D000') return say(`no such database (${e.message.split('\n')[0]})`)
  if (code === '42501') return say(`permission denied (${e.message.split('\n')[0]}); the role needs the rights docs/team.md lists`)
  if (code === '25006') return say('the connection is read-only')
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|Connection (closed|refused)|connect|timeout/i.test(`${code} ${e.message}`)) return say(`the server cannot be reached (${e.message.split('\n')[0]})`)
  if (writing) return new BenchPlotError('STORE', `cannot write to ${location}: ${e.message.split('\n')[0]}`, { cause: err })
  return say(e.message.split('\n')[0])
}

function makeStore(sql: SQL, location: string, version: number): StoreBackend {
  const runSelect = `SELECT r.id, b.name AS benchmark, r.title, r.description, r.post_description, r.tag, r.time, r.time_label,
      r.git_commit, r.git_branch, r.repeats, r.sample_count, r.fingerprint, r.meta,
      (SELECT count(*)::int FROM failures f WHERE f.run_id = r.id) AS failure_count
    FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id`

  // Declarations of many runs in four queries: a round trip per run would cost a network latency each.
  const declarations = async (ids: number[]): Promise<Map<number, DeclarationRows>> => {
    const out = new Map<number, DeclarationRows>(ids.map((id) => [id, { inputs: [], results: [], consts: [], failures: [], panels: [] }]))
    if (ids.length === 0) return out
    const [inputs, results, consts, failures, panels] = await Promise.all([
      sql`SELECT run_id, name, kind, units, doc, "values" FROM inputs WHERE run_id IN ${sql(ids)} ORDER BY run_id, position`,
      sql`SELECT run_id, name, kind, units, direction, doc, size, regression FROM results WHERE run_id IN ${sql(ids)} ORDER BY run_id, position`,
      sql`SELECT run_id, name, value FROM consts WHERE run_id IN ${sql(ids)} ORDER BY run_id, position`,
      sql`SELECT run_id, inputs, repeat, error FROM failures WHERE run_id IN ${sql(ids)} ORDER BY run_id, position`,
      version < 3 ? [] : sql`SELECT run_id, json FROM panels WHERE run_id IN ${sql(ids)} ORDER BY run_id, position`,
    ])
    const put = <K extends keyof DeclarationRows>(key: K, rows: (DeclarationRows[K][number] & { run_id: number })[]) => {
      for (const { run_id, ...row } of rows) (out.get(run_id) as DeclarationRows)[key].push(row as never)
    }
    put('inputs', inputs)
    put('results', results)
    put('consts', consts)
    put('failures', failures)
    put('panels', panels)
    return out
  }

  const unreadable = new Map<number, string>()
  const headersOf = async (rows: RunRow[]): Promise<RunHeader[]> => {
    const decl = await declarations(rows.map((r) => r.id))
    return readableHeaders(rows, (id) => decl.get(id) as DeclarationRows, unreadable)
  }
  const runsOf = async (name: string) => (await sql.unsafe(`${runSelect} WHERE b.name = $1 ORDER BY r.time COLLATE "C", r.seq`, [name])) as RunRow[]
  // The benchmark's rows as stored and the headers of those that are readable, from one read.
  const readRuns = async (name: string) => {
    const rows = await runsOf(name)
    return { rows, headers: await headersOf(rows) }
  }
  const listRuns = async (name: string) => (await readRuns(name)).headers
  // Every run's header at once: one query per table, without a list of ids (a parameter per id would meet PostgreSQL's limit).
  const listAllRuns = async (): Promise<RunHeader[]> => {
    const [rows, inputs, results, consts, failures, panels] = await Promise.all([
      sql.unsafe(`${runSelect} ORDER BY b.name COLLATE "C", r.time COLLATE "C", r.seq`) as Promise<RunRow[]>,
      sql`SELECT run_id, name, kind, units, doc, "values" FROM inputs ORDER BY run_id, position`,
      sql`SELECT run_id, name, kind, units, direction, doc, size, regression FROM results ORDER BY run_id, position`,
      sql`SELECT run_id, name, value FROM consts ORDER BY run_id, position`,
      sql`SELECT run_id, inputs, repeat, error FROM failures ORDER BY run_id, position`,
      version < 3 ? [] : sql`SELECT run_id, json FROM panels ORDER BY run_id, position`,
    ])
    const declared = declarationsByRun(rows.map((r) => r.id), { inputs, results, consts, failures, panels } as never)
    return readableHeaders(rows, (id) => declared.get(id) as DeclarationRows, unreadable)
  }

  const notFound = async (name: string) => {
    const rows = (await sql`SELECT name FROM benchmarks ORDER BY name COLLATE "C"`) as { name: string }[]
    return notFoundError(
      name,
      rows.map((r) => r.name),
      location,
    )
  }

  const withData = async (header: RunHeader): Promise<Run> => {
    const blobs = (await sql`SELECT result_position, encoding, data FROM columns WHERE run_id = ${header.id}`) as { result_position: number; encoding: string; data: Uint8Array }[]
    const byPosition = new Map(blobs.map((b) => [b.result_position, b]))
    const inputLengths = header.inputs.map((v) => v.values.length)
    const data: Record<string, Column> = {}
    header.results.forEach((r, position) => {
      const blob = byPosition.get(position)
      const column = blob && decodeColumn(blob.encoding, blob.data)
      if (!column || column.length !== expectedLength({ ...r, size: r.size ?? null, repeats: header.repeats }, inputLengths)) throw goneError(header.benchmark, location)
      data[r.name] = column
    })
    return runOfHeader(header, data)
  }

  const loadBenchmark = async (name: string) => {
    const rows = await runsOf(name)
    if (rows.length === 0) {
      const known = await sql`SELECT id FROM benchmarks WHERE name = ${name}`
      throw known.length > 0 ? goneError(name, location) : await notFound(name)
    }
    const runs: Run[] = []
    for (const h of await headersOf(rows)) runs.push(await withData(h))
    return { name, runs }
  }

  const basisOf = async (tx: SQL, benchmarkId: number): Promise<RunsBasis> => {
    const [row] = (await tx`SELECT count(*)::int AS runs, max(id) AS newest FROM runs WHERE benchmark_id = ${benchmarkId}`) as { runs: number; newest: number | null }[]
    return { runs: row.runs, newestRunId: row.newest === null ? null : Number(row.newest) }
  }

  const saveOne = async (tx: SQL, run: Run, benchmarkId: number, options: SaveOptions): Promise<SaveOutcome> => {
    if (run.fingerprint) {
      const [dup] = (await tx`SELECT id FROM runs WHERE benchmark_id = ${benchmarkId} AND fingerprint = ${run.fingerprint}`) as { id: number }[]
      if (dup) return { benchmark: run.benchmark, id: dup.id, skipped: true, reason: `identical to run ${dup.id} already stored` }
    }
    // The benchmark's row is locked by this transaction (saveRuns), so the next number is ours alone.
    const [{ seq }] = (await tx`SELECT coalesce(max(seq), 0) + 1 AS seq FROM runs WHERE benchmark_id = ${benchmarkId}`) as { seq: number }[]
    const row = {
      benchmark_id: benchmarkId, seq, title: run.title, description: run.description, post_description: run.postDescription, tag: run.tag,
      time: run.time, time_label: run.timeLabel, git_commit: run.commit, git_branch: run.branch, repeats: run.repeats,
      sample_count: sampleCount(run), fingerprint: run.fingerprint ?? null, meta: JSON.stringify(run.meta), recorded_at: new Date().toISOString(),
    }
    const keptId = options.keepIds && run.id !== undefined && (await tx`SELECT 1 FROM runs WHERE id = ${run.id}`).length === 0 ? run.id : null
    const [{ id }] = (await tx`INSERT INTO runs ${tx(keptId === null ? row : { id: keptId, ...row })} RETURNING id`) as { id: number }[]
    // An id given by hand does not move the identity: move it past (never back: writers may hold numbers above it).
    if (keptId !== null) {
      await tx`SELECT setval(s, greatest(${keptId}, coalesce(pg_sequence_last_value(s), 0))) FROM (SELECT pg_get_serial_sequence('runs', 'id')::regclass AS s) AS q`
    }
    for (const [i, v] of run.inputs.entries()) {
      await tx`INSERT INTO inputs (run_id, position, name, kind, units, doc, "values") VALUES (${id}, ${i}, ${v.name}, ${v.kind}, ${v.units}, ${v.doc}, ${JSON.stringify(v.values)})`
    }
    for (const [i, c] of run.consts.entries()) await tx`INSERT INTO consts (run_id, position, name, value) VALUES (${id}, ${i}, ${c.name}, ${JSON.stringify(c.value ?? null)})`
    for (const [i, r] of run.results.entries()) {
      await tx`INSERT INTO results (run_id, position, name, kind, units, direction, doc, size, regression)
        VALUES (${id}, ${i}, ${r.name}, ${r.kind}, ${r.units}, ${r.direction}, ${r.doc}, ${r.size ?? null}, ${r.regression ? JSON.stringify(r.regression) : null})`
      const column = run.data[r.name]
      const { encoding, data } = encodeColumn(column)
      await tx`INSERT INTO columns (run_id, result_position, encoding, data) VALUES (${id}, ${i}, ${encoding}, ${data})`
      if ((r.kind === 'float' || r.kind === 'bool') && column instanceof Float64Array) {
        const means = pointMeansRow(column, run.repeats)
        await tx`INSERT INTO point_means (run_id, result_position, data) VALUES (${id}, ${i}, ${means.data})`
        await tx`INSERT INTO point_mean_totals (run_id, result_position, mean, finite_points) VALUES (${id}, ${i}, ${means.mean}, ${means.points})`
      }
    }
    for (const [i, f] of run.failures.entries()) {
      await tx`INSERT INTO failures (run_id, position, inputs, repeat, error) VALUES (${id}, ${i}, ${JSON.stringify(f.inputs)}, ${f.repeat}, ${f.error})`
    }
    for (const [i, p] of (run.panels ?? []).entries()) {
      await tx`INSERT INTO panels (run_id, position, kind, place, json) VALUES (${id}, ${i}, ${p.kind}, ${p.place}, ${JSON.stringify(p)})`
    }
    return { benchmark: run.benchmark, id, skipped: false }
  }

  return {
    location,
    async saveRuns(runs, options = {}) {
      const { indexRow } = options
      return sql.begin(async (tx) => {
        // Each benchmark's row is locked (the upsert) in name order: writers of the same benchmark queue on
        // it for their numbers, and two imports of the same benchmarks can never hold locks crosswise.
        const ids = new Map<string, number>()
        for (const name of [...new Set(runs.map((r) => r.benchmark))].sort()) {
          const [{ id }] = (await tx`INSERT INTO benchmarks (name) VALUES (${name}) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`) as { id: number }[]
          ids.set(name, id)
        }
        // Read under the benchmarks' row locks: no other writer adds runs to them until this commits.
        const before = new Map<string, RunsBasis>()
        if (indexRow) for (const [name, id] of ids) before.set(name, await basisOf(tx, id))
        const out: SaveOutcome[] = []
        for (const run of runs) out.push(await saveOne(tx, run, ids.get(run.benchmark) as number, options))
        for (const [name, basis] of before) {
          const id = ids.get(name) as number
          const row = (indexRow as IndexRowMaker)(name, basis, savedOf(name, runs, out))
          const now = await basisOf(tx, id)
          if (row && now.newestRunId !== null) {
            await tx`INSERT INTO index_rows (benchmark_id, run_count, newest_run_id, version, json) VALUES (${id}, ${now.runs}, ${now.newestRunId}, ${row.version}, ${row.text})
              ON CONFLICT (benchmark_id) DO UPDATE SET run_count = excluded.run_count, newest_run_id = excluded.newest_run_id, version = excluded.version, json = excluded.json`
          } else await tx`DELETE FROM index_rows WHERE benchmark_id = ${id}`
        }
        return out
      })
    },
    async listBenchmarks() {
      const rows = (await sql`SELECT b.name, count(r.id)::int AS runs, max(r.time COLLATE "C") AS latest,
          (SELECT r2.title FROM runs r2 WHERE r2.benchmark_id = b.id ORDER BY r2.time COLLATE "C" DESC, r2.seq DESC LIMIT 1) AS title
        FROM benchmarks b LEFT JOIN runs r ON r.benchmark_id = b.id GROUP BY b.id ORDER BY b.name COLLATE "C"`) as { name: string; runs: number; latest: string; title: string }[]
      return rows.filter((b) => b.runs > 0).map((b) => ({ name: b.name, runs: b.runs, latest: b.latest, title: b.title }))
    },
    listRuns,
    listAllRuns,
    async unreadableRuns(name) {
      return unreadableOf((await readRuns(name)).rows, unreadable)
    },
    loadBenchmark,
    async getRun(id) {
      const rows = (await sql.unsafe(`${runSelect} WHERE r.id = $1`, [id])) as RunRow[]
      const [header] = await headersOf(rows)
      return header ? withData(header) : null
    },
    async readColumn(runId, result) {
      const [row] = (await sql`SELECT res.kind, res.size, c.encoding, c.data, r.repeats, b.name AS benchmark
        FROM results res JOIN runs r ON r.id = res.run_id JOIN benchmarks b ON b.id = r.benchmark_id
        LEFT JOIN columns c ON c.run_id = res.run_id AND c.result_position = res.position
        WHERE res.run_id = ${runId} AND res.name = ${result}`) as (ColumnShape & { data: Uint8Array | null; benchmark: string })[]
      if (!row) return null
      const inputs = (await sql`SELECT "values" FROM inputs WHERE run_id = ${runId} ORDER BY position`) as { values: string }[]
      const lengths = inputs.map((i) => arrayLength(i.values))
      const column = row.encoding === null || row.data === null ? null : decodeColumn(row.encoding, row.data)
      if (!column || lengths.includes(-1) || column.length !== expectedLength(row, lengths)) throw goneError(row.benchmark, location)
      return column
    },
    async readPointMeans(runId, result) {
      if (version < 2) return null
      const [row] = (await sql`SELECT pm.data, r.repeats, octet_length(c.data) AS column_bytes, b.name AS benchmark
        FROM results res JOIN runs r ON r.id = res.run_id JOIN benchmarks b ON b.id = r.benchmark_id
        JOIN point_means pm ON pm.run_id = res.run_id AND pm.result_position = res.position
        LEFT JOIN columns c ON c.run_id = res.run_id AND c.result_position = res.position
        WHERE res.run_id = ${runId} AND res.name = ${result}`) as { data: Uint8Array; repeats: number; column_bytes: number | null; benchmark: string }[]
      if (!row) return null
      if (row.column_bytes === null || row.data.byteLength * row.repeats !== row.column_bytes) throw goneError(row.benchmark, location)
      return decodeColumn('f64le', row.data) as Float64Array
    },
    async readPointMeanTotals(runIds) {
      if (runIds.length === 0 || version < 5) return []
      const rows = (await sql`SELECT t.run_id, res.name, t.mean, t.finite_points FROM point_mean_totals t
        JOIN results res ON res.run_id = t.run_id AND res.position = t.result_position
        WHERE t.run_id IN ${sql([...runIds])}`) as { run_id: number; name: string; mean: number | null; finite_points: number }[]
      return rows.map(pointMeanTotal)
    },
    async readScalarColumns(runIds, what) {
      if (runIds.length === 0 || (what === 'means' && version < 2)) return []
      const ids = [...runIds]
      const out: ScalarColumn[] = []
      if (what === 'means') {
        const rows = (await sql`SELECT pm.run_id, res.name, pm.data, r.repeats, octet_length(c.data) AS column_bytes, b.name AS benchmark
          FROM results res JOIN runs r ON r.id = res.run_id JOIN benchmarks b ON b.id = r.benchmark_id
          JOIN point_means pm ON pm.run_id = res.run_id AND pm.result_position = res.position
          LEFT JOIN columns c ON c.run_id = res.run_id AND c.result_position = res.position
          WHERE res.run_id IN ${sql(ids)} AND res.kind IN ('float', 'bool')`) as { run_id: number; name: string; data: Uint8Array; repeats: number; column_bytes: number | null; benchmark: string }[]
        for (const row of rows) {
          if (row.column_bytes === null || row.data.byteLength * row.repeats !== row.column_bytes) throw goneError(row.benchmark, location)
          out.push({ runId: Number(row.run_id), result: row.name, column: decodeColumn('f64le', row.data) as Float64Array })
        }
        return out
      }
      const [rows, inputs] = (await Promise.all([
        sql`SELECT res.run_id, res.name, res.kind, res.size, c.encoding, c.data, r.repeats, b.name AS benchmark
          FROM results res JOIN runs r ON r.id = res.run_id JOIN benchmarks b ON b.id = r.benchmark_id
          LEFT JOIN columns c ON c.run_id = res.run_id AND c.result_position = res.position
          WHERE res.run_id IN ${sql(ids)} AND res.kind IN ('float', 'bool')`,
        sql`SELECT run_id, "values" FROM inputs WHERE run_id IN ${sql(ids)} ORDER BY run_id, position`,
      ])) as [(ColumnShape & { run_id: number; name: string; data: Uint8Array | null; benchmark: string })[], { run_id: number; values: string }[]]
      const lengths = new Map<number, number[]>()
      for (const i of inputs) lengths.set(Number(i.run_id), [...(lengths.get(Number(i.run_id)) ?? []), arrayLength(i.values)])
      for (const row of rows) {
        const runLengths = lengths.get(Number(row.run_id)) ?? []
        const column = row.encoding === null || row.data === null ? null : decodeColumn(row.encoding, row.data)
        if (!(column instanceof Float64Array) || runLengths.includes(-1) || column.length !== expectedLength(row, runLengths)) throw goneError(row.benchmark, location)
        out.push({ runId: Number(row.run_id), result: row.name, column })
      }
      return out
    },
    async verifyBenchmark(name) {
      const { rows, headers } = await readRuns(name)
      if (headers.length === 0) await loadBenchmark(name) // throws the NOT_FOUND or gone message
      // octet_length of a bytea reads its size from the TOAST pointer: checking reads no data.
      const sizes = (await sql`SELECT res.run_id, res.kind, res.size, c.encoding, octet_length(c.data) AS bytes, r.repeats
        FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id JOIN results res ON res.run_id = r.id
        LEFT JOIN columns c ON c.run_id = res.run_id AND c.result_position = res.position WHERE b.name = ${name}`) as ColumnSize[]
      checkColumnSizes(name, location, headers, sizes)
      return { runs: headers, unreadable: unreadableOf(rows, unreadable) }
    },
    async readIndexRows() {
      if (version < 4) return []
      // Only rows computed from the runs the benchmark holds now.
      return (await sql`SELECT b.name AS benchmark, ir.version, ir.json AS text FROM index_rows ir JOIN benchmarks b ON b.id = ir.benchmark_id
        WHERE ir.run_count = (SELECT count(*) FROM runs r WHERE r.benchmark_id = ir.benchmark_id)
          AND ir.newest_run_id = (SELECT max(r.id) FROM runs r WHERE r.benchmark_id = ir.benchmark_id)`) as StoredIndexRow[]
    },
    async changeToken() {
      // Runs are only ever added, each in a committed transaction: their count and newest id move with every import.
      const [{ token }] = (await sql`SELECT count(*)::text || ':' || coalesce(max(id), 0)::text AS token FROM runs`) as { token: string }[]
      return token
    },
    async close() {
      await sql.close()
    },
  }
}

// Values of an input as stored: their count, or -1 when the JSON is not an array.
function arrayLength(json: string): number {
  try {
    const v = JSON.parse(json)
    return Array.isArray(v) ? v.length : -1
  } catch {
    return -1
  }
}
