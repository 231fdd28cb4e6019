import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { decode } from 'fast-png'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { openStore } from '../../src/store'
import { startServer, tempDir, type ServerProcess } from '../helpers/binary'
import { launchBrowser } from '../helpers/browser'

// The rerun viewer inside bench-plot, in headless Chromium (WebGL on SwiftShader): the real recordings
// open, bad ones show what is wrong, and nothing is fetched from another host.

const artifacts = resolve(import.meta.dir, '../../test-artifacts/rerun')
const fixtures = resolve(import.meta.dir, '../fixtures/rerun')
const oracle = readFileSync(join(fixtures, 'oracle_text_log.rrd'))
/** The viewer compiles 47 MB of wasm: 4-14 s on this machine. */
const viewerTimeout = 90_000

let browser: Browser
let server: ServerProcess
let viewerHost: ServerProcess

// Each scene is one sweep point; `flipped` passes the server's check (its frames are whole) but its
// first message is garbage, so only the browser's timeout can tell.
const scenes: [string, (dir: string) => void][] = [
  ['text', (d) => copyFileSync(join(fixtures, 'oracle_text_log.rrd'), join(d, 'text.rrd'))],
  ['scene', (d) => copyFileSync(join(fixtures, 'phase3_scene.rrd'), join(d, 'scene.rrd'))],
  ['old', (d) => copyFileSync(join(fixtures, 'old_0.20.1.rrd'), join(d, 'old.rrd'))],
  ['cut', (d) => writeFileSync(join(d, 'cut.rrd'), oracle.subarray(0, 2000))],
  ['noise', (d) => writeFileSync(join(d, 'noise.rrd'), crypto.getRandomValues(new Uint8Array(3000)).map((b, i) => (i === 0 ? 0 : b)))],
  ['gone', () => {}],
  ['newer', (d) => writeFileSync(join(d, 'newer.rrd'), Uint8Array.from(oracle, (b, i) => (i === 5 ? 40 : b)))],
  ['flipped', (d) => writeFileSync(join(d, 'flipped.rrd'), Uint8Array.from(oracle, (b, i) => (i >= 40 && i < 100 ? b ^ 0xff : b)))],
]

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true })
  const dir = tempDir()
  const rrd = join(dir, 'cachedir', 'rrd', 'scenes')
  mkdirSync(rrd, { recursive: true })
  for (const [, make] of scenes) make(rrd)
  const store = await openStore(join(dir, 'cachedir', 'bench-plot.sqlite'))
  await store.record({
    benchmark: 'scenes',
    inputs: [{ name: 'scene', kind: 'cat', values: scenes.map((s) => s[0]) }],
    results: [
      { name: 'time', kind: 'float', units: 's' },
      { name: 'rec', kind: 'rerun' },
    ],
    samples: scenes.map(([s], i) => ({ inputs: { scene: s }, repeat: 1, results: { time: i + 1, rec: `rrd/scenes/${s}.rrd` } })),
  })
  await store.close()
  server = await startServer(['scenes', '--no-open'], { cwd: dir })
  // Another origin whose pages take their viewer from the first server's /rerun/.
  viewerHost = await startServer(['scenes', '--no-open', '--rerun-viewer-url', `${server.url}rerun/`], { cwd: dir })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await viewerHost?.stop()
})

type Traffic = { urls: string[]; wasm: { encoding: string | undefined; bodyBytes: number; url: string }[] }

async function openContext(opts: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; traffic: Traffic }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, ...opts })
  const traffic: Traffic = { urls: [], wasm: [] }
  context.on('request', (r) => traffic.urls.push(r.url()))
  context.on('requestfinished', async (r) => {
    if (!r.url().endsWith('/re_viewer_bg.wasm')) return
    const resp = await r.response()
    traffic.wasm.push({ url: r.url(), encoding: (await resp?.allHeaders())?.['content-encoding'], bodyBytes: (await r.sizes()).responseBodySize })
  })
  return { context, page: await context.newPage(), traffic }
}

const section = '.bp-rerun-viewer'
const stateIs = (page: Page, state: string, version?: string) =>
  page.waitForFunction(
    ([sel, s, v]) => {
      const el = document.querySelector<HTMLElement>(sel as string)
      return el?.dataset.state === s && (v === '' || el?.dataset.version === v)
    },
    [section, state, version ?? ''],
    { timeout: viewerTimeout },
  )

/** How many different colours a screenshot has: a blank or failed viewer has a handful. */
function colours(png: Buffer): number {
  const img = decode(png)
  const seen = new Set<number>()
  const ch = img.channels
  for (let i = 0; i < img.data.length; i += ch * 7) seen.add((img.data[i] << 16) | (img.data[i + 1] << 8) | img.data[i + 2])
  return seen.size
}

const localOnly = (urls: string[]) => urls.filter((u) => !/^(https?:\/\/127\.0\.0\.1:\d+\/|data:|blob:|about:)/.test(u))

describe('the inline rerun viewer in Chromium', () => {
  it(
    'loads nothing of the viewer until asked, then opens the real recordings, switching with the selector',
    async () => {
      const { context, page, traffic } = await openContext()
      await page.goto(`${server.url}b/scenes`)
      await page.locator(section).scrollIntoViewIfNeeded()
      await page.waitForTimeout(500)
      expect(traffic.urls.filter((u) => u.includes('/rerun/') && !u.endsWith('/rerun/embed.js'))).toEqual([])
      expect(await page.isVisible('.bp-rerun-load')).toBe(true)

      await page.click('.bp-rerun-load')
      await stateIs(page, 'open', '0.31.4')
      expect(await page.textContent('.bp-rerun-status')).toBe('Recording open (written by rerun 0.31.4).')
      await page.waitForTimeout(2000) // a few frames drawn
      const textShot = await page.locator('.bp-rerun-stage').screenshot({ path: join(artifacts, 'inline-oracle_text_log.png') })
      expect(colours(textShot)).toBeGreaterThan(40)

      // The wasm came gzipped: about 14 of its 47 MB crossed the wire.
      expect(traffic.wasm.length).toBe(1)
      expect(traffic.wasm[0].encoding).toBe('gzip')
      expect(traffic.wasm[0].bodyBytes).toBeLessThan(20_000_000)

      await page.selectOption('.bp-rerun-select', { label: 'scene=scene' })
      await stateIs(page, 'open', '0.23.0')
      await page.waitForTimeout(2000)
      const sceneShot = await page.locator('.bp-rerun-stage').screenshot({ path: join(artifacts, 'inline-phase3_scene.png') })
      expect(colours(sceneShot)).toBeGreaterThan(40)
      // The same frame, the same compiled wasm: switching fetched it no second time.
      expect(traffic.wasm.length).toBe(1)
      expect(traffic.urls.filter((u) => u.includes('/rerun/view?')).length).toBe(1)

      expect(await page.getAttribute('.bp-rerun-newtab', 'href')).toBe('/rerun/view?url=%2Frrd_static%2Fscenes%2Fscene.rrd')
      await page.click('.bp-rerun-fullscreen')
      await page.waitForFunction(() => document.fullscreenElement?.tagName === 'IFRAME', null, { timeout: 10_000 })
      await page.evaluate(() => document.exitFullscreen())

      expect(localOnly(traffic.urls)).toEqual([])
      await context.close()
    },
    { timeout: 240_000 },
  )

  it.each([
    ['old', 'rrd/scenes/old.rrd was written by rerun 0.20.1, older than this viewer reads (rerun 0.23 to 0.33)'],
    ['cut', 'rrd/scenes/cut.rrd is truncated: it ends inside a message (at byte 2000'],
    ['noise', 'rrd/scenes/noise.rrd is not a rerun recording: it does not start with the RRF2 header.'],
    ['gone', 'rrd/scenes/gone.rrd is missing: there is no such file in the cache directory.'],
  ])('shows why scene=%s cannot be viewed, in place of the viewer', async (scene, message) => {
    const { context, page, traffic } = await openContext()
    await page.goto(`${server.url}b/scenes`)
    await page.selectOption('.bp-rerun-select', { value: String(scenes.findIndex((s) => s[0] === scene)) })
    expect(await page.textContent('.bp-rerun-problem')).toStartWith(message)
    expect(await page.isVisible('.bp-rerun-problem')).toBe(true)
    expect(await page.isEnabled('.bp-rerun-load')).toBe(false)
    expect(await page.isVisible('.bp-rerun-stage')).toBe(false)
    await page.locator(section).screenshot({ path: join(artifacts, `problem-${scene}.png`) })
    expect(traffic.urls.filter((u) => u.includes('/rerun/index.js') || u.endsWith('.wasm'))).toEqual([])
    await context.close()
  })

  it(
    'a recording the viewer cannot open (its first message garbled) shows an error in place of the viewer after the timeout',
    async () => {
      const { context, page } = await openContext()
      await page.goto(`${server.url}b/scenes`)
      await page.selectOption('.bp-rerun-select', { label: 'scene=flipped' })
      await page.click('.bp-rerun-load')
      await stateIs(page, 'error')
      expect(await page.textContent('.bp-rerun-problem')).toStartWith('The recording did not open within 20 s (/rrd_static/scenes/flipped.rrd)')
      expect(await page.isVisible('.bp-rerun-stage')).toBe(false)
      await page.locator(section).screenshot({ path: join(artifacts, 'problem-timeout.png') })
      await context.close()
    },
    { timeout: 180_000 },
  )

  it('without JavaScript, the link to each file remains and the controls stay hidden', async () => {
    const { context, page, traffic } = await openContext({ javaScriptEnabled: false })
    await page.goto(`${server.url}b/scenes`)
    expect(await page.isVisible('a.bp-rerun[href="/rrd_static/scenes/text.rrd"]')).toBe(true)
    expect(await page.isVisible('.bp-rerun-load')).toBe(false)
    expect(await page.isVisible('.bp-rerun-select')).toBe(false)
    expect(await page.isVisible('text=rrd/scenes/cut.rrd is truncated')).toBe(true)
    expect(traffic.urls.filter((u) => u.includes('/rerun/'))).toEqual([])
    await context.close()
  })
})

describe('the full-page viewer in Chromium', () => {
  it(
    'opens a recording in a page of its own (the "open in new tab" link), newer ones with the warning',
    async () => {
      const { context, page, traffic } = await openContext()
      await page.goto(`${server.url}rerun/view?url=${encodeURIComponent('/rrd_static/scenes/newer.rrd')}`)
      expect(await page.textContent('#bp-rerun-problem')).toContain('was written by rerun 0.40.4, newer than this viewer')
      await page.waitForFunction(() => document.getElementById('bp-rerun-view')?.dataset.state === 'open', null, { timeout: viewerTimeout })
      expect(await page.getAttribute('#bp-rerun-view', 'data-version')).toBe('0.40.4')
      await page.waitForTimeout(2000)
      await page.screenshot({ path: join(artifacts, 'full-page-newer.png') })
      expect(localOnly(traffic.urls)).toEqual([])
      await context.close()
    },
    { timeout: 180_000 },
  )

  it(
    'a viewer on another origin (--rerun-viewer-url) loads a recording through /rrd_static/ with CORS',
    async () => {
      const { context, page, traffic } = await openContext()
      const a = new URL(server.url).origin
      const b = new URL(viewerHost.url).origin
      expect(a).not.toBe(b)
      // A page of server B, its viewer code from A's /rerun/, the recording from A's /rrd_static/.
      await page.goto(`${b}/rerun/view?url=${encodeURIComponent(`${a}/rrd_static/scenes/text.rrd`)}`)
      await page.waitForFunction(() => document.getElementById('bp-rerun-view')?.dataset.state === 'open', null, { timeout: viewerTimeout })
      expect(await page.getAttribute('#bp-rerun-view', 'data-version')).toBe('0.31.4')
      expect(traffic.wasm.map((w) => new URL(w.url).origin)).toEqual([a])
      expect(traffic.urls).toContain(`${a}/rrd_static/scenes/text.rrd`)
      expect(traffic.urls.filter((u) => u.startsWith(`${b}/rerun/index.js`))).toEqual([])
      await page.waitForTimeout(2000)
      await page.screenshot({ path: join(artifacts, 'cross-origin.png') })
      expect(localOnly(traffic.urls)).toEqual([])
      await context.close()
    },
    { timeout: 180_000 },
  )
})
