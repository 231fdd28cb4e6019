import { describe, expect, it } from 'bun:test'
import { BenchPlotError } from '../../src/errors'
import { checkPanels } from '../../src/model/panels'
import { parseRunsJson, runToInput, validateRun } from '../../src/model/run-format'

const base = { benchmark: 'sort', results: [{ name: 'time', units: 's' }], samples: [{ inputs: { n: 1 }, results: { time: 0.5 } }] }
const withPanels = (panels: unknown) => ({ ...base, panels })

function problem(panels: unknown): string {
  try {
    validateRun(withPanels(panels), { source: 'runs.json' })
  } catch (err) {
    expect(err).toBeInstanceOf(BenchPlotError)
    expect((err as BenchPlotError).code).toBe('PARSE')
    return (err as Error).message
  }
  throw new Error('accepted')
}

describe('panels in the run format', () => {
  it('reads every kind, with places defaulting to after, and round-trips through runToInput', () => {
    const panels = [
      { kind: 'markdown', title: 'Notes', text: '# Hi\n\n<script>alert(1)</script>', place: 'before' },
      { kind: 'image', title: 'Flame', path: 'img/flame.png', place: 'result:time' },
      { kind: 'video', path: 'vid/run.mp4' },
      { kind: 'table', title: 'Machines', columns: ['host', 'cores'], rows: [['a', 4], ['b', null]] },
      { kind: 'echarts', title: 'Pie', option: { series: [{ type: 'pie', data: [{ name: 'x', value: 1 }] }] } },
    ]
    const run = validateRun(withPanels(panels))
    expect(run.panels?.map((p) => [p.kind, p.place])).toEqual([
      ['markdown', 'before'],
      ['image', 'result:time'],
      ['video', 'after'],
      ['table', 'after'],
      ['echarts', 'after'],
    ])
    expect(run.panels?.[2].title).toBe('')
    const again = validateRun(runToInput(run))
    expect(again.panels).toEqual(run.panels)
  })

  it('leaves a run without panels as before (no field)', () => {
    expect('panels' in validateRun(base)).toBe(false)
  })

  it('names the JSON path of each problem', () => {
    expect(problem([{ kind: 'plot', title: 'x' }])).toBe('runs.json: panels[0].kind: expected one of markdown, image, video, table, echarts, got "plot"')
    expect(problem([{ kind: 'image', path: '../etc/passwd' }])).toBe('runs.json: panels[0].path: expected a path relative to the cache directory, got "../etc/passwd"')
    expect(problem([{ kind: 'video', path: '/etc/passwd' }])).toMatch(/^runs\.json: panels\[0\]\.path: expected a path relative/)
    expect(problem([{ kind: 'markdown', text: 'x' }, { kind: 'echarts', option: { title: { text: '<script>alert(1)</script>' } } }])).toBe(
      'runs.json: panels[1].option.title.text: HTML is not allowed in an ECharts option (a string holds "<"): "<script>alert(1)</script>"',
    )
    expect(problem([{ kind: 'echarts', option: { series: [{ data: [1, 2] }, { name: 'javascript:alert(1)' }] } }])).toMatch(/panels\[0\]\.option\.series\[1\]\.name: a script or data URL/)
    expect(problem([{ kind: 'table', columns: ['a', 'b'], rows: [['x', 1], ['y']] }])).toBe('runs.json: panels[0].rows[1]: expected 2 cells (one per column), got 1')
    expect(problem([{ kind: 'table', columns: ['a'], rows: [[{ x: 1 }]] }])).toMatch(/panels\[0\]\.rows\[0\]\[0\]: expected a string, number, boolean or null/)
    expect(problem([{ kind: 'markdown', text: 'x', place: 'result:memory' }])).toBe('runs.json: panels[0].place: no result named "memory" in this run (results: time)')
    expect(problem([{ kind: 'markdown', text: 'x', place: 'middle' }])).toMatch(/panels\[0\]\.place: expected "before", "after" or "result:<name>"/)
    expect(problem([{ kind: 'markdown', text: 'x', colour: 'red' }])).toMatch(/panels\[0\]\.colour: unknown field of a markdown panel/)
    expect(problem({ kind: 'markdown' })).toMatch(/^runs\.json: panels: expected an array/)
    expect(problem([{ kind: 'echarts', option: [] }])).toMatch(/panels\[0\]\.option: expected an object/)
  })

  it('refuses functions and class instances in an option given from code', () => {
    const run = { ...withPanels([{ kind: 'echarts', option: { tooltip: { formatter: () => 'x' } } }]) }
    expect(() => validateRun(run, { source: 'record()' })).toThrow('record(): panels[0].option.tooltip.formatter: a function is not allowed in an ECharts option (it must be plain JSON)')
    expect(() => checkPanels([{ kind: 'echarts', option: { xAxis: { min: new Date(0) } } }], 'plotServer')).toThrow('plotServer: panels[0].option.xAxis.min: expected plain JSON, got Date')
    expect(() => checkPanels([{ kind: 'echarts', option: { yAxis: { max: Number.POSITIVE_INFINITY } } }], 'plotServer')).toThrow(/option\.yAxis\.max: expected a finite number/)
  })

  it('takes any result name in a place from code, where the run is not known yet', () => {
    expect(checkPanels([{ kind: 'markdown', text: 'x', place: 'result:anything' }], 'plotServer')[0].place).toBe('result:anything')
  })

  it('counts in the fingerprint: the same run with other panels is another run', () => {
    const a = parseRunsJson(JSON.stringify(withPanels([{ kind: 'markdown', text: 'a' }])))[0]
    const b = parseRunsJson(JSON.stringify(withPanels([{ kind: 'markdown', text: 'b' }])))[0]
    expect(a.fingerprint).not.toBe(b.fingerprint)
  })
})
