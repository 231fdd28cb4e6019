// table: a result's values per sweep point. Chosen for results that are not numbers (strings,
// images, videos, paths, recordings) and for a numeric result of one value (no input varies, one
// repeat: a chart of one value cannot be read); on request, statistics per sweep point of a numeric result.
// Not an ECharts chart: the page draws it as an HTML table from `tableRows`.
import { pointCoordinates } from '../../model/sweep'
import type { ResultVar, Run } from '../../model/types'
import { numericView } from '../data'
import { cellStats } from '../stats-cell'
import { numeric } from './_shared'
import { runKind } from './_types'

export const table = runKind({
  kind: 'table',
  source: 'run',
  label: 'table',
  named: true,
  anyResult: true,
  aliases: ['tabulator'],
  auto: (sig, result) => (!numeric(result) || (sig.floatInputs.length + sig.catInputs.length === 0 && sig.repeats < 2) ? { facets: [] } : null),
  whyNot: (sig) => (sig.results.some(numeric) ? null : 'every result is already shown as a table'),
  layout: () => ({ facets: [] }),
  valueAxis: { on: 'y' },
  // A row of `tableRows`: the inputs' exact values, then the statistics.
  csv: { header: ['n', 'mean', 'std', 'min', 'max'], row: (v) => v },
})

/**
 * The statistics table of a numeric result (or vec component): one row per sweep point, the
 * inputs' values then n, mean, spread (std, or binomial s.e. for a bool result), min and max;
 * at most `cap` rows, with the number there would be.
 */
export function tableRows(run: Run, result: ResultVar, component: number | undefined, cap: number): { header: string[]; rows: (number | string | boolean)[][]; total: number } {
  const view = numericView(run, result, component)
  const bool = result.kind === 'bool'
  const rows: (number | string | boolean)[][] = []
  for (let p = 0; p < view.points && rows.length < cap; p++) {
    const vals: number[] = []
    for (let r = 0; r < view.repeats; r++) {
      const v = view.value(p, r)
      if (Number.isFinite(v)) vals.push(v)
    }
    const st = cellStats(vals, bool)
    const c = pointCoordinates(run.inputs, p)
    rows.push([...run.inputs.map((v, i) => v.values[c[i]]), st.n, st.mean, st.std, st.min, st.max])
  }
  const header = [...run.inputs.map((v) => v.name), 'n', 'mean', bool ? 'binomial s.e.' : 'std', 'min', 'max']
  return { header, rows, total: view.points }
}
