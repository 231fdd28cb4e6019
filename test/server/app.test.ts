import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createApp, memorySource, storeSource } from '../../src/server'
import { eagerFigures } from '../../src/server/loaders'
import { indexPageHead } from '../../src/view/index-head'
import { serverLinks } from '../../src/view/links'
import { openReadStore, openStore, type ReadStore } from '../../src/store'
import { validateRun } from '../../src/model/run-format'
import { sortRun } from '../fixtures/sort-run'
import { onEachBackend } from '../helpers/backends'
import { tempDir } from '../helpers/binary'

type App = Awaited<ReturnType<typeof createApp>>
const req = (app: App, path: string, init?: RequestInit) => app.handle(new Request(`http://localhost${path}`, init))
const evil = '<script>alert(1)</script>'

// On a SQLite store and, with $BENCH_PLOT_TEST_PG, on a PostgreSQL one (issue 18, point 6); media stay in cachedir.
onEachBackend((backend) => {
  let app: App
  let single: App
  let cachedir: string
  let location: string
  let reader: ReadStore

  beforeAll(async () => {
    cachedir = join(tempDir(), 'cachedir')
    mkdirSync(join(cachedir, 'rrd', 'job'), { recursive: true })
    mkdirSync(join(cachedir, 'img'), { recursive: true })
    writeFileSync(join(cachedir, 'rrd', 'job', 'rrd.rrd'), 'RRD')
    writeFileSync(join(cachedir, 'img', 'a.png'), 'PNG')
    writeFileSync(join(cachedir, '..', 'outside.txt'), 'secret')
    symlinkSync(join(cachedir, '..', 'outside.txt'), join(cachedir, 'img', 'out.png'))
    location = await backend.fresh(cachedir)
    const store = await openStore(location)
    await store.record(sortRun({ title: 'First', time: '2026-11-01T00:00:00Z', time_label: null }))
    await store.record(sortRun())
    await store.record({ ...sortRun(), benchmark: evil, title: '<b>bold</b>', description: `hi ${evil} <img src="https://example.com/x.png"> <img src="/media/img/a.png" alt="local"> [x](javascript:alert(3)) **strong**` })
    // 250 points × 2 repeats, 30 failures: pages of samples and "and 10 more".
    await store.record({
      benchmark: 'big',
      repeats: 2,
      inputs: [{ name: 'i', values: Array.from({ length: 250 }, (_, i) => i) }],
      results: [{ name: 't', kind: 'float' }],
      samples: Array.from({ length: 470 }, (_, k) => ({ inputs: { i: Math.floor(k / 2) }, repeat: (k % 2) + 1, results: { t: k } })),
      failures: Array.from({ length: 30 }, (_, k) => ({ inputs: { i: 235 + Math.floor(k / 2) }, repeat: (k % 2) + 1, error: `boom ${k}\ntrace` })),
    })
    await store.close()
    reader = await openReadStore(location)
    const source = storeSource(reader)
    app = await createApp({ source, name: null, cachedir })
    single = await createApp({ source, name: 'sort', cachedir })
  }, 120_000) // filling a store takes seconds on a loaded machine, more on PostgreSQL

  afterAll(async () => {
    await reader?.close()
  })

  describe('pages', () => {
    it('serves the index of every benchmark at / with no name', async () => {
      const r = await req(app, '/')
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8')
      const html = await r.text()
      expect(html).toContain('href="/b/sort"')
      expect(html).toContain('href="/b/big"')
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(html).not.toContain(evil)
    })

    it('redirects / to the benchmark when serving one', async () => {
      const r = await req(single, '/')
      expect(r.status).toBe(302)
      expect(r.headers.get('location')).toBe('/b/sort')
    })

    it('shows one tab per run, the newest selected, labelled with title and time label or time', async () => {
      const html = await (await req(app, '/b/sort')).text()
      expect(html).toContain('<title>sort</title>')
      expect(html).toMatch(/<h1>sort<\/h1>/)
      const tabs = [...html.matchAll(/<a href="\/b\/sort\?run=(\d+)"( aria-current="page")?[^>]*>([^<]*)<span class="tab-time">([^<]*)<\/span>/g)]
      expect(tabs.map((t) => [t[1], Boolean(t[2]), t[3], t[4]])).toEqual([
        ['1', false, 'First', '2026-11-01 00:00:00'],
        ['2', true, 'Sorting', 'a1b2c3d fix'],
      ])
    })

    it('shows the run: title, description, sweep sentence, parameters, failures, charts region, samples, post description', async () => {
      const html = await (await req(app, '/b/sort?run=2')).text()
      const order = [
        '<h2>Sorting</h2>',
        'How <strong>fast</strong> do we sort?',
        'Sweeping n by algo by repeat to generate a 3x2x3 result dataset containing time, ok',
        '<summary>Full data collection parameters</summary>',
        '1 of 18 samples failed',
        '<section class="charts" id="charts">',
        '<section class="samples" id="samples">',
        'Measured on a laptop.',
      ]
      const at = order.map((s) => html.indexOf(s))
      expect(at.every((i) => i >= 0)).toBe(true)
      expect([...at].sort((a, b) => a - b)).toEqual(at)
      expect(html).toContain('<details class="params">') // collapsed: no open attribute
      expect(html).toContain('<td>n</td><td class="num">3</td><td class="values">10, 100, 1000</td><td>items</td><td>input size</td>')
      expect(html).toContain('<td>seed</td><td class="values">42</td>')
      expect(html).toContain('<td>time</td><td>float</td><td>s</td><td>minimize</td>')
      expect(html).toContain('<td>n=1000, algo=heap</td><td class="num">2</td><td class="error">timeout</td>')
      expect(html).not.toContain('stack line')
      expect(html).toContain('href="/api/benchmarks/sort/runs/2/samples.csv"')
      expect(html).toContain('href="/api/benchmarks/sort/runs/2/samples.json"')
    })

    it('escapes every piece of user text and sanitises markdown', async () => {
      const r = await req(app, `/b/${encodeURIComponent(evil)}`)
      expect(r.status).toBe(200)
      const html = await r.text()
      expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>')
      expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>')
      expect(html).toContain('<h2>&lt;b&gt;bold&lt;/b&gt;</h2>')
      expect(html).not.toContain('<script>alert')
      expect(html).not.toContain('javascript:')
      expect(html).not.toContain('example.com')
      expect(html).toContain('<img src="/media/img/a.png" alt="local" />')
      expect(html).toContain('<strong>strong</strong>')
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'")
    })

    it('lists at most 20 failures, then "and K more"', async () => {
      const html = await (await req(app, '/b/big')).text()
      expect(html).toContain('30 of 500 samples failed')
      expect(html.match(/<td class="error">boom \d+<\/td>/g)).toHaveLength(20)
      expect(html).toContain('and 10 more')
    })

    it('pages the samples table, 100 rows a page, keeping other query parameters', async () => {
      const first = await (await req(app, '/b/big?logy=1')).text()
      expect(first).toContain('samples 1-100 of 470')
      expect(first).toContain('page 1 of 5')
      expect(first).toContain('href="/b/big?run=4&amp;logy=1&amp;page=2#samples"')
      const last = await (await req(app, '/b/big?run=4&page=5&logy=1')).text()
      expect(last).toContain('samples 401-470 of 470')
      expect(last.match(/<tr><td class="num">\d+<\/td><td class="num">[12]<\/td>/g)).toHaveLength(70)
      // Tabs keep ?logy= and drop ?page=.
      expect(last).toContain('href="/b/big?run=4&amp;logy=1"')
    })

    it('answers If-None-Match with 304 from the page cache', async () => {
      const r = await req(app, '/b/sort')
      const etag = r.headers.get('etag') as string
      expect(etag).toMatch(/^".+"$/)
      const again = await req(app, '/b/sort', { headers: { 'if-none-match': etag } })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')
      const other = await req(app, '/b/sort?run=1', { headers: { 'if-none-match': etag } })
      expect(other.status).toBe(200)
    })

    it('sends the page gzipped to a client that accepts it, the same page once inflated', async () => {
      const plain = await (await req(app, '/b/sort')).text()
      const r = await req(app, '/b/sort', { headers: { 'accept-encoding': 'gzip, deflate' } })
      expect(r.headers.get('content-encoding')).toBe('gzip')
      expect(r.headers.get('vary')).toBe('accept-encoding')
      const body = new Uint8Array(await r.arrayBuffer())
      expect(body.byteLength).toBeLessThan(plain.length / 3)
      expect(new TextDecoder().decode(Bun.gunzipSync(body))).toBe(plain)
    })

    it('sends the page unencoded to a client that refuses gzip (q=0), as the recordings are', async () => {
      for (const accept of ['gzip;q=0', '*, gzip;q=0', 'br', 'identity']) {
        const r = await req(app, '/b/sort', { headers: { 'accept-encoding': accept } })
        expect([accept, r.headers.get('content-encoding')]).toEqual([accept, null])
      }
      const star = await req(app, '/b/sort', { headers: { 'accept-encoding': '*' } })
      expect(star.headers.get('content-encoding')).toBe('gzip')
    })

    it('sends the index head first while it draws the rows, unencoded, then the page it kept, gzipped when accepted', async () => {
      const fresh = await createApp({ source: storeSource(reader), name: null, cachedir })
      const r = await req(fresh, '/?sort=name', { headers: { 'accept-encoding': 'gzip' } })
      expect(r.status).toBe(200)
      expect(r.headers.get('content-encoding')).toBeNull()
      const chunks = (r.body as ReadableStream<Uint8Array>).getReader()
      const decoder = new TextDecoder()
      const head = decoder.decode((await chunks.read()).value)
      expect(head).toBe(indexPageHead(serverLinks))
      expect(head).not.toContain('index-row')
      let page = head
      for (let c = await chunks.read(); !c.done; c = await chunks.read()) page += decoder.decode(c.value)
      expect(page).toContain('<tr class="index-row" data-name="sort"')
      expect(page).toEndWith('</html>')
      const again = await req(fresh, '/?sort=name', { headers: { 'accept-encoding': 'gzip' } })
      expect(again.headers.get('content-encoding')).toBe('gzip')
      expect(new TextDecoder().decode(Bun.gunzipSync(new Uint8Array(await again.arrayBuffer())))).toBe(page)
    })

    it('draws the verdict\'s charts with what the run\'s charts left of the first screen, and serves the others alone as SVG', async () => {
      const svgOf = (page: string, result: string) => page.match(new RegExp(`<figure class="chart chart-regression" data-chart="regression" data-result="${result}"[^>]*data-drawn="svg"[^>]*><div class="chart-svg bp-svg">(<svg[\\s\\S]*?</svg>)</div>`))?.[1]
      // Few charts: the verdict's come drawn.
      const roomy = await (await req(app, '/b/sort')).text()
      const drawn = [...roomy.matchAll(/<figure [^>]*data-drawn="svg"/g)].length
      expect(drawn).toBeLessThanOrEqual(eagerFigures)
      const inline = ['time', 'ok'].map((r) => svgOf(roomy, r))
      expect(inline.every((svg) => svg?.startsWith('<svg width='))).toBe(true)
      // The first screen filled by the run's charts: the verdict's are placeholders, drawn when the browser asks.
      const full = await (await req(app, '/b/sort?plots=scatter,band')).text()
      expect([...full.matchAll(/<figure class="bp-chart" [^>]*data-drawn="svg"/g)].length).toBe(eagerFigures)
      const lazy = [...full.matchAll(/<figure class="chart chart-regression" data-chart="regression" data-result="(\w+)"[^>]*data-lazy="([^"]+)"(?![^>]*data-drawn)[^>]*><div class="chart-svg bp-svg"><svg class="bp-placeholder"/g)].map((m) => ({ result: m[1], url: m[2].replaceAll('&amp;', '&') }))
      expect(lazy.map((l) => l.result)).toEqual(['time', 'ok'])
      for (const [k, { url }] of lazy.entries()) {
        expect(url).toMatch(new RegExp(`^/b/sort/figure/v2-${k}\\?run=2&vs=1&plots=scatter,band$`))
        // Without JavaScript the same drawing shows as an image.
        expect(full).toContain(`<noscript><img class="bp-lazy-svg" src="${url.replaceAll('&', '&amp;')}"`)
        const r = await req(app, url)
        expect([r.status, r.headers.get('content-type')]).toEqual([200, 'image/svg+xml; charset=utf-8'])
        expect(await r.text()).toBe(inline[k] as string)
      }
      // Only the newest run has a verdict, and it has one chart per judged result.
      expect((await req(app, '/b/sort/figure/v1-0?run=1')).status).toBe(404)
      expect((await req(app, '/b/sort/figure/v2-2?run=2')).status).toBe(404)
      expect((await req(app, '/b/sort/figure/v2-0?run=1')).status).toBe(404)
    })

    it('inlines the first screen of charts, leaves the other charts to be fetched, and serves each figure alone as SVG, cached', async () => {
      const page = await (await req(app, '/b/sort?plots=scatter,band&run=1')).text()
      const eager = [...page.matchAll(/<figure class="bp-chart" [^>]*data-figure="([^"]+)"(?![^>]*data-lazy)[^>]*>/g)].map((m) => m[1])
      expect(eager.length).toBe(eagerFigures)
      // Charts after the first screen are placeholders: their options are built when the browser asks.
      const charts = [...page.matchAll(/<div class="bp-lazy-chart" [^>]*data-chart-url="([^"]+)">/g)].map((m) => m[1].replaceAll('&amp;', '&'))
      expect(charts.length).toBeGreaterThan(1)
      const lazy: { id: string; svg: string; url: string }[] = []
      for (const url of charts) {
        expect(url).toMatch(/^\/b\/sort\/chart\/r1s\d+\?run=1&vs=none&plots=scatter,band$/)
        const r = await req(app, url)
        expect([r.status, r.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8'])
        const fragment = await r.text()
        expect(fragment).toStartWith('<div class="bp-group')
        expect(fragment).toContain('<script type="application/json" class="chart-option">')
        // Its figures come drawn: the server's SVG, marked so, the same as each figure's own URL serves.
        expect(fragment).not.toContain('bp-placeholder')
        lazy.push(...[...fragment.matchAll(/data-figure="([^"]+)" data-drawn="svg"[^>]*><div class="bp-svg">(<svg[\s\S]*?<\/svg>)<\/div>/g)].map((m) => ({ id: m[1], svg: m[2], url: `/b/sort/figure/${m[1]}?run=1&vs=none&plots=scatter,band` })))
        expect((await req(app, url, { headers: { 'if-none-match': r.headers.get('etag') as string } })).status).toBe(304)
        // Without JavaScript the placeholder's frame shows it as a page of its own.
        const frame = await (await req(app, `${url}&frame=1`)).text()
        expect(frame).toStartWith('<!doctype html>')
        expect(frame).toContain(fragment)
      }
      expect(lazy.length).toBeGreaterThan(charts.length - 1)
      for (const { id, url, svg: inline } of lazy) {
        const r = await req(app, url)
        expect([r.status, r.headers.get('content-type'), r.headers.get('content-security-policy')]).toEqual([200, 'image/svg+xml; charset=utf-8', "default-src 'none'; style-src 'unsafe-inline'; img-src data:"])
        const svg = await r.text()
        expect(svg).toStartWith('<svg width=')
        expect(svg).toContain(`${id}-cls-0`)
        expect(svg).toBe(inline)
        expect((await req(app, url, { headers: { 'if-none-match': r.headers.get('etag') as string } })).status).toBe(304)
      }
      expect((await req(app, '/b/sort/figure/r1s999p0?run=1')).status).toBe(404)
      expect((await req(app, '/b/sort/figure/r1s0p0?run=77')).status).toBe(404)
      expect((await req(app, '/b/sort/chart/r1s999?run=1')).status).toBe(404)
      expect((await req(app, '/b/sort/chart/r2s1?run=1')).status).toBe(404)
    })

    it('draws the run\'s first charts in the first row, the verdict\'s history charts below them (issue 14)', async () => {
      const newest = await (await req(app, '/b/sort')).text()
      expect(newest).toContain('<section class="verdict-region"')
      // The charts come first on the page; its first two figures are the server's SVG.
      expect(newest.indexOf('<section class="bp-charts">')).toBeLessThan(newest.indexOf('<section class="verdict-region"'))
      const charts = newest.slice(newest.indexOf('<section class="bp-charts">'), newest.indexOf('<section class="verdict-region"'))
      expect(charts.match(/<div class="bp-svg"><svg width=/g)).toHaveLength(2)
      const verdict = newest.slice(newest.indexOf('<section class="verdict-region"'))
      expect(verdict.match(/<figure class="chart chart-regression"[^>]*><div class="chart-svg bp-svg"><svg width=/g)).toHaveLength(2)
      // An older run has no verdict: its first row is its own charts too.
      const older = await (await req(app, '/b/sort?run=1')).text()
      expect(older).not.toContain('<section class="verdict-region"')
      expect(older.slice(older.indexOf('<section class="bp-charts">')).match(/<div class="bp-svg"><svg width=/g)).toHaveLength(2)
    })

    it('gives unknown routes, benchmarks and runs a 404 page', async () => {
      for (const path of ['/nope', '/b/nope', '/b/sort?run=99', '/assets/nope.js']) {
        const r = await req(app, path)
        expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 404, 'text/html; charset=utf-8'])
        expect(await r.text()).toContain('404')
      }
      expect(await (await req(app, '/b/nope')).text()).toContain('no benchmark named &quot;nope&quot;')
    })

    it('answers a malformed query value with a 400 page that names the parameter and what it takes', async () => {
      const cases: [string, string][] = [
        ['/b/sort?run=abc', '?run= is a run id (a whole number)'],
        ['/b/sort?vs=x', '?vs= is a run id (a whole number) or &quot;none&quot;'],
        ['/b/sort?page=0', '?page= is a page number from 1'],
        ['/b/sort?view=table', '?view= is &quot;history&quot; or absent'],
        ['/b/sort?view=history&x=sideways', '?x= is &quot;order&quot; or &quot;date&quot;'],
        ['/b/sort/compare?a=-1', '?a= is a run id (a whole number)'],
        ['/b/sort/figure/r1s0p0?run=1.5', '?run= is a run id (a whole number)'],
      ]
      for (const [path, message] of cases) {
        const r = await req(app, path)
        expect([path, r.status]).toEqual([path, 400])
        expect(await r.text()).toContain(`Bad request: ${message}.`)
      }
    })

    it('serves its stylesheet from memory', async () => {
      const r = await req(app, '/assets/bench-plot.css')
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toBe('text/css; charset=utf-8')
      expect(await r.text()).toContain('system-ui')
    })

    it('puts the stylesheets in the head of every page, so that the first paint waits for no request', async () => {
      const sheet = await (await req(app, '/assets/bench-plot.css')).text()
      const charts = await (await req(app, '/assets/charts.css')).text()
      for (const path of ['/', '/b/sort', '/b/sort/history', '/b/nope']) {
        const page = await (await req(app, path)).text()
        const head = page.slice(0, page.indexOf('</head>'))
        expect(head).not.toContain('rel="stylesheet"')
        expect(head).toContain(`<style>${sheet}`)
        if (path === '/b/sort') expect(head).toContain(charts.trim())
      }
    })
  })

  describe('JSON API', () => {
    it('lists benchmarks as list --json does', async () => {
      const r = await req(app, '/api/benchmarks')
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(await r.json()).toEqual([
        { name: '<script>alert(1)</script>', runs: 1, latest: '2026-11-25T10:00:00.000Z', title: '<b>bold</b>' },
        { name: 'big', runs: 1, latest: expect.any(String), title: 'big' },
        { name: 'sort', runs: 2, latest: '2026-11-25T10:00:00.000Z', title: 'Sorting' },
      ])
    })

    it('returns a benchmark with its runs', async () => {
      const b = await (await req(app, '/api/benchmarks/sort')).json()
      expect(b.name).toBe('sort')
      expect(b.runs).toHaveLength(2)
      expect(b.runs[1]).toMatchObject({ id: 2, title: 'Sorting', time: '2026-11-25T10:00:00.000Z', time_label: 'a1b2c3d fix', repeats: 3, samples: 17, failure_count: 1 })
      expect(b.runs[1].failures).toEqual([{ inputs: { n: 1000, algo: 'heap' }, repeat: 2, error: 'timeout\nstack line' }])
      expect(b.runs[1].inputs[0]).toEqual({ name: 'n', kind: 'int', units: 'items', doc: 'input size', values: [10, 100, 1000] })
      expect(b.runs[1].consts).toEqual([{ name: 'seed', value: 42 }])
      expect(b.runs[1].results.map((r: { name: string }) => r.name)).toEqual(['time', 'ok'])
    })

    it('returns every sample as CSV and JSON', async () => {
      const csv = await (await req(app, '/api/benchmarks/sort/runs/2/samples.csv')).text()
      const lines = csv.trimEnd().split('\r\n')
      expect(lines[0]).toBe('n,algo,repeat,time,ok')
      expect(lines).toHaveLength(18)
      expect(lines[1]).toBe('10,quick,1,0.001001,true')
      const json = await (await req(app, '/api/benchmarks/big/runs/4/samples.json')).json()
      expect(json).toHaveLength(470)
      expect(json[3]).toEqual({ inputs: { i: 1 }, repeat: 2, results: { t: 3 } })
    })

    it('answers 404 with a JSON error', async () => {
      const r = await req(app, '/api/benchmarks/nope')
      expect(r.status).toBe(404)
      expect((await r.json()).error).toStartWith('no benchmark named "nope"')
      expect((await req(app, '/api/benchmarks/sort/runs/9/samples.csv')).status).toBe(404)
      expect((await req(app, '/api/benchmarks/sort/runs/2/samples.xml')).status).toBe(404)
    })
  })

  describe('files', () => {
    it('serves media under cachedir and refuses the store, traversal and links out', async () => {
      expect(await (await req(app, '/media/img/a.png')).text()).toBe('PNG')
      for (const path of ['/media/bench-plot.sqlite', '/media/img/out.png', '/media/img%2fa.png', '/media/img/..%2f..%2foutside.txt', '/media/%2e%2e/outside.txt', '/media//etc/passwd']) {
        expect([path, (await req(app, path)).status]).toEqual([path, 404])
      }
    })

    it('serves rerun recordings with the exact CORS headers', async () => {
      const cors = (r: Response) => [r.headers.get('access-control-allow-origin'), r.headers.get('access-control-allow-methods'), r.headers.get('access-control-allow-headers')]
      const want = ['*', 'GET, OPTIONS', '*']
      const ok = await req(app, '/rrd_static/job/rrd.rrd')
      expect([ok.status, await ok.text(), cors(ok)]).toEqual([200, 'RRD', want])
      const missing = await req(app, '/rrd_static/nope.rrd')
      expect([missing.status, cors(missing)]).toEqual([404, want])
      const pre = await req(app, '/rrd_static/job/rrd.rrd', { method: 'OPTIONS' })
      expect([pre.status, await pre.text(), cors(pre)]).toEqual([204, '', want])
      // Nothing else gets CORS headers.
      expect(cors(await req(app, '/b/sort'))).toEqual([null, null, null])
    })

    it('serves runs held in memory without a store', async () => {
      const mem = await createApp({ source: memorySource([{ name: 'mem', runs: [validateRun(sortRun({ benchmark: 'mem' }))] }]), name: 'mem' })
      const html = await (await req(mem, '/b/mem')).text()
      expect(html).toContain('<h2>Sorting</h2>')
      expect((await req(mem, '/rrd_static/x')).status).toBe(404)
    })
  })
})
