import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { validateRun, type RunInput } from '../../src/model/run-format'
import { createApp, storeSource } from '../../src/server'
import { openStore, type Store } from '../../src/store'
import { onEachBackend } from '../helpers/backends'

type App = Awaited<ReturnType<typeof createApp>>
const req = (app: App, path: string, init?: RequestInit) => app.handle(new Request(`http://localhost${path}`, init))
const rowNames = (html: string) => [...html.matchAll(/<tr class="index-row" data-name="([^"]+)"/g)].map((m) => m[1])

// On a SQLite store and, with $BENCH_PLOT_TEST_PG, on a PostgreSQL one (issue 18, point 6).
onEachBackend((backend) => {
  let app: App
  let store: Store

  // 300 benchmarks of 3 runs each; every 7th one got 40 % slower in its newest run.
  beforeAll(async () => {
    store = await openStore(await backend.fresh())
    // One import of them all (one transaction; each benchmark's index row computed once).
    const runs: RunInput[] = []
    for (let b = 0; b < 300; b++) {
      const name = `bench-${String(b).padStart(3, '0')}`
      for (let run = 0; run < 3; run++) {
        const slow = b % 7 === 0 && run === 2 ? 1.4 : 1
        runs.push({
          benchmark: name,
          time: `2026-10-0${run + 1}T12:00:00Z`,
          time_label: `v${run}`,
          repeats: 3,
          inputs: [{ name: 'n', kind: 'int', values: [10, 100] }],
          results: [{ name: 'time', kind: 'float', units: 's', direction: 'minimize' }],
          samples: [10, 100].flatMap((n) => [1, 2, 3].map((repeat) => ({ inputs: { n }, repeat, results: { time: n * 1e-3 * slow * (1 + repeat * 1e-3) } }))),
        })
      }
    }
    await store.saveRuns(runs.map((r) => validateRun(r)))
    // The store is asked for changes on every request (recheckMs 0): the test writes through it and reads at once.
    app = await createApp({ source: storeSource(store, { recheckMs: 0 }), name: null })
  }, 120_000) // filling a store takes seconds on a loaded machine, more on PostgreSQL

  afterAll(() => store?.close())

  describe('the index with 300 benchmarks', () => {
    // How quick it is, bun run bench measures; timed assertions would flake on a shared machine.
    it('renders 300 rows, regressions first, and another order from the rows it keeps', async () => {
      const r = await req(app, '/')
      const html = await r.text()
      expect(r.status).toBe(200)
      expect(rowNames(html)).toHaveLength(300)
      expect(html).toContain('300 benchmarks')
      expect(html.match(/data-verdict="regressed">/g)?.length).toBeGreaterThanOrEqual(43)
      expect(rowNames(html).slice(0, 43).every((n) => Number(n.slice(6)) % 7 === 0)).toBe(true)
      expect(rowNames(await (await req(app, '/?sort=name')).text())).toEqual([...rowNames(html)].sort())
    }, 20000)

    it('sorts and filters by query parameters; the cache key holds them', async () => {
      const byName = rowNames(await (await req(app, '/?sort=-name')).text())
      expect(byName[0]).toBe('bench-299')
      // bench-014 regressed, so it comes first; the rest are unchanged, by name.
      expect(rowNames(await (await req(app, '/?q=BENCH-01')).text())).toEqual(['bench-014', ...[0, 1, 2, 3, 5, 6, 7, 8, 9].map((i) => `bench-01${i}`)])
      const all = await req(app, '/')
      const etag = all.headers.get('etag') as string
      expect((await req(app, '/', { headers: { 'if-none-match': etag } })).status).toBe(304)
      expect((await req(app, '/?q=bench-01', { headers: { 'if-none-match': etag } })).status).toBe(200)
      expect((await req(app, '/?sort=runs', { headers: { 'if-none-match': etag } })).status).toBe(200)
    })

    it('filters by a search with commas or that looks like JSON as by its text', async () => {
      // Elysia splits a query value at commas and parses JSON-like ones; the page gets the text typed.
      for (const q of ['bench-01,x', '[1]', '{"a":1}']) {
        const r = await req(app, `/?q=${encodeURIComponent(q)}`)
        expect([q, r.status]).toEqual([q, 200])
        expect(rowNames(await r.text())).toEqual([])
      }
      const html = await (await req(app, `/?q=${encodeURIComponent('[1]')}`)).text()
      expect(html).toContain('value="[1]"')
    })

    it('an unknown ?sort= falls back to the verdict order', async () => {
      expect(rowNames(await (await req(app, '/?sort=bogus')).text())).toEqual(rowNames(await (await req(app, '/')).text()))
    })

    it('a run imported while serving shows on the next request', async () => {
      await store.record({
        benchmark: 'bench-001',
        time: '2026-10-04T12:00:00Z',
        time_label: 'v3',
        repeats: 3,
        inputs: [{ name: 'n', kind: 'int', values: [10, 100] }],
        results: [{ name: 'time', kind: 'float', units: 's', direction: 'minimize' }],
        samples: [10, 100].flatMap((n) => [1, 2, 3].map((repeat) => ({ inputs: { n }, repeat, results: { time: n * 2e-3 } }))),
      })
      const html = await (await req(app, '/?q=bench-001')).text()
      expect(html).toMatch(/<tr class="index-row" data-name="bench-001" data-runs="4" [^>]*data-verdict="regressed">/)
    })
  })
})
