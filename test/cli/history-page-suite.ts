import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { openStore } from '../../src/store'
import { startServer, tempDir, type ServerProcess } from '../helpers/binary'
import { withLazyParts } from '../helpers/lazy-page'
import { caseNames, historyCase, type HistoryCase } from '../model/regression-histories'

/**
 * The history, comparison and index pages of made-up histories, served by the executable from the
 * store `store_` makes in a folder: test/cli/history-page.test.ts runs it on SQLite,
 * history-page-postgres.test.ts on PostgreSQL (issue 18, point 6).
 */
export function historyPageSuite(store_: (dir: string) => Promise<string>): void {
  const evil = '<script>alert(1)</script>'
  let server: ServerProcess
  /** Store ids of each case's runs, oldest first. */
  const ids = {} as Record<HistoryCase | 'evil', number[]>

  const get = async (path: string, init?: RequestInit) => fetch(`${server.url}${path.replace(/^\//, '')}`, init)
  const html = async (path: string) => {
    const r = await get(path)
    expect([path, r.status]).toEqual([path, 200])
    return r.text()
  }
  const count = (text: string, needle: string) => text.split(needle).length - 1

  beforeAll(async () => {
    const dir = tempDir()
    const location = await store_(dir)
    const store = await openStore(location)
    for (const kind of caseNames) {
      ids[kind] = []
      for (const run of historyCase(kind)) ids[kind].push((await store.record(run)).id)
    }
    // The step history again under a hostile name, with a hostile time label on the newest run.
    ids.evil = []
    const steps = historyCase('step', evil)
    for (const [i, run] of steps.entries()) ids.evil.push((await store.record(i === steps.length - 1 ? { ...run, time_label: '<b>v&2</b>' } : run)).id)
    await store.close()
    server = await startServer(['serve', '--no-open', '--db', location], { cwd: dir })
  })

  afterAll(async () => {
    await server?.stop()
  })

  describe('the newest run of each made-up history', () => {
    it.each([
      ['step', '2 regressions detected', 'regressed'],
      ['drift', '2 regressions detected', 'regressed'],
      ['noise', 'No regressions detected', 'unchanged'],
      ['improvement', 'No regressions detected', 'improved'],
    ] as const)('%s: the verdict summary says "%s", with a regression overlay per result and a History tab', async (kind, headline, verdict) => {
      const page = await html(`/b/${kind}`)
      expect(page).toContain(`<strong>${headline}</strong>`)
      expect(page).toContain(`data-result="time" data-verdict="${verdict}"`)
      expect(page).toMatch(/against \d+ earlier runs of this history/)
      expect(count(page, 'data-chart="regression"')).toBe(2)
      expect(page).toContain('data-chart="regression" data-result="time"')
      expect(page).toContain('data-chart="regression" data-result="throughput"')
      expect(page).toContain(`href="/b/${kind}?view=history"`)
      expect(page).not.toContain('data-chart="history"')
      // The verdict in one line opens the run, before its sweep and charts; its details follow the charts (issue 14).
      expect(page.indexOf('class="verdict-line"')).toBeGreaterThan(0)
      expect(page.indexOf('class="verdict-line"')).toBeLessThan(page.indexOf('<p class="sweep">'))
      expect(page.indexOf('class="verdict-summary"')).toBeGreaterThan(page.indexOf('<section class="bp-charts">'))
    })

    it('step: names the point that regressed, with its change and p-value, and draws the overlay as SVG', async () => {
      const page = await html('/b/step')
      expect(page).toContain('Regressed at n=1000 (+49.9%, p=0.0004448)')
      const figure = page.slice(page.indexOf('<figure class="chart chart-regression"'))
      // The SVG, its text alternative (issue 14: what it shows, the range and the best run), then the option.
      expect(figure.slice(0, figure.indexOf('</figure>'))).toMatch(/<div class="chart-svg bp-svg"><svg[\s\S]*<\/svg><\/div><figcaption class="bp-alt">regression chart of time: the newest run #7 [^<]*REGRESSED \(step\); 7 runs: values from [^<]*; best \(lowest\) [^<]*<\/figcaption><script type="application\/json" class="chart-option">/)
    })

    it('single: a young baseline, no overlay, no History tab', async () => {
      const page = await html('/b/single')
      expect(page).toContain('Young baseline: nothing to compare with yet')
      expect(page).toContain('young baseline — notify only, does not block')
      expect(page).not.toContain('data-chart="regression"')
      expect(page).not.toContain('view=history')
      expect(page).not.toContain('class="run-compare"')
      const history = await get('/b/single?view=history')
      expect(history.status).toBe(404)
      expect(await history.text()).toContain('has one run')
    })

    it('input change: says a new history started and what changed; earlier runs stay as tabs; no History tab for the one-run history', async () => {
      const page = await html('/b/input-change')
      expect(page).toContain('A new history started here: the inputs changed.')
      expect(page).toContain('<li>input &quot;n&quot;: values added 10000</li>')
      expect(page).toContain('Young baseline: nothing to compare with yet')
      expect(page).not.toContain('data-chart="regression"')
      expect(page).not.toContain('view=history')
      for (const id of ids['input-change']) expect(page).toContain(`href="/b/input-change?run=${id}"`)
      expect(page.indexOf('class="tab-break"')).toBeLessThan(page.indexOf(`href="/b/input-change?run=${ids['input-change'][3]}"`))
      expect(page.indexOf('class="tab-break"')).toBeGreaterThan(page.indexOf(`href="/b/input-change?run=${ids['input-change'][2]}"`))
      // An earlier run is still there, marked as belonging to the earlier history, without a verdict summary.
      const earlier = await html(`/b/input-change?run=${ids['input-change'][1]}`)
      expect(earlier).toContain('This run belongs to an earlier history')
      expect(earlier).not.toContain('class="verdict-summary"')
    })
  })

  describe('the History tab', () => {
    it.each(['step', 'drift', 'noise', 'improvement'] as const)('%s: one over-time chart per scalar result, drawn on the server', async (kind) => {
      const page = await html(`/b/${kind}?view=history`)
      expect(page).toContain('aria-current="page">History</a>')
      expect(count(page, 'data-chart="history"')).toBe(2)
      expect(page).toContain('data-chart="history" data-result="time"')
      expect(page).toContain('data-chart="history" data-result="throughput"')
      expect(count(page, '<div class="chart-svg bp-svg"><svg')).toBe(2)
      expect(page).not.toContain('data-chart="regression"')
      expect(page).toContain('runs with the same inputs')
    })

    it('follows one sweep point alone and puts runs on a date axis', async () => {
      const page = await html('/b/step?view=history&point=2&x=date')
      expect(page).toContain('Following n=1000 alone.')
      expect(page).toContain('<option value="2" selected>n=1000</option>')
      const option = JSON.parse((page.match(/<script type="application\/json" class="chart-option">(.*?)<\/script>/s) as RegExpMatchArray)[1])
      expect(option.xAxis.type).toBe('time')
      expect(option.title.subtext).toBe('n=1000')
      // Hovering a run's point names the run and its time label.
      expect(option.series.at(-1).data[0].t).toStartWith(`#${ids.step[0]} v1.0 (2026-10-01 12:00)`)
    })

    it('refuses a point that is not in the sweep and an unknown view', async () => {
      expect((await get('/b/step?view=history&point=3')).status).toBe(400)
      expect((await get('/b/step?view=history&x=sideways')).status).toBe(400)
      expect((await get('/b/step?view=charts')).status).toBe(400)
    })

    it('keeps the page cache and ETag per query: another point is another page', async () => {
      const first = await get('/b/step?view=history')
      const etag = first.headers.get('etag') as string
      expect((await get('/b/step?view=history', { headers: { 'if-none-match': etag } })).status).toBe(304)
      expect((await get('/b/step?view=history&point=1', { headers: { 'if-none-match': etag } })).status).toBe(200)
      expect((await get('/b/step?vs=none', { headers: { 'if-none-match': etag } })).status).toBe(200)
    })
  })

  describe('comparing runs', () => {
    it('compares the newest run with the previous run of its history by default, per point with ratio and significance', async () => {
      const page = await html('/b/step')
      expect(page).toContain('Against the previous run of this history, by default.')
      expect(page).toContain(`<option value="${ids.step[5]}" selected>`)
      expect(page).toMatch(/<tr class="verdict-regressed" data-verdict="regressed"><td>n=1000<\/td>.*?<td class="num ratio">1\.\d{3}<\/td>.*?<span class="significant"/)
      expect(page).toContain(`href="/b/step/compare?a=${ids.step[5]}&amp;b=${ids.step[6]}"`)
    })

    it('?vs= picks another run, ?vs=none none; an unknown run is a 404', async () => {
      const vs = await html(`/b/step?vs=${ids.step[0]}`)
      expect(vs).toContain(`<option value="${ids.step[0]}" selected>`)
      expect(vs).not.toContain('by default')
      expect(vs).toContain('class="comparison"')
      const none = await html('/b/step?vs=none')
      expect(none).not.toContain('class="comparison"')
      expect(none).toContain('Choose a run to compare this one with.')
      expect((await get('/b/step?vs=99999')).status).toBe(404)
    })

    it('draws the compared run dashed over the sweep curves, and ?vs=none draws the run alone', async () => {
      const curve = (page: string) => {
        const at = page.indexOf('data-chart="curve" data-result="time"')
        expect(at).toBeGreaterThan(-1)
        return page.slice(at, page.indexOf('</figure>', at))
      }
      const page = await withLazyParts(await html('/b/step'), html)
      const withPrevious = curve(page)
      expect(page).toContain(`Dashed: run ${ids.step[5]}, v1.5, for comparison.`)
      expect(withPrevious).toContain(`time (run ${ids.step[5]}, v1.5)`)
      expect(withPrevious).toContain('stroke-dasharray')
      const alonePage = await withLazyParts(await html('/b/step?vs=none'), html)
      const alone = curve(alonePage)
      expect(alonePage).not.toContain('for comparison')
      expect(alone).not.toContain('stroke-dasharray')
    })

    it('keeps the run tab and the compared run in the chart option links', async () => {
      const page = await html(`/b/step?run=${ids.step[3]}&vs=${ids.step[1]}`)
      expect(page).toContain(`href="/b/step?run=${ids.step[3]}&amp;vs=${ids.step[1]}&amp;plots=scatter"`)
      expect(page).toContain(`href="/b/step?run=${ids.step[3]}&amp;vs=${ids.step[1]}&amp;logx=1"`)
    })

    it('the compare page gives per point the ratio, the significance mark and the verdict', async () => {
      const page = await html(`/b/step/compare?a=${ids.step[5]}&b=${ids.step[6]}`)
      expect(page).toContain(`B: #${ids.step[6]} v1.6 (2026-10-07 12:00) against A: #${ids.step[5]} v1.5 (2026-10-06 12:00)`)
      expect(page).toContain('data-regressed="true"')
      expect(page).toMatch(/<td class="num ratio">1\.4\d\d<\/td>/)
      expect(page).toContain('<span class="significant"')
      expect(page).toContain('<tr class="verdict-unchanged" data-verdict="unchanged"><td>n=10</td>')
      expect((await get(`/b/step/compare?a=${ids.noise[0]}&b=${ids.step[6]}`)).status).toBe(404)
    })

    it('compares runs across an input change on the points they share', async () => {
      const [, , third, fourth] = ids['input-change']
      const page = await html(`/b/input-change/compare?a=${third}&b=${fourth}`)
      expect(page).toContain('The inputs differ (input &quot;n&quot;: values added 10000); only the points both runs have are compared.')
      // n=10, 100 and 1000 for each of time and throughput; n=10000 is only in B.
      expect(count(page, '<tr class="verdict-')).toBe(6)
      expect(page).not.toContain('<td>n=10000</td>')
    })
  })

  describe('the index', () => {
    it('lists every benchmark with its latest value per result, a sparkline and its verdict', async () => {
      const page = await html('/')
      expect(count(page, '<tr class="index-row"')).toBe(7)
      expect(page).toMatch(/<tr class="index-row" data-name="step" data-runs="7" [^>]*data-verdict="regressed">/)
      expect(page).toMatch(/<tr class="index-row" data-name="single" data-runs="1" [^>]*data-verdict="young">/)
      expect(page).toContain('<svg class="sparkline"')
      expect(page).toContain('href="/b/%3Cscript%3Ealert(1)%3C%2Fscript%3E"')
      expect(page).not.toContain(evil)
      expect(page).not.toContain('<b>v&2')
    })

    it('sorts and filters with query parameters, without JavaScript', async () => {
      const names = (page: string) => [...page.matchAll(/<tr class="index-row" data-name="([^"]+)"/g)].map((m) => m[1])
      expect(names(await html('/?sort=name'))).toEqual(['&lt;script&gt;alert(1)&lt;/script&gt;', 'drift', 'improvement', 'input-change', 'noise', 'single', 'step'])
      expect(names(await html('/?sort=-runs')).slice(0, 2)).toEqual(['drift', 'noise'])
      expect(names(await html('/'))).toEqual(['&lt;script&gt;alert(1)&lt;/script&gt;', 'drift', 'step', 'improvement', 'noise', 'input-change', 'single'])
      const filtered = await html('/?q=REGRESSED&sort=name')
      expect(names(filtered)).toEqual(['&lt;script&gt;alert(1)&lt;/script&gt;', 'drift', 'step'])
      expect(filtered).toContain('3 of 7 benchmarks')
      expect(filtered).toContain('<input type="search" name="q" value="REGRESSED"')
      expect(filtered).toContain('<input type="hidden" name="sort" value="name"/>')
      expect(names(await html('/?q=in'))).toEqual(['input-change', 'single'])
      const hostile = await html(`/?q=${encodeURIComponent('"><i>')}`)
      expect(hostile).toContain('value="&quot;&gt;&lt;i&gt;"')
      expect(hostile).not.toContain('<i>')
    })

    it('serves its script from the binary, and the pages link it with no inline script', async () => {
      const js = await get('/assets/pages.js')
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect(await js.text()).toContain('data-autosubmit')
      const page = await html('/')
      expect(page).toContain('<script defer src="/assets/pages.js"></script>')
      expect(page.match(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)).toBeNull()
    })
  })

  describe('escaping', () => {
    it('escapes a hostile benchmark name and time label on the run, history and compare pages', async () => {
      const name = encodeURIComponent(evil)
      for (const path of [`/b/${name}`, `/b/${name}?view=history`, `/b/${name}/compare?a=${ids.evil[0]}&b=${ids.evil[6]}`]) {
        const page = await html(path)
        expect([path, page.includes(evil)]).toEqual([path, false])
        expect([path, page.includes('<b>v&2</b>')]).toEqual([path, false])
      }
      expect(await html(`/b/${name}`)).toContain('&lt;b&gt;v&amp;2&lt;/b&gt;')
    })
  })
}
