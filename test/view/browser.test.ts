// Hydration in headless Chromium. The server is written elsewhere, so the charts fragment is
// wrapped in a standalone HTML page (assets written next to it) and opened from file://.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Run } from '../../src/model/types'
import { clientAssets, parseChartRequest } from '../../src/plots'
import { artifactsDir, hydrated, openChartsFolder, type ChartsFolder } from '../helpers/browser'
import { makeNoisyRun, makeRun, renderRegion } from '../plots/fixtures'

const artifacts = artifactsDir('plots')
let folder: ChartsFolder

// A page of the charts of `run` under its signature, as the query asks for them.
function writePage(name: string, run: Run, query: Record<string, string> = {}): string {
  const { html, signature } = renderRegion(run, parseChartRequest(query))
  return folder.writePage(name, `<p class="signature">${signature}</p>${html}`)
}

beforeAll(async () => {
  folder = await openChartsFolder(clientAssets)
}, 60_000)

afterAll(() => folder?.close())

describe('charts in the browser', () => {
  it('hydrates a line chart and hovering a point shows its inputs and value', async () => {
    const { page, errors } = await folder.open(writePage('line', makeNoisyRun({ floats: 1, cats: 1, repeats: 1 })))
    const sel = 'figure[data-chart="line"][data-result="time"]'
    await hydrated(page, sel)
    const target = await page.evaluate((s) => {
      const fig = document.querySelector(s) as HTMLElement
      const live = fig.querySelector('.bp-live') as HTMLElement
      const chart = (window as any).echarts.getInstanceByDom(live)
      const opt = chart.getOption()
      const idx = opt.series.findIndex((x: any) => x.type === 'line' && x.name === 'algo=quick')
      const item = opt.series[idx].data[7]
      const [x, y] = chart.convertToPixel({ seriesIndex: idx }, item.value)
      const r = live.getBoundingClientRect()
      return { x: r.left + x, y: r.top + y, t: item.t as string }
    }, sel)
    await page.mouse.move(target.x - 6, target.y - 6)
    await page.mouse.move(target.x, target.y)
    await page.waitForTimeout(300)
    const text = await page.locator(`${sel} .bp-live`).innerText()
    expect(text).toContain('n=128')
    expect(text).toContain('algo=quick')
    expect(text).toContain(target.t.split('\n')[1])
    await page.locator(sel).screenshot({ path: join(artifacts, 'line-hover.png') })
    expect(errors).toEqual([])
  }, 60_000)

  it('?plots= adds the named charts and log scale changes the axes', async () => {
    const run = makeNoisyRun({ floats: 0, cats: 1, repeats: 20 })
    const plain = await folder.open(writePage('plain', run))
    const asked = await folder.open(writePage('asked', run, { plots: 'violin,scatter-jitter', logy: '1' }))
    const charts = (p: Page) => p.$$eval('figure[data-chart]', (fs) => fs.map((f) => (f as HTMLElement).dataset.chart))
    expect(await charts(plain.page)).toEqual(['box', 'bar', 'box', 'bar'])
    expect(await charts(asked.page)).toEqual(['box', 'bar', 'violin', 'scatter-jitter', 'box', 'bar', 'violin', 'scatter-jitter'])
    const sel = 'figure[data-chart="violin"][data-result="time"]'
    await hydrated(asked.page, sel)
    const axisType = (p: Page, s: string) =>
      p.evaluate((s) => (window as any).echarts.getInstanceByDom(document.querySelector(`${s} .bp-live`)).getOption().yAxis[0].type, s)
    expect(await axisType(asked.page, sel)).toBe('log')
    await hydrated(plain.page, 'figure[data-chart="box"]')
    expect(await axisType(plain.page, 'figure[data-chart="box"]')).toBe('value')
    // The controls are plain links that carry the request.
    expect(await asked.page.getAttribute('a[data-control="logy-auto"]', 'href')).toBe('/b/t?plots=violin,scatter-jitter')
    expect(await asked.page.getAttribute('a[data-control="logy-on"]', 'aria-current')).toBe('true')
    expect(plain.errors).toEqual([])
    expect(asked.errors).toEqual([])
  }, 60_000)

  it('shows every chart as SVG with JavaScript off', async () => {
    const { page } = await folder.open(writePage('nojs', makeNoisyRun({ floats: 2, cats: 0, repeats: 3 })), { javaScriptEnabled: false })
    const fig = page.locator('figure[data-chart="heatmap"][data-result="time"]')
    expect(await fig.locator('svg').count()).toBe(1)
    expect(await fig.locator('.bp-live').count()).toBe(0)
    await fig.screenshot({ path: join(artifacts, 'heatmap-nojs.png') })
  }, 60_000)

  it('keeps a screenshot of one chart of each kind, hydrated with no console errors', async () => {
    const gallery: [string, Run, Record<string, string>][] = [
      ['bar', makeNoisyRun({ floats: 0, cats: 2, repeats: 1 }), {}],
      ['box', makeNoisyRun({ floats: 0, cats: 2, repeats: 12 }), {}],
      ['line', makeNoisyRun({ floats: 1, cats: 1, repeats: 1 }), { logx: '1' }],
      ['curve', makeNoisyRun({ floats: 1, cats: 1, repeats: 8 }), {}],
      ['heatmap', makeNoisyRun({ floats: 2, cats: 0, repeats: 3 }), {}],
      ['histogram', makeNoisyRun({ floats: 0, cats: 0, repeats: 500 }), {}],
      ['violin', makeNoisyRun({ floats: 0, cats: 1, repeats: 40 }), { plots: 'violin' }],
      ['scatter-jitter', makeNoisyRun({ floats: 0, cats: 1, repeats: 40 }), { plots: 'scatter-jitter' }],
      ['scatter', makeNoisyRun({ floats: 1, cats: 1, repeats: 3 }), { plots: 'scatter' }],
      ['band', makeNoisyRun({ floats: 1, cats: 1, repeats: 8 }), { plots: 'band' }],
      ['table', makeRun({ floats: 1, cats: 1, repeats: 2, result: 'image' }), {}],
    ]
    for (const [kind, run, query] of gallery) {
      const { page, errors } = await folder.open(writePage(`gallery-${kind}`, run, query))
      const sel = `figure[data-chart="${kind}"]`
      if (kind !== 'table') await hydrated(page, sel)
      await page.locator(sel).first().screenshot({ path: join(artifacts, `${kind}.png`) })
      // Images of the table fixture are not on disk here; the browser's 404s are not chart errors.
      expect(errors.filter((e) => !e.includes('ERR_FILE_NOT_FOUND'))).toEqual([])
      await page.context().close()
    }
    const { page } = await folder.open(writePage('facets', makeNoisyRun({ floats: 1, cats: 2, repeats: 4 })))
    await hydrated(page, 'figure[data-chart="curve"]')
    await page.locator('.bp-group-curve').first().screenshot({ path: join(artifacts, 'curve-facets.png') })
    await page.context().close()
  }, 60_000)
})
