import { statSync } from 'node:fs'
import { BenchPlotError } from '../errors'
import type { RunInput } from '../model/run-format'
import * as benchPlot from './bench-plot'
import * as benchmarkDotnet from './benchmarkdotnet'
import * as criterion from './criterion'
import * as csv from './csv'
import * as goTest from './go-test'
import * as googleBenchmark from './google-benchmark'
import * as hyperfine from './hyperfine'
import { looksLikeJson, parseJson } from './json'
import * as pytestBenchmark from './pytest-benchmark'
import type { ImportOptions, ImportSource, Importer } from './types'

export type { ImportOptions, ImportSource } from './types'
export { findRecordingWarnings, formatRecordingWarnings } from './recordings'
export type { RecordingWarning } from './recordings'

// Detection tries these in order; csv comes last because almost any text with commas looks like one.
const importers = [benchPlot, googleBenchmark, pytestBenchmark, hyperfine, goTest, benchmarkDotnet, csv] satisfies Importer[]

/** Every format name `--format` accepts. */
export const formats: string[] = ['bench-plot', 'google-benchmark', 'pytest-benchmark', 'hyperfine', 'go-test', 'criterion', 'benchmarkdotnet', 'csv']

/**
 * Detect the format of a source (or use `opts.format`) and parse it into run-format objects,
 * one per benchmark found. Nothing is validated or written here: pass each result to `validateRun`.
 * Throws `BenchPlotError('UNKNOWN_FORMAT')` or `BenchPlotError('PARSE')`, with a one-line message naming the source.
 * @example importSource({ name: 'bench.json', text }, { commit: 'abc123' })
 */
export function importSource(src: ImportSource, opts: ImportOptions = {}): RunInput[] {
  const parseOpts = { ...opts, source: src.name }
  if (opts.format !== undefined && !formats.includes(opts.format)) {
    throw new BenchPlotError('UNKNOWN_FORMAT', `${src.name}: unknown format "${opts.format}" (expected one of: ${formats.join(', ')})`)
  }
  if ('dir' in src) {
    if (opts.format !== undefined && opts.format !== criterion.format) {
      throw new BenchPlotError('UNKNOWN_FORMAT', `${src.name}: is a folder; only criterion imports a folder, not ${opts.format}`)
    }
    if (!isDirectory(src.dir)) throw new BenchPlotError('PARSE', `${src.name}: not a folder`)
    if (opts.format === undefined && !criterion.detectDir(src.dir)) {
      throw new BenchPlotError('UNKNOWN_FORMAT', `${src.name}: is a folder without criterion output (<group>/<function>/<value>/new/benchmark.json)`)
    }
    return criterion.parseDir(src.dir, parseOpts)
  }
  if (opts.format === criterion.format) {
    throw new BenchPlotError('UNKNOWN_FORMAT', `${src.name}: criterion imports a target/criterion folder, not a file`)
  }
  const importer = opts.format ? importers.find((i) => i.format === opts.format) : importers.find((i) => i.detect(src.text))
  if (importer) return importer.parse(src.text, parseOpts)
  // Text that starts like JSON but matched nothing is most often broken JSON: say where.
  if (looksLikeJson(src.text)) {
    parseJson(src.text, src.name)
    throw new BenchPlotError('UNKNOWN_FORMAT', `${src.name}: JSON of no known format (expected one of: ${formats.join(', ')})`)
  }
  if (src.text.trim() === '') throw new BenchPlotError('PARSE', `${src.name}: empty file`)
  throw new BenchPlotError('UNKNOWN_FORMAT', `${src.name}: not a known format (expected one of: ${formats.join(', ')}); use --format to choose one`)
}


// --- internal ---

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}
