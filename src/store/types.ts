import type { RunInput } from '../model/run-format'
import type { Benchmark, BenchmarkSummary, Column, Run } from '../model/types'

/**
 * How `saveRuns` numbers runs. `keepIds`: a run keeps its `id` when the store has no run of that id,
 * so that pages' links (`?run=<id>`) stay valid after `migrate`; otherwise it gets the next free one.
 */
export type SaveOptions = {
  keepIds?: boolean
  /**
   * How each benchmark's index row is written with its runs: computed by this function inside the
   * transaction, or none (`false`). A `Store` computes them unless told `false`; a bare backend writes none unless given one.
   */
  indexRow?: IndexRowMaker | false
}

/** What happened to one run handed to `saveRuns`. */
export type SaveOutcome = { benchmark: string; id: number; skipped: false } | { benchmark: string; id: number; skipped: true; reason: string }

/**
 * A float or bool result's point means of one run, totalled: their mean over the points that have
 * one (NaN when none) and how many those are, as stored with the run (schema version 5).
 */
export type PointMeanTotal = { runId: number; result: string; mean: number; points: number }

/** A run left out of the run lists because its stored JSON does not parse, with a line saying which and why. */
export type UnreadableRun = { id: number; reason: string }

/** One result's column or point means of one run, as `readScalarColumns` gives them. */
export type ScalarColumn = { runId: number; result: string; column: Float64Array }

/**
 * A benchmark's index row as stored: text whose format the writer's `version` names. The store
 * keeps it opaque: the model computes and reads it (src/model/regression/index-row-text.ts).
 */
export type IndexRowText = { version: number; text: string }

/** What a benchmark held when a batch began: its run count and newest run id (null: none). */
export type RunsBasis = { runs: number; newestRunId: number | null }

/**
 * Computes a benchmark's index row inside `saveRuns`' transaction, after that benchmark's runs of the
 * batch are in (`saved`, with their ids): `before` is what the benchmark held when the transaction
 * began. Returns null when it cannot (its data was read before another writer added runs): the row
 * is then left out, and readers compute it.
 */
export type IndexRowMaker = (benchmark: string, before: RunsBasis, saved: Run[]) => IndexRowText | null

/** A stored index row still current: computed from exactly the runs its benchmark holds now. */
export type StoredIndexRow = IndexRowText & { benchmark: string }

/** A run without its sample columns: enough for tabs, lists, history axes and the API. */
export type RunHeader = Omit<Run, 'data' | 'means'> & { id: number; failureCount: number; sampleCount: number }

/**
 * Stored results, for reading. All SQL lives behind it, so that every backend (SQLite, PostgreSQL)
 * stands in for another. Every call is asynchronous: a backend may be a server across a network.
 * Column data is read only by the calls that say so (`readColumn`, `readPointMeans`, `getRun`,
 * `loadBenchmark`); a run header never reads it behind a property.
 */
export type ReadStore = {
  /** Where the store lives (a file path, or a connection URL without its password). */
  readonly location: string
  /** Every benchmark with its run count, latest time and latest title, by name. */
  listBenchmarks(): Promise<BenchmarkSummary[]>
  /** A benchmark's runs without their data, oldest first; empty when the name is unknown. */
  listRuns(name: string): Promise<RunHeader[]>
  /**
   * Every benchmark's runs without their data, by benchmark name, then oldest first: what `listRuns`
   * gives for each, in one query per table instead of one per benchmark (and, in SQLite, per run).
   */
  listAllRuns(): Promise<RunHeader[]>
  /** Runs of a benchmark that `listRuns` leaves out because their stored JSON does not parse, each with a line saying so. */
  unreadableRuns(name: string): Promise<UnreadableRun[]>
  /** A benchmark with all its runs and their data, oldest first. Throws NOT_FOUND with a helpful message. */
  loadBenchmark(name: string): Promise<Benchmark>
  /** One run with its data, or null. */
  getRun(id: number): Promise<Run | null>
  /** One result's column of a run, or null when the run has no such result. Throws NOT_FOUND when its data is missing or unreadable. */
  readColumn(runId: number, result: string): Promise<Column | null>
  /**
   * A float or bool result's mean over repeats per sweep point (NaN where a point has none), as
   * stored with the run; null when the store has none for it. Throws NOT_FOUND when it is unreadable.
   */
  readPointMeans(runId: number, result: string): Promise<Float64Array | null>
  /**
   * The columns (`data`) or point means (`means`) of the float and bool results of many runs at once,
   * checked as `readColumn` and `readPointMeans` check them: one query where those take one per run
   * (an index of a thousand benchmarks reads fifty thousand). A result the store has none for is left out.
   */
  readScalarColumns(runIds: readonly number[], what: 'data' | 'means'): Promise<ScalarColumn[]>
  /**
   * The point means' totals of the float and bool results of many runs, in one query: what judging a
   * run against its history needs of each earlier run when the newest measured every point. A result
   * without a stored total (a store before schema version 5) is left out.
   */
  readPointMeanTotals(runIds: readonly number[]): Promise<PointMeanTotal[]>
  /**
   * A benchmark's run headers, oldest first, after checking that every run still has all its data
   * (each column present, of the size its sweep needs) without reading it, and the runs left out as
   * `unreadableRuns` says, from the same read of the run list. Throws NOT_FOUND as `loadBenchmark`.
   */
  verifyBenchmark(name: string): Promise<{ runs: RunHeader[]; unreadable: UnreadableRun[] }>
  /**
   * The index rows written with imports that are still current (their benchmark's run count and newest
   * run id unchanged since), in one query; a benchmark without one is left out (none before schema version 4).
   */
  readIndexRows(): Promise<StoredIndexRow[]>
  /** A value that changes whenever the stored data has changed, by any writer: readers cache until it moves. */
  changeToken(): Promise<string>
  close(): Promise<void>
}

/** A backend opened for writing: reading, plus appending runs. */
export type StoreBackend = ReadStore & {
  /**
   * Append runs to their benchmarks in one transaction; a run already stored (same fingerprint) is
   * skipped. With `indexRow`, each benchmark's index row is computed and written in that transaction.
   */
  saveRuns(runs: Run[], options?: SaveOptions): Promise<SaveOutcome[]>
}

/** A writable store as the rest of bench-plot sees it: a backend plus validated recording. */
export type Store = StoreBackend & {
  /** Validate one run in the JSON run format and append it to its benchmark (one transaction). Throws PARSE naming the JSON path. */
  record(run: RunInput, source?: string): Promise<SaveOutcome>
}
