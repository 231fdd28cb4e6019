import { describe, expect, it } from 'bun:test'
import { openReadStore, openStore, schemaVersion } from '../../src/store'
import { onEachBackend } from '../helpers/backends'

// On a new SQLite file and, with $BENCH_PLOT_TEST_PG, on a new PostgreSQL database (issue 18, point 6).

const run = (panels: unknown[]) => ({
  benchmark: 'sort',
  samples: [{ inputs: { n: 1 }, results: { time: 0.5 } }],
  panels,
})

onEachBackend((backend) => {
  describe('panels in the store (schema version 3)', () => {
    it('are written in the run\'s transaction, one row each, and read back with the run and its header', async () => {
      const location = await backend.fresh()
      const store = await openStore(location)
      const { id } = await store.record(run([{ kind: 'markdown', text: 'hello', place: 'before' }, { kind: 'table', columns: ['a'], rows: [[1]] }]))
      await store.close()
      expect(await backend.version(location)).toBe(schemaVersion)
      expect(schemaVersion).toBeGreaterThanOrEqual(3)
      expect(await backend.sql(location, 'SELECT run_id, position, kind, place FROM panels ORDER BY position')).toEqual([
        { run_id: id, position: 0, kind: 'markdown', place: 'before' },
        { run_id: id, position: 1, kind: 'table', place: 'after' },
      ])
      const r = await openReadStore(location)
      expect((await r.listRuns('sort'))[0].panels?.map((p) => p.kind)).toEqual(['markdown', 'table'])
      expect((await r.getRun(id))?.panels?.[1]).toEqual({ kind: 'table', title: '', place: 'after', columns: ['a'], rows: [[1]] })
      await r.close()
    })

    it('a bad panel writes nothing: not the run, not its panels', async () => {
      const store = await openStore(await backend.fresh())
      await expect(async () => await store.record(run([{ kind: 'echarts', option: { title: { text: '<b>x</b>' } } }]))).toThrow(/panels\[0\]\.option\.title\.text: HTML is not allowed/)
      expect((await store.listBenchmarks())).toEqual([])
      await store.close()
    })

    it('a version 2 store is read as it is (no panels) and migrated forward by a writer', async () => {
      const location = await backend.fresh()
      const first = await openStore(location)
      await first.record(run([]))
      await first.close()
      await backend.sql(location, 'DROP TABLE panels')
      await backend.sql(location, 'DROP TABLE index_rows')
      await backend.sql(location, 'DROP TABLE point_mean_totals')
      await backend.setVersion(location, 2)
      const r = await openReadStore(location)
      expect((await r.listRuns('sort'))).toHaveLength(1)
      expect((await r.loadBenchmark('sort')).runs[0].panels).toBeUndefined()
      await r.close()
      expect(await backend.version(location)).toBe(2)
      const w = await openStore(location)
      expect(await backend.version(location)).toBe(schemaVersion)
      const { id } = await w.record({ ...run([{ kind: 'markdown', text: 'after the upgrade' }]), tag: 'second' })
      expect((await w.getRun(id))?.panels?.[0]).toMatchObject({ kind: 'markdown', text: 'after the upgrade' })
      await w.close()
    })

    it('a panel damaged in the store by another writer makes its run unreadable, never shown', async () => {
      const location = await backend.fresh()
      const store = await openStore(location)
      const { id } = await store.record(run([{ kind: 'markdown', text: 'fine' }]))
      await store.record({ ...run([]), tag: 'other' })
      await store.close()
      await backend.sql(location, `UPDATE panels SET json = '{"kind":"echarts","option":{"title":{"text":"<script>x</script>"}}}' WHERE run_id = ${id}`)
      const r = await openReadStore(location)
      expect((await r.listRuns('sort')).map((h) => h.id)).not.toContain(id)
      expect((await r.unreadableRuns('sort'))[0].reason).toMatch(/panels\[0\]\.option\.title\.text: HTML is not allowed/)
      await r.close()
    })
  })
})
