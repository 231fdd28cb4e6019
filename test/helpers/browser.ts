import { expect } from 'bun:test'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium, headless, with nothing reaching the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/** A page of `width` x 900 at `url` that records console errors and warnings, and uncaught exceptions; the page must answer 200. */
export async function openWatchedPage(browser: Browser, url: string, width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  const res = await page.goto(url, { waitUntil: 'networkidle' })
  expect(res?.status()).toBe(200)
  return { page, errors }
}
