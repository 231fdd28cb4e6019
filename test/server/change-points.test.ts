// Change points through the server (issue 15.3): the index, the newest run's verdict region and the
// History tab show them, from a real store; the history cache segments a series once.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { createApp, storeSource } from '../../src/server'
import { createHistoryCache } from '../../src/server/history-cache'
import { openReadStore, openStore, type ReadStore } from '../../src/store'
import { onEachBackend } from '../helpers/backends'
import { shapeHistory } from '../model/change-point-histories'

type App = Awaited<ReturnType<typeof createApp>>
// On a SQLite store and, with $BENCH_PLOT_TEST_PG, on a PostgreSQL one (issue 18, point 6).
onEachBackend((backend) => {
  let app: App
  let store: ReadStore
  const ids: Record<string, number[]> = {}
  const page = async (path: string) => {
    const r = await app.handle(new Request(`http://localhost${path}`))
    expect(r.status).toBe(200)
    return r.text()
  }

  beforeAll(async () => {
    const path = await backend.fresh()
    const writer = await openStore(path)
    for (const shape of ['step-one-algo', 'step-one-point', 'noise'] as const) {
      ids[shape] = []
      for (const r of shapeHistory(shape)) ids[shape].push((await writer.record(r)).id)
    }
    await writer.close()
    store = await openReadStore(path)
    app = await createApp({ source: storeSource(store), name: null })
  }, 120_000) // filling a store takes seconds on a loaded machine, more on PostgreSQL

  afterAll(() => store?.close())

  describe('change points on served pages', () => {
    it('the index names each benchmark\'s latest change point, and none for noise', async () => {
      const html = await page('/')
      const row = (name: string) => (html.match(new RegExp(`<tr class="index-row" data-name="${name}".*?</tr>`, 's')) as RegExpMatchArray)[0]
      expect(row('step-one-algo')).toMatch(new RegExp(`<span class="change-point change-worse" data-run="${ids['step-one-algo'][45]}"[^>]*>stepped at #${ids['step-one-algo'][45]} c046: \\+2\\d\\.\\d%</span>`))
      expect(row('noise')).not.toContain('change-point')
    })

    it('the newest run leads with the change point and the points that moved', async () => {
      const html = await page('/b/step-one-algo')
      expect(html).toMatch(/<ul class="change-lead"><li class="change-point change-worse" data-result="time" data-run="46"><strong>time<\/strong> <span>stepped at #46 c046 \(2026-10-16 12:00\): \+2\d\.\d% \(95% CI [^)]*\), p=0\.00\d+, at 4 of 12 points: algo=heap at every n<\/span><\/li><\/ul>/)
      expect(html).toContain('Change per point</th>')
    })

    it('the History tab marks the change points of the mean, and of a point followed alone', async () => {
      const first = ids['step-one-point'][0]
      const mean = await page('/b/step-one-point?view=history')
      // One point of twelve moved: over all inputs the step is small but still found, at #30.
      expect(mean).toMatch(new RegExp(`<li data-run="${first + 29}">time changed at #${first + 29} c030 `))
      const moved = await page('/b/step-one-point?view=history&point=6')
      expect(moved).toMatch(new RegExp(`<ul class="change-points" data-result="time"><li data-run="${first + 29}">time changed at #${first + 29} c030 \\(2026-09-30 12:00\\): \\+(29|3\\d)\\.\\d%`))
      const still = await page('/b/step-one-point?view=history&point=0')
      expect(still).toContain('time: no change point in this history.')
    })

    it('the compare page draws A and B and the ratio chart', async () => {
      const [a, b] = [ids['step-one-algo'][39], ids['step-one-algo'][49]]
      const html = await page(`/b/step-one-algo/compare?a=${a}&b=${b}`)
      expect(html).toContain('data-chart="curve" data-result="time"')
      expect(html).toContain('data-chart="ratio" data-result="time"')
      expect(html).toContain('/assets/charts.js')
    })

    it('the history cache segments each series once and keeps it per history, result and point', async () => {
      const cache = createHistoryCache(storeSource(store))
      const runs = (await store.listRuns('step-one-point'))
      const history = await cache.load('step-one-point', cache.outline(runs).at(-1)!)
      const once = cache.changePoints('step-one-point', history, 'time', 6)
      expect(cache.changePoints('step-one-point', history, 'time', 6)).toBe(once)
      expect(cache.changePoints('step-one-point', history, 'time', 0)).not.toBe(once)
      expect(once.map((c) => c.index)).toEqual([29])
    })
  })
})
