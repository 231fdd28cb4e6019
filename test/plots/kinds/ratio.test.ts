import { describe, expect, it } from 'bun:test'
import { compareRuns } from '../../../src/model/regression'
import type { PointComparison } from '../../../src/model/regression'
import { maxRatioPoints, ratio, ratioChartOption, ratioColors, ratioPoints } from '../../../src/plots/kinds/ratio'
import { echartsSvg } from '../../helpers/echarts-svg'
import { shapeRuns } from '../../model/change-point-histories'
import { optionCsv } from './helpers'

type Item = { name: string; t: string; value: [number, number]; itemStyle: { color: string } }
type Ratio = { xAxis: { data: string[] }; series: { name: string; symbol?: string; data: Item[]; markLine?: { data: { yAxis: number }[] }; markArea?: { data: [{ yAxis: number }, { yAxis: number }][] } }[] }

// Runs 40 and 50 of the made-up history where algo=heap became 25 % slower at run 46.
const runs = shapeRuns('step-one-algo')
const comparison = compareRuns(runs[39], runs[49])
const time = comparison.results[0]

describe('ratio', () => {
  it('draws B/A per point, coloured by verdict, filled where significant; a rule at 1 and the ±threshold band', () => {
    expect(ratio.label).toBe('ratio B/A')
    const option = ratioChartOption(time, comparison) as unknown as Ratio
    expect(option.xAxis.data).toEqual(time.points.map((p) => Object.entries(p.inputs).map(([k, v]) => `${k}=${v}`).join(', ')))
    const [significant, other] = option.series
    expect(significant.name).toBe('significant')
    expect(other.symbol).toBe('emptyCircle')
    // 3 repeats a side cannot reach p < 0.05: every point is hollow, and heap's are red.
    expect(significant.data).toEqual([])
    const heap = other.data.filter((d) => d.name.startsWith('algo=heap'))
    expect(heap.map((d) => d.itemStyle.color)).toEqual(Array(4).fill(ratioColors.regressed))
    for (const d of heap) expect(d.value[1]).toBeGreaterThan(1.2)
    expect(other.data.filter((d) => !d.name.startsWith('algo=heap')).every((d) => d.itemStyle.color === ratioColors.unchanged && Math.abs(d.value[1] - 1) < 0.05)).toBe(true)
    expect(heap[0].t).toMatch(/^algo=heap, n=10\nA [\d.]+ µs, B [\d.]+ µs\nB\/A 1\.2\d+ \(\+2\d\.\d%\)\np 0\.1\nregressed$/)
    expect(significant.markLine?.data).toEqual([{ yAxis: 1, name: 'B = A' } as never])
    expect(significant.markArea?.data[0].map((e) => e.yAxis)).toEqual([0.9, 1.1])
    const svg = echartsSvg(option as never, { width: 640, height: 360 })
    expect(svg).toContain('time: B/A per sweep point')
    expect(svg).toContain('±10%')
  })

  it('fills the points whose change is significant (5 repeats a side)', () => {
    const five = (r: (typeof runs)[number], factor: number) => ({ ...r, repeats: 5, data: { time: Float64Array.from({ length: 60 }, (_, i) => (Math.floor(i / 5) + 1) * 1e-3 * factor * (1 + (i % 5) * 1e-3)) } })
    const c = compareRuns(five(runs[0], 1), { ...five(runs[1], 1), data: { time: Float64Array.from(five(runs[1], 1).data.time, (x, i) => (i < 20 ? x * 1.3 : x)) } })
    const option = ratioChartOption(c.results[0], c) as unknown as Ratio
    expect(option.series[0].data.map((d) => d.name)).toEqual(c.results[0].points.slice(0, 4).map((p) => Object.entries(p.inputs).map(([k, v]) => `${k}=${v}`).join(', ')))
    expect(option.series[0].data.every((d) => d.itemStyle.color === ratioColors.regressed)).toBe(true)
    expect(option.series[1].data).toHaveLength(8)
  })

  it('draws at most maxRatioPoints: the moved ones first, then the others in sweep order', () => {
    const point = (i: number, verdict: PointComparison['verdict']): PointComparison => ({ inputs: { i }, a: { mean: 1, n: 3 }, b: { mean: 1, n: 3 }, ratio: verdict === 'regressed' ? 1.5 : 1, changePercent: 0, pValue: null, significant: null, verdict })
    const many = Array.from({ length: maxRatioPoints + 500 }, (_, i) => point(i, i % 1000 === 999 ? 'regressed' : 'unchanged'))
    const { shown, left } = ratioPoints(many)
    expect(shown).toHaveLength(maxRatioPoints)
    expect(left).toBe(500)
    expect(shown.filter((p) => p.verdict === 'regressed').map((p) => p.inputs.i)).toEqual([999, 1999])
    expect(shown.map((p) => p.inputs.i as number)).toEqual([...shown.map((p) => p.inputs.i as number)].sort((x, y) => x - y))
    expect(ratioPoints(many.slice(0, 10)).shown).toHaveLength(10)
  })

  it('has a CSV of one row per point: the series, the point and the ratio', () => {
    const rows = optionCsv(ratio.csv, ratioChartOption(time, comparison) as never)
    expect(rows[0]).toEqual(['series', 'point', 'ratio'])
    expect(rows.slice(1)).toHaveLength(12)
    expect(rows[1]).toEqual(['not significant', 'algo=heap, n=10', time.points[0].ratio])
  })
})
