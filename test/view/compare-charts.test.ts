// The compare page's charts (issue 15.4): per result, before its table, A and B on one sweep chart
// (B solid, A dashed, with their spreads) and the ratio B/A per point with its significance.
import { describe, expect, it } from 'bun:test'
import { compareRuns } from '../../src/model/regression'
import type { Run } from '../../src/model/types'
import { compareCharts, ComparisonView } from '../../src/view'
import { shapeRuns } from '../model/change-point-histories'

type Series = { name: string; type: string; lineStyle?: { type?: string }; areaStyle?: unknown; data: unknown[] }
const optionsIn = (html: string): { series: Series[] }[] => [...html.matchAll(/<script type="application\/json" class="chart-option">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]))
const view = (a: Run, b: Run) => {
  const comparison = compareRuns(a, b)
  return ComparisonView({ comparison, charts: compareCharts({ a, b, comparison }) })
}

const runs = shapeRuns('step-one-algo')

describe('the compare page\'s charts', () => {
  it('draws B solid and A dashed along the sweep, each with its band, then the ratio chart, before the table', () => {
    const html = view(runs[39], runs[49])
    const order = ['<p><span class="verdict-badge', 'data-chart="curve"', 'data-chart="ratio"', '<table class="comparison"'].map((s) => html.indexOf(s))
    expect(order.every((at) => at >= 0)).toBe(true)
    expect([...order].sort((x, y) => x - y)).toEqual(order)
    const [sweep, ratio] = optionsIn(html)
    const lines = sweep.series.filter((s) => s.type === 'line' && !s.areaStyle && s.data.length > 0 && (s.data[0] as { t?: string }).t)
    const solid = lines.filter((s) => s.lineStyle?.type !== 'dashed').map((s) => s.name)
    const dashed = lines.filter((s) => s.lineStyle?.type === 'dashed').map((s) => s.name)
    expect(solid).toEqual(['algo=heap', 'algo=quick', 'algo=merge'])
    expect(dashed).toEqual(solid.map((n) => `${n} (A: #40 c040 (2026-10-10 12:00))`))
    // Each has its ±1 std band (one custom series per line, through every point).
    expect(sweep.series.filter((s) => s.type === 'custom' && (s as { renderItem?: string }).renderItem === 'spread').map((s) => s.name)).toEqual([...solid.flatMap((n, i) => [n, dashed[i]])])
    expect(html).toContain('<p class="bp-note">Solid: B #50 c050 (2026-10-20 12:00); dashed: A #40 c040 (2026-10-10 12:00), each with its ±1 standard deviation band over repeats.</p>')
    expect(ratio.series.map((s) => s.name)).toEqual(['significant', 'not significant'])
    expect(html).toMatch(/<figure class="chart chart-ratio" data-chart="ratio" data-result="time"[^>]*><div class="chart-svg bp-svg"><svg /)
    expect(html).toContain('0 of 12 points significant.')
  })

  it('without a float-like input: A and B side by side at each point, with their spreads, then the ratio chart', () => {
    const catOnly = (r: Run): Run => ({ ...r, inputs: r.inputs.map((v) => (v.name === 'n' ? { ...v, kind: 'cat' as const, values: v.values.map(String) } : v)) })
    const html = view(catOnly(runs[39]), catOnly(runs[49]))
    expect(html).not.toContain('data-chart="curve"')
    expect(html.indexOf('data-chart="pair"')).toBeGreaterThan(0)
    expect(html.indexOf('data-chart="pair"')).toBeLessThan(html.indexOf('data-chart="ratio"'))
    expect(html).toContain('Filled dots and solid lines: B #50 c050 (2026-10-20 12:00); hollow dots and dashed lines: A #40 c040 (2026-10-10 12:00); lines ±1 standard deviation over repeats.')
    expect(optionsIn(html)[0].series.map((s) => `${s.type} ${s.name}`)).toEqual(['scatter B: #50 c050 (2026-10-20 12:00)', 'line B: #50 c050 (2026-10-20 12:00)', 'scatter A: #40 c040 (2026-10-10 12:00)', 'line A: #40 c040 (2026-10-10 12:00)'])
  })

  it('with different inputs: says so, and the ratio chart holds the common points', () => {
    // The column is algo-major with n inner and 3 repeats: keep n=10, 100, 1000 of each algo.
    const time = runs[49].data.time as Float64Array
    const kept = Float64Array.from([0, 1, 2].flatMap((a) => Array.from({ length: 9 }, (_, k) => time[a * 12 + k])))
    const fewer: Run = { ...runs[49], inputs: runs[49].inputs.map((v) => (v.name === 'n' ? { ...v, values: [10, 100, 1000] } : v)), data: { time: kept } }
    const html = view(runs[39], fewer)
    expect(html).toContain('A and B have different inputs: only the ratio chart shows them side by side.')
    const ratio = optionsIn(html)[0] as unknown as { xAxis: { data: string[] } }
    expect(ratio.xAxis.data).toHaveLength(9)
  })

  it('escapes the result name', () => {
    const named = (r: Run): Run => ({ ...r, results: [{ ...r.results[0], name: '<b>t' }], data: { '<b>t': r.data.time } })
    const html = view(named(runs[39]), named(runs[49]))
    expect(html).toContain('data-result="&lt;b&gt;t"')
    expect(html).not.toContain('<b>t')
  })
})
