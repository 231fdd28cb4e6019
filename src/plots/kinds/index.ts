// The list of chart kinds. A kind is one module of this folder (its filter, options builder,
// labels and CSV); adding one touches its module, this list, its test and docs/plots.md.
import { band } from './band'
import { bar } from './bar'
import { box } from './box'
import { curve } from './curve'
import { heatmap } from './heatmap'
import { histogram } from './histogram'
import { history } from './history'
import { line } from './line'
import { pair } from './pair'
import { ratio } from './ratio'
import { regression } from './regression'
import { scatter } from './scatter'
import { scatterJitter } from './scatter-jitter'
import { table } from './table'
import { violin } from './violin'
import type { OptionKind, RunKind } from './_types'

/**
 * The kinds drawn from one run, in the order their charts appear for a result (box before bar);
 * the kinds drawn on request (`named`) in the order the page's controls list them.
 */
export const runKinds = [histogram, box, bar, line, curve, heatmap, violin, scatterJitter, scatter, band, table] as const

/** Every chart kind: the run kinds, then the charts of a result's history, of a verdict and of a comparison of two runs. */
export const chartKinds = [...runKinds, history, regression, ratio, pair] as const

/** The name of a kind drawn from a run (`data-chart` of its figures). */
export type ChartKind = (typeof runKinds)[number]['kind']

/** The module of a kind by its name (`data-chart`); undefined for an unknown name. */
export function kindModule(kind: string): RunKind<ChartKind> | OptionKind | undefined {
  return (chartKinds as readonly (RunKind<ChartKind> | OptionKind)[]).find((k) => k.kind === kind)
}

/** The label people read for a kind, e.g. `percentile band` for `band`; the name itself when unknown. */
export function kindLabel(kind: string): string {
  return kindModule(kind)?.label ?? kind
}

export type { ChartOverlay, ChartPanel, KindCsv, OptionKind, RunKind } from './_types'
