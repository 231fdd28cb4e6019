// Pages that follow new runs (`--live`): a watcher of the store's run lists and its subscribers.
import type { BenchmarkSource } from './source'

/** What `GET /api/events` sends as an event `run`: a benchmark got a new run (or changed), and its newest run's id. */
export type RunEvent = { benchmark: string; run: number }

export type RunWatcher = {
  /** Call `send` on each new run from now on; returns the way to stop. The store is polled only while someone listens. */
  subscribe(send: (event: RunEvent) => void): () => void
  /** Stop polling (the server stops). */
  close(): void
}

/**
 * Watch the source's run lists every `intervalMs` while at least one page listens. The lists are
 * the source's own (read again only after the store's change token moved), so a poll with nothing
 * new costs a map lookup. The first snapshot is taken now: a run recorded while no page listened is
 * sent to the next one that does (pages ignore runs they already show).
 */
export function runWatcher(source: BenchmarkSource, intervalMs = 250): RunWatcher {
  const listeners = new Set<(event: RunEvent) => void>()
  let known: Map<string, { newest: number; count: number }> | null = null
  const first = snapshot(source).then((s) => (known ??= s), () => null)
  let timer: ReturnType<typeof setInterval> | null = null
  let polling = false
  const poll = async () => {
    // One poll at a time: a slow store must not stack reads.
    if (polling) return
    polling = true
    let now: Map<string, { newest: number; count: number }>
    try {
      await first
      now = await snapshot(source)
    } catch (err) {
      console.error('bench-plot: live: cannot read the store:', err)
      return
    } finally {
      polling = false
    }
    for (const [benchmark, s] of now) {
      const before = known?.get(benchmark)
      if (before && before.newest === s.newest && before.count === s.count) continue
      for (const send of listeners) send({ benchmark, run: s.newest })
    }
    known = now
  }
  const stop = () => {
    if (timer !== null) clearInterval(timer)
    timer = null
  }
  return {
    subscribe(send) {
      listeners.add(send)
      if (timer === null) {
        void poll()
        timer = setInterval(() => void poll(), intervalMs)
      }
      return () => {
        listeners.delete(send)
        if (listeners.size === 0) stop()
      }
    },
    close() {
      listeners.clear()
      stop()
    },
  }
}

// Each benchmark's newest run id and run count.
async function snapshot(source: BenchmarkSource): Promise<Map<string, { newest: number; count: number }>> {
  const out = new Map<string, { newest: number; count: number }>()
  for (const b of await source.listBenchmarks()) {
    const runs = await source.listRuns(b.name)
    out.set(b.name, { newest: runs.reduce((m, r) => Math.max(m, r.id), 0), count: runs.length })
  }
  return out
}
