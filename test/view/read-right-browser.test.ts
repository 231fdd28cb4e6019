// Issue 14 in Debian's Chromium: real result files (Google Benchmark, BenchmarkDotNet fixtures,
// see their SOURCES.md) and a benchmark of 60 runs, imported with the binary and served by it.
// Screenshots go to $BENCH_PLOT_SHOTS when set, for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { runBin, startServer, tempDir, type ServerProcess } from '../helpers/binary'
import { launchBrowser } from '../helpers/browser'

const fixtures = join(import.meta.dir, '../fixtures')
/** A browser test's time limit: the machine is shared. */
const slow = 60000
let server: ServerProcess
let browser: Browser

beforeAll(async () => {
  const dir = tempDir()
  for (const f of ['google-benchmark/memcpy-setinsert.json', 'google-benchmark/gbench-test1_run1.json', 'benchmarkdotnet/SortBench-report-full.json']) {
    const r = await runBin(['import', '--cachedir', dir, join(fixtures, f)])
    expect(r.code).toBe(0)
  }
  // 60 runs of one benchmark, one a day.
  const runs = Array.from({ length: 60 }, (_, i) => ({
    benchmark: 'many',
    title: `nightly ${i + 1}`,
    time: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
    inputs: [{ name: 'n', kind: 'int', values: [16, 64, 256, 1024] }],
    results: [{ name: 'time', units: 's', direction: 'minimize' }],
    samples: [16, 64, 256, 1024].map((n) => ({ inputs: { n }, repeat: 1, results: { time: n * 1e-6 * (1 + (i % 7) / 50) } })),
  }))
  writeFileSync(join(dir, 'many.json'), JSON.stringify(runs))
  expect((await runBin(['import', '--cachedir', dir, join(dir, 'many.json')])).code).toBe(0)
  server = await startServer(['serve', '--no-open', '--cachedir', dir])
  browser = await launchBrowser()
}, 60000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport })
  await page.goto(new URL(path, server.url).href, { waitUntil: 'load' })
  // Until the first chart is alive (a page of tables has none to wait for).
  await page.waitForFunction(() => document.querySelector('figure[data-chart][data-hydrated]') !== null || document.querySelector('figure[data-chart] script.chart-option') === null)
  return page
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.BENCH_PLOT_SHOTS
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true })
}

type Opt = Record<string, any>
const optionOf = (page: Page, n = 0) => page.$$eval('figure[data-chart] script.chart-option', (s, i) => JSON.parse(s[i as number].textContent ?? '{}'), n) as Promise<Opt>

describe('charts of real result files', () => {
  it('BM_Memcpy (8 B .. 8 KiB): log x by itself, every value written, the chart on the first screen', async () => {
    const page = await open('/b/BM_Memcpy')
    await shot(page, 'bm-memcpy')
    const o = await optionOf(page)
    expect(o.xAxis.type).toBe('log')
    const line = o.series.find((s: Opt) => s.type === 'line')
    expect(line.data.every((d: Opt) => typeof d.label?.formatter === 'string' && / (n|µ)s$/.test(d.label.formatter))).toBe(true)
    // Point 7: the first result's sweep chart is on the first screen, the verdict below it.
    const fig = await page.locator('figure[data-chart]').first().boundingBox()
    expect(fig!.y + fig!.height / 2).toBeLessThan(900)
    const verdict = await page.locator('.verdict-region').first().boundingBox()
    expect(verdict!.y).toBeGreaterThan(fig!.y)
    // Point 10: its text alternative names the range and the best point.
    expect(await page.locator('figure[data-chart] figcaption.bp-alt').first().textContent()).toMatch(/^line chart of real_time against arg0: values from .* ns to .* ns; best \(lowest\) .* ns at arg0=8\.$/)
    await page.close()
  }, slow)

  it('BM_Memcpy: the best pin does not cover the value written on the best point (the server\'s SVG, as drawn)', async () => {
    // Without JavaScript the figure shows the server's SVG: the same option, laid out by the same ECharts.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(new URL('/b/BM_Memcpy', server.url).href, { waitUntil: 'load' })
    const figure = page.locator('figure[data-chart=line]').first()
    const o = JSON.parse((await figure.locator('script.chart-option').textContent()) ?? '{}')
    const line = o.series.find((s: Opt) => s.type === 'line')
    const best = line.data[0].label.formatter as string
    expect(line.markPoint.data[0].coord[0]).toBe(line.data[0].value[0])
    const boxes = await figure.evaluate((f, text) => {
      const rect = (e: Element | undefined) => (e ? (({ left, right, top, bottom }) => ({ left, right, top, bottom }))(e.getBoundingClientRect()) : null)
      const pin = [...f.querySelectorAll('svg path')].find((p) => p.getAttribute('fill') === '#d62728')
      const value = [...f.querySelectorAll('svg text')].find((t) => t.textContent === text)
      const label = [...f.querySelectorAll('svg text')].find((t) => t.textContent === 'best')
      return { pin: rect(pin), value: rect(value), label: rect(label) }
    }, best)
    const apart = (a: Opt, b: Opt) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top
    expect(boxes.pin && boxes.value && boxes.label).toBeTruthy()
    expect(apart(boxes.pin!, boxes.value!)).toBe(true)
    expect(apart(boxes.label!, boxes.value!)).toBe(true)
    // The pin stands over its value, pointing down at the point.
    expect(boxes.pin!.bottom).toBeLessThanOrEqual(boxes.value!.top)
    expect(Math.abs((boxes.pin!.left + boxes.pin!.right) / 2 - (boxes.value!.left + boxes.value!.right) / 2)).toBeLessThan(2)
    if (process.env.BENCH_PLOT_SHOTS) await figure.screenshot({ path: join(process.env.BENCH_PLOT_SHOTS, 'bm-memcpy-best-svg.png') })
    await context.close()
  }, slow)

  it('a single-sample benchmark is a number in a table, not a one-bin histogram', async () => {
    const page = await open('/b/BM_100xFaster')
    await shot(page, 'bm-100xfaster')
    expect(await page.locator('figure[data-chart=histogram]').count()).toBe(0)
    expect(await page.locator('figure.bp-table[data-result=real_time] td.bp-num').nth(1).textContent()).toBe('10 µs')
    await page.close()
  }, slow)

  it('BM_SetInsert: a heatmap over n and reserve takes several colours', async () => {
    const page = await open('/b/BM_SetInsert')
    await shot(page, 'bm-setinsert')
    // Its heatmap of 3x2 cells takes several colours, not one.
    const fills = await page.$$eval('figure[data-chart=heatmap] svg path[ecmeta_series_index="0"]', (ps) => new Set(ps.map((p) => p.getAttribute('fill'))).size)
    expect(fills).toBeGreaterThan(2)
    await page.close()
  }, slow)

  it('SortBench (BenchmarkDotNet): full legend labels, series told apart by dash, ties counted', async () => {
    const page = await open('/b/SortBench')
    await shot(page, 'sortbench')
    const o = await optionOf(page)
    expect(o.legend.data).toEqual(['method=ArraySort', 'method=LinqOrderBy'])
    const dashes = o.series.filter((s: Opt) => s.type === 'line').map((s: Opt) => JSON.stringify(s.lineStyle.type))
    expect(new Set(dashes).size).toBe(2)
    expect(await page.locator('p.bp-best[data-best="allocated"]').textContent()).toContain('4 points tie')
    expect(await page.locator('p.bp-best-largest').first().textContent()).toMatch(/^At the largest N \(N=1000\): /)
    await page.close()
  }, slow)
})

describe('many runs and small screens', () => {
  it('shows the newest runs as tabs and the others in a run picker; the selected old run stays a visible tab', async () => {
    const page = await open('/b/many')
    await shot(page, 'many-runs')
    expect(await page.locator('nav.tabs > a:not(.tab-history)').count()).toBe(8)
    expect(await page.locator('nav.tabs details.run-picker summary').textContent()).toBe('52 older runs')
    await page.click('nav.tabs details.run-picker summary')
    await page.click('nav.tabs details.run-picker a >> text=nightly 3 ')
    await page.waitForLoadState('load')
    expect(await page.locator('nav.tabs a[aria-current=page]').textContent()).toContain('nightly 3')
    expect(await page.locator('nav.tabs a[aria-current=page]').isVisible()).toBe(true)
    await page.close()
  }, slow)

  it('keeps the tabs in one row on a phone, the selected one scrolled into view', async () => {
    const page = await open('/b/many', { width: 390, height: 844 })
    const rows = await page.$$eval('nav.tabs > a', (as) => new Set(as.map((a) => Math.round(a.getBoundingClientRect().top))).size)
    expect(rows).toBe(1)
    const box = await page.locator('nav.tabs a[aria-current=page]').boundingBox()
    expect(box!.x).toBeGreaterThanOrEqual(0)
    expect(box!.x + box!.width).toBeLessThanOrEqual(390 + 1)
    // After measuring: a full-page screenshot lays the page out again at another size.
    await shot(page, 'many-runs-phone')
    await page.close()
  }, slow)
})

describe('interaction', () => {
  it('scrolls the page with the wheel over a chart, zooms once the chart is clicked', async () => {
    const page = await open('/b/many')
    const live = page.locator('figure[data-chart] .bp-live').first()
    await live.scrollIntoViewIfNeeded()
    const box = (await live.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    const before = await page.evaluate(() => window.scrollY)
    await page.mouse.wheel(0, 200)
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(before)
    // Clicked, the wheel zooms the chart and leaves the page where it is.
    const now = (await live.boundingBox())!
    await page.mouse.click(now.x + now.width / 2, now.y + now.height / 2)
    const at = await page.evaluate(() => window.scrollY)
    await page.mouse.wheel(0, -200)
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => window.scrollY)).toBe(at)
    // Reset zoom is offered for this zoomable chart; the verdict's chart over 60 runs zooms and shows every 4th run label.
    expect(await page.locator('figure[data-chart=line] .bp-actions button >> text=Reset zoom').count()).toBeGreaterThan(0)
    const verdict = JSON.parse((await page.locator('figure[data-chart=regression] script.chart-option').first().textContent()) ?? '{}')
    expect(verdict.dataZoom[0]).toMatchObject({ type: 'inside', zoomOnMouseWheel: 'ctrl' })
    expect(verdict.xAxis.axisLabel).toMatchObject({ interval: 3, hideOverlap: true })
    await page.close()
  }, slow)

  it('shows log toggles with their state, and the controls that cannot apply as disabled with the reason', async () => {
    const page = await open('/b/many?logy=0')
    expect(await page.locator('[data-control="logy-off"]').getAttribute('aria-current')).toBe('true')
    expect(await page.locator('[data-control="plot-violin"]').getAttribute('data-disabled')).toBe('violin needs no float input (this run has 1)')
    const o = await optionOf(page)
    expect(o.yAxis.type).toBe('value')
    await page.close()
  }, slow)
})
