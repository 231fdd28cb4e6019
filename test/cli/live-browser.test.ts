// `--live`: a page open in Chromium follows runs imported while it is open, in place.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { runBin, startServer, tempDir, type ServerProcess } from '../helpers/binary'
import { launchBrowser } from '../helpers/browser'

const artifacts = resolve(import.meta.dir, '../../test-artifacts/live')

const sortRun = (title: string, time: string, scale: number) => ({
  benchmark: 'sort',
  title,
  time,
  description: 'A paragraph of description, so that the page is long enough to scroll.\n\n'.repeat(6),
  inputs: [{ name: 'n', values: [10, 100, 1000, 10000] }],
  results: [{ name: 'time', units: 's' }],
  samples: [10, 100, 1000, 10000].map((n) => ({ inputs: { n }, results: { time: n * scale } })),
})

let dir: string
let browser: Browser
const servers: ServerProcess[] = []

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true })
  dir = tempDir()
  writeFileSync(join(dir, 'first.json'), JSON.stringify(sortRun('First run', '2026-11-20T09:00:00Z', 1e-6)))
  expect((await runBin(['import', 'first.json'], { cwd: dir })).code).toBe(0)
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  for (const s of servers) await s.stop()
})

describe('without --live', () => {
  it('serves no events and the page loads no live script: nothing polls', async () => {
    const server = await startServer(['sort'], { cwd: dir })
    servers.push(server)
    expect((await fetch(`${server.url}api/events`)).status).toBe(404)
    const html = await (await fetch(`${server.url}b/sort`)).text()
    expect(html).not.toContain('live.js')
  })
})

describe('--live', () => {
  it('sends an event "run" with the benchmark and the new run id when an import lands', async () => {
    const server = await startServer(['sort', '--live'], { cwd: dir })
    servers.push(server)
    const res = await fetch(`${server.url}api/events`)
    expect(res.headers.get('content-type')).toStartWith('text/event-stream')
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    let text = ''
    const until = async (re: RegExp) => {
      const deadline = Date.now() + 15000
      while (!re.test(text)) {
        if (Date.now() > deadline) throw new Error(`no ${re} in ${text}`)
        const { value, done } = await reader.read()
        if (done) throw new Error(`stream ended: ${text}`)
        text += new TextDecoder().decode(value)
      }
    }
    await until(/bench-plot live/)
    writeFileSync(join(dir, 'second.json'), JSON.stringify(sortRun('Second run', '2026-11-21T09:00:00Z', 2e-6)))
    expect((await runBin(['import', 'second.json'], { cwd: dir })).code).toBe(0)
    await until(/event: run\ndata: .*\n\n/)
    const data = JSON.parse((text.match(/event: run\ndata: (.*)\n/) as RegExpMatchArray)[1])
    expect(data).toEqual({ benchmark: 'sort', run: 2 })
    await reader.cancel()
  }, 30000)

  it('an open page says "run #N recorded" and shows the new run in place, keeping scroll and open details', async () => {
    const server = await startServer(['sort', '--live'], { cwd: dir })
    servers.push(server)
    const page = await browser.newPage({ viewport: { width: 1000, height: 600 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(server.url)
    const tabs = await page.locator('nav.tabs a').count()
    expect(await page.locator('section.run h2').textContent()).toBe('Second run')
    await page.locator('details.params summary').click()
    await page.evaluate(() => window.scrollTo(0, 500))
    // A marker on the window: the page was not loaded again as a whole.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42))
    // The page's event stream is open before the import (the server polls only while a page listens).
    await page.waitForSelector('.bp-live-status[data-following="1"]', { state: 'attached' })
    writeFileSync(join(dir, 'third.json'), JSON.stringify(sortRun('Third run', '2026-11-22T09:00:00Z', 3e-6)))
    expect((await runBin(['import', 'third.json'], { cwd: dir })).code).toBe(0)
    await page.waitForSelector('.bp-live-status:has-text("run #3 recorded")', { timeout: 15000 })
    await page.waitForFunction((n) => document.querySelectorAll('nav.tabs a').length === n + 1, tabs, { timeout: 15000 })
    await page.waitForFunction(() => document.querySelector('section.run h2')?.textContent === 'Third run')
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42)
    expect(await page.evaluate(() => window.scrollY)).toBe(500)
    expect(await page.evaluate(() => (document.querySelector('details.params') as HTMLDetailsElement).open)).toBe(true)
    // The new run's charts are drawn again by charts.js.
    await page.locator('figure[data-chart]').first().scrollIntoViewIfNeeded()
    await page.waitForSelector('figure[data-chart][data-hydrated="1"] canvas', { timeout: 15000 })
    await page.evaluate(() => window.scrollTo(0, 500))
    await page.screenshot({ path: join(artifacts, 'after-new-run.png') })
    expect(errors).toEqual([])
    await page.close()
  }, 60000)

  it('a page on an older run\'s tab with a chart toggle on keeps both, and gains the new run\'s tab', async () => {
    const server = await startServer(['sort', '--live'], { cwd: dir })
    servers.push(server)
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } })
    await page.goto(`${server.url}b/sort?run=1&plots=violin`)
    const tabs = await page.locator('nav.tabs a').count()
    await page.waitForSelector('.bp-live-status[data-following="1"]', { state: 'attached' })
    writeFileSync(join(dir, 'fourth.json'), JSON.stringify(sortRun('Fourth run', '2026-11-23T09:00:00Z', 4e-6)))
    expect((await runBin(['import', 'fourth.json'], { cwd: dir })).code).toBe(0)
    await page.waitForSelector('.bp-live-status:has-text("run #4 recorded")', { timeout: 15000 })
    await page.waitForFunction((n) => document.querySelectorAll('nav.tabs a').length === n + 1, tabs, { timeout: 15000 })
    expect(await page.locator('nav.tabs a', { hasText: 'Fourth run' }).count()).toBe(1)
    expect(await page.locator('section.run h2').textContent()).toBe('First run')
    expect(await page.locator('nav.tabs a[aria-current="page"]').textContent()).toContain('First run')
    expect(await page.locator('a.bp-toggle[data-control="plot-violin"]').getAttribute('class')).toContain('bp-on')
    expect(new URL(page.url()).search).toBe('?run=1&plots=violin')
    await page.close()
  }, 60000)
})
