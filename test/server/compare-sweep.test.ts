import { describe, expect, it } from 'bun:test'
import { sweepRun, sweepShape } from '../../scripts/bench/generate'
import { createApp, storeSource } from '../../src/server'
import { openStore } from '../../src/store'

// The bench's generated sweep (two float inputs, a category, five repeats): its compare page once
// failed with an internal error, ECharts' development build asserting on a tick extent that its
// production build draws.
describe('the compare page of a generated sweep', () => {
  it('draws every chart, with no error box', async () => {
    const shape = sweepShape(1e3)
    const store = await openStore(':memory:')
    await store.saveRuns([sweepRun(shape, shape.runs - 2), sweepRun(shape, shape.runs - 1)])
    const app = await createApp({ source: storeSource(store), name: shape.name })
    const r = await app.handle(new Request(`http://localhost/b/${shape.name}/compare`))
    const html = await r.text()
    expect(r.status).toBe(200)
    expect(html).not.toContain('class="bp-error"')
    expect([...html.matchAll(/<figure class="bp-chart" [^>]*data-compare="sweep"/g)].length).toBeGreaterThan(1)
    await store.close()
  }, 60_000)
})
