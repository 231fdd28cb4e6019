import type { SweepSignature } from '../model/signature'
import { namedPlots, type ChartRequest, type NamedPlot } from './request'

export type ChartKind = 'bar' | 'box' | 'line' | 'curve' | 'heatmap' | 'histogram' | 'violin' | 'scatter-jitter' | 'scatter' | 'band' | 'table'

/**
 * One chart to draw for one result (one component of a vec result). Input names say what each
 * axis shows; every input not on an axis or in `series` is in `facets` (small multiples) or,
 * for `band`, aggregated over.
 */
export type ChartSpec = {
  kind: ChartKind
  result: string
  /** Component index of a vec result. */
  component?: number
  /** Input on the x axis (the category axis for bar/box/violin/scatter-jitter). */
  x?: string
  /** Second float input of a heatmap. */
  y?: string
  /** Categorical input drawn as coloured series. */
  series?: string
  facets: string[]
  /** Whether the chart was asked for by name rather than chosen. */
  requested: boolean
}

/** A request that could not be met, said on the page rather than dropped. */
export type ChartNotice = { plot: string; reason: string }

const numericKinds = new Set(['float', 'bool', 'vec'])

/**
 * Choose the charts for a run shape: bencher's table (reference §3.3, §3.5) with the
 * improvements listed in docs/plots.md, then the charts named in the request. Pure.
 */
export function chooseCharts(sig: SweepSignature, req: ChartRequest = { plots: [], logx: false, logy: false }): { specs: ChartSpec[]; notices: ChartNotice[] } {
  const specs: ChartSpec[] = []
  const notices: ChartNotice[] = []
  const floats = sig.floatInputs
  const cats = sig.catInputs
  const numeric = sig.results.filter((r) => numericKinds.has(r.kind))
  const targets = numeric.flatMap((r) => (r.kind === 'vec' ? Array.from({ length: r.size ?? 1 }, (_, k) => ({ result: r.name, component: k })) : [{ result: r.name }]))

  for (const t of targets) {
    const add = (kind: ChartKind, layout: Omit<ChartSpec, 'kind' | 'result' | 'component' | 'requested'>, requested = false) =>
      specs.push({ kind, ...t, ...layout, requested })
    if (floats.length === 0 && cats.length === 0) add('histogram', { facets: [] })
    else if (floats.length === 0) {
      const layout = { x: cats[0], series: cats[1], facets: cats.slice(2) }
      if (sig.repeats >= 2) add('box', layout)
      add('bar', layout)
    } else if (floats.length === 1) add(sig.repeats >= 2 ? 'curve' : 'line', { x: floats[0], series: cats[0], facets: cats.slice(1) })
    else add('heatmap', { x: floats[0], y: floats[1], facets: [...floats.slice(2), ...cats] })
  }
  for (const r of sig.results) if (!numericKinds.has(r.kind)) specs.push({ kind: 'table', result: r.name, facets: [], requested: false })

  for (const name of req.plots) {
    if (!(namedPlots as readonly string[]).includes(name)) {
      notices.push({ plot: name, reason: `unknown plot "${name}" (known: ${namedPlots.join(', ')})` })
      continue
    }
    const plot = name as NamedPlot
    const reason = whyNot(plot, sig)
    if (reason) {
      notices.push({ plot, reason })
      continue
    }
    for (const t of targets) specs.push({ kind: plot, ...t, ...requestedLayout(plot, floats, cats), requested: true })
    if (plot === 'table' && targets.length === 0) notices.push({ plot, reason: 'every result is already shown as a table' })
  }
  return { specs, notices }
}

// --- internal ---

function whyNot(plot: NamedPlot, sig: SweepSignature): string | null {
  const hasNumeric = sig.results.some((r) => numericKinds.has(r.kind))
  if (!hasNumeric && plot !== 'table') return `${plot} needs a numeric result (float, bool or vec)`
  const inputs = sig.floatInputs.length + sig.catInputs.length
  switch (plot) {
    case 'violin':
    case 'scatter-jitter':
      if (sig.floatInputs.length > 0) return `${plot} needs no float input (this run has ${sig.floatInputs.length})`
      if (sig.repeats < 2) return `${plot} needs at least 2 repeats (this run has 1)`
      return null
    case 'scatter':
    case 'band':
      return inputs === 0 ? `${plot} needs at least one input` : null
    case 'table':
      return null
  }
}

function requestedLayout(plot: NamedPlot, floats: string[], cats: string[]): Omit<ChartSpec, 'kind' | 'result' | 'component' | 'requested'> {
  switch (plot) {
    case 'violin':
    case 'scatter-jitter':
      return { x: cats[0], series: cats[1], facets: cats.slice(2) }
    case 'scatter': {
      // Every sample against x, coloured by the first other categorical input; the rest are pooled.
      const x = floats[0] ?? cats[0]
      return { x, series: cats.find((c) => c !== x), facets: [] }
    }
    case 'band':
      return { x: floats[0] ?? cats[0], facets: [] }
    case 'table':
      return { facets: [] }
  }
}
