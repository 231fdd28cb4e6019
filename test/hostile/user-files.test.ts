import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { sortRun } from '../fixtures/sort-run'
import { startServer, type ServerProcess } from '../helpers/binary'
import { launchBrowser } from '../helpers/browser'
import { importedStore } from './helpers'

// Points 2 and 3 of issue 22: files under /media/ and /rrd_static/ are the user's, and never run script
// on our origin; the store is never one of them, whatever its name or link.
const active = {
  'page.html': '<!doctype html><script>window.alert("html")</script><p>page</p>',
  'pic.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="red"/><script>alert("svg")</script></svg>',
  'doc.xhtml': '<html xmlns="http://www.w3.org/1999/xhtml"><body><script>alert("xhtml")</script></body></html>',
  'sniff.txt': '<html><script>alert("sniff")</script></html>',
}

let server: ServerProcess
let cachedir: string
let storeName: string
beforeAll(async () => {
  const { dir } = await importedStore([sortRun()])
  cachedir = join(dir, 'files')
  mkdirSync(join(cachedir, 'rrd'), { recursive: true })
  for (const [name, text] of Object.entries(active)) {
    writeFileSync(join(cachedir, name), text)
    writeFileSync(join(cachedir, 'rrd', name), text)
  }
  // The store under a name without .sqlite, inside the served folder, with a hard link and a symbolic link to it.
  storeName = join(cachedir, 'results.db')
  const r = await importedStore([sortRun()], dir)
  writeFileSync(storeName, '')
  await Bun.write(storeName, Bun.file(r.db))
  linkSync(storeName, join(cachedir, 'hard-link.png'))
  symlinkSync('results.db', join(cachedir, 'soft-link.svg'))
  linkSync(storeName, join(cachedir, 'rrd', 'store.rrd'))
  server = await startServer(['serve', 'sort', '--cachedir', cachedir, '--db', storeName, '--no-open'])
})
afterAll(async () => {
  await server?.stop()
})

describe('headers', () => {
  it('sends nosniff on every response, the API and errors included', async () => {
    for (const path of ['/', '/b/sort', '/api/benchmarks', '/api/benchmarks/sort', '/api/benchmarks/sort/runs/1/samples.csv', '/api/nothing', '/nothing', '/media/pic.svg', '/media/missing.svg', '/rrd_static/page.html', '/rrd_static/missing']) {
      const res = await fetch(server.url + path.slice(1), { redirect: 'manual' })
      await res.arrayBuffer()
      expect(`${path} ${res.headers.get('x-content-type-options')}`).toBe(`${path} nosniff`)
    }
  })

  it('sends a content security policy and nosniff with the error answers under the user-file paths and a refused query', async () => {
    // The guards add their headers after the route answered, or, for an error, through Elysia's set.headers.
    for (const path of ['/media/missing.svg', '/rrd_static/missing', '/media/%E0%A4%A', '/b/sort?run=abc']) {
      const res = await fetch(server.url + path.slice(1))
      await res.arrayBuffer()
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(`${path} ${res.status >= 400} ${res.headers.get('x-content-type-options')} ${csp.includes("default-src 'none'") || csp.includes("object-src 'none'")}`).toBe(`${path} true nosniff true`)
    }
  })

  it('sandboxes every user file, and keeps the exact CORS headers of /rrd_static/', async () => {
    for (const name of Object.keys(active)) {
      for (const prefix of ['media', 'rrd_static']) {
        const res = await fetch(`${server.url}${prefix}/${name}`)
        expect(await res.text()).toBe(active[name as keyof typeof active])
        expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'")
        if (prefix === 'rrd_static') {
          expect(res.headers.get('access-control-allow-origin')).toBe('*')
          expect(res.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS')
          expect(res.headers.get('access-control-allow-headers')).toBe('*')
        }
      }
    }
  })
})

describe('the store', () => {
  it('is never served, under another name, through a hard link or a symbolic link, nor its -wal or -shm', async () => {
    writeFileSync(`${storeName}-wal`, 'wal bytes')
    writeFileSync(`${storeName}-shm`, 'shm bytes')
    for (const path of ['media/results.db', 'media/hard-link.png', 'media/soft-link.svg', 'media/results.db-wal', 'media/results.db-shm', 'rrd_static/store.rrd']) {
      const res = await fetch(server.url + path)
      const body = await res.text()
      expect(`${path} ${res.status}`).toBe(`${path} 404`)
      expect(body).not.toContain('SQLite format')
    }
  })
})

describe('in a browser', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  }, 60000)
  afterAll(async () => {
    await browser?.close()
  })

  it('runs no script of a user file opened directly, and still shows an SVG in an <img>', async () => {
    const page = await browser.newPage()
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    for (const name of Object.keys(active)) {
      for (const prefix of ['media', 'rrd_static']) await page.goto(`${server.url}${prefix}/${name}`)
    }
    await page.goto(`${server.url}b/sort`)
    const width = await page.evaluate(
      (src) =>
        new Promise<number>((resolve) => {
          const img = new Image()
          img.onload = () => resolve(img.naturalWidth)
          img.onerror = () => resolve(-1)
          img.src = src
        }),
      '/media/pic.svg',
    )
    expect(width).toBe(40)
    expect(dialogs).toEqual([])
    await page.close()
  }, 60000)
})
