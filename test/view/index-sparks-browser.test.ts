import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { validateRun } from '../../src/model/run-format'
import { openStore } from '../../src/store'
import { eagerSparkRows } from '../../src/view'
import { runBin, startServer, tempDir, type ServerProcess } from '../helpers/binary'
import { launchBrowser } from '../helpers/browser'

// The index's sparklines past the first screen are drawn by the browser as they come into view
// (issue 20): served, and exported to be opened from file://. The browser's drawing is the server's.

const benchmarks = eagerSparkRows + 15
let browser: Browser
let server: ServerProcess
let dir: string

beforeAll(async () => {
  dir = tempDir()
  const store = await openStore(join(dir, 'cachedir', 'bench-plot.sqlite'))
  const runs = []
  for (let b = 0; b < benchmarks; b++) {
    for (let k = 0; k < 4; k++) {
      runs.push(
        validateRun({
          benchmark: `bench-${String(b).padStart(2, '0')}`,
          time: `2026-10-0${k + 1}T12:00:00Z`,
          repeats: 3,
          inputs: [{ name: 'n', kind: 'int', values: [10, 100] }],
          results: [{ name: 'time', kind: 'float', units: 's', direction: 'minimize' }],
          samples: [10, 100].flatMap((n) => [1, 2, 3].map((repeat) => ({ inputs: { n }, repeat, results: { time: n * 1e-3 * (1 + ((b + k * 3 + repeat) % 7) * 0.01) } }))),
        }),
      )
    }
  }
  await store.saveRuns(runs)
  await store.close()
  const exported = await runBin(['export', '--out', 'report'], { cwd: dir })
  expect(`${exported.code} ${exported.stderr}`).toBe('0 ')
  server = await startServer(['serve', '--no-open'], { cwd: dir })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

type Spark = { name: string; lazy: boolean; drawn: boolean; label: string; polyline: string; circles: number }

// Every row's sparkline as the page holds it now.
const sparks = (page: Page): Promise<Spark[]> =>
  page.$$eval('tr.index-row', (rows) =>
    rows.map((tr) => {
      const svg = tr.querySelector('svg.sparkline') as SVGSVGElement
      return {
        name: (tr as HTMLElement).dataset.name ?? '',
        lazy: svg.hasAttribute('data-spark'),
        drawn: svg.dataset.drawn === '1',
        label: svg.getAttribute('aria-label') ?? '',
        polyline: svg.querySelector('polyline')?.getAttribute('points') ?? '',
        circles: svg.querySelectorAll('circle').length,
      }
    }),
  )

// Points of a polyline as numbers.
const points = (text: string) => text.split(/[ ,]/).filter(Boolean).map(Number)

async function scrolledThrough(page: Page): Promise<Spark[]> {
  for (let y = 0; y < 40; y++) {
    await page.mouse.wheel(0, 400)
    await page.waitForTimeout(30)
  }
  await page.waitForFunction(() => Array.from(document.querySelectorAll('svg.sparkline[data-spark]')).every((s) => (s as SVGSVGElement).dataset.drawn === '1'))
  return sparks(page)
}

describe('the index sparklines past the first screen', () => {
  it('are sent as data, drawn once scrolled to, with their accessible names, as the server draws them', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${server.url}?sort=name`)
    const before = await sparks(page)
    expect(before).toHaveLength(benchmarks)
    expect(before.slice(0, eagerSparkRows).every((s) => !s.lazy && s.polyline !== '')).toBe(true)
    expect(before.slice(eagerSparkRows).every((s) => s.lazy && s.label === 'time over the last 4 runs')).toBe(true)
    // The last rows are far below the first screen: not drawn yet.
    expect(before.at(-1)?.drawn).toBe(false)
    const after = await scrolledThrough(page)
    expect(after.slice(eagerSparkRows).every((s) => s.drawn && s.circles === 8 && points(s.polyline).length === 8)).toBe(true)
    // The same rows in the other order are drawn by the server: the browser's lines lie within a pixel's tenth of them.
    await page.goto(`${server.url}?sort=-name`)
    const byServer = new Map((await sparks(page)).map((s) => [s.name, s]))
    for (const s of after.slice(eagerSparkRows)) {
      const server = byServer.get(s.name) as Spark
      expect(server.lazy).toBe(false)
      const drawn = points(s.polyline)
      points(server.polyline).forEach((v, i) => expect(Math.abs(v - drawn[i])).toBeLessThan(0.1))
    }
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('are drawn in the exported report opened from file://', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } })
    await page.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()))
    await page.goto(pathToFileURL(join(dir, 'report', 'index.html')).href)
    const after = await scrolledThrough(page)
    expect(after).toHaveLength(benchmarks)
    expect(after.filter((s) => s.lazy)).toHaveLength(benchmarks - eagerSparkRows)
    expect(after.every((s) => s.polyline !== '' && s.circles === 8)).toBe(true)
    await page.close()
  }, 60_000)
})
