// curve: the mean of a result against one float input with a ±1 std band, for runs with repeats.
import { drawLines } from './line'
import { numeric, seriesXYRow } from './_shared'
import { runKind } from './_types'

export const curve = runKind({
  kind: 'curve',
  source: 'run',
  label: 'curve',
  named: false,
  auto: (sig, result) => (numeric(result) && sig.floatInputs.length === 1 && sig.repeats >= 2 ? { x: sig.floatInputs[0], series: sig.catInputs[0], facets: sig.catInputs.slice(1) } : null),
  build: (ctx) => drawLines(ctx, true),
  valueAxis: { on: 'y' },
  overlay: true,
  csv: { header: ['series', 'x', 'y'], row: seriesXYRow },
})
