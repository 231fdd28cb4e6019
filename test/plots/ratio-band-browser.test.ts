// The ±threshold band of a ratio chart names itself: in Chromium, its label may cover no point and not the rule's "1".
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import type { Browser } from 'playwright-core'
import { compareRuns } from '../../src/model/regression'
import { ratioChartOption } from '../../src/plots/kinds/ratio'
import { renderSvg } from '../../src/plots/render-svg'
import { launchBrowser } from '../helpers/browser'
import { shapeRuns } from '../model/change-point-histories'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
}, 60_000)
afterAll(async () => {
  await browser?.close()
})

type Box = { left: number; right: number; top: number; bottom: number }
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

describe('the band of a ratio chart', () => {
  const runs = shapeRuns('step-one-algo')
  it.each([
    // Most points near B/A = 1; algo=heap 25 % slower.
    ['one algorithm slower', runs[40], runs[50]],
    // Nothing changed (a count, say): every point on the rule, the first under the band's corner.
    ['nothing changed', runs[50], runs[50]],
  ])('labels itself clear of the points and of the rule (%s)', async (_, a, b) => {
    const c = compareRuns(a, b)
    const svg = renderSvg(ratioChartOption(c.results[0], c), { width: 680, height: 420 })
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } })
    try {
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`)
      const got = await page.evaluate(() => {
        const box = (e: Element) => {
          const r = e.getBoundingClientRect()
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }
        }
        const texts = Array.from(document.querySelectorAll('svg text'))
        const band = texts.find((t) => /^±/.test(t.textContent ?? ''))
        const rule = texts.find((t) => t.textContent === '1' && t.getAttribute('text-anchor') !== 'end')
        // The points: small round symbols (paths of about 10 px), not the axes or the band.
        const points = Array.from(document.querySelectorAll('svg path')).map(box).filter((b) => b.right - b.left > 4 && b.right - b.left < 16 && b.bottom - b.top > 4 && b.bottom - b.top < 16)
        return { band: band ? box(band) : null, rule: rule ? box(rule) : null, points, chart: box(document.querySelector('svg') as Element) }
      })
      expect(got.band).not.toBeNull()
      expect(got.points.length).toBeGreaterThan(4)
      const band = got.band as Box
      expect(got.points.filter((p) => overlaps(p, band))).toEqual([])
      if (got.rule) expect(overlaps(got.rule, band)).toBe(false)
      // Inside the chart, not cut off at its edge.
      expect(band.right).toBeLessThanOrEqual(got.chart.right)
      expect(band.top).toBeGreaterThanOrEqual(got.chart.top)
    } finally {
      await page.close()
    }
  }, 60_000)
})
