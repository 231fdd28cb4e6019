import { BenchPlotError } from '../../errors'
import { buildHistories, describeInputChanges, formatInputs, runRef } from '../../model/history'
import { formatNumber, formatPercent, formatQuantity } from '../../format'
import { compareRuns, formatChange, formatRunRef, formatThreshold, toCompareReport } from '../../model/regression'
import type { Run } from '../../model/types'
import { openReadStore } from '../../store'
import { storeOptions, type Command } from '../command'
import { resolveStorePaths } from '../paths'
import { regressionOptions } from './check'

export const compareCommand: Command = {
  name: 'compare',
  summary: 'compare two runs of a benchmark point by point: ratio, significance, verdict',
  usage: 'compare NAME RUN_A RUN_B [--json] [options]   (RUN: a run id, latest, previous, or a time label or commit)',
  options: {
    json: { type: 'boolean', description: 'print {"schema_version": 1, "benchmark", "a", "b", "results": [...]} (see docs/regression.md)' },
    method: { type: 'string', arg: 'M', description: 'test each result with adaptive, percentage, delta or absolute (default percentage)' },
    threshold: { type: 'string', arg: 'T', description: 'threshold of the method (default 10 for percentage)' },
    gate: { type: 'string', arg: 'PCT', description: 'adaptive: the change must also exceed PCT % (default 10)' },
    alpha: { type: 'string', arg: 'A', description: 'significance level of the per-point Mann-Whitney U test (default 0.05)' },
    ...storeOptions,
  },
  async run(args, io) {
    if (args.positionals.length !== 3) throw new BenchPlotError('USAGE', `compare needs NAME RUN_A RUN_B, got ${args.positionals.length} argument${args.positionals.length === 1 ? '' : 's'}`)
    const [name, selA, selB] = args.positionals
    const opts = regressionOptions(args)
    const { db } = resolveStorePaths(args, io)
    const store = await openReadStore(db)
    let runs: Run[]
    try {
      runs = buildHistories((await store.loadBenchmark(name)).runs).flatMap((h) => h.runs)
    } finally {
      await store.close()
    }
    const a = selectRun(name, runs, selA)
    const b = selectRun(name, runs, selB)
    const c = compareRuns(a, b, { method: opts.method, threshold: opts.threshold, gatePercent: opts.gatePercent, alpha: opts.alpha })
    if (args.values.json) {
      io.stdout(JSON.stringify(toCompareReport(name, c), null, 2))
      return 0
    }
    io.stdout(`${name}: ${formatRunRef(c.b)} against ${formatRunRef(c.a)}`)
    if (!c.sameInputs) io.stdout(`  the inputs differ (${describeInputChanges(c.inputChanges).join('; ')}); comparing the points both runs have`)
    for (const r of c.results) {
      const j = r.judgement
      io.stdout(
        j.skipped
          ? `  ${r.result}: not judged: ${j.skipped}`
          : `  ${r.result}: ${r.verdict === 'regressed' ? 'REGRESSED' : r.verdict} ${formatChange(j, r.units)}  A ${formatQuantity(j.baseline, r.units)}  B ${formatQuantity(j.current, r.units)}  ${j.method} ${formatThreshold(j, r.direction)}`,
      )
      const rows = [['INPUTS', 'A', 'B', 'B/A', 'CHANGE', 'P', 'VERDICT']]
      for (const p of r.points) {
        rows.push([
          formatInputs(p.inputs),
          formatQuantity(p.a.mean, r.units),
          formatQuantity(p.b.mean, r.units),
          Number.isFinite(p.ratio) ? p.ratio.toFixed(3) : '—',
          formatPercent(p.changePercent),
          p.pValue === null ? '—' : `${formatNumber(p.pValue)}${p.significant ? ' *' : ''}`,
          p.verdict,
        ])
      }
      const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)))
      for (const row of rows) io.stdout(`    ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}`)
    }
    if (c.results.length === 0) io.stdout('  no float or bool result in both runs')
    return 0
  },
}

// --- internal ---

// A run id, `latest`, `previous`, or the newest run whose time label or commit is the text.
function selectRun(name: string, runs: Run[], selector: string): Run {
  const found =
    selector === 'latest'
      ? runs.at(-1)
      : selector === 'previous'
        ? runs.at(-2)
        : /^\d+$/.test(selector)
          ? runs.find((r) => r.id === Number(selector))
          : runs.findLast((r) => r.timeLabel === selector || r.commit === selector || (r.commit !== null && selector.length >= 7 && r.commit.startsWith(selector)))
  if (found) return found
  const known = runs.map((r) => formatRunRef(runRef(r))).slice(-5).join(', ')
  throw new BenchPlotError('NOT_FOUND', `${name} has no run "${selector}" (its newest runs: ${known})`)
}
