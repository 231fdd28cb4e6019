import { describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import { buildHistories, meansOfColumn } from '../../src/model/history'
import { compareRuns, detectRegressions } from '../../src/model/regression'
import type { Run } from '../../src/model/types'
import { createHistoryCache } from '../../src/server/history-cache'
import { storeSource } from '../../src/server/source'
import { openStore, type Store } from '../../src/store'
import { tempDir } from '../helpers/binary'
import { asVersion1 } from '../helpers/store-files'
import { sortRun } from '../fixtures/sort-run'

// Six runs of the sort fixture, each a little slower (adaptive needs four earlier runs before it reads no samples); the store on disk, opened for reading as the server does.
function storedRuns(): { path: string; ids: number[] } {
  const path = join(tempDir(), 's.sqlite')
  const w = openStore(path)
  const ids = [0, 1, 2, 3, 4, 5].map((k) => {
    const run = sortRun({ time: `2026-11-2${k}T10:00:00Z`, tag: `run${k}` })
    for (const s of run.samples) s.results.time = (s.results.time as number) * (1 + 0.01 * k)
    return w.record(run).id
  })
  w.close()
  return { path, ids }
}

// The store with every column read counted: the source must go through the same interface.
function countingReads(store: Store): { store: Store; columns: string[] } {
  const columns: string[] = []
  return {
    columns,
    store: {
      ...store,
      readColumn: (runId, result) => {
        columns.push(`${runId}:${result}`)
        return store.readColumn(runId, result)
      },
    },
  }
}

describe('storeSource', () => {
  it('hands out runs whose point means come from the store and stay out of what a run serialises to', () => {
    const { path, ids } = storedRuns()
    const store = openStore(path, { readonly: true })
    const run = storeSource(store).getRun('sort', ids[1])
    expect(run).not.toBeNull()
    for (const r of ['time', 'ok']) expect(Array.from(run?.means?.[r] ?? [])).toEqual(Array.from(meansOfColumn(run?.data[r] as Float64Array, 3)))
    expect(Object.keys(run ?? {})).not.toContain('means')
    expect(JSON.stringify(run)).not.toContain('"means"')
    store.close()
  })

  it('judges the newest run as a whole from point means alone, with the verdict of fully loaded runs', () => {
    const { path } = storedRuns()
    const store = openStore(path, { readonly: true })
    const counted = countingReads(store)
    const verdict = createHistoryCache(storeSource(counted.store)).verdict('sort', store.listRuns('sort'), { points: false })
    expect(counted.columns).toEqual([])
    const loaded = detectRegressions(buildHistories(store.loadBenchmark('sort').runs).at(-1) as ReturnType<typeof buildHistories>[number], { points: false })
    expect(JSON.stringify(verdict)).toBe(JSON.stringify(loaded))
    expect(verdict.results.map((r) => r.historyValues.length)).toEqual([5, 5])
    store.close()
  })

  it('compares two runs as a whole from their point means, reading no column', () => {
    const { path, ids } = storedRuns()
    const store = openStore(path, { readonly: true })
    const counted = countingReads(store)
    const source = storeSource(counted.store)
    const [a, b] = [source.getRun('sort', ids[0]), source.getRun('sort', ids[5])] as Run[]
    const lazy = compareRuns(a, b, { points: false })
    expect(counted.columns).toEqual([])
    const [fullA, fullB] = [store.getRun(ids[0]), store.getRun(ids[5])] as Run[]
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(compareRuns(fullA, fullB, { points: false })))
    expect(lazy.results.map((r) => r.result)).toEqual(['time', 'ok'])
    store.close()
  })

  it('judges a version 1 store, which has no point means, from the columns', () => {
    const { path } = storedRuns()
    asVersion1(path)
    const store = openStore(path, { readonly: true })
    const counted = countingReads(store)
    const verdict = createHistoryCache(storeSource(counted.store)).verdict('sort', store.listRuns('sort'))
    expect(counted.columns).toHaveLength(12)
    // The page's verdict carries each result's change points (not the points' own ones).
    const loaded = detectRegressions(buildHistories(store.loadBenchmark('sort').runs).at(-1) as ReturnType<typeof buildHistories>[number], { changePoints: { points: false } })
    expect(JSON.stringify(verdict)).toBe(JSON.stringify(loaded))
    store.close()
  })

  it('sees what another connection imported: at once when asked to, else within its recheck interval', async () => {
    const { path } = storedRuns()
    const reader = openStore(path, { readonly: true })
    const eager = storeSource(reader, { recheckMs: 0 })
    const polling = storeSource(reader)
    expect(eager.listBenchmarks().map((b) => b.name)).toEqual(['sort'])
    expect(polling.listBenchmarks().map((b) => b.name)).toEqual(['sort'])
    const writer = openStore(path)
    writer.record({ ...sortRun(), benchmark: 'later' })
    writer.close()
    expect(eager.listBenchmarks().map((b) => b.name)).toEqual(['later', 'sort'])
    await Bun.sleep(110)
    expect(polling.listBenchmarks().map((b) => b.name)).toEqual(['later', 'sort'])
    expect(polling.listRuns('later')).toHaveLength(1)
    reader.close()
  })
})
