// Memory a big run page gives back while it is drawn (issue 20: peak RSS at 10^6 samples).

/** Runs of at least this many samples (4 MB a result) give memory back while their page is drawn. */
export const releaseFromSamples = 1 << 19

/**
 * A full collection, which also hands the allocator's free pages back to the system (`Bun.gc`):
 * else garbage waits for the heap to double, and the next steps touch fresh pages instead of
 * reusing these. The run page calls it after its reads (SQLite's copies of the columns), after
 * its first server figure (ECharts' first chart) and after the last: at 10^6 samples the first
 * page's peak went from ~130 to ~116 MB, for a few ms of CPU each. Null for a run too small to gain from it.
 */
export function memoryRelease(samples: number): (() => void) | null {
  return samples >= releaseFromSamples ? () => Bun.gc(true) : null
}
