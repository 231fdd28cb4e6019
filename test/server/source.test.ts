import { describe, expect, it } from 'bun:test'
import { buildHistories, meansOfColumn } from '../../src/model/history'
import { compareRuns, detectRegressions } from '../../src/model/regression'
import type { Run } from '../../src/model/types'
import { createHistoryCache } from '../../src/server/history-cache'
import { storeSource } from '../../src/server/source'
import { openReadStore, openStore, type ReadStore } from '../../src/store'
import { onEachBackend, type TestBackend } from '../helpers/backends'
import { sortRun } from '../fixtures/sort-run'

// Six runs of the sort fixture, each a little slower (adaptive needs four earlier runs before it reads no samples), `change`d as a test needs.
async function storedRuns(backend: TestBackend, change: (run: ReturnType<typeof sortRun>, k: number) => void = () => {}): Promise<{ path: string; ids: number[] }> {
  const path = await backend.fresh()
  const w = await openStore(path)
  const ids: number[] = []
  for (const k of [0, 1, 2, 3, 4, 5]) {
    const run = sortRun({ time: `2026-11-2${k}T10:00:00Z`, tag: `run${k}` })
    for (const s of run.samples) s.results.time = (s.results.time as number) * (1 + 0.01 * k)
    change(run, k)
    ids.push((await w.record(run)).id)
  }
  await w.close()
  return { path, ids }
}

// The store with every column read counted, one by one or many at once (`batches`: the calls of
// readScalarColumns, by what they read), and the point means read one by one (`means`): the source
// must go through the same interface.
function countingReads(store: ReadStore): { store: ReadStore; columns: string[]; batches: string[]; means: string[] } {
  const columns: string[] = []
  const batches: string[] = []
  const means: string[] = []
  return {
    columns,
    batches,
    means,
    store: {
      ...store,
      readPointMeans: async (runId, result) => {
        means.push(`${runId}:${result}`)
        return await store.readPointMeans(runId, result)
      },
      readColumn: async (runId, result) => {
        columns.push(`${runId}:${result}`)
        return await store.readColumn(runId, result)
      },
      readScalarColumns: async (runIds, what) => {
        const read = await store.readScalarColumns(runIds, what)
        if (read.length > 0) batches.push(what)
        if (what === 'data') for (const c of read) columns.push(`${c.runId}:${c.result}`)
        return read
      },
    },
  }
}

// On a SQLite store and, with $BENCH_PLOT_TEST_PG, on a PostgreSQL one (issue 18, point 6).
onEachBackend((backend) => {
  describe('storeSource', () => {
    it('hands out runs whose point means come from the store and stay out of what a run serialises to', async () => {
      const { path, ids } = await storedRuns(backend)
      const store = await openReadStore(path)
      const run = await storeSource(store).getRun('sort', ids[1])
      expect(run).not.toBeNull()
      for (const r of ['time', 'ok']) expect(Array.from(run?.means?.[r] ?? [])).toEqual(Array.from(meansOfColumn(run?.data[r] as Float64Array, 3)))
      expect(Object.keys(run ?? {})).not.toContain('means')
      expect(JSON.stringify(run)).not.toContain('"means"')
      await store.close()
    })

    it('judges the newest run as a whole from point means alone, with the verdict of fully loaded runs', async () => {
      const { path } = await storedRuns(backend)
      const store = await openReadStore(path)
      const counted = countingReads(store)
      const verdict = await createHistoryCache(storeSource(counted.store)).verdict('sort', await store.listRuns('sort'), { points: false })
      expect(counted.columns).toEqual([])
      const loaded = detectRegressions(buildHistories((await store.loadBenchmark('sort')).runs).at(-1) as ReturnType<typeof buildHistories>[number], { points: false })
      expect(JSON.stringify(verdict)).toBe(JSON.stringify(loaded))
      expect(verdict.results.map((r) => r.historyValues.length)).toEqual([5, 5])
      await store.close()
    })

    it('judges the newest run as a whole from the earlier runs\' stored totals, reading only the newest run\'s point means', async () => {
      const { path, ids } = await storedRuns(backend)
      const store = await openReadStore(path)
      const counted = countingReads(store)
      const verdict = await createHistoryCache(storeSource(counted.store)).verdict('sort', await store.listRuns('sort'), { points: false })
      expect(counted.columns).toEqual([])
      expect(counted.batches).toEqual([])
      expect(counted.means.sort()).toEqual([`${ids[5]}:ok`, `${ids[5]}:time`])
      const loaded = detectRegressions(buildHistories((await store.loadBenchmark('sort')).runs).at(-1) as ReturnType<typeof buildHistories>[number], { points: false })
      expect(JSON.stringify(verdict)).toBe(JSON.stringify(loaded))
      await store.close()
    })

    it('reads the earlier runs\' point means, one run at a time and not kept, where the newest run missed a point', async () => {
      // The newest run has no value at n=10, heap: its value is the earlier runs' mean over the other points.
      const { path, ids } = await storedRuns(backend, (run, k) => {
        if (k === 5) run.samples = run.samples.filter((s) => !(s.inputs?.n === 10 && s.inputs?.algo === 'heap'))
      })
      const store = await openReadStore(path)
      const counted = countingReads(store)
      const source = storeSource(counted.store)
      const verdict = await createHistoryCache(source).verdict('sort', await store.listRuns('sort'), { points: false })
      expect(counted.columns).toEqual([])
      expect(counted.means.sort()).toEqual(ids.flatMap((id) => [`${id}:ok`, `${id}:time`]).sort())
      const loaded = detectRegressions(buildHistories((await store.loadBenchmark('sort')).runs).at(-1) as ReturnType<typeof buildHistories>[number], { points: false })
      expect(JSON.stringify(verdict)).toBe(JSON.stringify(loaded))
      // The earlier runs' means were let go; the newest run's are kept.
      counted.means.length = 0
      await source.getRun('sort', ids[0], 'means')
      await source.getRun('sort', ids[5], 'means')
      expect(counted.means.sort()).toEqual([`${ids[0]}:ok`, `${ids[0]}:time`])
      await store.close()
    })

    it('compares two runs as a whole from their point means alone, reading no column', async () => {
      const { path, ids } = await storedRuns(backend)
      const store = await openReadStore(path)
      const counted = countingReads(store)
      const source = storeSource(counted.store)
      const [a, b] = [await source.getRun('sort', ids[0], 'means'), await source.getRun('sort', ids[5], 'means')] as Run[]
      const lazy = compareRuns(a, b, { points: false })
      expect(counted.columns).toEqual([])
      const [fullA, fullB] = [await store.getRun(ids[0]), await store.getRun(ids[5])] as Run[]
      expect(JSON.stringify(lazy)).toBe(JSON.stringify(compareRuns(fullA, fullB, { points: false })))
      expect(lazy.results.map((r) => r.result)).toEqual(['time', 'ok'])
      await store.close()
    })

    it('judges a version 1 store, which has no point means, from the columns', async () => {
      const { path } = await storedRuns(backend)
      // Back to schema version 1, as written before point means existed.
    await backend.sql(path, 'DROP TABLE point_mean_totals')
    await backend.sql(path, 'DROP TABLE point_means')
    await backend.sql(path, 'DROP TABLE panels')
    await backend.setVersion(path, 1)
      const store = await openReadStore(path)
      const counted = countingReads(store)
      const verdict = await createHistoryCache(storeSource(counted.store)).verdict('sort', await store.listRuns('sort'))
      expect(counted.columns).toHaveLength(12)
      // The page's verdict carries each result's change points (not the points' own ones).
      const loaded = detectRegressions(buildHistories((await store.loadBenchmark('sort')).runs).at(-1) as ReturnType<typeof buildHistories>[number], { changePoints: { points: false } })
      expect(JSON.stringify(verdict)).toBe(JSON.stringify(loaded))
      await store.close()
    })

    it('reads a history of small runs in one store call per kind of data, with the verdict of runs read one by one', async () => {
      const { path, ids } = await storedRuns(backend)
      const store = await openReadStore(path)
      const counted = countingReads(store)
      const verdict = await createHistoryCache(storeSource(counted.store)).verdict('sort', await store.listRuns('sort'))
      expect(counted.batches).toEqual(['means', 'data'])
      expect(counted.columns.sort()).toEqual(ids.flatMap((id) => [`${id}:ok`, `${id}:time`]).sort())
      const loaded = detectRegressions(buildHistories((await store.loadBenchmark('sort')).runs).at(-1) as ReturnType<typeof buildHistories>[number], { changePoints: { points: false } })
      expect(JSON.stringify(verdict)).toBe(JSON.stringify(loaded))
      await store.close()
    })

    it('loads what a loader asks for as plain data: every column, the float and bool ones, or point means alone', async () => {
      const { path, ids } = await storedRuns(backend)
      const store = await openReadStore(path)
      const counted = countingReads(store)
      const source = storeSource(counted.store)
      const all = (await source.getRun('sort', ids[2], 'all')) as Run
      const scalar = (await source.getRun('sort', ids[2], 'scalar')) as Run
      const means = (await source.getRun('sort', ids[2], 'means')) as Run
      expect(Object.keys(all.data).sort()).toEqual(all.results.map((r) => r.name).sort())
      expect(Object.keys(scalar.data).sort()).toEqual(['ok', 'time'])
      expect(Object.keys(means.data)).toEqual([])
      // Values, never getters: nothing is read behind a property.
      for (const key of Object.keys(all.data)) expect(typeof Object.getOwnPropertyDescriptor(all.data, key)?.value).toBe('object')
      expect(Object.keys(means.means ?? {}).sort()).toEqual(['ok', 'time'])
      // Read once: the second and third load reuse the columns kept.
      expect(counted.columns.filter((c) => c.startsWith(`${ids[2]}:`)).sort()).toEqual(all.results.map((r) => `${ids[2]}:${r.name}`).sort())
      await store.close()
    })

    it('keeps loaded columns within its byte budget: a column dropped is read again', async () => {
      const { path, ids } = await storedRuns(backend)
      const store = await openReadStore(path)
      const counted = countingReads(store)
      const tight = storeSource(counted.store, { keepBytes: 1 })
      for (const id of [ids[0], ids[1], ids[0]]) await tight.getRun('sort', id, 'scalar')
      expect(counted.columns.filter((c) => c === `${ids[0]}:time`)).toHaveLength(2)
      counted.columns.length = 0
      const roomy = storeSource(counted.store)
      for (const id of [ids[0], ids[1], ids[0]]) await roomy.getRun('sort', id, 'scalar')
      expect(counted.columns.filter((c) => c === `${ids[0]}:time`)).toHaveLength(1)
      await store.close()
    })

    it('sees what another connection imported: at once when asked to, else within its recheck interval', async () => {
      const { path } = await storedRuns(backend)
      const reader = await openReadStore(path)
      const eager = storeSource(reader, { recheckMs: 0 })
      const polling = storeSource(reader)
      expect((await eager.listBenchmarks()).map((b) => b.name)).toEqual(['sort'])
      expect((await polling.listBenchmarks()).map((b) => b.name)).toEqual(['sort'])
      const writer = await openStore(path)
      await writer.record({ ...sortRun(), benchmark: 'later' })
      await writer.close()
      expect((await eager.listBenchmarks()).map((b) => b.name)).toEqual(['later', 'sort'])
      await Bun.sleep(110)
      expect((await polling.listBenchmarks()).map((b) => b.name)).toEqual(['later', 'sort'])
      expect(await polling.listRuns('later')).toHaveLength(1)
      await reader.close()
    })
  })
})
