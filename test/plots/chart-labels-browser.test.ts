// Labels of charts in Chromium, where text has its real size: a heatmap's colour bar writes its range
// beside the cells, not over them; a ratio chart's ±threshold band names itself clear of the points,
// the rule's "1" and the chart's edge.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import type { Browser } from 'playwright-core'
import { compareRuns } from '../../src/model/regression'
import { validateRun } from '../../src/model/run-format'
import { parseChartRequest } from '../../src/plots'
import { ratioChartOption } from '../../src/plots/kinds/ratio'
import { renderSvg } from '../../src/plots/render-svg'
import { launchBrowser } from '../helpers/browser'
import { shapeRuns } from '../model/change-point-histories'
import { renderRegion } from './fixtures'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
}, 60_000)
afterAll(async () => {
  await browser?.close()
})

// Means from 394.6 ns to 8.007 µs: the labels the colour bar wrote over the cells before.
function heatmapRun(scale: number, units: string, name: string) {
  const a = [0.25, 0.5, 0.75, 1, 1.25]
  const b = [1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.1, 2.2, 2.3, 2.4]
  return validateRun(
    {
      benchmark: 'legend',
      repeats: 1,
      inputs: [{ name: 'a', kind: 'float', values: a }, { name: 'b', kind: 'float', values: b }],
      results: [{ name, kind: 'float', units, direction: 'minimize' }],
      samples: a.flatMap((x) => b.map((y) => ({ inputs: { a: x, b: y }, repeat: 1, results: { [name]: scale * (394.6 + 7612.4 * ((x - 0.25) * (y - 1.5)) / 0.9) } }))),
    },
    { now: new Date('2026-01-01T00:00:00Z') },
  )
}

describe('the colour bar of a heatmap', () => {
  it.each([
    ['seconds in ns and µs', 1e-9, 's', 'time'],
    ['long unit names', 1e3, 'requests per second', 'time'],
    // A title wider than the bar moves the bar, and its range, to the left.
    ['a long result name', 1e-9, 's', 'validation time'],
  ])('writes its range beside the cells, not over them (%s)', async (_, scale, units, name) => {
    const { html } = renderRegion(heatmapRun(scale as number, units as string, name as string), parseChartRequest({}))
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    try {
      await page.setContent(`<!doctype html><html><body style="margin:0">${html}</body></html>`)
      const found = await page.evaluate(() =>
        Array.from(document.querySelectorAll('figure[data-chart="heatmap"] .bp-svg svg')).map((svg) => {
          const cells = (svg.querySelector('image') ?? svg.querySelector('path[fill]')) as SVGGraphicsElement
          // The heatmap's cells end where its last cell does: the image, or the rightmost cell path.
          const right = svg.querySelector('image')
            ? cells.getBoundingClientRect().right
            : Math.max(...Array.from(svg.querySelectorAll('path')).filter((p) => p.getBoundingClientRect().width > 2 && p.getBoundingClientRect().width < 200).map((p) => p.getBoundingClientRect().right))
          const box = svg.getBoundingClientRect()
          // The colour bar's range: the texts anchored at their end in the right quarter of the chart.
          const labels = Array.from(svg.querySelectorAll('text[text-anchor="end"]'))
            .map((t) => ({ text: t.textContent ?? '', left: t.getBoundingClientRect().left, right: t.getBoundingClientRect().right }))
            .filter((t) => t.right > box.left + box.width * 0.75)
          return { right, labels }
        }),
      )
      expect(found.length).toBeGreaterThan(0)
      for (const { right, labels } of found) {
        expect(labels.length).toBe(2)
        for (const l of labels) expect({ label: l.text, clear: l.left >= right }).toEqual({ label: l.text, clear: true })
      }
    } finally {
      await page.close()
    }
  }, 60_000)
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
