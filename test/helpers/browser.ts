import { expect } from 'bun:test'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { startServer, tempDir, type ServerProcess } from './binary'

/** Debian's Chromium, headless, with nothing reaching the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/** test-artifacts/`name`, made if missing: where a browser test leaves its screenshots to look at. */
export function artifactsDir(name: string): string {
  const dir = resolve(import.meta.dir, '../../test-artifacts', name)
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Records `page`'s console errors and warnings, and its uncaught exceptions, into the list returned. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  return errors
}

/** A page of `width` x 900 at `url` that records console errors and warnings, and uncaught exceptions; the page must answer 200. */
export async function openWatchedPage(browser: Browser, url: string, width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  const errors = watchErrors(page)
  const res = await page.goto(url, { waitUntil: 'networkidle' })
  expect(res?.status()).toBe(200)
  return { page, errors }
}

/** The compiled binary serving from a folder, and Chromium to look at it. */
export type ServedInChromium = {
  server: ServerProcess
  browser: Browser
  /** The page at `path` of the server, watched for errors (openWatchedPage). */
  openPage(width: number, path: string): Promise<{ page: Page; errors: string[] }>
  /** Closes the browser, then stops the server. */
  close(): Promise<void>
}

/** Start `bench-plot <args>` in `dir` (startServer) and launch Chromium (launchBrowser). */
export async function serveInChromium(args: string[], dir: string): Promise<ServedInChromium> {
  const server = await startServer(args, { cwd: dir })
  const browser = await launchBrowser().catch(async (e: unknown) => {
    await server.stop()
    throw e
  })
  return {
    server,
    browser,
    openPage: (width, path) => openWatchedPage(browser, `${server.url}${path.replace(/^\//, '')}`, width),
    close: async () => {
      await browser.close()
      await server.stop()
    },
  }
}

/** Chromium and a fresh folder holding the charts' client assets, to open chart markup from file:// with no server. */
export type ChartsFolder = {
  browser: Browser
  /** Writes a page named `name` whose body is `body` and which links the charts' assets; returns its file:// URL. */
  writePage(name: string, body: string): string
  /** `url` in a new context of 1400 x 1000 (with `options`), its console errors and warnings and uncaught exceptions recorded. */
  open(url: string, options?: BrowserContextOptions): Promise<{ page: Page; errors: string[] }>
  close(): Promise<void>
}

/** A ChartsFolder whose assets/ holds `assets` (src/plots `clientAssets`, passed in so that this module does not load the plots). */
export async function openChartsFolder(assets: Record<string, { body: string | Uint8Array }>): Promise<ChartsFolder> {
  const dir = tempDir('bench-plot-charts-')
  mkdirSync(join(dir, 'assets'))
  for (const [key, asset] of Object.entries(assets)) writeFileSync(join(dir, 'assets', key), asset.body)
  const browser = await launchBrowser()
  return {
    browser,
    writePage: (name, body) => {
      const page = `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title>
<link rel="stylesheet" href="assets/charts.css">
<script defer src="assets/echarts.min.js"></script><script defer src="assets/charts.js"></script>
</head><body style="margin:16px;background:#fff">${body}</body></html>`
      const file = join(dir, `${name}.html`)
      writeFileSync(file, page)
      return `file://${file}`
    },
    open: async (url, options = {}) => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options })
      const page = await context.newPage()
      const errors = watchErrors(page)
      await page.goto(url)
      return { page, errors }
    },
    close: () => browser.close(),
  }
}

/** Waits until the first figure matching `selector`, scrolled into view, has come alive (data-hydrated="1"). */
export async function hydrated(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().scrollIntoViewIfNeeded()
  await page.waitForSelector(`${selector}[data-hydrated="1"]`, { timeout: 10_000 })
}
