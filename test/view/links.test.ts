import { describe, expect, it } from 'bun:test'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { validateRun } from '../../src/model/run-format'
import { parseChartRequest } from '../../src/plots'
import { createHistoryCache } from '../../src/server/history-cache'
import { comparePage, historyPage, indexPage, runPage } from '../../src/server/loaders'
import { createPageCache } from '../../src/server/page-cache'
import { memorySource } from '../../src/server'
import type { ServerContext } from '../../src/server/context'
import { BenchmarkPage, ComparePage, fileSlug, HistoryPage, IndexPage, serverLinks, staticLinks, type Links } from '../../src/view'
import { sortRun } from '../fixtures/sort-run'

const charts = parseChartRequest({ plots: 'violin,scatter', logy: '1' })
const name = 'odd name/&?#'

// Two runs of a benchmark whose name needs escaping in every URL form, drawn through the loaders with the given Links.
function context(links: Links): ServerContext {
  const runs = [0, 1].map((i) => ({ ...validateRun({ ...sortRun(), benchmark: name, time: `2026-10-0${i + 1}T00:00:00Z` }), id: i + 1 }))
  const source = memorySource([{ name, runs }])
  return { source, name: null, cachedir: null, location: 'memory', pages: createPageCache(), histories: createHistoryCache(source), links, exists: () => true, recordings: () => ({ status: 'ok', version: null, problem: null, viewable: true }) }
}

async function pages(links: Links): Promise<string[]> {
  const ctx = context(links)
  return [
    BenchmarkPage(await (await runPage(ctx, name, { charts, allPoints: false })).load()),
    BenchmarkPage(await (await runPage(ctx, name, { run: 1, vs: null, charts: parseChartRequest({}), page: 1, allPoints: false })).load()),
    HistoryPage(await (await historyPage(ctx, name, { x: 'order', charts })).load()),
    ComparePage(await (await comparePage(ctx, name, {})).load()),
    IndexPage(await (await indexPage(ctx, {})).load()),
  ]
}

const urlsIn = (html: string) => [...html.matchAll(/\s(?:href|src|action|data-chart-url|data-lazy)="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))

describe('serverLinks', () => {
  it('writes page state as the query strings the routes read', async () => {
    expect(serverLinks.benchmark(name)).toBe('/b/odd%20name%2F%26%3F%23')
    expect(serverLinks.benchmark('sort', { run: 3, vs: null, charts, page: 2, anchor: 'samples' })).toBe('/b/sort?run=3&vs=none&plots=violin,scatter&logy=1&page=2#samples')
    expect(serverLinks.benchmark('sort', { run: 3, vs: 1, allPoints: true })).toBe('/b/sort?run=3&vs=1&points=all')
    expect(serverLinks.history('sort', { history: 0, point: 4, x: 'date' })).toBe('/b/sort?view=history&history=0&point=4&x=date')
    expect(serverLinks.compare('sort', 1, 2)).toBe('/b/sort/compare?a=1&b=2')
    expect(serverLinks.chart('sort', 'r1s2', { run: 1, vs: null, charts }, true)).toBe('/b/sort/chart/r1s2?run=1&vs=none&plots=violin,scatter&logy=1&frame=1')
    expect(serverLinks.figure('sort', 'r1s2p0', { run: 1, vs: 2, charts: parseChartRequest({}) })).toBe('/b/sort/figure/r1s2p0?run=1&vs=2')
    expect(serverLinks.samples(name, 1, 'csv')).toBe('/api/benchmarks/odd%20name%2F%26%3F%23/runs/1/samples.csv')
    expect(serverLinks.media('img/a b.png')).toBe('/media/img/a%20b.png')
    expect(serverLinks.recording('rrd/x/y.rrd')).toBe('/rrd_static/x/y.rrd')
  })

  it('is the only source of the URLs a served page holds', async () => {
    for (const html of await pages(serverLinks)) {
      for (const url of urlsIn(html)) expect(url.startsWith('/') || url.startsWith('#') || url.startsWith('data:')).toBe(true)
    }
  })
})

describe('staticLinks', () => {
  it('expresses every page state as a relative file path with no query string', async () => {
    const links = staticLinks('../../')
    expect(links.benchmark(name)).toBe(`../../b/${encodeURIComponent(fileSlug(name))}/index.html`)
    expect(links.benchmark('sort', { run: 3, vs: null, charts, page: 2, anchor: 'samples' })).toBe('../../b/sort/run-3-vs-none-plots-violin+scatter-logy-page-2.html#samples')
    expect(links.history('sort', { history: 1, point: 4, x: 'date' })).toBe('../../b/sort/history-1-point-4-date.html')
    expect(links.compare('sort', 1, 2)).toBe('../../b/sort/compare-1-2.html')
    expect(links.figure('sort', 'r1s2p0', { run: 1, vs: null, charts: parseChartRequest({}) })).toBe('../../b/sort/charts/r1s2p0-run-1.svg')
    expect(links.asset('charts.js')).toBe('../../assets/charts.js')
    // A name that would read as a path or a hidden file is one file name.
    expect(fileSlug('../x')).toBe('%2E.%2Fx')
  })

  it('gives pages whose every link stays inside the report, without a server', async () => {
    const root = 'file:///report/'
    const from = `${root}b/${encodeURIComponent(fileSlug(name))}/`
    for (const html of await pages(staticLinks('../../'))) {
      const urls = urlsIn(html)
      expect(urls.length).toBeGreaterThan(3)
      for (const url of urls) {
        if (url.startsWith('data:') || url.startsWith('#')) continue
        expect(url).not.toContain('?')
        expect(new URL(url, from).href.startsWith(root)).toBe(true)
      }
      // No form: a static report cannot answer one.
      expect(html).not.toContain('<form')
    }
  })
})

describe('one escape function', () => {
  it('is the only code in src that writes HTML entities', async () => {
    const src = join(import.meta.dir, '../../src')
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f))
    const offenders = files.filter((f) => {
      if (f === join('format', 'escape.ts')) return false
      const text = readFileSync(join(src, f), 'utf8')
      return /&amp;|&lt;|&gt;|&#3[49];|escapeHTML|Html\.escapeHtml/.test(text)
    })
    expect(offenders.map((f) => relative(src, join(src, f)))).toEqual([])
  })
})
