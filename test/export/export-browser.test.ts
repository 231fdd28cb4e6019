import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { copyFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { sortRun } from '../fixtures/sort-run'
import { folderWithStore, runBin } from '../helpers/binary'
import { artifactsDir, launchBrowser } from '../helpers/browser'

// The exported report as a person opens it: from file:// with every request to a host refused, and
// served by a plain static server for the recordings.

const artifacts = artifactsDir('export')
const fixtures = resolve(import.meta.dir, '../fixtures/rerun')
let browser: Browser
let dir: string
let report: string
let single: string

beforeAll(async () => {
  dir = await folderWithStore(async (store, folder) => {
    mkdirSync(join(folder, 'cachedir', 'rrd'), { recursive: true })
    copyFileSync(join(fixtures, 'oracle_text_log.rrd'), join(folder, 'cachedir', 'rrd', 'text.rrd'))
    // Four runs of one history with five results: a page draws its first four charts at once (the first screen), the fifth comes later (lazy).
    for (let i = 0; i < 4; i++) {
      const run = sortRun({ title: `Sorting ${i + 1}`, time: `2026-11-2${i}T10:00:00Z`, time_label: `v${i + 1}` })
      run.results = [
        ...(run.results ?? []),
        { name: 'memory', kind: 'float', units: 'B', direction: 'minimize' },
        { name: 'allocations', kind: 'float', direction: 'minimize' },
        { name: 'cache_misses', kind: 'float', direction: 'minimize' },
      ]
      for (const s of run.samples) {
        s.results.time = (s.results.time as number) * (1 + 0.3 * i)
        s.results.memory = 1000 * Number(s.inputs?.n) + i
        s.results.allocations = 3 * Number(s.inputs?.n) + i
        s.results.cache_misses = 7 * Number(s.inputs?.n) + 2 * i
      }
      await store.record(run)
    }
    await store.record({
      benchmark: 'scenes',
      inputs: [{ name: 'scene', kind: 'cat', values: ['a', 'b'] }],
      results: [
        { name: 'time', kind: 'float', units: 's' },
        { name: 'rec', kind: 'rerun' },
      ],
      samples: ['a', 'b'].map((s, i) => ({ inputs: { scene: s }, repeat: 1, results: { time: i + 1, rec: 'rrd/text.rrd' } })),
    })
  })
  const a = await runBin(['export', '--out', 'report'], { cwd: dir })
  expect(a.stderr).toBe('')
  expect(a.code).toBe(0)
  const b = await runBin(['export', 'sort', '--single-file', 'sort.html'], { cwd: dir })
  expect(b.stderr).toBe('')
  expect(b.code).toBe(0)
  report = join(dir, 'report')
  single = join(dir, 'sort.html')
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
})

type Opened = { context: BrowserContext; page: Page; blocked: string[]; errors: string[]; loads: string[] }

// Every request to a host is refused and noted: a report opened as a file must need none.
async function openFile(path: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  const blocked: string[] = []
  await context.route(/^https?:\/\//, (route) => {
    blocked.push(route.request().url())
    return route.abort()
  })
  const page = await context.newPage()
  const errors: string[] = []
  const loads: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('load', () => loads.push(page.url()))
  await page.goto(pathToFileURL(path).href)
  return { context, page, blocked, errors, loads }
}

// Hover a point of the first live chart of `scope` that draws points; the tooltip says the value.
async function hoverFirstChart(page: Page, scope: string): Promise<string> {
  await page.locator(`${scope} figure[data-hydrated="1"]`).first().scrollIntoViewIfNeeded()
  const found = await page.evaluate((sel) => {
    // biome-ignore lint: the page's global
    const echarts = (window as unknown as { echarts: { getInstanceByDom(el: HTMLElement): any } }).echarts
    const figures = Array.from(document.querySelectorAll<HTMLElement>(`${sel} figure[data-hydrated="1"]`))
    for (const [n, f] of figures.entries()) {
      const live = f.querySelector('.bp-live') as HTMLElement
      const chart = echarts.getInstanceByDom(live)
      // Where the chart drew a point: the first finite layout of a line or scatter series' items, in pixels.
      // Scatter points first: a history chart answers hover on its run points, not on its mean line.
      const series = chart.getOption().series as { type: string }[]
      const order = [...series.keys()].filter((i) => series[i].type === 'scatter').concat([...series.keys()].filter((i) => series[i].type === 'line'))
      for (const i of order) {
        const data = chart.getModel().getSeriesByIndex(i).getData()
        // Line series lay out all their points at once (x0, y0, x1, y1…); scatter ones item by item.
        const points = data.getLayout('points') as ArrayLike<number> | undefined
        for (let k = 0; k < data.count(); k++) {
          const l = points ? [points[2 * k], points[2 * k + 1]] : data.getItemLayout(k)
          if (Array.isArray(l) && Number.isFinite(l[0]) && Number.isFinite(l[1])) {
            f.scrollIntoView({ block: 'center' })
            const r = live.getBoundingClientRect()
            return { n, x: r.left + l[0], y: r.top + l[1] }
          }
        }
      }
    }
    return null
  }, scope)
  if (!found) throw new Error(`no live chart of ${scope} draws a point`)
  const live = page.locator(`${scope} figure[data-hydrated="1"]`).nth(found.n).locator('.bp-live')
  // On a loaded machine the tooltip may come late: move onto the point again until it shows, for a few seconds.
  let text = ''
  for (let i = 0; i < 15 && !/\d/.test(text); i++) {
    await page.mouse.move(found.x - 5, found.y - 5)
    await page.mouse.move(found.x, found.y)
    await page.waitForTimeout(300)
    text = await live.innerText()
  }
  return text
}

describe('the report folder from file://', () => {
  it('charts are drawn and answer hover, lazy charts load from their files, tabs go to other run pages, nothing is requested', async () => {
    const o = await openFile(join(report, 'index.html'))
    const { page } = o
    await page.click('a[href$="b/sort/index.html"]')
    await page.waitForSelector('figure[data-hydrated="1"]')
    expect(await page.locator('.bp-controls').count()).toBe(0)
    const tip = await hoverFirstChart(page, 'main')
    expect(tip).toMatch(/\d/)
    await page.screenshot({ path: join(artifacts, 'file-run-page.png') })
    // The newest run's own charts are left for later: loaded from their scripts beside the page.
    const lazy = await page.locator('div.bp-lazy-chart').count()
    expect(lazy).toBeGreaterThan(0)
    await page.locator('div.bp-lazy-chart').first().scrollIntoViewIfNeeded()
    await page.waitForFunction(() => document.querySelectorAll('div.bp-lazy-chart').length === 0 && document.querySelector('figure[data-figure^="r4s"][data-hydrated="1"]') !== null, null, { timeout: 20_000 })
    expect(await page.locator('[data-loading="failed"]').count()).toBe(0)
    await page.locator('figure[data-figure^="r4s"][data-hydrated="1"]').first().screenshot({ path: join(artifacts, 'file-lazy-chart.png') })
    // Another run's tab is another file.
    await page.click('nav.tabs a[href$="/run-1.html"]')
    await page.waitForSelector('figure[data-hydrated="1"]')
    expect(page.url()).toEndWith('/b/sort/run-1.html')
    expect(await page.locator('nav.tabs a[aria-current="page"]').innerText()).toContain('Sorting 1')
    // And the History tab.
    await page.click('nav.tabs a.tab-history')
    await page.waitForSelector('figure[data-hydrated="1"]')
    expect(await hoverFirstChart(page, 'main')).toMatch(/\d/)
    await page.screenshot({ path: join(artifacts, 'file-history.png') })
    expect(o.blocked).toEqual([])
    expect(o.errors).toEqual([])
    await o.context.close()
  }, 60_000)

  it('a recording from a file says how to view it instead of a broken viewer', async () => {
    const o = await openFile(join(report, 'b', 'scenes', 'index.html'))
    const note = o.page.locator('.bp-rerun-static')
    await note.waitFor()
    expect(await note.isVisible()).toBe(true)
    expect(await note.innerText()).toContain('python3 -m http.server')
    // The controls' script is a module, which a browser does not run from a file: no Load button.
    expect(await o.page.locator('.bp-rerun-load').isVisible()).toBe(false)
    await o.page.locator('.bp-rerun-viewer').screenshot({ path: join(artifacts, 'file-recording.png') })
    expect(o.blocked).toEqual([])
    await o.context.close()
  }, 30_000)
})

describe('the single file from file://', () => {
  it('holds the pages: tabs switch without loading anything, charts are drawn and answer hover', async () => {
    const o = await openFile(single)
    const { page } = o
    await page.waitForSelector('.bp-page figure[data-hydrated="1"]')
    const visible = () => page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.bp-page')).filter((s) => s.offsetParent !== null).map((s) => s.id))
    expect((await visible()).length).toBe(1)
    expect(await hoverFirstChart(page, '.bp-page:not([style*="none"])')).toMatch(/\d/)
    await page.screenshot({ path: join(artifacts, 'single-first.png') })
    const first = (await visible())[0]
    // A run tab: another section, the same document.
    await page.locator(`#${first} nav.tabs a`, { hasText: 'Sorting 1' }).click()
    await page.waitForFunction((f) => Array.from(document.querySelectorAll<HTMLElement>('.bp-page')).some((s) => s.offsetParent !== null && s.id !== f), first)
    const [now] = await visible()
    expect(now).not.toBe(first)
    expect(await page.locator(`#${now} nav.tabs a[aria-current="page"]`).innerText()).toContain('Sorting 1')
    await page.waitForSelector(`#${now} figure[data-hydrated="1"]`)
    expect(await hoverFirstChart(page, `#${now}`)).toMatch(/\d/)
    // History, then back to the newest run with its lazy charts, which come from templates of the file.
    await page.locator(`#${now} nav.tabs a.tab-history`).click()
    const [history] = await visible()
    await page.waitForSelector(`#${history} figure[data-hydrated="1"]`)
    await page.screenshot({ path: join(artifacts, 'single-history.png') })
    await page.locator(`#${history} nav.tabs a`, { hasText: 'Sorting 4' }).click()
    const [newest] = await visible()
    await page.locator(`#${newest} div.bp-lazy-chart`).first().scrollIntoViewIfNeeded()
    await page.waitForFunction((id) => document.querySelectorAll(`#${id} div.bp-lazy-chart`).length === 0, newest, { timeout: 20_000 })
    expect(await page.locator(`#${newest} figure[data-figure^="r4s"][data-hydrated="1"]`).count()).toBeGreaterThan(0)
    expect(o.loads).toHaveLength(1)
    expect(o.blocked).toEqual([])
    expect(o.errors).toEqual([])
    await o.context.close()
  }, 60_000)
})

describe('the report served by a static server', () => {
  it('opens a recording in the copied viewer', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000)
    const server = Bun.spawn(['timeout', '180', 'python3', '-m', 'http.server', String(port), '--bind', '127.0.0.1'], { cwd: report, stdout: 'ignore', stderr: 'ignore' })
    try {
      const base = `http://127.0.0.1:${port}/`
      for (let i = 0; i < 50; i++) {
        if (await fetch(base).then((r) => r.ok, () => false)) break
        await Bun.sleep(100)
      }
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
      const elsewhere: string[] = []
      await context.route(/^https?:\/\//, (route) => {
        const url = route.request().url()
        if (url.startsWith(base)) return route.continue()
        elsewhere.push(url)
        return route.abort()
      })
      const page = await context.newPage()
      await page.goto(`${base}b/scenes/index.html`)
      // The controls' script ran: the note on files is hidden, the viewer loads.
      await page.locator('.bp-rerun-load').waitFor()
      expect(await page.locator('.bp-rerun-static').isVisible()).toBe(false)
      await page.click('.bp-rerun-load')
      await page.waitForFunction(() => document.querySelector<HTMLElement>('.bp-rerun-viewer')?.dataset.state === 'open', null, { timeout: 120_000 })
      expect(await page.locator('.bp-rerun-viewer').getAttribute('data-version')).toMatch(/^0\.\d+/)
      await page.waitForTimeout(1500)
      await page.screenshot({ path: join(artifacts, 'served-recording.png') })
      expect(elsewhere).toEqual([])
      await context.close()
    } finally {
      server.kill()
      await server.exited
    }
  }, 180_000)
})
