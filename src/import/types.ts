import type { RunInput } from '../model/run-format'

/** What to import: a file's text, or a folder (criterion's `target/criterion`). */
export type ImportSource = { name: string; text: string } | { name: string; dir: string }

/** What the user can tell `bench-plot import`. Every field is optional; a value the format carries wins. */
export type ImportOptions = {
  /** Force a format instead of detecting it. @default detected from the content */
  format?: string
  /** Benchmark name, or the prefix `${name}/${family}` when a source holds several families. @default the format's own name */
  name?: string
  /** ISO 8601 time of the run, when the format carries none. @default left out (the validator uses the import time) */
  time?: string
  /** Label shown instead of the time (e.g. a version). @default none */
  timeLabel?: string
  /** Commit, when the format carries none. @default none */
  commit?: string
  /** Branch, when the format carries none. @default none */
  branch?: string
  /** CSV only: the columns that are inputs. @default see docs/importers.md */
  inputs?: string[]
  /** CSV only: the columns that are results. @default see docs/importers.md */
  results?: string[]
  /**
   * Told what an import guessed or left out (a CSV column taken as an input, a truncated file's cut benchmark);
   * one line each, naming the source. @default warnings are dropped
   */
  warn?: (message: string) => void
}

/** Options handed to each importer's `parse`: the user's options plus the source name used in messages. */
export type ParseOptions = ImportOptions & { source?: string }

/** The surface every text importer module has (style.md §4). */
export type Importer = {
  format: string
  /** Cheap sniff of the content; never throws. */
  detect: (text: string) => boolean
  /** Parse into runs; throws `BenchPlotError('PARSE')` naming the source and the line or field. */
  parse: (text: string, opts?: ParseOptions) => RunInput[]
}
