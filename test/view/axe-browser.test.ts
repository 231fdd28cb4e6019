// Issue 14 point 10: axe-core finds no violation on any page of the demo (the index, every
// benchmark's run pages, history and compare pages), in Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startServer, tempDir, type ServerProcess } from '../helpers/binary'
import { launchBrowser } from '../helpers/browser'
import { sitePages } from '../helpers/site-pages'

const axeSource = readFileSync(join(import.meta.dir, '../../node_modules/axe-core/axe.min.js'), 'utf8')

let server: ServerProcess
let browser: Browser

beforeAll(async () => {
  server = await startServer(['demo', '--no-open', '--cachedir', join(tempDir(), 'demo')])
  browser = await launchBrowser()
}, 60000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

async function violations(path: string): Promise<Violation[]> {
  // The pages allow no inline script; axe is the test's own, put in past the policy.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
  try {
    await page.goto(new URL(path, server.url).href, { waitUntil: 'load' })
    await page.addScriptTag({ content: axeSource })
    const found = (await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe
      return (await axe.run(document, { resultTypes: ['violations'] })).violations
    })) as Violation[]
    return found.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }))
  } finally {
    await page.close()
  }
}


describe('accessibility of the demo (axe-core)', () => {
  it('reports no violation on any page', async () => {
    const pages = await sitePages(server.url)
    expect(pages.length).toBeGreaterThan(10)
    expect(pages.some((p) => p.includes('view=history'))).toBe(true)
    expect(pages.some((p) => p.includes('/compare?'))).toBe(true)
    const found: Record<string, Violation[]> = {}
    for (const p of pages) {
      const v = await violations(p)
      if (v.length > 0) found[p] = v
    }
    expect(found).toEqual({})
  }, 600000)
})
