// docs/examples/own-panels.ts, run as a reader would: `bun docs/examples/own-panels.ts <cachedir>`.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { join, resolve } from 'node:path'
import { runBin, tempDir } from '../helpers/binary'

const root = resolve(import.meta.dir, '../..')
const script = join(root, 'docs/examples/own-panels.ts')
let proc: Bun.Subprocess<'ignore', 'pipe', 'pipe'>
let url: string
let dir: string

beforeAll(async () => {
  dir = tempDir()
  // From the project's folder, as a reader runs it: Bun takes the JSX settings from its tsconfig.json.
  proc = Bun.spawn([process.execPath, script, join(dir, 'cachedir')], { cwd: root, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' })
  const reader = proc.stdout.getReader()
  let out = ''
  const deadline = Date.now() + 20000
  while (!/Serving sort at (\S+)\n/.test(out)) {
    if (Date.now() > deadline) throw new Error(`the example did not start: ${out}`)
    const { value, done } = await reader.read()
    if (done) throw new Error(`the example exited: ${out} ${await new Response(proc.stderr).text()}`)
    out += new TextDecoder().decode(value)
  }
  url = (out.match(/Serving sort at (\S+)\n/) as RegExpMatchArray)[1]
})

afterAll(async () => {
  proc?.kill('SIGTERM')
  await proc?.exited
})

describe('the own-panels example of docs/', () => {
  it('serves the benchmark with its panels from the plot function: summary before, ECharts beside time, table after', async () => {
    const html = await (await fetch(`${url}b/sort`)).text()
    expect(html).toContain('<strong>2 runs</strong> of <em>sort</em>')
    const beside = html.indexOf('data-panels="result"')
    expect(beside).toBeGreaterThan(html.indexOf('data-result-section="time"'))
    // The bar chart of ratios is drawn on the server: its SVG names the series' categories.
    expect(html.slice(beside)).toMatch(/Merge sort over quick sort[^]*?<svg[^>]*>[^]*?100000[^]*?<\/svg>/)
    expect(html).toContain('Sorting on 2026-11-21')
    expect(html).toContain('live.js')
  })

  it('calls the plot function again after a new run is recorded', async () => {
    const run = { benchmark: 'sort', title: 'Sorting on 2026-11-22', time: '2026-11-22T09:00:00Z', samples: [{ inputs: { n: 1000, algo: 'quick' }, results: { time: 1e-5 } }] }
    await Bun.write(join(dir, 'third.json'), JSON.stringify(run))
    expect((await runBin(['import', 'third.json', '--cachedir', join(dir, 'cachedir')], { cwd: dir })).code).toBe(0)
    const deadline = Date.now() + 10000
    let html = ''
    while (!html.includes('<strong>3 runs</strong>') && Date.now() < deadline) {
      html = await (await fetch(`${url}b/sort`)).text()
      await Bun.sleep(150)
    }
    expect(html).toContain('<strong>3 runs</strong> of <em>sort</em>')
  }, 30000)
})
