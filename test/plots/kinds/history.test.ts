import { describe, expect, it } from 'bun:test'
import { buildHistories, historySeries } from '../../../src/model/history'
import { validateRun } from '../../../src/model/run-format'
import { historyChartOption } from '../../../src/plots/history'
import { history } from '../../../src/plots/kinds/history'
import { historyCase } from '../../model/regression-histories'
import { optionCsv } from './helpers'

describe('history', () => {
  it('has its label, ticks in the result\'s unit, tooltips with the unit, and a CSV of one row per run', () => {
    expect(history.label).toBe('over time')
    const runs = historyCase('noise').map((r, i) => ({ ...validateRun(r), id: i + 1 }))
    const [h] = buildHistories(runs)
    const series = historySeries(h, 'time', { point: { n: 10 } })
    const option = historyChartOption(series) as { yAxis: { name: string; axisLabel: { formatter: string } }; series: { name: string; data: { t: string }[] }[] }
    expect(option.yAxis.name).toBe('time')
    expect(option.yAxis.axisLabel.formatter).toBe(`{bp:quantity:${series.units}}`)
    expect(option.series.find((s) => s.name === 'runs')!.data[0].t).toMatch(new RegExp(`mean: [0-9.]+ [a-zµ]*${series.units}\\n`))
    const rows = optionCsv(history.csv, option)
    expect(rows[0]).toEqual(['series', 'x', 'y'])
    expect(rows.slice(1).map((r) => r[0])).toEqual(runs.map(() => 'runs'))
  })

  it('shows a bool result as a rate from 0 to 1, and a float fitted to its values', () => {
    const runs = [0, 1, 2].map((k) => ({ ...validateRun({ benchmark: 'b', time: `2026-11-0${k + 1}T00:00:00Z`, results: [{ name: 'ok', kind: 'bool' }, { name: 't', kind: 'float' }], samples: [{ results: { ok: true, t: 1 + k } }] }), id: k + 1 }))
    const [h] = buildHistories(runs)
    const axis = (result: string) => (historyChartOption(historySeries(h, result)) as { yAxis: Record<string, unknown> }).yAxis
    expect([axis('ok').min, axis('ok').max, axis('ok').scale]).toEqual([0, 1, undefined])
    expect([axis('t').min, axis('t').max, axis('t').scale]).toEqual([undefined, undefined, true])
  })
})
