// The SQL the SQLite reader prepares, by schema version, and every table and column it names.
// A column used here and not listed in `readerTables` would let a store without it open and fail
// at its first page: test/store/reader-schema.test.ts fails then, so add it to both.

/** Every statement of the SQLite reader (`makeStore` in sqlite-store.ts) for a store of schema `version`; null where that version lacks the table. */
export function readerStatements(version: number) {
  return {
    runsOf: `${runSelect} WHERE b.name = ? ORDER BY r.time, r.seq`,
    runById: `${runSelect} WHERE r.id = ?`,
    // Every run's header at once (the index of a store without current index rows): one query per table.
    allRuns: `${runSelect} ORDER BY b.name, r.time, r.seq`,
    allInputs: 'SELECT run_id, name, kind, units, doc, "values" FROM inputs ORDER BY run_id, position',
    allResults: 'SELECT run_id, name, kind, units, direction, doc, size, regression FROM results ORDER BY run_id, position',
    allConsts: 'SELECT run_id, name, value FROM consts ORDER BY run_id, position',
    allFailures: 'SELECT run_id, inputs, repeat, error FROM failures ORDER BY run_id, position',
    allPanels: version < 3 ? null : 'SELECT run_id, json FROM panels ORDER BY run_id, position',
    // One benchmark's declarations, one query per table (listRuns), not five queries per run: a server reads them at start.
    benchmarkInputs: `SELECT x.run_id, x.name, x.kind, x.units, x.doc, x."values" FROM inputs x ${ofBenchmark} ORDER BY x.run_id, x.position`,
    benchmarkResults: `SELECT x.run_id, x.name, x.kind, x.units, x.direction, x.doc, x.size, x.regression FROM results x ${ofBenchmark} ORDER BY x.run_id, x.position`,
    benchmarkConsts: `SELECT x.run_id, x.name, x.value FROM consts x ${ofBenchmark} ORDER BY x.run_id, x.position`,
    benchmarkFailures: `SELECT x.run_id, x.inputs, x.repeat, x.error FROM failures x ${ofBenchmark} ORDER BY x.run_id, x.position`,
    benchmarkPanels: version < 3 ? null : `SELECT x.run_id, x.json FROM panels x ${ofBenchmark} ORDER BY x.run_id, x.position`,
    inputs: 'SELECT name, kind, units, doc, "values" FROM inputs WHERE run_id = ? ORDER BY position',
    consts: 'SELECT name, value FROM consts WHERE run_id = ? ORDER BY position',
    results: 'SELECT name, kind, units, direction, doc, size, regression FROM results WHERE run_id = ? ORDER BY position',
    columns: 'SELECT result_position, encoding, data FROM columns WHERE run_id = ?',
    failures: 'SELECT inputs, repeat, error FROM failures WHERE run_id = ? ORDER BY position',
    column: `SELECT res.kind, res.size, c.encoding, c.data, r.repeats, (SELECT b.name FROM benchmarks b WHERE b.id = r.benchmark_id) AS benchmark
      FROM results res JOIN runs r ON r.id = res.run_id LEFT JOIN columns c ON c.run_id = res.run_id AND c.result_position = res.position
      WHERE res.run_id = ? AND res.name = ?`,
    // Stores of version 1, read as they are, have no means: the readers take them from the columns.
    pointMeans: version < 2 ? null : `SELECT pm.data, r.repeats, length(c.data) AS column_bytes, (SELECT b.name FROM benchmarks b WHERE b.id = r.benchmark_id) AS benchmark
      FROM results res JOIN runs r ON r.id = res.run_id JOIN point_means pm ON pm.run_id = res.run_id AND pm.result_position = res.position
      LEFT JOIN columns c ON c.run_id = res.run_id AND c.result_position = res.position
      WHERE res.run_id = ? AND res.name = ?`,
    pointMeanTotals: version < 5 ? null : `SELECT t.run_id, res.name, t.mean, t.finite_points FROM point_mean_totals t
      JOIN results res ON res.run_id = t.run_id AND res.position = t.result_position
      WHERE t.run_id IN (SELECT value FROM json_each(?))`,
    // Stores before version 3 hold no panels: their runs have none.
    panels: version < 3 ? null : 'SELECT json FROM panels WHERE run_id = ? ORDER BY position',
    inputLengths: 'SELECT json_array_length("values") AS n FROM inputs WHERE run_id = ? AND json_valid("values")',
    // length() of a BLOB reads its size from the record header, not its pages: checking costs no data read.
    columnSizes: `SELECT res.run_id, res.kind, res.size, c.encoding, length(c.data) AS bytes, r.repeats
      FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id JOIN results res ON res.run_id = r.id
      LEFT JOIN columns c ON c.run_id = res.run_id AND c.result_position = res.position WHERE b.name = ?`,
    // Per benchmark from the (benchmark_id, time, seq) index, in the name index's order: half the time of a
    // join grouped by benchmark and sorted after (an index of a thousand benchmarks asks for it first).
    list: `SELECT b.name, (SELECT count(*) FROM runs r WHERE r.benchmark_id = b.id) AS runs,
        (SELECT max(r.time) FROM runs r WHERE r.benchmark_id = b.id) AS latest,
        (SELECT r2.title FROM runs r2 WHERE r2.benchmark_id = b.id ORDER BY r2.time DESC, r2.seq DESC LIMIT 1) AS title
      FROM benchmarks b ORDER BY b.name`,
    names: 'SELECT name FROM benchmarks ORDER BY name',
    // Only rows computed from the runs the benchmark holds now; stores before version 4 have none.
    indexRows: version < 4 ? null : `SELECT b.name AS benchmark, ir.version, ir.json AS text FROM index_rows ir JOIN benchmarks b ON b.id = ir.benchmark_id
      WHERE ir.run_count = (SELECT count(*) FROM runs r WHERE r.benchmark_id = ir.benchmark_id)
        AND ir.newest_run_id = (SELECT max(r.id) FROM runs r WHERE r.benchmark_id = ir.benchmark_id)`,
    benchmarkExists: 'SELECT id FROM benchmarks WHERE name = ?',
    // data_version moves on other connections' commits (this one's own are counted in saveRuns).
    // The bare pragma: a server asks it on every request, and a SELECT around it costs four times as much.
    dataVersion: 'PRAGMA data_version',
  } satisfies Record<string, string | null>
}

/** The statements of `readScalarColumns` (sqlite-scalar-columns.ts): the runs' ids go in as one JSON array. */
export function scalarColumnStatements(version: number) {
  const ids = 'SELECT value FROM json_each(?)'
  return {
    data: `SELECT res.run_id, res.name, res.kind, res.size, c.encoding, c.data, r.repeats, b.name AS benchmark
      FROM results res JOIN runs r ON r.id = res.run_id JOIN benchmarks b ON b.id = r.benchmark_id
      LEFT JOIN columns c ON c.run_id = res.run_id AND c.result_position = res.position
      WHERE res.run_id IN (${ids}) AND res.kind IN ('float', 'bool')`,
    inputLengths: `SELECT run_id, json_array_length("values") AS n FROM inputs WHERE run_id IN (${ids}) AND json_valid("values")`,
    means:
      version < 2
        ? null
        : `SELECT pm.run_id, res.name, pm.data, r.repeats, length(c.data) AS column_bytes, b.name AS benchmark
      FROM results res JOIN runs r ON r.id = res.run_id JOIN benchmarks b ON b.id = r.benchmark_id
      JOIN point_means pm ON pm.run_id = res.run_id AND pm.result_position = res.position
      LEFT JOIN columns c ON c.run_id = res.run_id AND c.result_position = res.position
      WHERE res.run_id IN (${ids}) AND res.kind IN ('float', 'bool')`,
  } satisfies Record<string, string | null>
}

/** A table the reader reads, the columns of it that its statements name, and the schema version that added it. */
export type ReaderTable = { table: string; columns: readonly string[]; since: number }

/**
 * Every table and column the statements above name, by the version that added the table: `checkReaderSchema`
 * names them all in one statement prepared at open, so that a store missing one is refused then.
 */
export const readerTables: readonly ReaderTable[] = [
  { table: 'benchmarks', columns: ['id', 'name'], since: 1 },
  { table: 'runs', columns: ['id', 'benchmark_id', 'seq', 'title', 'description', 'post_description', 'tag', 'time', 'time_label', 'git_commit', 'git_branch', 'repeats', 'sample_count', 'fingerprint', 'meta'], since: 1 },
  { table: 'inputs', columns: ['run_id', 'position', 'name', 'kind', 'units', 'doc', 'values'], since: 1 },
  { table: 'consts', columns: ['run_id', 'position', 'name', 'value'], since: 1 },
  { table: 'results', columns: ['run_id', 'position', 'name', 'kind', 'units', 'direction', 'doc', 'size', 'regression'], since: 1 },
  { table: 'columns', columns: ['run_id', 'result_position', 'encoding', 'data'], since: 1 },
  { table: 'failures', columns: ['run_id', 'position', 'inputs', 'repeat', 'error'], since: 1 },
  { table: 'point_means', columns: ['run_id', 'result_position', 'data'], since: 2 },
  { table: 'panels', columns: ['run_id', 'position', 'json'], since: 3 },
  { table: 'index_rows', columns: ['benchmark_id', 'run_count', 'newest_run_id', 'version', 'json'], since: 4 },
  { table: 'point_mean_totals', columns: ['run_id', 'result_position', 'mean', 'finite_points'], since: 5 },
]

// --- internal ---

const runSelect = `SELECT r.id, b.name AS benchmark, r.title, r.description, r.post_description, r.tag, r.time, r.time_label,
      r.git_commit, r.git_branch, r.repeats, r.sample_count, r.fingerprint, r.meta,
      (SELECT count(*) FROM failures f WHERE f.run_id = r.id) AS failure_count
    FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id`
// The rows of table x whose run belongs to the benchmark named by the parameter.
const ofBenchmark = 'JOIN runs r ON r.id = x.run_id JOIN benchmarks b ON b.id = r.benchmark_id WHERE b.name = ?'
