import { describe, expect, it } from 'bun:test'
import { compareRuns } from '../../../src/model/regression'
import { std } from '../../../src/model/stats'
import { pair, pairChartOption, pairColors } from '../../../src/plots/kinds/pair'
import { echartsSvg } from '../../helpers/echarts-svg'
import { shapeRuns } from '../../model/change-point-histories'
import { optionCsv } from './helpers'

type Item = { name: string; t: string; value: [number, number] }
type Pair = { xAxis: { data: string[] }; yAxis: { axisLabel: { formatter: string } }; series: { name: string; type: string; symbol?: string; itemStyle?: { color: string }; lineStyle?: { type: string; color: string }; data: (Item | [number, number] | null)[] }[] }

const runs = shapeRuns('step-one-algo')
const [a, b] = [runs[39], runs[49]]
const comparison = compareRuns(a, b)
const time = comparison.results[0]

describe('pair', () => {
  it('draws B filled with a solid ±1 std line and A hollow with a dashed one, at each point', () => {
    expect(pair.label).toBe('A and B')
    const option = pairChartOption(time, comparison, { a, b }) as unknown as Pair
    expect(option.xAxis.data).toHaveLength(12)
    expect(option.yAxis.axisLabel.formatter).toBe('{bp:quantity:s}')
    const [bDots, bLines, aDots, aLines] = option.series
    expect([bDots.symbol, aDots.symbol]).toEqual(['circle', 'emptyCircle'])
    expect([bDots.itemStyle?.color, aDots.itemStyle?.color]).toEqual([pairColors.b, pairColors.a])
    expect([bLines.lineStyle?.type, aLines.lineStyle?.type]).toEqual(['solid', 'dashed'])
    expect((bDots.data as Item[]).map((d) => d.value[1])).toEqual(time.points.map((p) => p.b.mean))
    expect((aDots.data as Item[]).map((d) => d.value[1])).toEqual(time.points.map((p) => p.a.mean))
    // Point 5 (algo=quick, n=100): a stroke from mean − std to mean + std of B's three repeats, then a break.
    const column = b.data.time as Float64Array
    const s = std(column.subarray(15, 18))
    expect(bLines.data.slice(15, 18)).toEqual([[5, time.points[5].b.mean - s], [5, time.points[5].b.mean + s], null])
    expect((bDots.data[0] as Item).t).toMatch(/^B: #50 c050 \(2026-10-20 12:00\)\nalgo=heap, n=10\nmean [\d.]+ µs ± [\d.]+ ns \(3 samples\)$/)
    expect(echartsSvg(option as never, { width: 640, height: 360 })).toContain('time: A and B per sweep point')
  })

  it('without repeats: the dots alone', () => {
    const one = (r: typeof a) => ({ ...r, repeats: 1, data: { time: Float64Array.from({ length: 12 }, (_, p) => (r.data.time as Float64Array)[p * 3]) } })
    const c = compareRuns(one(a), one(b))
    const option = pairChartOption(c.results[0], c, { a: one(a), b: one(b) }) as unknown as Pair
    expect(option.series.map((s) => s.type)).toEqual(['scatter', 'scatter'])
  })

  it('has a CSV of one row per run and point: the series, the point and the mean', () => {
    const rows = optionCsv(pair.csv, pairChartOption(time, comparison, { a, b }) as never)
    expect(rows[0]).toEqual(['series', 'point', 'value'])
    // The spread lines are silent helpers: one row per dot only.
    expect(rows.filter((r) => String(r[0]).startsWith('B: '))).toHaveLength(12)
    expect(rows).toHaveLength(25)
    expect(rows[1]).toEqual(['B: #50 c050 (2026-10-20 12:00)', 'algo=heap, n=10', time.points[0].b.mean])
  })
})
