// Where and when a result moved, on the page (issue 15): the verdict region leads with the latest
// change point and gives the median change over points; the index names each result's latest
// change point; the history chart draws a rule at each change point and lists them under it.
import { describe, expect, it } from 'bun:test'
import { buildHistories, historySeries } from '../../src/model/history'
import { detectRegressions, findChangePoints, findPointChangePoints, summarizeBenchmark } from '../../src/model/regression'
import { historyChartOption } from '../../src/plots'
import { serverLinks } from '../../src/view'
import { HistoryRegion, IndexRowView, VerdictRegion, VerdictSummary } from '../../src/view/regression'
import { echartsSvg } from '../helpers/echarts-svg'
import { shapeRuns } from '../model/change-point-histories'

type Rule = { name: string; xAxis: number | string; label: { formatter: string; color: string } }
type Option = { series: { name: string; markLine?: { data: Rule[] } }[] }
const rulesOf = (option: unknown) => ((option as Option).series.find((s) => s.name === 'mean')?.markLine?.data ?? []) as Rule[]
const optionsIn = (html: string): Option[] => [...html.matchAll(/<script type="application\/json" class="chart-option">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]))
const historyOf = (shape: Parameters<typeof shapeRuns>[0]) => buildHistories(shapeRuns(shape)).at(-1)!

describe('the verdict region with change points', () => {
  const verdict = detectRegressions(historyOf('step-one-algo'), { changePoints: { points: false } })

  it('leads with the latest change point: its run, size, interval, p and the points that moved', () => {
    const html = VerdictRegion({ verdict })
    const lead = (html.match(/<ul class="change-lead">(.*?)<\/ul>/s) as RegExpMatchArray)[1]
    expect(lead).toContain('data-result="time" data-run="46"')
    expect(lead).toContain('change-worse')
    expect(lead).toMatch(/<strong>time<\/strong> <span>stepped at #46 c046 \(2026-10-16 12:00\): \+2[45]\.\d% \(95% CI \+2\d\.\d% to \+2\d\.\d%\), p=0\.00\d+, at 4 of 12 points: algo=heap at every n<\/span>/)
    // The lead comes before the table of verdicts.
    expect(html.indexOf('change-lead')).toBeLessThan(html.indexOf('<table class="verdicts">'))
  })

  it('gives the median change over points with the smallest and largest, and which points moved', () => {
    const html = VerdictSummary({ verdict })
    const pct = (x: number) => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(1)}%`
    const changes = verdict.results[0].points.map((p) => p.changePercent).sort((a, b) => a - b)
    const median = (changes[5] + changes[6]) / 2
    expect(html).toContain('<th title="the median of the sweep points\' changes, with the smallest and largest">Change per point</th>')
    expect(html).toContain(`<td class="num per-point"><span class="median" title="median over 12 points">${pct(median)}</span> <span class="range">(${pct(changes[0])} to ${pct(changes[11])})</span></td>`)
    // Only heap stepped: the median is near 0 while the largest is near +25 %.
    expect(Math.abs(median)).toBeLessThan(5)
    expect(changes[11]).toBeGreaterThan(20)
    // The newest run's per-point verdicts: heap regressed at most n (significance decides each point), quick and merge stayed.
    const moved = (html.match(/<span class="points-moved">moved: (.*?)<\/span>/) as RegExpMatchArray)[1]
    expect(moved).toMatch(/^algo=heap, n=[^;]* \+2\d\.\d% to \+2\d\.\d% \(\d of 12\); .* within ±\d+\.\d%$/)
    expect(moved).not.toMatch(/algo=(quick|merge)[^;]*\+2\d/)
  })

  it('names earlier change points in the detail row, and none without change points', () => {
    const html = VerdictSummary({ verdict: detectRegressions(historyOf('recovers'), { changePoints: { points: false } }) })
    expect(html).toMatch(/stepped at #40 c040 \(2026-10-10 12:00\): -\d\d\.\d%/)
    expect(html).toMatch(/Earlier change points: #20 c020 \(2026-09-20 12:00\): \+2\d\.\d%/)
    const without = VerdictRegion({ verdict: detectRegressions(historyOf('step-one-algo')) })
    expect(without).not.toContain('change-lead')
    expect(VerdictRegion({ verdict: detectRegressions(historyOf('noise'), { changePoints: true }) })).not.toContain('change-lead')
  })

  it('escapes the result name in the lead', () => {
    const runs = shapeRuns('step').map((r) => ({ ...r, results: [{ ...r.results[0], name: '<i>t' }], data: { '<i>t': r.data.time } }))
    const html = VerdictRegion({ verdict: detectRegressions(buildHistories(runs).at(-1)!, { changePoints: { points: false } }) })
    expect(html).toContain('<strong>&lt;i&gt;t</strong> <span>stepped at #46')
    expect(html).not.toContain('<i>t')
  })
})

describe('the index row with the latest change point', () => {
  it('names the run and size of each result\'s latest change point, coloured by direction', () => {
    const row = summarizeBenchmark({ name: 'step-one-algo', runs: shapeRuns('step-one-algo') }, { latestChange: true })
    const html = IndexRowView({ row, links: serverLinks })
    expect(html).toMatch(/<span class="change-point change-worse" data-run="46" title="stepped at #46 c046 \(2026-10-16 12:00\): \+2\d\.\d% [^"]*at 4 of 12 points: algo=heap at every n">stepped at #46 c046: \+2\d\.\d%<\/span>/)
    const better = IndexRowView({ row: summarizeBenchmark({ name: 'recovers', runs: shapeRuns('recovers') }, { latestChange: true }), links: serverLinks })
    expect(better).toMatch(/class="change-point change-better" data-run="40"[^>]*>stepped at #40 c040: -\d\d\.\d%</)
    const none = IndexRowView({ row: summarizeBenchmark({ name: 'noise', runs: shapeRuns('noise') }, { latestChange: true }), links: serverLinks })
    expect(none).not.toContain('change-point')
  })
})

describe('the history chart with change points', () => {
  const history = historyOf('recovers')

  it('draws one rule per change point at its run, labelled with the run and size; by date at the run\'s time', () => {
    const cps = findChangePoints(history, 'time', { points: false }).changePoints
    expect(cps.map((c) => c.run.id)).toEqual([20, 40])
    const series = historySeries(history, 'time')
    const rules = rulesOf(historyChartOption(series, { changePoints: cps }))
    expect(rules.map((r) => r.xAxis)).toEqual([19, 39])
    expect(rules[0].label.formatter).toMatch(/^#20 \+2\d\.\d%$/)
    expect(rules[1].label.formatter).toMatch(/^#40 -\d\d\.\d%$/)
    // time is minimised: going up is worse (red), going down better (green).
    expect(rules.map((r) => r.label.color)).toEqual(['#d62728', '#2ca02c'])
    expect(rulesOf(historyChartOption(series, { changePoints: cps, xAxis: 'time' })).map((r) => r.xAxis)).toEqual([cps[0].run.time, cps[1].run.time])
    expect(rulesOf(historyChartOption(series))).toEqual([])
    // ECharts draws the labels.
    const svg = echartsSvg(historyChartOption(series, { changePoints: cps }), { width: 600, height: 340 })
    expect(svg).toContain(rules[0].label.formatter)
    expect(svg).toContain(rules[1].label.formatter)
  })

  it('the History tab marks the change points of what it follows and lists them; a point of its own', () => {
    const runs = shapeRuns('step-one-point')
    const h = buildHistories(runs).at(-1)!
    // quick at n=1000 (point 6 of algo × n) stepped at #30; heap at n=10 (point 0) did not.
    const stepped = HistoryRegion({ history: h, view: { point: 6, xAxis: 'order' }, links: serverLinks, changePoints: { time: findPointChangePoints(h, 'time', 6) } })
    expect(rulesOf(optionsIn(stepped)[0]).map((r) => r.xAxis)).toEqual([29])
    expect(stepped).toMatch(/<ul class="change-points" data-result="time"><li data-run="30">time changed at #30 c030 \(2026-09-30 12:00\): \+(29|3\d)\.\d% \(95% CI [^)]*\), p=0\.00\d+ \(after #29 c029 \(2026-09-29 12:00\)\)<\/li><\/ul>/)
    const flat = HistoryRegion({ history: h, view: { point: 0, xAxis: 'order' }, links: serverLinks, changePoints: { time: findPointChangePoints(h, 'time', 0) } })
    expect(rulesOf(optionsIn(flat)[0])).toEqual([])
    expect(flat).toContain('<p class="change-points none" data-result="time">time: no change point in this history.</p>')
  })
})
