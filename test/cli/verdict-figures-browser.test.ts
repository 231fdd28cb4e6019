import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import { sortRun } from '../fixtures/sort-run'
import { folderWithStore } from '../helpers/binary'
import { artifactsDir, openWatchedPage, serveInChromium, type ServedInChromium } from '../helpers/browser'

// The verdict's charts when the run's charts filled the first screen: placeholders the browser fills
// from the figure route, and without JavaScript the same drawing as an image, never an empty box.

const artifacts = artifactsDir('server')
let site: ServedInChromium
// Named charts enough to take every figure the server draws with the page.
const url = () => `${site.server.url}b/sort?plots=scatter,band`

beforeAll(async () => {
  const dir = await folderWithStore(async (store) => {
    for (const k of [0, 1, 2, 3, 4]) {
      const run = sortRun({ time: `2026-11-2${k}T10:00:00Z`, tag: `run${k}` })
      for (const s of run.samples) s.results.time = (s.results.time as number) * (1 + 0.02 * k)
      await store.record(run)
    }
  })
  site = await serveInChromium(['sort'], dir)
})

afterAll(() => site?.close())

describe('the verdict\'s charts below a full first screen', () => {
  it('are fetched as the reader scrolls to them, the server\'s SVG, then come alive', async () => {
    const { page, errors } = await openWatchedPage(site.browser, url(), 1280)
    const figures = page.locator('figure.chart-regression')
    expect(await figures.count()).toBe(2)
    // Sent as placeholders: nothing drawn, a URL to draw from.
    for (const f of await figures.all()) expect([await f.getAttribute('data-drawn'), await f.getAttribute('data-lazy')]).toEqual([null, expect.stringMatching(/^\/b\/sort\/figure\/v\d+-[01]\?/)])
    await page.locator('#verdict').scrollIntoViewIfNeeded()
    // Each shows a drawing: the server's SVG, or once it came alive the live chart's canvas (the SVG's holder hidden).
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLElement>('figure.chart-regression')).every((f) => {
        const shown = f.querySelector('.bp-svg:not([hidden]) > svg:not(.bp-placeholder)') ?? f.querySelector('.bp-live canvas')
        return f.dataset.drawn !== undefined && shown !== null && shown.getBoundingClientRect().height > 200
      }),
    )
    for (const f of await figures.all()) expect(await f.locator('.bp-placeholder').count()).toBe(0)
    await page.locator('#verdict').screenshot({ path: join(artifacts, 'verdict-lazy.png') })
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('without JavaScript are the server\'s SVG as images, the placeholders hidden', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(url())
    const figures = page.locator('figure.chart-regression')
    expect(await figures.count()).toBe(2)
    await page.locator('#verdict').scrollIntoViewIfNeeded()
    for (const f of await figures.all()) {
      expect(await f.locator('svg.bp-placeholder').evaluate((el) => getComputedStyle(el).display)).toBe('none')
      const img = f.locator('img.bp-lazy-svg')
      await img.scrollIntoViewIfNeeded()
      await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle())
      expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(600)
      // The image sits at the top of the figure: no empty box above it.
      const [figTop, imgTop] = [await f.evaluate((el) => el.getBoundingClientRect().top), await img.evaluate((el) => el.getBoundingClientRect().top)]
      expect(imgTop - figTop).toBeLessThan(20)
    }
    await page.locator('#verdict').screenshot({ path: join(artifacts, 'verdict-lazy-nojs.png') })
    await context.close()
  }, 60_000)
})
