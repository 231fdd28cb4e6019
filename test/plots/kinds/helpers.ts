// What the kind tests share: runs of a shape, and a chart's CSV as the browser builds it from its
// kind's row function (test/plots/ticks-browser.test.ts checks the browser's own download).
import { sweepSignature, type SweepSignature } from '../../../src/model/signature'
import type { Run } from '../../../src/model/types'
import { chooseCharts, parseChartRequest, toEChartsOption, type KindCsv } from '../../../src/plots'
import { makeRun, type ResultChoice } from '../fixtures'

/** A run of `floats` float inputs, `cats` categorical ones and `repeats`, with one result, and its signature. */
export function shape(floats: number, cats: number, repeats: number, result: ResultChoice = 'float'): { run: Run; sig: SweepSignature } {
  const run = makeRun({ floats, cats, repeats, result })
  return { run, sig: sweepSignature(run) }
}

/** The kinds of the charts a page shows for a run, given its `?plots=`. */
export function kindsFor(run: Run, plots = ''): string[] {
  return chooseCharts(sweepSignature(run), parseChartRequest({ plots })).specs.map((s) => s.kind)
}

type Json = Record<string, any>

/** The CSV rows (header first) of the first panel of the run's first chart of `kind`, as the CSV button makes them. */
export function csvOf(csv: KindCsv, run: Run, kind: string, plots = ''): unknown[][] {
  const req = parseChartRequest({ plots })
  const spec = chooseCharts(sweepSignature(run), req).specs.find((s) => s.kind === kind)
  if (!spec) throw new Error(`no ${kind} chart for this run`)
  const option = toEChartsOption(spec, run, req).panels[0].option as Json
  return optionCsv(csv, option)
}

/** The CSV rows of an option: every data item of every drawn series (not the hidden band or error-bar helpers). */
export function optionCsv(csv: KindCsv, option: Json): unknown[][] {
  const axis = (a: Json | Json[] | undefined) => (Array.isArray(a) ? a[0] : a)
  const cats = (a: Json | undefined) => (a && a.type === 'category' ? (a.data as string[]) : null)
  const xCats = cats(axis(option.xAxis))
  const yCats = cats(axis(option.yAxis))
  const rows: unknown[][] = [[...csv.header]]
  for (const s of option.series as Json[]) {
    if (!s || s.silent || (s.type === 'custom' && s.renderItem !== 'violin')) continue
    ;(s.data as unknown[]).forEach((item, i) => {
      const v = item && typeof item === 'object' && !Array.isArray(item) ? (item as Json).value : item
      if (v === '-' || v === undefined) return
      rows.push(csv.row(v, i, s.name, xCats, yCats))
    })
  }
  return rows
}

/** The value `makeRun` stores at sweep point `i`, repeat `r` (1-based) for a float result. */
export function fixtureValue(i: number, r: number): number {
  return 1 + i * 0.5 + r * 0.01 * (i % 3)
}
