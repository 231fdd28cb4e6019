// A heatmap's colour bar writes its range to its left: in Chromium, neither value may run over the cells.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import type { Browser } from 'playwright-core'
import { validateRun } from '../../src/model/run-format'
import { parseChartRequest } from '../../src/plots'
import { launchBrowser } from '../helpers/browser'
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
