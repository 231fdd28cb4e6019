import { describe, expect, it } from 'bun:test'
import { openReadStore, openStore, schemaVersion } from '../../src/store'
import { onEachBackend } from '../helpers/backends'
import { sortRun } from '../fixtures/sort-run'

// The totals of each run's point means (schema version 5), on a new SQLite file and, with
// $BENCH_PLOT_TEST_PG, on a new PostgreSQL database.

// The mean of the finite values, summed in order, and their count: what a total must hold, from the stored means themselves.
function totalOf(means: Float64Array): { mean: number; points: number } {
  let sum = 0
  let points = 0
  for (const x of means) {
    if (!Number.isFinite(x)) continue
    sum += x
    points++
  }
  return { mean: points === 0 ? Number.NaN : sum / points, points }
}

// Two runs of the sort fixture; the second has no `time` at one point and none at all for `ok`.
async function twoRuns(location: string): Promise<number[]> {
  const store = await openStore(location)
  const first = await store.record(sortRun())
  const second = sortRun({ time: '2026-11-26T10:00:00Z', tag: 'b' })
  second.samples = second.samples.filter((s) => !(s.inputs?.n === 10 && s.inputs?.algo === 'heap')).map((s) => ({ ...s, results: { time: s.results.time } }))
  const b = await store.record(second)
  await store.close()
  return [first.id, b.id]
}

onEachBackend((backend) => {
  describe('point means totals (schema version 5)', () => {
    it('are written with each run: the mean and count of its finite point means, as stored', async () => {
      const location = await backend.fresh()
      const ids = await twoRuns(location)
      expect(await backend.version(location)).toBe(schemaVersion)
      const store = await openReadStore(location)
      const totals = await store.readPointMeanTotals(ids)
      expect(totals.map((t) => `${t.runId}:${t.result}`).sort()).toEqual([`${ids[0]}:ok`, `${ids[0]}:time`, `${ids[1]}:ok`, `${ids[1]}:time`].sort())
      for (const t of totals) {
        const means = await store.readPointMeans(t.runId, t.result)
        expect({ mean: t.mean, points: t.points }).toEqual(totalOf(means as Float64Array))
      }
      // The second run measured 5 of 6 points of time, and no point of ok.
      expect(totals.find((t) => t.runId === ids[1] && t.result === 'time')?.points).toBe(5)
      expect(totals.find((t) => t.runId === ids[1] && t.result === 'ok')).toEqual({ runId: ids[1], result: 'ok', mean: Number.NaN, points: 0 })
      expect(await store.readPointMeanTotals([])).toEqual([])
      await store.close()
    })

    it('a version 4 store is read as it is (no totals) and migrated forward by a writer, which computes them', async () => {
      const location = await backend.fresh()
      const ids = await twoRuns(location)
      const written = await (await openReadStore(location)).readPointMeanTotals(ids)
      // Back to version 4, as written before the totals existed.
      await backend.sql(location, 'DROP TABLE point_mean_totals')
      await backend.setVersion(location, 4)
      const old = await openReadStore(location)
      expect(await old.readPointMeanTotals(ids)).toEqual([])
      await old.close()
      await (await openStore(location)).close()
      expect(await backend.version(location)).toBe(schemaVersion)
      const migrated = await openReadStore(location)
      const byKey = (ts: typeof written) => ts.map((t) => ({ ...t })).sort((a, b) => `${a.runId}:${a.result}`.localeCompare(`${b.runId}:${b.result}`))
      expect(byKey(await migrated.readPointMeanTotals(ids))).toEqual(byKey(written))
      await migrated.close()
    })
  })
})
