// Panels given from code: `plotServer(name, { panels })`, a list or a function of the loaded benchmark.
import { checkPanels, type Panel } from '../model/panels'
import type { Benchmark, Run } from '../model/types'
import type { RunHeader } from '../store'
import type { BenchmarkSource } from './source'

/** Panels as a script gives them: the run format's panel objects (docs/format.md#panels). */
export type PanelsInput = readonly unknown[]

/** A list shown with every benchmark served, or a function of a benchmark (its runs, oldest first) giving that benchmark's panels. */
export type PanelsOption = PanelsInput | ((benchmark: Benchmark) => PanelsInput)

/** The panels from code for a benchmark with these runs; empty when there are none. */
export type CodePanels = (name: string, runs: readonly RunHeader[]) => Promise<Panel[]>

/**
 * Check a list now (so that a bad one throws before any port is bound), or wrap a function so that
 * it is called with the loaded benchmark once per set of runs: again after a new run is recorded.
 * What it returns is checked as the run format's panels; a bad one is an error page naming the path.
 */
export function codePanels(option: PanelsOption | undefined, source: BenchmarkSource): CodePanels | undefined {
  if (option === undefined) return undefined
  if (typeof option !== 'function') {
    const panels = checkPanels(option, 'plotServer panels')
    return async () => panels
  }
  const byRuns = new Map<string, Panel[]>()
  return async (name, runs) => {
    const key = `${name}\u0000${runs.map((r) => r.id).join(',')}`
    let panels = byRuns.get(key)
    if (!panels) {
      // The function is given every run with its data, as the reference's plot function is.
      const loaded = (await Promise.all(runs.map((h) => source.getRun(name, h.id, 'all')))).filter((r): r is Run => r !== null)
      panels = checkPanels(option({ name, runs: loaded }), 'plotServer panels function')
      byRuns.set(key, panels)
    }
    return panels
  }
}
