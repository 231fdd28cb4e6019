// plotServer(name, { panels }): a list or a plot function, checked as the run format's panels.
import { afterEach, describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import { BenchPlotError, openStore, plotServer, type Benchmark, type RunningServer } from '../../src/index'
import { tempDir } from '../helpers/binary'

async function storeWithRun(): Promise<string> {
  const cachedir = join(tempDir(), 'cachedir')
  const store = await openStore(join(cachedir, 'bench-plot.sqlite'))
  await store.record({ benchmark: 'sort', results: [{ name: 'time', units: 's' }], samples: [{ inputs: { n: 1 }, results: { time: 0.5 } }, { inputs: { n: 2 }, results: { time: 0.9 } }] })
  await store.close()
  return cachedir
}

let server: RunningServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

describe('plotServer panels', () => {
  it('shows a list with the benchmark, beside the result it names', async () => {
    server = await plotServer('sort', { cachedir: await storeWithRun(), panels: [{ kind: 'markdown', title: 'From code', text: '*hello*', place: 'result:time' }] })
    const html = await (await fetch(`${server.url}b/sort`)).text()
    const at = html.indexOf('data-panels="result"')
    expect(at).toBeGreaterThan(html.indexOf('data-result-section="time"'))
    expect(html.slice(at)).toMatch(/^data-panels="result">\s*<section class="bp-panel bp-panel-markdown"[^>]*><h4 class="bp-panel-title">From code<\/h4><div class="markdown"><p><em>hello<\/em><\/p>/)
  })

  it('refuses a bad list before any port is bound, naming the JSON path', async () => {
    const bad = [{ kind: 'echarts', option: { series: [{ label: { formatter: () => 'x' } }] } }]
    const err = await plotServer('sort', { cachedir: await storeWithRun(), panels: bad }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BenchPlotError)
    expect((err as Error).message).toBe('plotServer panels: panels[0].option.series[0].label.formatter: a function is not allowed in an ECharts option (it must be plain JSON)')
  })

  it('calls a plot function with the loaded benchmark, its runs with their data', async () => {
    const seen: number[][] = []
    const panels = (b: Benchmark) => {
      seen.push(Array.from(b.runs[0].data.time as Float64Array))
      return [{ kind: 'table', title: b.name, columns: ['runs'], rows: [[b.runs.length]] }]
    }
    server = await plotServer('sort', { cachedir: await storeWithRun(), panels })
    const html = await (await fetch(`${server.url}b/sort`)).text()
    expect(seen).toEqual([[0.5, 0.9]])
    expect(html).toMatch(/data-panel-kind="table"[^>]*><h4 class="bp-panel-title">sort<\/h4>[^]*?<td class="num">1<\/td>/)
  })
})
