import { readFileSync, statSync } from 'node:fs'
import { BenchPlotError } from '../../errors'
import { findRecordingWarnings, formatRecordingWarnings, formats, importSource, type ImportOptions, type ImportSource } from '../../import'
import { defaultMaxCells, validateRun } from '../../model/run-format'
import type { Run } from '../../model/types'
import { openStore } from '../../store'
import { numberOption, storeOptions, stringOption, type Command, type ParsedArgs } from '../command'
import { resolveStorePaths } from '../paths'

export const importCommand: Command = {
  name: 'import',
  summary: 'record runs from result files (bench-plot JSON, or another tool\'s output); - reads stdin',
  usage: 'import FILE... [options]',
  options: {
    format: { type: 'string', arg: 'FORMAT', description: `force the input format: ${formats.join(', ')} (default: detected from the content)` },
    name: { type: 'string', arg: 'NAME', description: 'benchmark name, or name prefix when a file holds several benchmarks' },
    time: { type: 'string', arg: 'ISO', description: 'time of the run when the file carries none (default: now)' },
    'time-label': { type: 'string', arg: 'LABEL', description: 'label of the run on history axes (a commit, a release)' },
    commit: { type: 'string', arg: 'SHA', description: 'git commit of the run when the file carries none' },
    branch: { type: 'string', arg: 'BRANCH', description: 'git branch of the run when the file carries none' },
    inputs: { type: 'string', arg: 'A,B', description: 'CSV only: the columns that are inputs' },
    results: { type: 'string', arg: 'T,M', description: 'CSV only: the columns that are results' },
    'max-cells': { type: 'string', arg: 'N', description: `refuse a run of more than N cells, summed over its results (default ${defaultMaxCells})` },
    ...storeOptions,
  },
  async run(args, io) {
    if (args.positionals.length === 0) throw new BenchPlotError('USAGE', 'import needs at least one FILE (or - for stdin)')
    const opts: ImportOptions = { ...importOptions(args), warn: (message) => io.stderr(`bench-plot: warning: ${message}`) }
    const maxCells = numberOption(args, 'max-cells') ?? defaultMaxCells
    if (!Number.isSafeInteger(maxCells) || maxCells < 1) throw new BenchPlotError('USAGE', `--max-cells: expected a whole number of at least 1, got "${stringOption(args, 'max-cells')}"`)
    const read = args.positionals.flatMap((file) => readRuns(file, opts, maxCells).map((run) => ({ file: file === '-' ? 'stdin' : file, run })))
    const runs = read.map((r) => r.run)
    const { cachedir, db } = resolveStorePaths(args, io)
    // Recordings are files beside the store: a missing one is recorded all the same, and the page says so.
    for (const { file, run } of read) for (const line of formatRecordingWarnings(file, run, cachedir, findRecordingWarnings(run, cachedir))) io.stderr(line)
    const store = await openStore(db)
    try {
      const outcomes = await store.saveRuns(runs)
      outcomes.forEach((o, i) => {
        if (o.skipped) io.stderr(`bench-plot: skipped ${o.benchmark}: ${o.reason}`)
        else io.stdout(`recorded run ${o.id} of ${o.benchmark} (${describeRun(runs[i])})`)
      })
    } finally {
      await store.close()
    }
    return 0
  },
}

// --- internal ---

function importOptions(args: ParsedArgs): ImportOptions {
  const list = (name: string) => stringOption(args, name)?.split(',').map((s) => s.trim()).filter(Boolean)
  const time = stringOption(args, 'time')
  if (time !== undefined && Number.isNaN(Date.parse(time))) throw new BenchPlotError('USAGE', `--time: expected an ISO 8601 time, got "${time}"`)
  return {
    format: stringOption(args, 'format'),
    name: stringOption(args, 'name'),
    time: time === undefined ? undefined : new Date(time).toISOString(),
    timeLabel: stringOption(args, 'time-label'),
    commit: stringOption(args, 'commit'),
    branch: stringOption(args, 'branch'),
    inputs: list('inputs'),
    results: list('results'),
  }
}

function readSource(file: string): ImportSource {
  if (file === '-') return { name: 'stdin', text: readFileSync(0, 'utf8') }
  try {
    if (statSync(file).isDirectory()) return { name: file, dir: file }
    return { name: file, text: readFileSync(file, 'utf8') }
  } catch (err) {
    throw new BenchPlotError('USAGE', `${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
}

function readRuns(file: string, opts: ImportOptions, maxCells: number): Run[] {
  const source = readSource(file)
  const inputs = importSource(source, opts)
  const many = inputs.length > 1 || ('text' in source && source.text.trimStart().startsWith('['))
  return inputs.map((input, i) => validateRun(input, { source: source.name, path: many ? `[${i}]` : '', maxCells }))
}

function describeRun(run: Run): string {
  const points = run.inputs.map((v) => v.values.length).join('x') || '1'
  const failed = run.failures.length > 0 ? `, ${run.failures.length} failed` : ''
  return `${points} points x ${run.repeats} repeats${failed}`
}
