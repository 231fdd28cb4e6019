// Panels in the run format, end to end: `bench-plot import` checks them, the store keeps them, the
// served page draws them (in Chromium: markdown sanitised, the ECharts panel drawn and hydrated).
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { Database } from 'bun:sqlite'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { encode } from 'fast-png'
import { runBin, tempDir } from '../helpers/binary'
import { artifactsDir, serveInChromium, type ServedInChromium } from '../helpers/browser'

const artifacts = artifactsDir('panels')

const run = (panels: unknown[]) => ({
  benchmark: 'sort',
  title: 'Sorting with panels',
  inputs: [{ name: 'n', values: [10, 100, 1000] }],
  results: [{ name: 'time', units: 's' }],
  samples: [10, 100, 1000].map((n) => ({ inputs: { n }, results: { time: n * 1e-6 } })),
  panels,
})

const goodPanels = [
  { kind: 'markdown', title: 'Read me first', text: 'Measured on **the CI box**. <script>window.pwned = 1</script><img src="https://example.com/x.png" onerror="window.pwned = 2">', place: 'before' },
  { kind: 'image', title: 'Flame graph', path: 'img/flame.png', place: 'result:time' },
  { kind: 'table', title: 'Machines', columns: ['host', 'cores', 'note'], rows: [['ci-1', 8, '<b>fast</b>'], ['ci-2', 4, null]] },
  {
    kind: 'echarts',
    title: 'Share of time',
    option: { series: [{ type: 'pie', radius: '60%', data: [{ name: 'parse', value: 3 }, { name: 'sort', value: 5 }, { name: 'print', value: 1 }] }] },
  },
  { kind: 'image', title: 'Not there', path: 'img/missing.png' },
]

let dir: string
let site: ServedInChromium

beforeAll(async () => {
  dir = tempDir()
  mkdirSync(join(dir, 'cachedir', 'img'), { recursive: true })
  // A real PNG, 4x2 red pixels.
  writeFileSync(join(dir, 'cachedir', 'img', 'flame.png'), encode({ width: 4, height: 2, data: new Uint8Array(4 * 2 * 4).fill(200), channels: 4 }))
  writeFileSync(join(dir, 'good.json'), JSON.stringify(run(goodPanels)))
  const imported = await runBin(['import', 'good.json'], { cwd: dir })
  expect(imported.code).toBe(0)
  site = await serveInChromium(['sort'], dir)
})

afterAll(() => site?.close())

describe('bad panels on import', () => {
  const cases: [string, unknown[], RegExp][] = [
    ['a path outside cachedir', [{ kind: 'image', path: '../../etc/passwd' }], /^bench-plot: bad\.json: panels\[0\]\.path: expected a path relative to the cache directory, got "\.\.\/\.\.\/etc\/passwd"\n$/],
    ['an absolute path', [{ kind: 'video', path: '/etc/passwd' }], /^bench-plot: bad\.json: panels\[0\]\.path: expected a path relative to the cache directory/],
    ['<script> in an option string', [{ kind: 'markdown', text: 'ok' }, { kind: 'echarts', option: { title: { text: '<script>alert(1)</script>' } } }], /^bench-plot: bad\.json: panels\[1\]\.option\.title\.text: HTML is not allowed in an ECharts option/],
    ['an unknown kind', [{ kind: 'iframe', title: 'x' }], /^bench-plot: bad\.json: panels\[0\]\.kind: expected one of markdown, image, video, table, echarts, got "iframe"\n$/],
    ['a place naming no result', [{ kind: 'markdown', text: 'x', place: 'result:memory' }], /^bench-plot: bad\.json: panels\[0\]\.place: no result named "memory"/],
  ]
  for (const [what, panels, message] of cases) {
    it(`refuses ${what} in one line, exit 2, writing nothing`, async () => {
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...run(panels), tag: what }))
      const r = await runBin(['import', 'bad.json'], { cwd: dir })
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      const db = new Database(join(dir, 'cachedir', 'bench-plot.sqlite'), { readonly: true })
      expect((db.query('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(1)
      db.close()
    })
  }
})

describe('panels on the served page', () => {
  it('are served with the run in the JSON API', async () => {
    const body = (await (await fetch(`${site.server.url}api/benchmarks/sort`)).json()) as { runs: { panels: { kind: string }[] }[] }
    expect(body.runs[0].panels.map((p) => p.kind)).toEqual(['markdown', 'image', 'table', 'echarts', 'image'])
  })

  it('are drawn on the server: before the charts, beside their result, after; ECharts as SVG; user text escaped', async () => {
    const html = await (await fetch(`${site.server.url}b/sort`)).text()
    const before = html.indexOf('data-panels="before"')
    const charts = html.indexOf('class="bp-charts"')
    const beside = html.indexOf('data-panels="result"')
    const after = html.indexOf('data-panels="after"')
    expect(before).toBeGreaterThan(0)
    expect(before).toBeLessThan(charts)
    // Beside the time result: inside its section, after its charts.
    expect(beside).toBeGreaterThan(html.indexOf('data-result-section="time"'))
    expect(after).toBeGreaterThan(beside)
    expect(html).toContain('<strong>the CI box</strong>')
    expect(html).not.toContain('<script>window.pwned')
    expect(html).not.toContain('onerror')
    expect(html).not.toContain('https://example.com/x.png')
    expect(html).toContain('&lt;b&gt;fast&lt;/b&gt;')
    const pie = html.slice(html.indexOf('data-panel-kind="echarts"'))
    expect(pie).toMatch(/^data-panel-kind="echarts"[^]*?<svg[^>]*>[^]*?parse[^]*?<\/svg>/)
    expect(html).toContain('missing: img/missing.png')
  })

  it('show in Chromium: the image loads, the pie is hydrated, no injected script ran', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${site.server.url}b/sort`)
    await page.locator('[data-panel-kind="echarts"] figure').scrollIntoViewIfNeeded()
    await page.waitForSelector('[data-panel-kind="echarts"] figure[data-hydrated="1"] canvas', { timeout: 15000 })
    const img = page.locator('[data-panel-kind="image"] img')
    await img.scrollIntoViewIfNeeded()
    await page.waitForFunction(() => {
      const i = document.querySelector<HTMLImageElement>('[data-panel-kind="image"] img')
      return i?.complete && i.naturalWidth > 0
    })
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(4)
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
    expect(await page.locator('[data-panel-kind="markdown"] .bp-panel-title').textContent()).toBe('Read me first')
    expect(await page.locator('[data-panel-kind="table"] tbody tr').count()).toBe(2)
    expect(errors).toEqual([])
    await page.locator('[data-panels="before"]').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(artifacts, 'panels-top.png') })
    await page.locator('[data-panels="after"]').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(artifacts, 'panels-after.png') })
    await page.close()
  }, 30000)
})
