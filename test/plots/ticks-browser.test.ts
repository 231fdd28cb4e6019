// One formatter for the numbers of a chart: the value axis of the server's SVG and of the live
// chart the browser hydrates from the same option read the same text, with the unit ("500 µs"),
// and the CSV download of a live chart has its kind's header and exact values.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { readFileSync } from 'node:fs'
import { validateRun } from '../../src/model/run-format'
import type { Run } from '../../src/model/types'
import { chartKinds, clientAssets, parseChartRequest } from '../../src/plots'
import { hydrated, openChartsFolder, type ChartsFolder } from '../helpers/browser'
import { renderRegion } from './fixtures'

let folder: ChartsFolder

const sizes = [1024, 4096, 16384, 65536]
// Times of a few hundred microseconds, stored in seconds.
const run: Run = validateRun(
  {
    benchmark: 'ticks',
    repeats: 1,
    inputs: [{ name: 'n', kind: 'int', units: 'items', values: sizes }, { name: 'algo', kind: 'cat', values: ['quick', 'heap'] }],
    results: [{ name: 'time', kind: 'float', units: 's', direction: 'minimize' }],
    samples: sizes.flatMap((n, i) => ['quick', 'heap'].map((algo, j) => ({ inputs: { n, algo }, repeat: 1, results: { time: 3e-4 + i * 1.6e-4 + j * 5e-5 } }))),
  },
  { now: new Date('2026-01-01T00:00:00Z') },
)

// A page of the charts of `r`, as the query asks for them.
function writePage(name: string, r: Run, query: Record<string, string> = {}): string {
  return folder.writePage(name, renderRegion(r, parseChartRequest(query)).html)
}

// A page that may download (the CSV of a chart).
const open = (url: string) => folder.open(url, { acceptDownloads: true })

beforeAll(async () => {
  folder = await openChartsFolder(clientAssets)
}, 60_000)

afterAll(() => folder?.close())

describe('numbers of a chart in the server SVG and in the browser', () => {
  it('value-axis ticks read the same text, with the unit, and the axis is named by the result alone', async () => {
    const { page, errors } = await open(writePage('ticks', run))
    const sel = 'figure[data-chart="line"]'
    await hydrated(page, sel)
    const got = await page.evaluate((s) => {
      const fig = document.querySelector(s) as HTMLElement
      const svgTexts = Array.from(fig.querySelectorAll('.bp-svg svg text')).map((t) => t.textContent ?? '')
      const chart = (window as any).echarts.getInstanceByDom(fig.querySelector('.bp-live'))
      const axis = chart.getModel().getComponent('yAxis', 0).axis
      const live = axis.getViewLabels().map((l: any) => l.formattedLabel as string)
      return { svgTexts, live, name: chart.getOption().yAxis[0].name as string }
    }, sel)
    expect(got.live.length).toBeGreaterThan(2)
    expect(got.live).toContain('500 µs')
    for (const label of got.live) expect(got.svgTexts).toContain(label)
    expect(got.svgTexts).toContain('500 µs')
    expect(got.name).toBe('time')
    expect(got.svgTexts).toContain('time')
    expect(errors).toEqual([])
    await page.context().close()
  }, 60_000)

  it('a tooltip names the inputs exactly and the value with its unit', async () => {
    const { page } = await open(writePage('tooltip', run))
    const sel = 'figure[data-chart="line"]'
    await hydrated(page, sel)
    const t = await page.evaluate((s) => {
      const chart = (window as any).echarts.getInstanceByDom(document.querySelector(`${s} .bp-live`))
      return chart.getOption().series.find((x: any) => x.name === 'algo=quick').data[2].t as string
    }, sel)
    expect(t).toBe('n=16384, algo=quick\ntime: 620 µs')
    await page.context().close()
  }, 60_000)

  it('the CSV button writes the kind\'s header and the exact values', async () => {
    const cats: Run = { ...run, inputs: [run.inputs[1]], data: { time: new Float64Array([0.00031, 0.00047]) } }
    const { page, errors } = await open(writePage('csv', cats))
    const sel = 'figure[data-chart="bar"]'
    await hydrated(page, sel)
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${sel} .bp-actions button`, { hasText: 'CSV' }).click()])
    const csv = readFileSync(await download.path(), 'utf8')
    const header = chartKinds.find((k) => k.kind === 'bar')!.csv.header.join(',')
    expect(csv).toBe(`${header}\ntime,quick,0.00031\ntime,heap,0.00047\n`)
    expect(errors).toEqual([])
    await page.context().close()
  }, 60_000)
})
