import type { SweepSignature } from '../model/signature'
import { runKinds, type ChartKind } from './kinds'
import { numeric } from './kinds/_shared'
import type { ChartSpecOf } from './kinds/_types'
import { namedPlots, type ChartRequest } from './request'

export type { ChartKind }

/**
 * One chart to draw for one result (one component of a vec result). Input names say what each
 * axis shows; every input not on an axis or in `series` is in `facets` (small multiples) or,
 * for `band`, aggregated over.
 */
export type ChartSpec = ChartSpecOf<ChartKind>

/** A request that could not be met, said on the page rather than dropped. */
export type ChartNotice = { plot: string; reason: string }

/**
 * Choose the charts for a run shape: bencher's table (reference §3.3, §3.5) with the
 * improvements listed in docs/plots.md, then the charts named in the request. Each kind's module
 * (src/plots/kinds) says when it applies. Pure.
 */
export function chooseCharts(whole: SweepSignature, req: ChartRequest = { plots: [] }): { specs: ChartSpec[]; notices: ChartNotice[] } {
  // What does not vary is not an axis: the kinds choose from the inputs that vary (constants go in the page's header).
  const sig = varyingSignature(whole)
  const specs: ChartSpec[] = []
  const notices: ChartNotice[] = []
  // A target is one numeric result, or one component of a vec result.
  const targets = sig.results.filter(numeric).flatMap((r) => (r.kind === 'vec' ? Array.from({ length: r.size ?? 1 }, (_, k) => ({ result: r, component: k as number | undefined })) : [{ result: r, component: undefined }]))
  const target = (t: (typeof targets)[number]) => (t.component === undefined ? { result: t.result.name } : { result: t.result.name, component: t.component })

  // Numeric results first, then the others, each with the automatic kinds in list order.
  const others = sig.results.filter((r) => !numeric(r)).map((r) => ({ result: r, component: undefined }))
  for (const t of [...targets, ...others]) {
    for (const kind of runKinds) {
      const layout = kind.auto?.(sig, t.result)
      if (layout) specs.push({ kind: kind.kind, ...target(t), ...layout, requested: false })
    }
  }

  for (const name of req.plots) {
    const kind = runKinds.find((k) => k.named && k.kind === name)
    if (!kind) {
      notices.push({ plot: name, reason: `unknown plot "${name}" (known: ${namedPlots.join(', ')})` })
      continue
    }
    const reason = whyNotPlot(whole, kind.kind)
    if (reason) {
      notices.push({ plot: kind.kind, reason })
      continue
    }
    const layout = kind.layout?.(sig) ?? { facets: [] }
    for (const t of targets) specs.push({ kind: kind.kind, ...target(t), ...layout, requested: true })
  }
  return { specs, notices }
}

/** The signature without the inputs that have one value: what the kinds choose their axes and facets from. */
/** Whether any chart `chooseCharts` gives draws another run over the run's (line, curve): only then are that run's samples read for it. */
export function overlaysAnotherRun(whole: SweepSignature, req: ChartRequest = { plots: [] }): boolean {
  return chooseCharts(whole, req).specs.some((s) => runKinds.find((k) => k.kind === s.kind)?.overlay === true)
}

export function varyingSignature(sig: SweepSignature): SweepSignature {
  const varies = (n: string) => !sig.constantInputs.includes(n)
  return { ...sig, floatInputs: sig.floatInputs.filter(varies), catInputs: sig.catInputs.filter(varies) }
}

/** Why a chart named in a request cannot be drawn for a run of this signature; null when it can (or is unknown). */
export function whyNotPlot(whole: SweepSignature, name: string): string | null {
  const kind = runKinds.find((k) => k.named && k.kind === name)
  if (!kind) return null
  const sig = varyingSignature(whole)
  if (!kind.anyResult && !sig.results.some(numeric)) return `${kind.kind} needs a numeric result (float, bool or vec)`
  return kind.whyNot?.(sig) ?? null
}
