import { Database } from 'bun:sqlite'
import { describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import { openReadStore, openStore, schemaVersion } from '../../src/store'
import { tempDir } from '../helpers/binary'

const run = (panels: unknown[]) => ({
  benchmark: 'sort',
  samples: [{ inputs: { n: 1 }, results: { time: 0.5 } }],
  panels,
})

const userVersion = (path: string) => {
  const db = new Database(path, { readonly: true })
  const v = (db.query('PRAGMA user_version').get() as { user_version: number }).user_version
  db.close()
  return v
}

describe('panels in the store (schema version 3)', () => {
  it('are written in the run\'s transaction, one row each, and read back with the run and its header', async () => {
    const path = join(tempDir(), 's.sqlite')
    const store = await openStore(path)
    const { id } = await store.record(run([{ kind: 'markdown', text: 'hello', place: 'before' }, { kind: 'table', columns: ['a'], rows: [[1]] }]))
    await store.close()
    expect(userVersion(path)).toBe(schemaVersion)
    expect(schemaVersion).toBeGreaterThanOrEqual(3)
    const db = new Database(path, { readonly: true })
    expect(db.query('SELECT run_id, position, kind, place FROM panels ORDER BY position').all()).toEqual([
      { run_id: id, position: 0, kind: 'markdown', place: 'before' },
      { run_id: id, position: 1, kind: 'table', place: 'after' },
    ])
    db.close()
    const r = await openReadStore(path)
    expect((await r.listRuns('sort'))[0].panels?.map((p) => p.kind)).toEqual(['markdown', 'table'])
    expect((await r.getRun(id))?.panels?.[1]).toEqual({ kind: 'table', title: '', place: 'after', columns: ['a'], rows: [[1]] })
    await r.close()
  })

  it('a bad panel writes nothing: not the run, not its panels', async () => {
    const path = join(tempDir(), 's.sqlite')
    const store = await openStore(path)
    await expect(async () => await store.record(run([{ kind: 'echarts', option: { title: { text: '<b>x</b>' } } }]))).toThrow(/panels\[0\]\.option\.title\.text: HTML is not allowed/)
    expect((await store.listBenchmarks())).toEqual([])
    await store.close()
  })

  it('a version 2 store is read as it is (no panels) and migrated forward by a writer', async () => {
    const path = join(tempDir(), 's.sqlite')
    const first = await openStore(path)
    await first.record(run([]))
    await first.close()
    const db = new Database(path)
    db.run('DROP TABLE panels')
    db.run('DROP TABLE index_rows')
    db.run('PRAGMA user_version = 2')
    db.close()
    const r = await openReadStore(path)
    expect((await r.listRuns('sort'))).toHaveLength(1)
    expect((await r.loadBenchmark('sort')).runs[0].panels).toBeUndefined()
    await r.close()
    expect(userVersion(path)).toBe(2)
    const w = await openStore(path)
    expect(userVersion(path)).toBe(schemaVersion)
    const { id } = await w.record({ ...run([{ kind: 'markdown', text: 'after the upgrade' }]), tag: 'second' })
    expect((await w.getRun(id))?.panels?.[0]).toMatchObject({ kind: 'markdown', text: 'after the upgrade' })
    await w.close()
  })

  it('a panel damaged in the file by another writer makes its run unreadable, never shown', async () => {
    const path = join(tempDir(), 's.sqlite')
    const store = await openStore(path)
    const { id } = await store.record(run([{ kind: 'markdown', text: 'fine' }]))
    await store.record({ ...run([]), tag: 'other' })
    await store.close()
    const db = new Database(path)
    db.run(`UPDATE panels SET json = '{"kind":"echarts","option":{"title":{"text":"<script>x</script>"}}}' WHERE run_id = ?`, [id])
    db.close()
    const r = await openReadStore(path)
    expect((await r.listRuns('sort')).map((h) => h.id)).not.toContain(id)
    expect((await r.unreadableRuns('sort'))[0].reason).toMatch(/panels\[0\]\.option\.title\.text: HTML is not allowed/)
    await r.close()
  })
})
