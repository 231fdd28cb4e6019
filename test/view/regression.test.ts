import { describe, expect, it } from 'bun:test'
import { echartsSvg } from '../helpers/echarts-svg'
import { buildHistories, historySeries } from '../../src/model/history'
import { checkBenchmark, compareRuns, sparkText, summarizeBenchmark } from '../../src/model/regression'
import { validateRun } from '../../src/model/run-format'
import type { Run } from '../../src/model/types'
import { historyChartOption, historySummary, regressionChartOption, regressionSummary, sparklineSvg, type ChartOption } from '../../src/plots'
import { ComparisonView, serverLinks } from '../../src/view'
import { HistoryFigure, IndexRowView, VerdictSummary } from '../../src/view/regression'
import type { HistoryChartOptions } from '../../src/plots'
import type { HistorySeries, RunRef } from '../../src/model/history'
import type { ResultVerdict } from '../../src/model/regression'

const verdictSummaryHtml = (v: Parameters<typeof VerdictSummary>[0]['verdict']) => VerdictSummary({ verdict: v })
const comparisonHtml = (c: Parameters<typeof ComparisonView>[0]['comparison']) => ComparisonView({ comparison: c })
const indexRowHtml = (row: Parameters<typeof IndexRowView>[0]['row']) => IndexRowView({ row, links: serverLinks })
const historyFigureHtml = (series: HistorySeries, opts: HistoryChartOptions = {}) =>
  HistoryFigure({ chart: 'history', result: series.result, option: historyChartOption(series, opts), id: 'h0-0', width: 700, height: 350, label: '', description: historySummary(series) })
const regressionFigureHtml = (r: ResultVerdict, current: RunRef) =>
  HistoryFigure({ chart: 'regression', result: r.result, option: regressionChartOption(r, current), id: 'v0-0', width: 700, height: 350, label: '', description: regressionSummary(r, current) })
import { historyCase, type HistoryCase } from '../model/regression-histories'

const runsOf = (kind: HistoryCase): Run[] => historyCase(kind).map((r, i) => ({ ...validateRun(r), id: i + 1 }))
const optionIn = (html: string): ChartOption => JSON.parse((html.match(/<script type="application\/json" class="chart-option">(.*?)<\/script>/s) as RegExpMatchArray)[1])

// ECharts' own SSR, untouched by bench-plot's renderer: an option that draws there draws anywhere.
const renderSvg = (option: ChartOption, size: { width: number; height: number }) => echartsSvg(option, size)

describe('verdictSummaryHtml (what the top of the newest run shows)', () => {
  it('step: regressed results with change, baseline, current, method, threshold and the inputs that regressed', () => {
    const html = verdictSummaryHtml(checkBenchmark(runsOf('step')))
    expect(html).toContain('data-verdict="regressed"')
    expect(html).toContain('<strong>2 regressions detected</strong>')
    expect(html).toContain('#7 v1.6 (2026-10-07 12:00) against 6 earlier runs')
    expect(html).toMatch(/<tr class="verdict-regressed" data-result="time" data-verdict="regressed"><td class="result">time<\/td>.*?\+44\.9%.*?369\.8 ms.*?535\.8 ms.*?adaptive <span class="fired">\(step\)<\/span>.*?3\.5σ \(gate 10%\)/)
    expect(html).toContain('Regressed at n=1000 (+49.9%, p=0.0004448)')
  })

  it.each([
    ['noise', 'No regressions detected', 'unchanged'],
    ['improvement', 'No regressions detected', 'improved'],
    ['drift', '2 regressions detected', 'regressed'],
    ['single', 'Young baseline: nothing to compare with yet', 'young'],
  ] as const)('%s: says "%s"', (kind, headline, verdict) => {
    const html = verdictSummaryHtml(checkBenchmark(runsOf(kind)))
    expect(html).toContain(headline)
    expect(html).toContain(`data-result="time" data-verdict="${verdict}"`)
  })

  it('input change: says a new history started and what changed; the result is young with the footnote', () => {
    const html = verdictSummaryHtml(checkBenchmark(runsOf('input-change')))
    expect(html).toContain('A new history started here: the inputs changed.')
    expect(html).toContain('<li>input &quot;n&quot;: values added 10000</li>')
    expect(html).toContain('time<sup>†</sup>')
    expect(html).toContain('young baseline — notify only, does not block')
  })

  it('escapes user text', () => {
    const runs = runsOf('step').map((r) => ({ ...r, timeLabel: '<b>v</b>', results: r.results.map((x) => ({ ...x, name: x.name === 'time' ? '</script><i>t' : x.name })), data: { '</script><i>t': r.data.time, throughput: r.data.throughput } }))
    const v = checkBenchmark(runs)
    const html = verdictSummaryHtml(v) + regressionFigureHtml(v.results[0], v.current)
    expect(html).not.toContain('<i>')
    expect(html).not.toContain('<b>v')
    expect(html).toContain('&lt;/script&gt;&lt;i&gt;t')
    expect(html.match(/<\/script>/g)).toHaveLength(1) // only the option block's own end tag
    expect(optionIn(html).title).toMatchObject({ text: expect.stringContaining('</script><i>t') })
  })
})

describe('chart figures', () => {
  it('history: data-chart="history" with the SVG and the option, bands and points named by run', () => {
    const [history] = buildHistories(runsOf('drift'))
    const html = historyFigureHtml(historySeries(history, 'time'))
    expect(html).toStartWith('<figure class="chart chart-history" data-chart="history" data-result="time"')
    expect(html).toContain('<svg')
    const option = optionIn(html) as { series: { name: string; data: unknown[] }[]; xAxis: { data: string[] } }
    expect(option.series.map((s) => s.name)).toEqual(['10–90 % low', '10–90 %', '25–75 % low', '25–75 %', 'mean', 'runs'])
    expect(option.xAxis.data[0]).toBe('#1 v1.0')
    expect(option.series[5].data[0]).toMatchObject({ name: expect.stringContaining('#1 v1.0 (2026-10-01 12:00)') })
  })

  it('history by date uses a time axis', () => {
    const [history] = buildHistories(runsOf('noise'))
    const option = historyChartOption(historySeries(history, 'time', { point: { n: 10 } }), { xAxis: 'time' }) as { xAxis: { type: string }; title: { subtext: string } }
    expect(option.xAxis.type).toBe('time')
    expect(option.title.subtext).toBe('n=10')
    expect(renderSvg(option, { width: 700, height: 350 })).toContain('<svg')
  })

  it('regression: current point red when regressed, green otherwise; band clipped to the gating side', () => {
    const step = checkBenchmark(runsOf('step'))
    const red = regressionChartOption(step.results[0], step.current) as { series: { name: string; itemStyle?: { color: string }; markArea?: { data: { yAxis: number }[][] } }[] }
    expect(red.series.find((s) => s.name === 'current')?.itemStyle?.color).toBe('#d62728')
    const area = red.series[0].markArea?.data[0] as { yAxis: number }[]
    expect(area[0].yAxis).toBeCloseTo(step.results[0].judgement.baseline) // minimize: from the baseline up
    const noise = checkBenchmark(runsOf('noise'))
    const html = regressionFigureHtml(noise.results[0], noise.current)
    expect(html).toContain('data-chart="regression" data-result="time"')
    expect(html).toContain('<svg')
    const green = optionIn(html) as { series: { name: string; itemStyle?: { color: string } }[]; title: { text: string } }
    expect(green.series.find((s) => s.name === 'current')?.itemStyle?.color).toBe('#2ca02c')
    expect(green.title.text).toContain('time — adaptive — OK')
  })
})

describe('comparisonHtml', () => {
  it('marks significant changes and gives the ratio per point', () => {
    const runs = runsOf('step')
    const html = comparisonHtml(compareRuns(runs[5], runs[6]))
    expect(html).toContain('data-regressed="true"')
    expect(html).toMatch(/<tr class="verdict-regressed" data-verdict="regressed"><td>n=1000<\/td>.*?<td class="num ratio">1\.499<\/td>.*?<span class="significant"/)
    expect(html).toContain('<tr class="verdict-unchanged" data-verdict="unchanged"><td>n=10</td>')
  })
})

describe('index row and sparkline', () => {
  it('sparklineSvg draws a 120x28 inline SVG with band, line, nodes and dot column', () => {
    const svg = sparklineSvg(sparkText([{ mean: 1, std: 0.1 }, { mean: 2, std: 0.1 }, { mean: Number.NaN, std: 0 }, { mean: 1.5, std: 0.2 }]))
    expect(svg).toStartWith('<svg class="sparkline"')
    expect(svg).toContain('width="120" height="28"')
    expect(svg).toContain('preserveAspectRatio="none"')
    expect(svg).toContain('<polygon')
    expect(svg).toContain('<polyline')
    expect(svg.match(/<circle/g)).toHaveLength(6) // 3 nodes and 3 dots; the missing run is skipped
    expect(svg).not.toContain('NaN')
    expect(sparklineSvg(sparkText([]))).toBe('')
    expect(sparklineSvg(sparkText([{ mean: 5, std: 0 }]))).not.toContain('NaN')
  })

  it('indexRowHtml has sortable data attributes, the latest value, sparkline and verdict', () => {
    const html = indexRowHtml(summarizeBenchmark({ name: 'a&b', runs: runsOf('step') }))
    expect(html).toStartWith('<tr class="index-row" data-name="a&amp;b" data-runs="7" data-latest="2026-10-07T12:00:00.000Z" data-verdict="regressed">')
    expect(html).toContain('<a href="/b/a%26b">a&amp;b</a>')
    expect(html).toContain('<span class="num latest">535.8 ms</span>')
    expect(html).toContain('<svg class="sparkline"')
    expect(html).toContain('<span class="num change">+44.9%</span>')
  })

  it('indexRowHtml says so when a benchmark has no float or bool result, instead of an empty cell', () => {
    const run = { ...validateRun({ benchmark: 'notes', results: [{ name: 'note', kind: 'string' }], samples: [{ inputs: {}, repeat: 1, results: { note: 'ok' } }] }), id: 1 }
    const html = indexRowHtml(summarizeBenchmark({ name: 'notes', runs: [run] }))
    expect(html).toContain('<td class="results"><span class="more">No float or bool result to judge.</span></td>')
    expect(indexRowHtml(summarizeBenchmark({ name: 'a', runs: runsOf('step') }))).toContain('<td class="results"><div class="index-results"><div class="index-result"')
  })
})

describe('per-point tables of a big sweep', () => {
  // 400 points, 3 repeats; B is 50 % slower on the first 30 points only.
  const sweep = (slow: boolean, id: number): Run => {
    const samples = []
    for (let n = 0; n < 400; n++) for (let repeat = 1; repeat <= 3; repeat++) samples.push({ inputs: { n }, repeat, results: { time: (1 + n) * (slow && n < 30 ? 1.5 : 1) * (1 + repeat * 1e-3) } })
    return { ...validateRun({ benchmark: 'big', time: `2026-11-0${id}T00:00:00Z`, samples }), id }
  }
  it('shows at most 100 rows, the changed points first, and says how many are left out', () => {
    const html = comparisonHtml(compareRuns(sweep(false, 1), sweep(true, 2)))
    const rows = html.match(/<tr class="verdict-/g) ?? []
    expect(rows).toHaveLength(100)
    expect((html.match(/data-verdict="regressed"><td>/g) ?? []).length).toBe(30)
    expect(html.indexOf('<td>n=29</td>')).toBeLessThan(html.indexOf('<td>n=30</td>'))
    expect(html).toContain('300 more points not shown, none of them changed')
  })
})
