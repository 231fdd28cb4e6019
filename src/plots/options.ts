import type { Run } from '../model/types'
import type { ChartSpec } from './choose'
import { numericView } from './data'
import { runKinds, type ChartKind } from './kinds'
import { chartSummary, fitLegendAndLabels, wheelScrollsPage, makeContext, overlayView, shareValueAxis, tabsAbove } from './kinds/_shared'
import type { BuiltChartOf, ChartOverlay, ChartPanel } from './kinds/_types'
import type { ChartRequest } from './request'

export type { ChartOverlay, ChartPanel }

/** Everything needed to draw one chart spec: one panel per facet, plus notes shown under it. */
export type BuiltChart = BuiltChartOf<ChartKind>

/**
 * Build the ECharts options of one chart spec from a run: statistics on all the data, series
 * reduced to the chart's pixel width. The kind's module (src/plots/kinds) draws the panels. Pure;
 * `renderSvg` draws the result.
 */
export function toEChartsOption(spec: ChartSpec, run: Run, req: ChartRequest, overlay?: ChartOverlay): BuiltChart {
  const result = run.results.find((r) => r.name === spec.result)
  if (!result) throw new Error(`no result named "${spec.result}"`)
  const view = numericView(run, result, spec.component)
  const kind = runKinds.find((k) => k.kind === spec.kind)
  if (!kind?.build) throw new Error(`${spec.kind} is not drawn with ECharts`)
  const ctx = makeContext(kind, spec, run, req, view, overlayView(kind, run, spec, overlay))
  const panels = kind.build(ctx)
  shareValueAxis(ctx, panels)
  const grow = fitLegendAndLabels(ctx, panels)
  for (const p of panels) wheelScrollsPage(p.option)
  return {
    spec,
    title: ctx.title,
    summary: chartSummary(ctx),
    label: view.label,
    panels,
    notes: ctx.notes,
    width: ctx.width,
    height: ctx.height + grow,
    tabsBy: ctx.facetNames.length > 0 && ctx.nPanels > tabsAbove ? ctx.facetNames[0] : null,
  }
}
