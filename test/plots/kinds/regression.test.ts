import { describe, expect, it } from 'bun:test'
import { checkBenchmark } from '../../../src/model/regression'
import { validateRun } from '../../../src/model/run-format'
import { regressionChartOption } from '../../../src/plots/history'
import { regression } from '../../../src/plots/kinds/regression'
import { historyCase } from '../../model/regression-histories'
import { optionCsv } from './helpers'

describe('regression', () => {
  it('has its label, ticks in the result\'s unit and a CSV of the history and the current run', () => {
    expect(regression.label).toBe('regression')
    const step = checkBenchmark(historyCase('step').map((r, i) => ({ ...validateRun(r), id: i + 1 })))
    const verdict = step.results[0]
    const option = regressionChartOption(verdict, step.current) as { yAxis: { name: string; axisLabel: { formatter: string } } }
    expect(option.yAxis.name).toBe(verdict.result)
    expect(option.yAxis.axisLabel.formatter).toBe(`{bp:quantity:${verdict.units}}`)
    const rows = optionCsv(regression.csv, option)
    expect(rows[0]).toEqual(['series', 'x', 'y'])
    expect(rows.filter((r) => r[0] === 'history').length).toBe(verdict.historyValues.length + 1)
    expect(rows.filter((r) => r[0] === 'current').length).toBe(1)
  })

  it('shows a bool result as a rate from 0 to 1, and a float fitted to its values', () => {
    const runs = [0, 1, 2, 3, 4].map((k) => ({ ...validateRun({ benchmark: 'b', time: `2026-11-0${k + 1}T00:00:00Z`, results: [{ name: 'ok', kind: 'bool' }, { name: 't', kind: 'float' }], samples: [{ results: { ok: true, t: 1 + k } }] }), id: k + 1 }))
    const v = checkBenchmark(runs)
    const axis = (result: string) => (regressionChartOption(v.results.find((r) => r.result === result)!, v.current) as { yAxis: Record<string, unknown> }).yAxis
    expect([axis('ok').min, axis('ok').max, axis('ok').scale]).toEqual([0, 1, undefined])
    expect([axis('t').min, axis('t').max, axis('t').scale]).toEqual([undefined, undefined, true])
  })
})

