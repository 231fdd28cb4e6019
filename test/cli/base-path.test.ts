import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { join, resolve } from 'node:path'
import { runBin, startServer, tempDir, type ServerProcess } from '../helpers/binary'

// Issue 18, point 5: `serve --base-path /bench/` answers every page and asset under the prefix,
// and every URL in its pages carries it, as a team server behind a reverse proxy needs.
const fixtures = resolve(import.meta.dir, '../fixtures')
let server: ServerProcess
let origin: string

beforeAll(async () => {
  const dir = tempDir()
  const db = join(dir, 'cachedir', 'bench-plot.sqlite')
  for (const f of ['pytest-benchmark/codecs-run1.json', 'pytest-benchmark/codecs-run2.json']) expect((await runBin(['import', join(fixtures, f), '--db', db])).code).toBe(0)
  server = await startServer(['serve', '--no-open', '--base-path', '/bench/'], { cwd: dir })
  origin = new URL(server.url).origin
})

afterAll(async () => {
  await server?.stop()
})

const urlsIn = (html: string) => [...html.matchAll(/\s(?:href|src|action|data-chart-url|data-lazy|data-url)="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))

describe('serve --base-path /bench/', () => {
  it('announces the prefixed URL, redirects the bare prefix and answers nothing outside it', async () => {
    expect(server.url).toBe(`${origin}/bench/`)
    const bare = await fetch(`${origin}/bench`, { redirect: 'manual' })
    expect([bare.status, bare.headers.get('location')]).toEqual([308, '/bench/'])
    for (const path of ['/', '/b/test_encode', '/assets/charts.js', '/api/benchmarks']) expect((await fetch(`${origin}${path}`)).status).toBe(404)
  })

  it('every link of every page reached from the index is under the prefix and answers', async () => {
    const seen = new Set<string>()
    const queue = ['/bench/']
    let pages = 0
    while (queue.length > 0 && seen.size < 60) {
      const path = queue.shift() as string
      if (seen.has(path)) continue
      seen.add(path)
      const res = await fetch(`${origin}${path}`)
      expect(`${res.status} ${path}`).toBe(`200 ${path}`)
      if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue
      pages++
      for (const raw of urlsIn(await res.text())) {
        if (raw.startsWith('#') || raw.startsWith('data:') || raw === '') continue
        const url = new URL(raw, `${origin}${path}`)
        expect(`${url.origin}${url.pathname}`).toStartWith(`${origin}/bench/`)
        // Pages of the two benchmarks with their charts, history and comparison; not every variant of every query.
        const next = `${url.pathname}${url.search}`
        if (!seen.has(next) && (url.search.length < 80 || !next.includes('?'))) queue.push(next)
      }
    }
    expect(pages).toBeGreaterThan(5)
    expect([...seen].some((p) => p.startsWith('/bench/assets/'))).toBe(true)
    expect([...seen].some((p) => p.includes('view=history'))).toBe(true)
  }, 120_000)

  it('the API names its files under the prefix', async () => {
    const b = await (await fetch(`${origin}/bench/api/benchmarks/test_encode`)).json()
    expect(b.runs[0].links.csv).toBe(`/bench/api/benchmarks/test_encode/runs/${b.runs[0].id}/samples.csv`)
    expect((await fetch(`${origin}${b.runs[0].links.csv}`)).status).toBe(200)
  })

  it('refuses a prefix that is not a plain path in one line', async () => {
    const r = await runBin(['serve', '--no-open', '--base-path', '../x', '--db', join(tempDir(), 'none.sqlite')])
    expect(r.stderr).toBe('bench-plot: --base-path: expected a path such as /bench/ (letters, digits, . _ ~ -), got "../x"\n')
    expect(r.code).toBe(2)
  })
})
