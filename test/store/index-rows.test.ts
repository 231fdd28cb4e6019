import { describe, expect, it } from 'bun:test'
import { copyAll } from '../../src/cli/commands/migrate'
import { readIndexRowText, sparkRunCount, type IndexRow } from '../../src/model/regression'
import { validateRun, type RunInput } from '../../src/model/run-format'
import { createApp, storeSource } from '../../src/server'
import { createHistoryCache } from '../../src/server/history-cache'
import { openReadStore, openStore, type ReadStore } from '../../src/store'
import { prepareIndexRows } from '../../src/store/index-row-maker'
import { onEachBackend } from '../helpers/backends'

// Index rows written with imports (schema version 4), on both backends: the stored row is the row a
// reader computes, and a row that no longer matches its benchmark's runs is never used.

// Run k of a benchmark: two sweep points × 3 repeats; `slower` scales the newest runs, `points` changes the sweep (a new history).
function run(benchmark: string, k: number, opts: { slower?: number; points?: number[] } = {}): RunInput {
  const points = opts.points ?? [10, 100]
  return {
    benchmark,
    time: `2026-10-${String(k + 1).padStart(2, '0')}T12:00:00Z`,
    time_label: `v${k}`,
    repeats: 3,
    inputs: [{ name: 'n', kind: 'int', values: points }],
    results: [
      { name: 'time', kind: 'float', units: 's', direction: 'minimize' },
      { name: 'ok', kind: 'bool', direction: 'maximize' },
    ],
    samples: points.flatMap((n) =>
      [1, 2, 3].map((repeat) => ({ inputs: { n }, repeat, results: { time: n * 1e-3 * (opts.slower ?? 1) * (1 + ((k * 7 + repeat * 3) % 5) * 1e-3), ok: repeat !== 2 || k % 3 !== 0 } })),
    ),
  }
}

// The row a reader computes from the stored runs, as the server does without a stored one.
async function computedRow(store: ReadStore, name: string): Promise<IndexRow> {
  const source = storeSource(store)
  const summary = (await source.listBenchmarks()).find((b) => b.name === name)
  if (!summary) throw new Error(`no benchmark ${name}`)
  return createHistoryCache(source).indexRow(summary)
}

async function storedRows(store: ReadStore): Promise<Map<string, IndexRow | null>> {
  return new Map((await store.readIndexRows()).map((s) => [s.benchmark, readIndexRowText(s.benchmark, s)]))
}

const rowNames = (html: string) => [...html.matchAll(/<tr class="index-row" data-name="([^"]+)"/g)].map((m) => m[1])

onEachBackend((backend) => {
  describe('index rows in the store', () => {
    it('are the rows a reader computes, after imports one by one, in batches, a skipped duplicate and a new sweep', async () => {
      const location = await backend.fresh()
      const w = await openStore(location)
      for (let k = 0; k < 6; k++) await w.record(run('steady', k))
      await w.saveRuns([0, 1, 2, 3, 4, 5, 6].map((k) => validate(run('slower', k, { slower: k >= 5 ? 1.5 : 1 }))))
      expect((await w.saveRuns([validate(run('steady', 5))]))[0].skipped).toBe(true)
      // A new sweep starts a new history: the row summarises it alone.
      await w.record(run('steady', 6, { points: [10, 100, 1000] }))
      await w.record(run('steady', 7, { points: [10, 100, 1000] }))
      await w.close()

      const r = await openReadStore(location)
      try {
        const stored = await storedRows(r)
        expect([...stored.keys()].sort()).toEqual(['slower', 'steady'])
        for (const name of ['slower', 'steady']) expect(stored.get(name)).toEqual(await computedRow(r, name))
        expect(stored.get('slower')?.verdict).toBe('regressed')
        expect([stored.get('steady')?.runs, stored.get('steady')?.historyRuns]).toEqual([8, 2])
        expect(stored.get('slower')?.results.map((x) => sparkRunCount(x.spark))).toEqual([7, 7])
        // `bench-plot migrate` copies run by run; the copy holds the same rows, current.
        const copy = await openStore(await backend.fresh())
        try {
          await copyAll(r, copy)
          const copied = await storedRows(copy)
          expect([...copied.keys()].sort()).toEqual(['slower', 'steady'])
          for (const name of ['slower', 'steady']) expect(copied.get(name)).toEqual(await computedRow(copy, name))
        } finally {
          await copy.close()
        }
      } finally {
        await r.close()
      }
    }, 30000)

    it('give the same index page as rows computed from run lists read all at once; a damaged run is left out of those lists', async () => {
      const location = await backend.fresh()
      const w = await openStore(location)
      await w.saveRuns(['p', 'q', 'r'].flatMap((name, i) => [0, 1, 2, 3].map((k) => validate(run(name, k, { slower: i === 1 && k === 3 ? 1.5 : 1 })))))
      await w.record(run('r', 4))
      const page = async () => {
        const r = await openReadStore(location)
        try {
          const app = await createApp({ source: storeSource(r), name: null })
          return await (await app.handle(new Request('http://localhost/'))).text()
        } finally {
          await r.close()
        }
      }
      const withRows = await page()
      expect(rowNames(withRows).sort()).toEqual(['p', 'q', 'r'])
      await backend.sql(location, 'DELETE FROM index_rows')
      expect(await page()).toBe(withRows)
      // A run damaged by hand is left out of every benchmark's list read at once, as of its own.
      const { id: damaged } = await w.record({ ...run('r', 5), title: 'damaged' })
      await w.close()
      await backend.sql(location, `INSERT INTO consts (run_id, position, name, value) VALUES (${damaged}, 0, 'x', '{')`)
      const r = await openReadStore(location)
      try {
        const all = await r.listAllRuns()
        expect(all.map((h) => h.id)).not.toContain(damaged)
        expect(all).toHaveLength(13)
        for (const name of ['p', 'q', 'r']) expect(all.filter((h) => h.benchmark === name)).toEqual(await r.listRuns(name))
      } finally {
        await r.close()
      }
    }, 30000)

    it('are left out once their benchmark has other runs: added without a row, or by a writer that came between', async () => {
      const location = await backend.fresh()
      const w = await openStore(location)
      for (let k = 0; k < 3; k++) await w.record(run('a', k))
      for (let k = 0; k < 3; k++) await w.record(run('b', k))
      expect([...(await storedRows(w)).keys()].sort()).toEqual(['a', 'b'])
      // A writer that does not compute rows (an older bench-plot would not either): a's row no longer matches.
      await w.saveRuns([validate(run('a', 3))], { indexRow: false })
      expect([...(await storedRows(w)).keys()]).toEqual(['b'])
      // A row prepared before another writer added a run of its benchmark is not written.
      const late = validate(run('b', 4))
      const maker = await prepareIndexRows(w, [late])
      const other = await openStore(location)
      await other.record(run('b', 3))
      await other.close()
      await w.saveRuns([late], { indexRow: maker })
      expect([...(await storedRows(w)).keys()]).toEqual([])
      // The next import writes a current row again, computed from every run.
      await w.record(run('b', 5, { slower: 1.5 }))
      const rows = await storedRows(w)
      expect([...rows.keys()]).toEqual(['b'])
      expect(rows.get('b')?.runs).toBe(6)
      expect(rows.get('b')).toEqual(await computedRow(w, 'b'))
      // A history larger than an import reads (here 5 runs of 6 samples, over 10) gets no row.
      const big = validate(run('b', 6))
      await w.saveRuns([big], { indexRow: await prepareIndexRows(w, [big], { maxSamples: 10 }) })
      expect([...(await storedRows(w)).keys()]).toEqual([])
      const small = validate(run('b', 7))
      await w.saveRuns([small], { indexRow: await prepareIndexRows(w, [small], { maxSamples: 1000 }) })
      expect([...(await storedRows(w)).keys()]).toEqual(['b'])
      await w.close()
    }, 30000)

    it('are used by the index only while current and readable; otherwise the index computes the row', async () => {
      const location = await backend.fresh()
      const w = await openStore(location)
      for (let k = 0; k < 3; k++) await w.record(run('a', k))
      await w.record(run('b', 0))
      await w.record(run('c', 0))
      // Stored rows the index shows as they are: their titles mark them.
      for (const name of ['a', 'c']) await backend.sql(location, `UPDATE index_rows SET json = replace(json, '"title":"${name}"', '"title":"stored row of ${name}"')`)
      const r = await openReadStore(location)
      const app = await createApp({ source: storeSource(r, { recheckMs: 0 }), name: null })
      const page = async () => (await app.handle(new Request('http://localhost/?sort=name'))).text()
      try {
        const first = await page()
        expect(rowNames(first)).toEqual(['a', 'b', 'c'])
        expect(first).toContain('stored row of a')
        expect(first).toContain('stored row of c')
        // A run added without a row: c's stored one is stale, and the page counts the new run.
        await w.saveRuns([validate(run('c', 1))], { indexRow: false })
        const stale = await page()
        expect(stale).not.toContain('stored row of c')
        expect(stale).toMatch(/data-name="c" data-runs="2"/)
        expect(stale).toContain('stored row of a')
        // Another version's row is computed instead.
        await backend.sql(location, 'UPDATE index_rows SET version = version + 1')
        await w.record(run('b', 1))
        expect(await page()).not.toContain('stored row of a')
        // And so is one that is not an index row.
        await w.record(run('a', 3))
        await backend.sql(location, `UPDATE index_rows SET json = '{"name":"a","title":"broken"}'`)
        await w.record(run('d', 0))
        const broken = await page()
        expect(broken).not.toContain('broken')
        expect(rowNames(broken)).toEqual(['a', 'b', 'c', 'd'])
        expect(broken).toMatch(/data-name="a" data-runs="4"/)
      } finally {
        await r.close()
        await w.close()
      }
    }, 30000)
  })
})

// The writer's own validation, as record() applies it.
function validate(input: RunInput) {
  return validateRun(input)
}
