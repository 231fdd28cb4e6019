import type * as ECharts from 'echarts'
import { encodeRgbaPng } from './png'

/**
 * Heatmaps of at least this many cells are drawn on the server as one image: ECharts' SVG gives
 * each cell a path (about 0.1 ms and 250 bytes each), a PNG pixel costs next to nothing, and
 * scaled without smoothing a pixel is the same rectangle. Tiny ones stay vector.
 */
export const rasterFromCells = 16

/** A heatmap option split for raster drawing: the chart without its cells, and the cells. */
type RasterHeatmap = { option: Record<string, unknown>; cells: Cell[]; nx: number; ny: number; min: number; max: number; colors: string[] }

type Cell = { x: number; y: number; value: number }

/**
 * The option of a heatmap on two category axes, with a continuous colour map, split into the
 * chart without its cells and the cells; null when the option is anything else or small.
 */
export function splitHeatmap(option: Record<string, unknown>): RasterHeatmap | null {
  const series = option.series
  const xAxis = option.xAxis as { type?: string; data?: unknown[] } | undefined
  const yAxis = option.yAxis as { type?: string; data?: unknown[] } | undefined
  const map = option.visualMap as { type?: string; min?: number; max?: number; inRange?: { color?: string[] } } | undefined
  if (!Array.isArray(series) || series.length !== 1 || series[0]?.type !== 'heatmap') return null
  if (xAxis?.type !== 'category' || yAxis?.type !== 'category' || !map || map.type !== 'continuous') return null
  const nx = xAxis.data?.length ?? 0
  const ny = yAxis.data?.length ?? 0
  const colors = map.inRange?.color
  if (nx < 2 || ny < 2 || !colors || colors.length === 0 || typeof map.min !== 'number' || typeof map.max !== 'number') return null
  const data = series[0].data as ({ value: number[] } | number[])[]
  if (!Array.isArray(data) || data.length < rasterFromCells) return null
  const cells = data.map((d) => {
    const [x, y, value] = Array.isArray(d) ? d : d.value
    return { x, y, value }
  })
  return { option: { ...option, series: [{ ...series[0], data: [] }] }, cells, nx, ny, min: map.min, max: map.max, colors }
}

/**
 * The cells as an SVG `<image>` over the chart's grid, one pixel per cell scaled without smoothing,
 * coloured as ECharts' continuous visual map colours them (linear between the colour stops).
 * `chart` holds the option without cells, so that its axes place the image.
 */
export function heatmapImage(echarts: typeof ECharts, chart: ECharts.ECharts, heat: RasterHeatmap): string {
  const { nx, ny } = heat
  const first = chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [0, 0]) as number[]
  const last = chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [nx - 1, ny - 1]) as number[]
  // Category bands are centred on their index: the grid spans half a band beyond the first and last centres.
  const bandX = (last[0] - first[0]) / (nx - 1)
  const bandY = (first[1] - last[1]) / (ny - 1)
  const stops = heat.colors.map((c) => echarts.color.parse(c))
  const pixels = new Uint8Array(nx * ny * 4)
  const rgba = [0, 0, 0, 0]
  const span = heat.max - heat.min
  for (const { x, y, value } of heat.cells) {
    if (!Number.isFinite(value) || x < 0 || x >= nx || y < 0 || y >= ny) continue
    // As ECharts maps a value onto its range; an empty range maps to the middle colour.
    const t = span === 0 ? 0.5 : Math.min(1, Math.max(0, (value - heat.min) / span))
    echarts.color.fastLerp(t, stops, rgba)
    // Row 0 of the image is the top: the last category of the y axis.
    const at = ((ny - 1 - y) * nx + x) * 4
    pixels[at] = Math.round(rgba[0])
    pixels[at + 1] = Math.round(rgba[1])
    pixels[at + 2] = Math.round(rgba[2])
    pixels[at + 3] = Math.round((rgba[3] ?? 1) * 255)
  }
  const encoded = Buffer.from(encodeRgbaPng(nx, ny, pixels)).toString('base64')
  const f = (n: number) => String(Math.round(n * 100) / 100)
  return (
    `<image x="${f(first[0] - bandX / 2)}" y="${f(last[1] - bandY / 2)}" width="${f(bandX * nx)}" height="${f(bandY * ny)}" ` +
    `preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${encoded}"></image>`
  )
}
