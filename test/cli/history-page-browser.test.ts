import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import { folderWithStore } from '../helpers/binary'
import { artifactsDir, serveInChromium, type ServedInChromium } from '../helpers/browser'
import { caseNames, historyCase, type HistoryCase } from '../model/regression-histories'

const artifacts = artifactsDir('history')
let site: ServedInChromium
const ids = {} as Record<HistoryCase, number[]>

beforeAll(async () => {
  const dir = await folderWithStore(async (store) => {
    for (const kind of caseNames) {
      ids[kind] = []
      for (const run of historyCase(kind)) ids[kind].push((await store.record(run)).id)
    }
  })
  site = await serveInChromium(['serve', '--no-open'], dir)
}, 30000)

afterAll(() => site?.close())

describe('history pages in Chromium', () => {
  it('the history chart hydrates; hovering a run point shows a tooltip naming the run and its time label', async () => {
    const { page, errors } = await site.openPage(1280, '/b/step?view=history')
    const figure = page.locator('figure[data-chart="history"][data-result="time"]')
    await figure.scrollIntoViewIfNeeded()
    await page.waitForSelector('figure[data-chart="history"][data-result="time"][data-hydrated="1"]', { timeout: 10000 })
    // Where ECharts drew run 4 (index 3) of the "runs" scatter series, in page pixels.
    const at = await page.evaluate(() => {
      const w = window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): { series: { name: string; data: { value: number[] }[] }[] }; convertToPixel(finder: object, v: number[]): number[] } } }
      const live = document.querySelector('figure[data-chart="history"][data-result="time"] .bp-live') as HTMLElement
      const chart = w.echarts.getInstanceByDom(live)
      const series = chart.getOption().series
      const index = series.findIndex((s) => s.name === 'runs')
      const [x, y] = chart.convertToPixel({ seriesIndex: index }, series[index].data[3].value)
      const box = live.getBoundingClientRect()
      return { x: box.left + x, y: box.top + y }
    })
    await page.mouse.move(at.x, at.y)
    const live = figure.locator('.bp-live')
    await page.waitForFunction(() => (document.querySelector('figure[data-chart="history"][data-result="time"] .bp-live') as HTMLElement).innerText.includes('v1.3'), undefined, { timeout: 5000 })
    const tip = await live.innerText()
    expect(tip).toContain(`#${ids.step[3]} v1.3 (2026-10-04 12:00)`)
    expect(tip).toContain('mean over all inputs')
    await page.screenshot({ path: join(artifacts, 'history-tooltip-1280.png') })
    expect(errors).toEqual([])
    await page.close()
  }, 30000)

  for (const width of [1280, 375]) {
    it(`index, a regressed run, the History tab and the compare page load at ${width}px without console errors, their parts within the window`, async () => {
      const pages: [string, string][] = [
        ['index', '/'],
        ['run-regressed', '/b/step'],
        ['history', '/b/step?view=history'],
        ['compare', `/b/step/compare?a=${ids.step[5]}&b=${ids.step[6]}`],
        ['input-change', '/b/input-change'],
      ]
      for (const [name, path] of pages) {
        const { page, errors } = await site.openPage(width, path)
        await page.waitForTimeout(200)
        await page.screenshot({ path: join(artifacts, `${name}-${width}.png`), fullPage: true })
        // What these pages add stays within the window (wide tables scroll inside their box). The sweep charts' live
        // canvases are sized by src/plots and are left out here.
        const widest = await page.evaluate(() =>
          Math.max(0, ...Array.from(document.querySelectorAll('.verdict-region, .run-compare, .history-view, .compare-view, form.index-filter, table.index, nav.tabs')).map((e) => e.getBoundingClientRect().right)),
        )
        expect([name, widest <= width]).toEqual([name, true])
        expect([name, errors]).toEqual([name, []])
        await page.close()
      }
    }, 60000)
  }

  it('the index filters as you type and sorts by a column header in place, keeping ?q= and ?sort=', async () => {
    const { page, errors } = await site.openPage(1280, '/')
    const visible = () => page.locator('tr.index-row:not([hidden])').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.name))
    expect(await visible()).toEqual(['drift', 'step', 'improvement', 'noise', 'input-change', 'single'])
    await page.fill('input[name=q]', 'regressed')
    expect(await visible()).toEqual(['drift', 'step'])
    expect(new URL(page.url()).searchParams.get('q')).toBe('regressed')
    expect(await page.locator('.index-count').innerText()).toBe('2 of 6 benchmarks')
    await page.fill('input[name=q]', '')
    await page.click('th a[data-sort="name"]')
    expect(await visible()).toEqual(['drift', 'improvement', 'input-change', 'noise', 'single', 'step'])
    expect(new URL(page.url()).searchParams.get('sort')).toBe('name')
    await page.click('th a[data-sort="name"]')
    expect((await visible())[0]).toBe('step')
    expect(errors).toEqual([])
    await page.close()
  }, 30000)

  it('works with JavaScript off: the history charts are server-drawn SVG, and the point chooser is a form', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } })
    const page = await context.newPage()
    await page.goto(`${site.server.url}b/step?view=history`)
    expect(await page.locator('figure[data-chart="history"] .bp-svg svg').count()).toBe(2)
    await page.selectOption('select[name=point]', '2')
    await page.click('form.history-controls button')
    expect(new URL(page.url()).searchParams.get('point')).toBe('2')
    expect(await page.locator('.history-point').innerText()).toBe('Following n=1000 alone.')
    await page.goto(`${site.server.url}?sort=-runs&q=i`)
    expect(await page.locator('tr.index-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.name))).toEqual(['drift', 'noise', 'step', 'improvement', 'input-change', 'single'])
    await page.screenshot({ path: join(artifacts, 'nojs-history-375.png'), fullPage: true })
    await context.close()
  }, 30000)
})
