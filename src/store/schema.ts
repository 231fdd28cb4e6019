import type { Database } from 'bun:sqlite'
import { decodeColumn, meanOfFinite, pointMeansBlob } from './column-codec'

/**
 * Forward migrations, one per schema version: migrations[i] takes a store from
 * version i to version i + 1. The version lives in `PRAGMA user_version`.
 * docs/schema.md describes the result table by table.
 */
export const migrations: ((db: Database) => void)[] = [
  (db) => {
    db.run(`CREATE TABLE benchmarks (
      id   INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE
    )`)
    db.run(`CREATE TABLE runs (
      id               INTEGER PRIMARY KEY,
      benchmark_id     INTEGER NOT NULL REFERENCES benchmarks(id) ON DELETE CASCADE,
      seq              INTEGER NOT NULL,
      title            TEXT NOT NULL,
      description      TEXT NOT NULL DEFAULT '',
      post_description TEXT NOT NULL DEFAULT '',
      tag              TEXT NOT NULL DEFAULT '',
      time             TEXT NOT NULL,
      time_label       TEXT,
      git_commit       TEXT,
      git_branch       TEXT,
      repeats          INTEGER NOT NULL CHECK (repeats >= 1),
      sample_count     INTEGER NOT NULL,
      fingerprint      TEXT,
      meta             TEXT NOT NULL DEFAULT '{}',
      recorded_at      TEXT NOT NULL,
      UNIQUE (benchmark_id, seq),
      UNIQUE (benchmark_id, fingerprint)
    )`)
    db.run('CREATE INDEX runs_by_time ON runs (benchmark_id, time, seq)')
    db.run(`CREATE TABLE inputs (
      run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name     TEXT NOT NULL,
      kind     TEXT NOT NULL CHECK (kind IN ('float', 'int', 'cat', 'bool')),
      units    TEXT NOT NULL DEFAULT '',
      doc      TEXT NOT NULL DEFAULT '',
      "values" TEXT NOT NULL,
      PRIMARY KEY (run_id, position),
      UNIQUE (run_id, name)
    )`)
    db.run(`CREATE TABLE consts (
      run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name     TEXT NOT NULL,
      value    TEXT NOT NULL,
      PRIMARY KEY (run_id, position)
    )`)
    db.run(`CREATE TABLE results (
      run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      position   INTEGER NOT NULL,
      name       TEXT NOT NULL,
      kind       TEXT NOT NULL CHECK (kind IN ('float', 'bool', 'vec', 'string', 'image', 'video', 'path', 'rerun')),
      units      TEXT NOT NULL DEFAULT '',
      direction  TEXT NOT NULL CHECK (direction IN ('minimize', 'maximize', 'none')),
      doc        TEXT NOT NULL DEFAULT '',
      size       INTEGER,
      regression TEXT,
      PRIMARY KEY (run_id, position),
      UNIQUE (run_id, name)
    )`)
    db.run(`CREATE TABLE columns (
      run_id          INTEGER NOT NULL,
      result_position INTEGER NOT NULL,
      encoding        TEXT NOT NULL CHECK (encoding IN ('f64le', 'json')),
      data            BLOB NOT NULL,
      PRIMARY KEY (run_id, result_position),
      FOREIGN KEY (run_id, result_position) REFERENCES results(run_id, position) ON DELETE CASCADE
    )`)
    db.run(`CREATE TABLE failures (
      run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      inputs   TEXT NOT NULL,
      repeat   INTEGER NOT NULL,
      error    TEXT NOT NULL,
      PRIMARY KEY (run_id, position)
    )`)
  },
  // Version 2: each float or bool column's per-point means, so that judging a run against its
  // history reads one value per point of every earlier run, not every repeat.
  (db) => {
    db.run(`CREATE TABLE point_means (
      run_id          INTEGER NOT NULL,
      result_position INTEGER NOT NULL,
      data            BLOB NOT NULL,
      PRIMARY KEY (run_id, result_position),
      FOREIGN KEY (run_id, result_position) REFERENCES results(run_id, position) ON DELETE CASCADE
    )`)
    const scalarColumns = db.query(`SELECT c.run_id, c.result_position, c.data, r.repeats FROM columns c
      JOIN results res ON res.run_id = c.run_id AND res.position = c.result_position JOIN runs r ON r.id = c.run_id
      WHERE res.kind IN ('float', 'bool') AND c.encoding = 'f64le'`)
    const insert = db.query('INSERT INTO point_means (run_id, result_position, data) VALUES (?, ?, ?)')
    for (const c of scalarColumns.iterate() as Iterable<{ run_id: number; result_position: number; data: Uint8Array; repeats: number }>) {
      const column = decodeColumn('f64le', c.data)
      if (!(column instanceof Float64Array)) continue // unreadable: reading the run reports it
      insert.run(c.run_id, c.result_position, pointMeansBlob(column, c.repeats))
    }
  },
  // Version 3: the user's own panels of a run (markdown, media, tables, ECharts options), each one JSON row.
  (db) => {
    db.run(`CREATE TABLE panels (
      run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      kind     TEXT NOT NULL,
      place    TEXT NOT NULL,
      json     TEXT NOT NULL,
      PRIMARY KEY (run_id, position)
    )`)
  },
  // Version 4: each benchmark's index row, computed when runs are imported and written in the same
  // transaction, with the run count and newest run id it was computed from: a reader uses it only
  // while both still hold. Older stores get an empty table; their rows are computed when read.
  (db) => {
    db.run(`CREATE TABLE index_rows (
      benchmark_id  INTEGER PRIMARY KEY REFERENCES benchmarks(id) ON DELETE CASCADE,
      run_count     INTEGER NOT NULL,
      newest_run_id INTEGER NOT NULL,
      version       INTEGER NOT NULL,
      json          TEXT NOT NULL
    )`)
  },
  // Version 5: each point means row's mean and count over its finite points, so that judging a run
  // against its history reads one value per earlier run and result, not every point of it. A table
  // of its own: columns after a BLOB are read through the BLOB's pages.
  (db) => {
    db.run(`CREATE TABLE point_mean_totals (
      run_id          INTEGER NOT NULL,
      result_position INTEGER NOT NULL,
      mean            REAL,
      finite_points   INTEGER NOT NULL,
      PRIMARY KEY (run_id, result_position),
      FOREIGN KEY (run_id, result_position) REFERENCES point_means(run_id, result_position) ON DELETE CASCADE
    )`)
    const rows = db.query('SELECT run_id, result_position, data FROM point_means')
    const insert = db.query('INSERT INTO point_mean_totals (run_id, result_position, mean, finite_points) VALUES (?, ?, ?, ?)')
    for (const r of rows.iterate() as Iterable<{ run_id: number; result_position: number; data: Uint8Array }>) {
      const means = decodeColumn('f64le', r.data)
      if (!(means instanceof Float64Array)) continue // unreadable: reading the run reports it
      const { mean, points } = meanOfFinite(means)
      insert.run(r.run_id, r.result_position, mean, points)
    }
  },
]

export const schemaVersion = migrations.length

/** The oldest version a reader opens as it is: later versions only added what readers can do without (point means, panels, index rows, means' totals). */
export const oldestReadable = 1
