import { beforeAll, describe, expect, it } from 'bun:test'
import { createApp, storeSource } from '../../src/server'
import { eagerPointLimit } from '../../src/server/loaders'
import { openStore } from '../../src/store'

type App = Awaited<ReturnType<typeof createApp>>
let app: App

// Three runs of a sweep just over the limit of points judged at once; the newest is 30 % slower at x < 100.
beforeAll(async () => {
  const store = await openStore(':memory:')
  const xs = Array.from({ length: eagerPointLimit + 1 }, (_, i) => i)
  for (let run = 0; run < 3; run++) {
    await store.record({
      benchmark: 'big',
      time: `2026-10-0${run + 1}T00:00:00Z`,
      inputs: [{ name: 'x', kind: 'int', values: xs }],
      results: [{ name: 'time', kind: 'float', units: 's' }],
      samples: xs.map((x) => ({ inputs: { x }, repeat: 1, results: { time: (1 + x) * (run === 2 && x < 100 ? 1.3 : 1) } })),
    })
  }
  app = await createApp({ source: storeSource(store), name: 'big' })
}, 120_000)

const page = async (path: string) => (await app.handle(new Request(`http://localhost${path}`))).text()

// Generous timeouts: the machines these run on are shared; how fast the page is, bun run bench measures.
describe('a sweep of more points than are judged at once', () => {
  it('gives the verdict of each result at once and judges every point on request', async () => {
    const first = await page('/b/big')
    expect(first).toContain('data-verdict="unchanged"')
    expect(first).toContain(`This sweep has ${(eagerPointLimit + 1).toLocaleString('en-US')} points; each is judged on request`)
    expect(first).toContain('href="/b/big?points=all"')
    expect(first).not.toContain('class="point-verdicts"')
    // The comparison with the previous run says its result per result, with no empty per-point table.
    expect(first).toMatch(/<p class="compare-result" data-result="time" data-verdict="[a-z]+"><strong>time<\/strong>/)
    expect(first).not.toContain('<table class="comparison"')
    const all = await page('/b/big?points=all')
    expect(all).not.toContain('each is judged on request')
    expect(all).toContain('per sweep point: 100 of')
    expect(all).toContain('<td>x=99</td>')
    expect(all).toContain('<details class="compare-result" data-result="time"')
  }, 120_000)
})
