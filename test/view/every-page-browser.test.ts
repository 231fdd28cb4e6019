// Issue 14 points 7 and 10 on every page a person reaches: the demo's pages and those of real
// result files (Google Benchmark, BenchmarkDotNet; see their SOURCES.md), served by the binary.
// Point 7 in Debian's Chromium at 1280x900: the first result's sweep chart is whole on the first
// screen, the verdict's details below it, "best" says the best overall and at the largest sweep
// input, ties say how many tie. Point 10 on the server's HTML: every chart's text alternative states
// its range and best point, checked against the values of the chart's own option.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { formatNumber, formatQuantity } from '../../src/format'
import { runBin, startServer, tempDir, type ServerProcess } from '../helpers/binary'
import { launchBrowser } from '../helpers/browser'
import { isRunPage, sitePages } from '../helpers/site-pages'

const fixtures = join(import.meta.dir, '../fixtures')
/** The files test/view/read-right-browser.test.ts imports. */
const realFiles = ['google-benchmark/memcpy-setinsert.json', 'google-benchmark/gbench-test1_run1.json', 'benchmarkdotnet/SortBench-report-full.json']
const screen = { width: 1280, height: 900 }

let demo: ServerProcess
let real: ServerProcess
let browser: Browser

beforeAll(async () => {
  demo = await startServer(['demo', '--no-open', '--cachedir', join(tempDir(), 'demo')])
  const dir = tempDir()
  for (const f of realFiles) expect((await runBin(['import', '--cachedir', dir, join(fixtures, f)])).code).toBe(0)
  real = await startServer(['serve', '--no-open', '--cachedir', dir])
  browser = await launchBrowser()
}, 60000)

afterAll(async () => {
  await browser?.close()
  await demo?.stop()
  await real?.stop()
})

type Json = Record<string, any>
type Input = { name: string; kind: string; values: unknown[] }
type Result = { name: string; kind: string; units: string; direction: string }
type RunJson = { id: number; inputs: Input[]; results: Result[] }

const runsOf = async (base: string, name: string): Promise<RunJson[]> => (await (await fetch(new URL(`/api/benchmarks/${encodeURIComponent(name)}`, base))).json()).runs

/** What the first screen of one run page breaks of point 7; empty when it holds. */
async function firstScreenFaults(base: string, path: string): Promise<string[]> {
  const page = await browser.newPage({ viewport: screen })
  try {
    await page.goto(new URL(path, base).href, { waitUntil: 'load' })
    // Until the first chart is alive (a page of tables has none to wait for).
    await page.waitForFunction(() => document.querySelector('figure[data-chart][data-hydrated]') !== null || document.querySelector('figure[data-chart] script.chart-option') === null)
    const seen = await page.evaluate(() => {
      const box = (e: Element | null | undefined) => (e ? (({ top, bottom }) => ({ top, bottom }))(e.getBoundingClientRect()) : null)
      const section = document.querySelector('section.bp-result') as HTMLElement | null
      const figure = document.querySelector('figure[data-chart]') as HTMLElement | null
      // The chart itself: the live chart once drawn, else the server's SVG; a table is its figure.
      const chart = figure?.querySelector('.bp-live') ?? figure?.querySelector('.bp-svg svg') ?? figure
      return {
        run: Number(document.querySelector('section.run')?.id.replace('run-', '')),
        section: section?.dataset.resultSection ?? null,
        figureResult: figure?.dataset.result ?? null,
        figureInSection: Boolean(section && figure && section.contains(figure)),
        chart: box(chart),
        verdict: box(document.querySelector('.verdict-region')),
        best: [...document.querySelectorAll('p.bp-best')].map((p) => ({ best: (p as HTMLElement).dataset.best ?? null, largest: (p as HTMLElement).dataset.bestLargest ?? null, ties: Number((p as HTMLElement).dataset.ties), text: p.textContent ?? '' })),
      }
    })
    const faults: string[] = []
    if (!seen.figureInSection || seen.figureResult !== seen.section) faults.push(`the first chart (${seen.figureResult}) is not the first result's (${seen.section})`)
    if (!seen.chart || seen.chart.top < 0 || seen.chart.bottom > screen.height) faults.push(`the first chart is not whole on the first screen: ${JSON.stringify(seen.chart)}`)
    if (seen.verdict && seen.chart && seen.verdict.top < seen.chart.bottom) faults.push('the verdict details come before the first chart')
    const name = decodeURIComponent(path.replace(/^\/b\//, '').replace(/\?.*$/, ''))
    const run = (await runsOf(base, name)).find((r) => r.id === seen.run)
    if (!run) return [...faults, `run ${seen.run} is not in the API`]
    const varying = run.inputs.filter((v) => v.values.length > 1)
    // The sweep input: the numeric input with the most values (the first of equals).
    const sweep = varying.filter((v) => v.kind === 'int' || v.kind === 'float').sort((a, b) => b.values.length - a.values.length)[0]
    for (const r of run.results.filter((r) => r.kind === 'float' && r.direction !== 'none')) {
      if (!seen.best.some((b) => b.best === r.name)) faults.push(`no best line for ${r.name}`)
      if (sweep && varying.length > 1) {
        const at = seen.best.find((b) => b.largest === r.name)
        if (!at) faults.push(`no best at the largest ${sweep.name} for ${r.name}`)
        else if (!at.text.startsWith(`At the largest ${sweep.name} (${sweep.name}=`)) faults.push(`the best at the largest names another input: ${at.text}`)
      }
    }
    for (const b of seen.best) {
      if (b.ties > 1 && !b.text.includes(`${b.ties} points tie`)) faults.push(`a tie of ${b.ties} is not counted: ${b.text}`)
      if (b.ties === 1 && b.text.includes('tie')) faults.push(`a single best is called a tie: ${b.text}`)
    }
    return faults
  } finally {
    await page.close()
  }
}

describe('7. the first screen of every run page at 1280x900', () => {
  it.each([
    ['the demo', () => demo],
    ['real result files', () => real],
  ] as const)('%s', async (_, server) => {
    const pages = (await sitePages(server().url)).filter(isRunPage)
    expect(pages.length).toBeGreaterThan(10)
    const found: Record<string, string[]> = {}
    for (const p of pages) {
      const faults = await firstScreenFaults(server().url, p)
      if (faults.length > 0) found[p] = faults
    }
    expect(found).toEqual({})
  }, 600000)
})

describe('6. box series told apart by more than colour', () => {
  it('draws the demo\'s boxes of each document with their own fill pattern and outline dash (the server\'s SVG, as drawn)', async () => {
    const context = await browser.newContext({ viewport: screen, javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(new URL('/b/json-parse', demo.url).href, { waitUntil: 'load' })
    const figure = page.locator('figure[data-chart=box]').first()
    const o = JSON.parse((await figure.locator('script.chart-option').textContent()) ?? '{}')
    expect(o.legend.data).toEqual(['document=twitter', 'document=canada', 'document=citm'])
    // Per series (ECharts' SVG names each element's series), the dashes of its outlines and the patterns
    // that fill its boxes (a pattern is a second path over the same shape, right after the box's own).
    const looks = await figure.evaluate((f) => {
      const bySeries = new Map<string, { dashes: Set<string>; patterns: number }>()
      let last: Element | null = null
      for (const p of f.querySelectorAll('svg path')) {
        const s = p.getAttribute('ecmeta_series_index')
        if (s === null) {
          const owner = last?.getAttribute('ecmeta_series_index')
          if (owner && last?.getAttribute('d') === p.getAttribute('d') && (p.getAttribute('fill') ?? '').startsWith('url(#')) bySeries.get(owner)!.patterns++
          continue
        }
        last = p
        const entry = bySeries.get(s) ?? { dashes: new Set<string>(), patterns: 0 }
        entry.dashes.add(p.getAttribute('stroke-dasharray') ?? 'solid')
        bySeries.set(s, entry)
      }
      return [...bySeries.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, e]) => ({ dashes: [...e.dashes].sort().join('|'), patterns: e.patterns }))
    })
    expect(looks).toHaveLength(3)
    expect(new Set(looks.map((l) => l.dashes)).size).toBe(3)
    expect(looks[0].patterns).toBe(0)
    expect(looks[1].patterns).toBeGreaterThan(0)
    expect(looks[2].patterns).toBeGreaterThan(0)
    if (process.env.BENCH_PLOT_SHOTS) await figure.screenshot({ path: join(process.env.BENCH_PLOT_SHOTS, 'json-parse-box-svg.png') })
    await context.close()
  }, 60000)
})

// --- point 10 ---

/** The values a chart of the verdict or history or comparison draws, read from its option. */
function drawnValues(kind: string, option: Json): number[] {
  const series = option.series as Json[]
  const num = (v: unknown) => (typeof v === 'number' ? [v] : [])
  if (kind === 'history') return series.filter((s) => s.name === 'runs').flatMap((s) => s.data.flatMap((d: Json) => num(d.value[1])))
  if (kind === 'regression')
    return [...series.filter((s) => s.name === 'history').flatMap((s) => s.data.flatMap((d: Json | null) => num(d?.value))), ...series.filter((s) => s.name === 'current').flatMap((s) => s.data.flatMap((d: Json) => num(d.value[1])))]
  if (kind === 'ratio') return series.flatMap((s) => s.data.flatMap((d: Json) => num(d.value[1])))
  return []
}

/** What the text alternatives of one page's charts break of point 10; empty when they hold. */
async function altFaults(base: string, path: string): Promise<string[]> {
  const html = await (await fetch(new URL(path, base))).text()
  const name = path.startsWith('/b/') ? decodeURIComponent(path.replace(/^\/b\//, '').replace(/[/?].*$/, '')) : null
  const results = name ? new Map((await runsOf(base, name)).flatMap((r) => r.results.map((x) => [x.name, x] as const))) : new Map<string, Result>()
  const faults: string[] = []
  for (const [, attrs, body] of html.matchAll(/<figure([^>]*)>([\s\S]*?)<\/figure>/g)) {
    const option = body.match(/<script type="application\/json" class="chart-option">([\s\S]*?)<\/script>/)
    if (!option) continue // a table: its text is on the page
    const kind = (attrs.match(/data-chart="([^"]+)"/) ?? [])[1]
    const result = results.get((attrs.match(/data-result="([^"]+)"/) ?? [])[1])
    const alt = (body.match(/<figcaption class="bp-alt">([^<]*)<\/figcaption>/) ?? [])[1]?.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"')
    const where = `${kind} of ${result?.name}`
    if (!alt) {
      faults.push(`${where}: no text alternative`)
      continue
    }
    if (!/: (values from .+ to .+|every value .+|one value .+)/.test(alt)) faults.push(`${where}: no range in "${alt}"`)
    if (result && result.direction !== 'none' && alt.includes('values from') && !/; best \((lowest|highest)\) /.test(alt)) faults.push(`${where}: no best in "${alt}"`)
    // Against the chart's own values: the range and the best the caption states are those drawn.
    const values = drawnValues(kind, JSON.parse(option[1]))
    if (values.length > 0 && result) {
      const fmt = kind === 'ratio' ? formatNumber : (x: number) => formatQuantity(x, result.units)
      const lo = Math.min(...values)
      const hi = Math.max(...values)
      if (lo < hi && !alt.includes(`values from ${fmt(lo)} to ${fmt(hi)}`)) faults.push(`${where}: range ${fmt(lo)}..${fmt(hi)} not in "${alt}"`)
      if (lo < hi && result.direction !== 'none' && !alt.includes(`best (${result.direction === 'minimize' ? 'lowest' : 'highest'}) ${fmt(result.direction === 'minimize' ? lo : hi)} at `)) faults.push(`${where}: wrong best in "${alt}"`)
    }
  }
  return faults
}

describe('10. a text alternative on every chart, stating its range and best point', () => {
  it.each([
    ['the demo', () => demo],
    ['real result files', () => real],
  ] as const)('%s', async (_, server) => {
    const pages = await sitePages(server().url)
    const found: Record<string, string[]> = {}
    const kinds = new Set<string>()
    for (const p of pages) {
      const html = await (await fetch(new URL(p, server().url))).text()
      for (const m of html.matchAll(/<figure[^>]*data-chart="([^"]+)"/g)) kinds.add(m[1])
      const faults = await altFaults(server().url, p)
      if (faults.length > 0) found[p] = faults
    }
    expect(found).toEqual({})
    if (server() === demo) for (const k of ['regression', 'history', 'ratio', 'curve', 'line', 'box', 'bar', 'heatmap', 'histogram']) expect(kinds).toContain(k)
  }, 120000)
})
