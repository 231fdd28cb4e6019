// Change points and the compare page's charts in Chromium (issue 15.3, 15.4): the rules of the
// history chart survive hydration, the ratio chart's tooltip names the point, and the new parts
// stay within a phone's window.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { demoRuns } from '../../src/demo/benchmarks'
import { folderWithStore } from '../helpers/binary'
import { artifactsDir, serveInChromium, type ServedInChromium } from '../helpers/browser'
import { shapeHistory } from '../model/change-point-histories'

const artifacts = artifactsDir('change-points')
let site: ServedInChromium
const ids: Record<string, number[]> = {}

type Live = { getOption(): { series: { name: string; markLine?: { data: { xAxis: number | string; label: { formatter: string } }[] }; data: { value: number[] }[] }[] }; convertToPixel(finder: object, v: number[]): number[] }

// The live chart's option in a hydrated figure.
async function liveOption(page: Page, figure: string) {
  await page.locator(figure).scrollIntoViewIfNeeded()
  await page.waitForSelector(`${figure}[data-hydrated="1"]`, { timeout: 10000 })
  return page.evaluate((sel) => {
    const w = window as unknown as { echarts: { getInstanceByDom(el: Element): Live } }
    const chart = w.echarts.getInstanceByDom(document.querySelector(`${sel} .bp-live`) as Element)
    return chart.getOption().series.map((s) => ({ name: s.name, rules: (s.markLine?.data ?? []).map((d) => ({ x: d.xAxis, label: d.label.formatter })) }))
  }, figure)
}

beforeAll(async () => {
  const dir = await folderWithStore(async (store) => {
    for (const shape of ['step-one-algo', 'step-one-point'] as const) {
      ids[shape] = []
      for (const run of shapeHistory(shape)) ids[shape].push((await store.record(run)).id)
    }
    // The demo's parsers: categorical inputs only, so the compare page draws A and B side by side.
    for (const run of demoRuns().filter((r) => r.benchmark === 'json-parse')) await store.record(run)
  })
  site = await serveInChromium(['serve', '--no-open'], dir)
}, 30000)

afterAll(() => site?.close())

describe('change points in Chromium', () => {
  it('the history chart keeps its change-point rule once live; a point followed alone has its own', async () => {
    const { page, errors } = await site.openPage(1280, '/b/step-one-algo?view=history')
    const mean = (await liveOption(page, 'figure[data-chart="history"][data-result="time"]')).find((s) => s.name === 'mean')
    expect(mean?.rules).toHaveLength(1)
    expect(mean?.rules[0].x).toBe(45)
    expect(mean?.rules[0].label).toMatch(/^#46 \+2\d\.\d%$/)
    await page.screenshot({ path: join(artifacts, 'history-1280.png'), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
    const alone = await site.openPage(1280, '/b/step-one-point?view=history&point=6&x=date')
    const rules = (await liveOption(alone.page, 'figure[data-chart="history"][data-result="time"]')).find((s) => s.name === 'mean')?.rules
    expect(rules?.map((r) => r.x)).toEqual(['2026-09-30T12:00:00.000Z'])
    await alone.page.screenshot({ path: join(artifacts, 'history-point-date-1280.png'), fullPage: true })
    expect(alone.errors).toEqual([])
    await alone.page.close()
  }, 40000)

  it('the compare page: A and B and the ratio chart hydrate; hovering a ratio point names it, A, B, B/A and p', async () => {
    const [a, b] = [ids['step-one-algo'][39], ids['step-one-algo'][49]]
    const { page, errors } = await site.openPage(1280, `/b/step-one-algo/compare?a=${a}&b=${b}`)
    const sweep = await liveOption(page, 'figure[data-chart="curve"][data-result="time"]')
    expect(sweep.map((s) => s.name)).toContain('algo=heap (A: #40 c040 (2026-10-10 12:00))')
    const figure = 'figure[data-chart="ratio"][data-result="time"]'
    await liveOption(page, figure)
    const at = await page.evaluate((sel) => {
      const w = window as unknown as { echarts: { getInstanceByDom(el: Element): Live } }
      const live = document.querySelector(`${sel} .bp-live`) as HTMLElement
      const chart = w.echarts.getInstanceByDom(live)
      const series = chart.getOption().series
      const index = series.findIndex((s) => s.name === 'not significant')
      const [x, y] = chart.convertToPixel({ seriesIndex: index }, series[index].data[0].value)
      const box = live.getBoundingClientRect()
      return { x: box.left + x, y: box.top + y }
    }, figure)
    await page.mouse.move(at.x, at.y)
    await page.waitForFunction((sel) => (document.querySelector(`${sel} .bp-live`) as HTMLElement).innerText.includes('B/A'), figure, { timeout: 5000 })
    const tip = await page.locator(`${figure} .bp-live`).innerText()
    expect(tip).toContain('algo=heap, n=10')
    expect(tip).toMatch(/B\/A 1\.2\d+ \(\+2\d\.\d%\)/)
    expect(tip).toContain('regressed')
    await page.screenshot({ path: join(artifacts, 'compare-tooltip-1280.png'), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
    const cat = await site.openPage(1280, '/b/json-parse/compare')
    const pair = await liveOption(cat.page, 'figure[data-chart="pair"][data-result="throughput"]')
    expect(pair.map((s) => s.name.slice(0, 3))).toEqual(['B: ', 'B: ', 'A: ', 'A: '])
    await cat.page.screenshot({ path: join(artifacts, 'compare-categorical-1280.png'), fullPage: true })
    expect(cat.errors).toEqual([])
    await cat.page.close()
  }, 60000)

  for (const width of [1280, 375]) {
    it(`the index, the newest run and the compare page stay within ${width}px, without console errors`, async () => {
      const pages: [string, string][] = [
        ['index', '/'],
        ['run', '/b/step-one-algo'],
        ['compare', `/b/step-one-algo/compare?a=${ids['step-one-algo'][39]}&b=${ids['step-one-algo'][49]}`],
        ['compare-categorical', '/b/json-parse/compare'],
      ]
      for (const [name, path] of pages) {
        const { page, errors } = await site.openPage(width, path)
        await page.waitForTimeout(200)
        await page.screenshot({ path: join(artifacts, `${name}-${width}.png`), fullPage: true })
        const widest = await page.evaluate(() => Math.max(0, ...Array.from(document.querySelectorAll('ul.change-lead, .verdict-region, .compare-view, .compare-charts, figure.chart-ratio, figure.chart-pair, table.index')).map((e) => e.getBoundingClientRect().right)))
        expect([name, widest <= width]).toEqual([name, true])
        expect([name, errors]).toEqual([name, []])
        await page.close()
      }
    }, 60000)
  }
})
