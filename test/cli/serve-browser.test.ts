import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { namedPlots } from '../../src/plots/request'
import { sortRun } from '../fixtures/sort-run'
import { folderWithStore } from '../helpers/binary'
import { artifactsDir, serveInChromium, watchErrors, type ServedInChromium } from '../helpers/browser'

const artifacts = artifactsDir('server')
let site: ServedInChromium

beforeAll(async () => {
  const dir = await folderWithStore(async (store) => {
    await store.record(sortRun({ title: 'Sorting, first try', time: '2026-11-20T09:00:00Z', time_label: null }))
    await store.record(
      sortRun({
        description: 'How **fast** do we sort? A longer paragraph, so that the layout shows how text wraps on a narrow phone screen, with `code` and a [link](https://example.com).',
      }),
    )
    // Enough samples for the pager.
    await store.record({
      benchmark: 'sort',
      title: 'Sorting, wide sweep',
      time: '2026-11-26T09:00:00Z',
      time_label: 'v2.0',
      repeats: 3,
      inputs: [
        { name: 'n', kind: 'int', units: 'items', values: Array.from({ length: 60 }, (_, i) => (i + 1) * 100) },
        { name: 'algo', kind: 'cat', values: ['quick', 'heap', 'merge'] },
      ],
      results: [
        { name: 'time', kind: 'float', units: 's' },
        { name: 'ok', kind: 'bool' },
      ],
      samples: Array.from({ length: 540 }, (_, k) => ({
        inputs: { n: (Math.floor(k / 9) + 1) * 100, algo: ['quick', 'heap', 'merge'][Math.floor(k / 3) % 3] },
        repeat: (k % 3) + 1,
        results: { time: Math.random() * 1e-3, ok: k % 17 !== 0 },
      })).filter((_, k) => k % 50 !== 7),
      failures: Array.from({ length: 540 }, (_, k) => k)
        .filter((k) => k % 50 === 7)
        .map((k) => ({ inputs: { n: (Math.floor(k / 9) + 1) * 100, algo: ['quick', 'heap', 'merge'][Math.floor(k / 3) % 3] }, repeat: (k % 3) + 1, error: 'MemoryError: out of memory\n  at sort()' })),
    })
  })
  site = await serveInChromium(['sort'], dir)
})

afterAll(() => site?.close())

describe('the served page in Chromium', () => {
  for (const [width, height] of [
    [1280, 900],
    [375, 812],
  ]) {
    it(`loads at ${width}px with no console error and no request leaving localhost`, async () => {
      const page = await site.browser.newPage({ viewport: { width, height } })
      const errors = watchErrors(page)
      const requests: string[] = []
      page.on('request', (r) => requests.push(r.url()))
      const res = await page.goto(site.server.url, { waitUntil: 'networkidle' })
      expect(res?.status()).toBe(200)
      expect(await page.title()).toBe('sort')
      await page.screenshot({ path: join(artifacts, `page-${width}.png`), fullPage: true })
      await page.click('details.params > summary')
      await page.screenshot({ path: join(artifacts, `page-${width}-params.png`), fullPage: false })
      // No horizontal scrolling of the whole page: wide tables scroll inside their box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      // Charts come alive as they scroll into view; live charts must fit the screen too.
      for (const figure of await page.$$('figure[data-chart]')) await figure.scrollIntoViewIfNeeded()
      await page.waitForFunction(() => document.querySelectorAll('figure[data-hydrated="1"]').length > 0)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      expect(errors).toEqual([])
      const hosts = new Set(requests.map((u) => new URL(u).host))
      expect([...hosts]).toEqual([`127.0.0.1:${site.server.port}`])
      await page.close()
    }, 60_000)
  }

  it('works with JavaScript off: tabs and pages are links', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } })
    const page = await context.newPage()
    await page.goto(`${site.server.url}b/sort?logy=1`)
    expect(await page.locator('nav.tabs a[aria-current=page]').innerText()).toContain('Sorting, wide sweep')
    await page.click('nav.pager >> text=next ›')
    expect(page.url()).toContain('page=2')
    expect(page.url()).toContain('logy=1')
    await page.click('nav.tabs >> text=Sorting, first try')
    expect(await page.locator('section.run > h2').innerText()).toBe('Sorting, first try')
    expect(page.url()).toContain('logy=1')
    await page.screenshot({ path: join(artifacts, 'nojs-375.png'), fullPage: true })
    await context.close()
  }, 60_000)

  it('fetches and draws charts below the first row as they scroll into view, and without JavaScript shows the server\'s SVG', async () => {
    const url = `${site.server.url}b/sort?plots=scatter,band`
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text())
    })
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(url, { waitUntil: 'networkidle' })
    const placeholders = await page.locator('div.bp-lazy-chart').count()
    expect(placeholders).toBeGreaterThan(0)
    // Scrolled to the end, every placeholder has been replaced by its chart, drawn live.
    for (let i = 0; i < 30 && (await page.locator('div.bp-lazy-chart').count()) > 0; i++) {
      await page.mouse.wheel(0, 900)
      await page.waitForTimeout(100)
    }
    expect(await page.locator('div.bp-lazy-chart').count()).toBe(0)
    // A fetched chart arrives drawn (the server's SVG) and comes alive near the viewport.
    const last = page.locator('figure[data-chart]:has(> .bp-svg)').last()
    await last.scrollIntoViewIfNeeded()
    expect(await last.getAttribute('data-drawn')).toBe('svg')
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('figure[data-chart]:has(> .bp-svg)')).at(-1)?.dataset.hydrated === '1')
    expect(await last.locator('canvas').count()).toBe(1)
    await last.screenshot({ path: join(artifacts, 'lazy-hydrated.png') })
    // Its SVG download is the server's drawing.
    const [download] = await Promise.all([page.waitForEvent('download'), last.locator('button', { hasText: 'SVG' }).click()])
    expect(readFileSync((await download.path()) as string, 'utf8')).toStartWith('<svg width=')
    expect(errors).toEqual([])
    await page.close()

    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
    const nojs = await context.newPage()
    await nojs.goto(url)
    // Each chart left out is a frame of its own page, whose figures are the server's SVG.
    const frames = nojs.locator('iframe.bp-lazy-frame')
    expect(await frames.count()).toBe(placeholders)
    await frames.last().scrollIntoViewIfNeeded()
    const frame = nojs.frameLocator('iframe.bp-lazy-frame').last()
    const svg = frame.locator('figure[data-drawn="svg"] > .bp-svg > svg').last()
    await svg.scrollIntoViewIfNeeded()
    expect(await svg.isVisible()).toBe(true)
    expect(await svg.evaluate((el: SVGSVGElement) => el.getBoundingClientRect().width)).toBeGreaterThan(100)
    expect(await frame.locator('.bp-placeholder').count()).toBe(0)
    await frames.last().screenshot({ path: join(artifacts, 'lazy-nojs.png') })
    await context.close()
  }, 60_000)

  it('leaves the first frame to the server\'s SVGs: charts.js is asked for, watches and fetches charts only after a frame has run', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    // Before any script of the page: whether a frame ran after the body was parsed (its last element,
    // the charts loader, was in the document) when charts.js is requested, first watches a chart
    // (IntersectionObserver) or fetches one. Not DOMContentLoaded: it waits for deferred scripts too,
    // and on a loaded machine a frame ran before it.
    await page.addInitScript(() => {
      const seen = { frameAfterParse: false, frameAt: -1, early: [] as string[], observed: 0, fetched: 0 }
      ;(window as unknown as { __seen: typeof seen }).__seen = seen
      let parsedAt = -1
      new MutationObserver(() => {
        if (parsedAt < 0 && document.querySelector('script.bp-charts-loader')) parsedAt = performance.now()
      }).observe(document, { childList: true, subtree: true })
      const frame = () => {
        if (parsedAt >= 0) {
          seen.frameAfterParse = true
          seen.frameAt = performance.now()
        } else requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
      const observe = IntersectionObserver.prototype.observe
      IntersectionObserver.prototype.observe = function (this: IntersectionObserver, target: Element) {
        seen.observed++
        if (!seen.frameAfterParse) seen.early.push(`observe ${target.tagName}`)
        return observe.call(this, target)
      }
      const fetchBefore = window.fetch
      window.fetch = Object.assign((input: RequestInfo | URL, init?: RequestInit) => {
        seen.fetched++
        if (!seen.frameAfterParse) seen.early.push(`fetch ${String(input)}`)
        return fetchBefore(input, init)
      }, fetchBefore)
    })
    await page.goto(`${site.server.url}b/sort?plots=scatter,band`, { waitUntil: 'networkidle' })
    for (let i = 0; i < 30 && (await page.locator('div.bp-lazy-chart').count()) > 0; i++) {
      await page.mouse.wheel(0, 900)
      await page.waitForTimeout(100)
    }
    const seen = await page.evaluate(() => (window as unknown as { __seen: { early: string[]; observed: number; fetched: number; frameAt: number } }).__seen)
    expect(seen.early).toEqual([])
    // charts.js itself is requested after that frame (by the page's one inline script, which the policy allows by its hash).
    const requested = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/assets/charts.js')).map((e) => e.startTime))
    expect(requested.length).toBe(1)
    expect(requested[0]).toBeGreaterThan(seen.frameAt)
    expect(violations).toEqual([])
    // The charts were watched and the lazy ones fetched all the same, once the page was on screen.
    expect(seen.observed).toBeGreaterThan(0)
    expect(seen.fetched).toBeGreaterThan(0)
    expect(await page.locator('div.bp-lazy-chart').count()).toBe(0)
    // charts.js does not hold up the end of parsing: it is async, not deferred.
    expect(await page.locator('script[src$="/assets/charts.js"]').evaluate((s: HTMLScriptElement) => [s.async, s.defer])).toEqual([true, false])
    await page.close()
  }, 60_000)

  it('marks every chart of a page drawn (data-drawn): the server\'s SVGs from the start, the rest once drawn', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } })
    // What the HTML said before any script ran: the first screen's figures are the server's drawings.
    const response = await page.goto(`${site.server.url}b/sort?plots=${namedPlots.join(',')}`)
    const html = (await response?.text()) ?? ''
    const served = [...html.matchAll(/<figure [^>]*>\s*<div class="[^"]*bp-svg">(<svg[^>]*>)/g)]
    expect(served.length).toBeGreaterThan(0)
    for (const [figure, svg] of served) expect([figure.includes('data-drawn="svg"'), svg]).toEqual([!svg.includes('bp-placeholder'), svg])
    // Scrolled to the end, every chart shown carries the mark, including those fetched or drawn live.
    for (let i = 0; i < 40 && (await page.locator('div.bp-lazy-chart').count()) > 0; i++) {
      await page.mouse.wheel(0, 900)
      await page.waitForTimeout(100)
    }
    await page.waitForFunction(() => {
      const shown = Array.from(document.querySelectorAll<HTMLElement>('figure:has(> .bp-svg)')).filter((f) => f.getBoundingClientRect().height > 0)
      return shown.length > 0 && shown.every((f) => f.dataset.drawn === 'svg' || f.dataset.drawn === 'live')
    }, null, { timeout: 15_000 })
    const marks = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('figure:has(> .bp-svg)')).map((f) => f.dataset.drawn ?? 'none'))
    expect(marks.length).toBeGreaterThan(served.length)
    // A figure of a tab not shown may wait for its tab; every other one is drawn.
    const hidden = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('figure:has(> .bp-svg)')).filter((f) => f.getBoundingClientRect().height === 0).length)
    expect(marks.filter((m) => m === 'none').length).toBeLessThanOrEqual(hidden)
    await page.close()
  }, 60_000)
})
