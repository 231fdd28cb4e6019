import { formatNumber, formatPercent, formatQuantity } from '../../format'
import { BenchPlotError } from '../../errors'
import { describeInputChanges, formatInputs } from '../../model/history'
import {
  checkBenchmark,
  checkSchemas,
  describeMovement,
  formatChange,
  formatChangePoint,
  formatMovedAt,
  formatMovement,
  formatRunRef,
  formatThreshold,
  pointsWith,
  toCheckReport,
  type BenchmarkVerdict,
  type RegressionOptions,
  type ResultVerdict,
} from '../../model/regression'
import { regressionMethods, type RegressionMethod } from '../../model/types'
import { openReadStore } from '../../store'
import { numberOption, storeOptions, stringOption, type Command, type ParsedArgs } from '../command'
import { checkFormatOptions, checkOutputOf, writeCheckOutput } from '../check-formats'
import { resolveStorePaths } from '../paths'

export const checkCommand: Command = {
  name: 'check',
  summary: 'judge the newest run of each benchmark against its history; exit 1 on a regression (a CI gate)',
  usage: 'check NAME... [--format F] [--output FILE] [--method M] [--threshold T] [options]',
  options: {
    json: { type: 'boolean', description: 'print {"schema_version": 2, "benchmarks": [...]} (see docs/regression.md); same as --format json' },
    schema: { type: 'string', arg: 'N', description: 'with --json: the schema_version to write, 1 or 2 (default 2; 1 has no change points)' },
    ...checkFormatOptions,
    method: { type: 'string', arg: 'M', description: `test every result with ${regressionMethods.join(', ')} (default: each result's setting, else adaptive)` },
    threshold: { type: 'string', arg: 'T', description: 'threshold of the method: % for percentage, σ for adaptive, units for delta, the limit for absolute' },
    gate: { type: 'string', arg: 'PCT', description: 'adaptive: the change must also exceed PCT % (default 10)' },
    'min-history': { type: 'string', arg: 'N', description: 'fewer earlier runs make a young baseline, reported but never failing (default 1)' },
    alpha: { type: 'string', arg: 'A', description: 'significance level of the per-point Mann-Whitney U test (default 0.05)' },
    ...storeOptions,
  },
  async run(args, io) {
    if (args.positionals.length === 0) throw new BenchPlotError('USAGE', 'check needs at least one benchmark NAME (see bench-plot list)')
    const opts: RegressionOptions = { ...regressionOptions(args), changePoints: true }
    const schema = schemaOption(args)
    const output = checkOutputOf(args)
    const { db } = resolveStorePaths(args, io)
    const store = await openReadStore(db)
    let verdicts: BenchmarkVerdict[]
    try {
      verdicts = []
      for (const name of args.positionals) verdicts.push(checkBenchmark((await store.loadBenchmark(name)).runs, opts))
    } finally {
      await store.close()
    }
    writeCheckOutput(output, { text: () => renderVerdicts(verdicts).join('\n'), report: () => toCheckReport(verdicts, { schema }) }, io)
    return verdicts.some((v) => v.regressed) ? 1 : 0
  },
}

/** The regression options given on the command line; shared with `compare`. */
export function regressionOptions(args: ParsedArgs): RegressionOptions {
  const method = stringOption(args, 'method')
  if (method !== undefined && !regressionMethods.includes(method as RegressionMethod)) {
    throw new BenchPlotError('USAGE', `--method: expected one of ${regressionMethods.join(', ')}, got "${method}"`)
  }
  const threshold = numberOption(args, 'threshold')
  if ((method === 'delta' || method === 'absolute') && threshold === undefined) {
    throw new BenchPlotError('USAGE', `--method ${method} needs --threshold (${method === 'delta' ? 'the largest change allowed, in the result\'s units' : 'the limit'})`)
  }
  if (threshold !== undefined && threshold < 0 && method !== 'absolute') throw new BenchPlotError('USAGE', `--threshold: expected a number ≥ 0, got ${threshold}`)
  const gate = numberOption(args, 'gate')
  if (gate !== undefined && gate < 0) throw new BenchPlotError('USAGE', `--gate: expected a percentage ≥ 0, got ${gate}`)
  const minHistory = numberOption(args, 'min-history')
  if (minHistory !== undefined && (!Number.isInteger(minHistory) || minHistory < 0)) throw new BenchPlotError('USAGE', `--min-history: expected a whole number ≥ 0, got ${minHistory}`)
  const alpha = numberOption(args, 'alpha')
  if (alpha !== undefined && !(alpha > 0 && alpha < 1)) throw new BenchPlotError('USAGE', `--alpha: expected a number between 0 and 1, got ${alpha}`)
  const o: RegressionOptions = {}
  if (method !== undefined) o.method = method as RegressionMethod
  if (threshold !== undefined) o.threshold = threshold
  if (gate !== undefined) o.gatePercent = gate
  if (minHistory !== undefined) o.minHistory = minHistory
  if (alpha !== undefined) o.alpha = alpha
  return o
}

// --- internal ---

function schemaOption(args: ParsedArgs): 1 | 2 {
  const schema = stringOption(args, 'schema')
  if (schema === undefined) return 2
  const version = checkSchemas.find((v) => String(v) === schema)
  if (version === undefined) throw new BenchPlotError('USAGE', `--schema: expected one of ${checkSchemas.join(', ')}, got "${schema}"`)
  return version
}

function renderVerdicts(verdicts: BenchmarkVerdict[]): string[] {
  const lines: string[] = []
  for (const v of verdicts) {
    lines.push(`${v.benchmark}: ${v.runs} run${v.runs === 1 ? '' : 's'} in this history, newest ${formatRunRef(v.current)}`)
    if (v.inputChanges.length > 0) lines.push(`  a new history started: ${describeInputChanges(v.inputChanges).join('; ')}`)
    if (v.results.length === 0) lines.push('  no float or bool result to judge')
    const nameWidth = Math.max(0, ...v.results.map((r) => r.result.length))
    for (const r of v.results) lines.push(...renderResult(r, nameWidth))
  }
  const blocking = verdicts.filter((v) => v.regressed)
  lines.push(
    blocking.length === 0
      ? 'no blocking regression'
      : `regressed: ${blocking.map((v) => `${v.benchmark} (${v.results.filter((r) => r.blocking).map((r) => r.result).join(', ')})`).join('; ')}`,
  )
  return lines
}

function renderResult(r: ResultVerdict, nameWidth: number): string[] {
  const j = r.judgement
  const label = (r.verdict === 'regressed' ? 'REGRESSED' : r.verdict).padEnd(9)
  const name = r.result.padEnd(nameWidth)
  const out: string[] = []
  if (j.skipped && r.verdict !== 'young') {
    out.push(`  ${label}  ${name}  not judged: ${j.skipped}`)
    return out
  }
  const fired = j.fired.length > 0 ? `  [${j.fired.join('+')}]` : ''
  const q = (x: number) => formatQuantity(x, r.units)
  const cells = r.verdict === 'young' && r.baselineRuns.length === 0 ? `current ${q(j.current)}` : `${formatChange(j, r.units)}  baseline ${q(j.baseline)}  current ${q(j.current)}`
  out.push(`  ${label}  ${name}  ${cells}  ${j.method} ${formatThreshold(j, r.direction)}${fired}`)
  if (r.note) out.push(`  ${' '.repeat(9)}  ${r.note}`)
  for (const verdict of ['regressed', 'improved'] as const) {
    const points = pointsWith(r.points, verdict)
    if (points.length === 0 || points.length === r.points.length && r.points.length === 1) continue
    const shown = points.slice(0, 5).map((p) => `${formatInputs(p.inputs)} (${formatPercent(p.changePercent)}${p.pValue === null ? '' : `, p=${formatNumber(p.pValue)}`})`)
    const more = points.length > 5 ? `; and ${points.length - 5} more` : ''
    out.push(`  ${' '.repeat(9)}  ${verdict} at ${shown.join('; ')}${more}`)
  }
  out.push(...renderWhere(r).map((line) => `  ${' '.repeat(9)}  ${line}`))
  return out
}

// Where the result moved (which points) and when (its change points over the history).
function renderWhere(r: ResultVerdict): string[] {
  const lines: string[] = []
  if (r.points.length > 1) lines.push(...formatMovement(describeMovement(r.points)))
  const cps = r.changePoints?.changePoints ?? []
  const shown = cps.slice(-3)
  if (cps.length > shown.length) lines.push(`${cps.length} change points over the history; the latest ${shown.length}:`)
  for (const cp of shown) lines.push(`changed at ${formatChangePoint(cp)}, ${formatMovedAt(cp)} (after ${formatRunRef(cp.previous)})`)
  return lines
}
