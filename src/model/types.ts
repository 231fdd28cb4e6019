import type { Panel } from './panels'

/** Kinds of swept input. `float` and `int` are plotted on numeric axes, `cat` and `bool` as categories. */
export type InputKind = 'float' | 'int' | 'cat' | 'bool'
/** Kinds of result. The last four hold a path relative to the cache directory. */
export type ResultKind = 'float' | 'bool' | 'vec' | 'string' | 'image' | 'video' | 'path' | 'rerun'
export type Direction = 'minimize' | 'maximize' | 'none'
export type InputValue = number | string | boolean
export type RegressionMethod = 'adaptive' | 'percentage' | 'delta' | 'absolute'

export const inputKinds: readonly InputKind[] = ['float', 'int', 'cat', 'bool']
export const resultKinds: readonly ResultKind[] = ['float', 'bool', 'vec', 'string', 'image', 'video', 'path', 'rerun']
export const directions: readonly Direction[] = ['minimize', 'maximize', 'none']
export const regressionMethods: readonly RegressionMethod[] = ['adaptive', 'percentage', 'delta', 'absolute']

export type InputVar = {
  name: string
  kind: InputKind
  units: string
  doc: string
  /** Ordered values; the sweep is the Cartesian product of every input's values. */
  values: InputValue[]
}

export type ConstVar = { name: string; value: unknown }

export type RegressionSetting = { method: RegressionMethod; threshold?: number }

export type ResultVar = {
  name: string
  kind: ResultKind
  units: string
  direction: Direction
  doc: string
  /** Number of components, for `vec` results only. */
  size?: number
  regression?: RegressionSetting
}

/**
 * One result's values over the whole sweep, dense in C order over
 * (inputs in declared order, repeat[, vec component]).
 * Numeric kinds (float, bool as 0/1, vec) are a Float64Array with NaN for a missing cell;
 * the other kinds are strings (paths for media) with null for a missing cell.
 */
export type Column = Float64Array | (string | null)[]

export type Failure = { inputs: Record<string, InputValue>; repeat: number; error: string }

/** A run as held in memory: what one import or one `record()` call adds to a benchmark. */
export type Run = {
  /** Store id; absent before the run is saved. */
  id?: number
  benchmark: string
  title: string
  description: string
  postDescription: string
  tag: string
  /** ISO 8601 time of the run. */
  time: string
  timeLabel: string | null
  commit: string | null
  branch: string | null
  repeats: number
  inputs: InputVar[]
  consts: ConstVar[]
  results: ResultVar[]
  /** One column per result, keyed by result name. */
  data: Record<string, Column>
  /**
   * Each float or bool result's mean over repeats per sweep point (NaN where a point has none),
   * when the store kept them: derived from `data`, and read without it. Shared: never modify.
   */
  means?: Readonly<Record<string, Float64Array | null>>
  failures: Failure[]
  /** Anything else the source carried (machine info, BigO rows…), kept as JSON. */
  meta: Record<string, unknown>
  /** The user's own panels shown beside the automatic charts; absent when it has none. */
  panels?: Panel[]
  /** Digest of the run as given, used to skip a second import of the same file. */
  fingerprint?: string
}

/** A benchmark with all its runs, oldest first. */
export type Benchmark = { name: string; runs: Run[] }

/** One line of `bench-plot list`. */
export type BenchmarkSummary = { name: string; runs: number; latest: string; title: string }
