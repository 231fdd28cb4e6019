import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import type { Browser, Page } from 'playwright-core'
import type { RunInput } from '../../src/model/run-format'
import { startServer, type ServerProcess } from '../helpers/binary'
import { launchBrowser } from '../helpers/browser'
import { importedStore } from './helpers'

// Point 11 of issue 22 (keep what holds): user text in every field of a run is shown, never run, with or
// without the Content-Security-Policy. A payload that ran calls alert() or leaves an element marked data-pwn / <x-pwn>.
const payloads = [
  '<script>alert(1)</script><x-pwn></x-pwn>',
  '"><img src=x onerror=alert(1) data-pwn>',
  "'><svg onload=alert(1) data-pwn>",
  '</title><script>alert(1)</script><x-pwn></x-pwn>',
  '</textarea><script>alert(1)</script>',
  '</script><script>alert(1)</script>',
  '<a href="javascript:alert(1)" data-pwn>x</a>',
  '[click](javascript:alert(1))',
  '<iframe srcdoc="<script>parent.alert(1)</script>" data-pwn></iframe>',
  '" onmouseover="alert(1)" data-pwn="',
  "' autofocus onfocus='alert(1)' data-pwn='",
  '<details open ontoggle=alert(1) data-pwn>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1) data-pwn>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '\u2028\u2029</script><script>alert(1)</script>',
  '${alert(1)}{{constructor.constructor("alert(1)")()}}',
  '<body onload=alert(1) data-pwn>',
  '<object data="javascript:alert(1)" data-pwn></object>',
  '<base href="//evil.example/" data-pwn>',
  '<!--<img src="--><img src=x onerror=alert(1) data-pwn>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s data-pwn>',
  '<input autofocus onfocus=alert(1) data-pwn>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)" data-pwn>',
  '`-alert(1)-`',
]

function hostileRun(p: string, i: number, time: string): RunInput {
  return {
    benchmark: `p${i} ${p.replaceAll('/', '|')}`,
    title: p,
    description: `${p}\n\n**${p}**`,
    post_description: p,
    tag: p,
    time,
    time_label: p,
    commit: p,
    branch: p,
    repeats: 1,
    inputs: [
      { name: `n ${p}`, kind: 'cat', units: p, doc: p, values: [p, 'plain'] },
    ],
    consts: [{ name: p, value: p }],
    results: [
      { name: `time ${p}`, kind: 'float', units: p, doc: p },
      { name: `note ${p}`, kind: 'string', doc: p },
    ],
    samples: [
      { inputs: { [`n ${p}`]: p }, results: { [`time ${p}`]: 1 + i, [`note ${p}`]: p } },
      { inputs: { [`n ${p}`]: 'plain' }, results: { [`time ${p}`]: 2 + i } },
    ],
    failures: [{ inputs: { [`n ${p}`]: 'plain' }, error: p }],
    meta: { [p]: p },
  }
}

let server: ServerProcess
let browser: Browser
beforeAll(async () => {
  const runs = payloads.flatMap((p, i) => [hostileRun(p, i, '2026-11-20T10:00:00Z'), hostileRun(p, i, '2026-11-21T10:00:00Z')])
  const { db } = await importedStore(runs)
  server = await startServer(['serve', '--db', db, '--no-open'])
  browser = await launchBrowser()
}, 60_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function visit(page: Page, url: string, ran: string[]): Promise<void> {
  const res = await page.goto(url, { waitUntil: 'load' })
  expect(`${url} ${res?.status()}`).toBe(`${url} 200`)
  // Charts hydrate after load: give any injected handler its chance to fire.
  await page.waitForTimeout(150)
  const marked = await page.evaluate(() => document.querySelectorAll('x-pwn, [data-pwn]').length)
  if (marked > 0) ran.push(`${url}: ${marked} injected elements`)
}

describe('escaping', () => {
  for (const bypassCSP of [false, true]) {
    it(`runs none of ${payloads.length} payloads in any field of the index and benchmark pages${bypassCSP ? ', the CSP switched off' : ''}`, async () => {
      const context = await browser.newContext({ bypassCSP })
      const page = await context.newPage()
      const ran: string[] = []
      page.on('dialog', (d) => {
        ran.push(`${page.url()}: dialog ${d.message()}`)
        void d.dismiss()
      })
      await visit(page, server.url, ran)
      const names = (await (await fetch(`${server.url}api/benchmarks`)).json()) as { name: string }[]
      expect(names).toHaveLength(payloads.length)
      for (const { name } of names) {
        const path = `${server.url}b/${encodeURIComponent(name)}`
        const { runs } = (await (await fetch(`${server.url}api/benchmarks/${encodeURIComponent(name)}`)).json()) as { runs: { id: number }[] }
        await visit(page, path, ran)
        await visit(page, `${path}?run=${runs[0].id}`, ran)
      }
      expect(ran).toEqual([])
      await context.close()
    }, 300_000)
  }
})
