import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import type * as ECharts from 'echarts'
import { decode } from 'fast-png'
import type { Browser } from 'playwright-core'
import { rasterFromCells, splitHeatmap } from '../../src/plots/heatmap-raster'
import { renderSvg } from '../../src/plots/render-svg'
import { launchBrowser } from '../helpers/browser'
import { echartsSvg } from '../helpers/echarts-svg'

const plasma = ['#0d0887', '#5302a3', '#8b0aa5', '#b83289', '#db5c68', '#f48849', '#febd2a', '#f0f921']

// A heatmap as src/plots/options.ts builds one: category axes, a continuous colour map, cells as { value: [x, y, v] }; every 7th diagonal missing.
function heatmap(nx: number, ny: number): Record<string, unknown> {
  const data: { value: number[]; t: string }[] = []
  for (let x = 0; x < nx; x++) for (let y = 0; y < ny; y++) if ((x + y) % 7 !== 3) data.push({ value: [x, y, Math.sqrt(x * y + x)], t: `x${x} y${y}` })
  const values = data.map((d) => d.value[2])
  return {
    animation: false,
    grid: { left: 80, right: 96, top: 64, bottom: 58 },
    xAxis: { type: 'category', data: Array.from({ length: nx }, (_, i) => `x${i}`) },
    yAxis: { type: 'category', data: Array.from({ length: ny }, (_, i) => `y${i}`) },
    visualMap: { type: 'continuous', min: Math.min(...values), max: Math.max(...values), right: 6, top: 'middle', inRange: { color: plasma } },
    series: [{ type: 'heatmap', data, markPoint: { data: [{ coord: [3, 4], value: 'best' }] } }],
  }
}

const size = { width: 400, height: 400 }

// What ECharts itself draws: every cell a path.
const vectorSvg = (option: Record<string, unknown>) => echartsSvg(option, size)

describe('heatmaps drawn as an image on the server', () => {
  it('leave small heatmaps and other charts as vectors', () => {
    const small = heatmap(3, 5)
    expect((small.series as { data: unknown[] }[])[0].data.length).toBeLessThan(rasterFromCells)
    expect(splitHeatmap(small)).toBeNull()
    expect(renderSvg(small, size)).not.toContain('<image')
    expect(splitHeatmap({ ...heatmap(20, 25), series: [{ type: 'scatter', data: [[1, 2]] }] })).toBeNull()
  })

  it('put the cells of a big heatmap in one PNG over the grid, a pixel per cell, coloured as the colour map and clear where a cell is missing', () => {
    const option = heatmap(20, 25)
    const svg = renderSvg(option, size)
    const images = [...svg.matchAll(/<image x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*href="data:image\/png;base64,([^"]+)"/g)]
    expect(images).toHaveLength(1)
    // The grid is 400 - 80 - 96 wide and 400 - 64 - 58 high, from (80, 64).
    expect(images[0].slice(1, 5).map(Number)).toEqual([80, 64, 224, 278])
    const png = decode(Buffer.from(images[0][5], 'base64'))
    expect([png.width, png.height, png.channels]).toEqual([20, 25, 4])
    const echarts = require('echarts') as typeof ECharts
    const map = option.visualMap as { min: number; max: number }
    const pixel = (x: number, y: number) => Array.from(png.data.slice(((24 - y) * 20 + x) * 4, ((24 - y) * 20 + x) * 4 + 4))
    for (const [x, y] of [[0, 0], [5, 9], [19, 24], [12, 2]]) {
      const t = (Math.sqrt(x * y + x) - map.min) / (map.max - map.min)
      const [r, g, b] = echarts.color.fastLerp(t, plasma.map((c) => echarts.color.parse(c)))
      expect(pixel(x, y)).toEqual([Math.round(r), Math.round(g), Math.round(b), 255])
    }
    expect(pixel(3, 0)[3]).toBe(0)
    // Far smaller than a path per cell, and still the axes and the pin of the best cell, where ECharts puts it.
    const vector = vectorSvg(option)
    expect(svg.length).toBeLessThan(vector.length / 3)
    expect(svg).toContain('>x0<')
    const pin = /<path d="M-0\.54[^"]*" transform="[^"]+"/
    expect(vector.match(pin)?.[0]).toBeDefined()
    expect(svg.match(pin)?.[0]).toBe(vector.match(pin)?.[0] as string)
  })

  describe('in Chromium', () => {
    let browser: Browser
    beforeAll(async () => {
      browser = await launchBrowser()
    })
    afterAll(async () => {
      await browser?.close()
    })

    it('look the same as the cells ECharts draws as paths', async () => {
      const option = heatmap(20, 25)
      const page = await browser.newPage({ viewport: { width: 800, height: 400 } })
      await page.setContent(`<body style="margin:0;background:#fff;display:flex"><div>${vectorSvg(option)}</div><div>${renderSvg(option, size)}</div></body>`)
      const shot = decode(await page.screenshot())
      await page.close()
      const at = (x: number, y: number) => Array.from(shot.data.slice((y * shot.width + x) * shot.channels, (y * shot.width + x) * shot.channels + 3))
      // Centres of cells across the grid (band 11.2 × 11.12 px from (80, 64)), both drawings side by side.
      let compared = 0
      for (let cx = 0; cx < 20; cx += 3) {
        for (let cy = 0; cy < 25; cy += 4) {
          const x = Math.round(80 + 11.2 * (cx + 0.5))
          const y = Math.round(64 + 11.12 * (24 - cy + 0.5))
          expect(at(x + 400, y)).toEqual(at(x, y))
          compared++
        }
      }
      expect(compared).toBeGreaterThan(40)
    })
  })
})
