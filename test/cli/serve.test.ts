import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { Database } from 'bun:sqlite'
import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../../src/store'
import { sortRun } from '../fixtures/sort-run'
import { binPath, runBin, startServer, tempDir, type ServerProcess } from '../helpers/binary'

const evil = '<script>alert(1)</script>'
const want = { origin: '*', methods: 'GET, OPTIONS', headers: '*' }
const corsOf = (h: Headers) => ({ origin: h.get('access-control-allow-origin'), methods: h.get('access-control-allow-methods'), headers: h.get('access-control-allow-headers') })

let dir: string
let server: ServerProcess

/** One request written byte for byte, so that `..` and `%2e%2e` reach the server as they are (fetch would normalise them). */
async function rawGet(port: number, path: string): Promise<number> {
  let text = ''
  const { promise, resolve } = Promise.withResolvers<void>()
  const socket = await Bun.connect({
    hostname: '127.0.0.1',
    port,
    socket: {
      data(_s, d) {
        text += new TextDecoder().decode(d)
      },
      close: () => resolve(),
      error: () => resolve(),
    },
  })
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)
  await promise
  return Number(text.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0)
}

function rssKb(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0)
}

beforeAll(async () => {
  dir = tempDir()
  const cachedir = join(dir, 'cachedir')
  mkdirSync(join(cachedir, 'rrd', 'job'), { recursive: true })
  mkdirSync(join(dir, 'outside'))
  writeFileSync(join(dir, 'secret.txt'), 'secret')
  writeFileSync(join(dir, 'outside', 'secret.txt'), 'secret')
  writeFileSync(join(cachedir, 'rrd', 'job', 'rrd.rrd'), 'RRD-DATA')
  symlinkSync(join(dir, 'secret.txt'), join(cachedir, 'rrd', 'link-out.rrd'))
  symlinkSync(join(dir, 'outside'), join(cachedir, 'rrd', 'dir-out'))
  symlinkSync(join(cachedir, 'rrd', 'job', 'rrd.rrd'), join(cachedir, 'rrd', 'link-in.rrd'))
  // A 200 MB recording, sparse so that it is written at once.
  const fd = openSync(join(cachedir, 'rrd', 'big.rrd'), 'w')
  ftruncateSync(fd, 200 * 1024 * 1024)
  closeSync(fd)
  const store = await openStore(join(cachedir, 'bench-plot.sqlite'))
  await store.record(sortRun())
  await store.record({ ...sortRun(), benchmark: evil })
  await store.close()
  server = await startServer(['sort'], { cwd: dir })
})

afterAll(async () => {
  await server?.stop()
})

describe('bench-plot serve', () => {
  it('prints one line once it accepts connections, with a URL on 127.0.0.1', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(server.port).toBeGreaterThanOrEqual(49152)
    expect(server.port).toBeLessThanOrEqual(65535)
    const r = await fetch(server.url)
    expect(r.status).toBe(200)
    expect(r.url).toBe(`${server.url}b/sort`)
    expect(await r.text()).toContain('Sweeping n by algo by repeat to generate a 3x2x3 result dataset containing time, ok')
  })

  it('shows a benchmark named <script>alert(1)</script> as text', async () => {
    const s = await startServer([evil, '--no-open'], { cwd: dir })
    try {
      const html = await (await fetch(s.url)).text()
      expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>')
      expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>')
      expect(html).not.toContain(evil)
    } finally {
      expect(await s.stop()).toBe(0)
    }
  })

  it('serves an index of every benchmark with serve and no name', async () => {
    const s = await startServer(['serve'], { cwd: dir })
    try {
      const html = await (await fetch(s.url)).text()
      expect(html).toContain('href="/b/sort"')
      expect(html).toContain('href="/b/%3Cscript%3Ealert(1)%3C%2Fscript%3E"')
      expect(await (await fetch(`${s.url}api/benchmarks`)).json()).toHaveLength(2)
    } finally {
      await s.stop()
    }
  })

  it('sends the exact CORS headers on /rrd_static/ 200, 206, 304, 404 and OPTIONS (204, empty)', async () => {
    const ok = await fetch(`${server.url}rrd_static/job/rrd.rrd`)
    expect([ok.status, await ok.text(), corsOf(ok.headers)]).toEqual([200, 'RRD-DATA', want])
    const part = await fetch(`${server.url}rrd_static/job/rrd.rrd`, { headers: { range: 'bytes=4-7' } })
    expect([part.status, await part.text(), part.headers.get('content-range'), corsOf(part.headers)]).toEqual([206, 'DATA', 'bytes 4-7/8', want])
    const cached = await fetch(`${server.url}rrd_static/job/rrd.rrd`, { headers: { 'if-none-match': ok.headers.get('etag') as string } })
    expect([cached.status, corsOf(cached.headers)]).toEqual([304, want])
    const missing = await fetch(`${server.url}rrd_static/job/none.rrd`)
    expect([missing.status, corsOf(missing.headers)]).toEqual([404, want])
    const preflights: Record<string, string>[] = [{}, { origin: 'http://localhost:9', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' }]
    for (const headers of preflights) {
      const pre = await fetch(`${server.url}rrd_static/job/rrd.rrd`, { method: 'OPTIONS', headers })
      expect([pre.status, await pre.text(), corsOf(pre.headers)]).toEqual([204, '', want])
    }
    expect(await (await fetch(`${server.url}rrd_static/link-in.rrd`)).text()).toBe('RRD-DATA')
  })

  it('refuses every path that leaves the recordings folder with 404', async () => {
    const forms = [
      '/rrd_static/../secret.txt',
      '/rrd_static/../../secret.txt',
      '/rrd_static/job/../../secret.txt',
      '/rrd_static/%2e%2e/secret.txt',
      '/rrd_static/%2E%2E/%2e%2e/secret.txt',
      '/rrd_static/.%2e/secret.txt',
      '/rrd_static/..%2fsecret.txt',
      '/rrd_static/..%2Fsecret.txt',
      '/rrd_static/job%2f..%2f..%2fsecret.txt',
      '/rrd_static/..%5csecret.txt',
      '/rrd_static/..\\secret.txt',
      '/rrd_static/%252e%252e/secret.txt',
      `/rrd_static/${join(dir, 'secret.txt')}`,
      `/rrd_static/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      '/rrd_static//etc/passwd',
      '/rrd_static/%2fetc%2fpasswd',
      '/rrd_static/link-out.rrd',
      '/rrd_static/dir-out/secret.txt',
      '/media/../secret.txt',
      '/media/%2e%2e/secret.txt',
      '/media/rrd/link-out.rrd',
      '/media/bench-plot.sqlite',
    ]
    const statuses = await Promise.all(forms.map(async (p) => [p, await rawGet(server.port, p)]))
    expect(statuses).toEqual(forms.map((p) => [p, 404]))
  })

  it('streams a 200 MB recording, whole and by Range, with flat memory', async () => {
    const pid = server.proc.pid
    const before = rssKb(pid)
    let peak = before
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssKb(pid))
    }, 10)
    try {
      const r = await fetch(`${server.url}rrd_static/big.rrd`)
      expect(r.status).toBe(200)
      expect(r.headers.get('content-length')).toBe(String(200 * 1024 * 1024))
      let n = 0
      const reader = (r.body as ReadableStream<Uint8Array>).getReader()
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        n += value.length
        peak = Math.max(peak, rssKb(pid))
      }
      expect(n).toBe(200 * 1024 * 1024)
      const part = await fetch(`${server.url}rrd_static/big.rrd`, { headers: { range: 'bytes=150000000-150000999' } })
      expect([part.status, part.headers.get('content-range'), (await part.arrayBuffer()).byteLength]).toEqual([206, `bytes 150000000-150000999/${200 * 1024 * 1024}`, 1000])
    } finally {
      clearInterval(sampler)
    }
    expect(before).toBeGreaterThan(0)
    expect((peak - before) / 1024).toBeLessThan(100)
  })

  it('starts two servers at the same moment, both up on different ports', async () => {
    const [a, b] = await Promise.all([startServer(['sort'], { cwd: dir }), startServer(['sort'], { cwd: dir })])
    try {
      expect(a.port).not.toBe(b.port)
      expect((await fetch(a.url)).status).toBe(200)
      expect((await fetch(b.url)).status).toBe(200)
    } finally {
      expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0])
    }
  })

  it('uses --port as given, and fails in one line with exit 1 when it is busy', async () => {
    const held = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } })
    try {
      const r = await runBin(['sort', '--port', String(held.port)], { cwd: dir })
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(`bench-plot: port ${held.port} on 127.0.0.1 is already in use (choose another with --port, or leave --port out to pick a free one)\n`)
    } finally {
      held.stop(true)
    }
    const free = held.port
    const s = await startServer(['serve', 'sort', '--port', String(free)], { cwd: dir })
    try {
      expect(s.url).toBe(`http://127.0.0.1:${free}/`)
    } finally {
      await s.stop()
    }
  })

  it('fails on a missing name with the loader message before binding any port', async () => {
    // The port is held: a server that bound before loading would complain about the port instead.
    const held = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } })
    try {
      const r = await runBin(['nope', '--port', String(held.port)], { cwd: dir })
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(/^bench-plot: no benchmark named "nope" in .*bench-plot\.sqlite \(stored: .*\); record results with: bench-plot import FILE\n$/)
    } finally {
      held.stop(true)
    }
  })

  it('says nothing has been recorded yet when there is no store, creating nothing', async () => {
    const empty = tempDir()
    const r = await runBin(['sort', '--port', '1'], { cwd: empty })
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`bench-plot: nothing has been recorded yet at ${join(empty, 'cachedir', 'bench-plot.sqlite')} (record results with: bench-plot import FILE)\n`)
    expect(readdirSync(empty)).toEqual([])
  })

  it('says the results were recorded but are gone when their data is missing', async () => {
    const gone = tempDir()
    const store = await openStore(join(gone, 'cachedir', 'bench-plot.sqlite'))
    await store.record(sortRun())
    await store.close()
    const db = new Database(join(gone, 'cachedir', 'bench-plot.sqlite'))
    db.run('DELETE FROM columns')
    db.close()
    const r = await runBin(['sort'], { cwd: gone })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^bench-plot: results of "sort" were recorded in .*bench-plot\.sqlite but their data is missing or unreadable; record the benchmark again with: bench-plot import FILE\n$/)
  })

  it('binds 0.0.0.0 with --host and prints a URL this machine can open', async () => {
    const s = await startServer(['sort', '--host', '0.0.0.0'], { cwd: dir })
    try {
      expect(s.url).toBe(`http://127.0.0.1:${s.port}/`)
      expect((await fetch(s.url)).status).toBe(200)
    } finally {
      await s.stop()
    }
  })

  it('warns and keeps serving when --open finds no browser', async () => {
    const s = await startServer(['sort', '--open'], { cwd: dir })
    try {
      expect((await fetch(s.url)).status).toBe(200)
      await Bun.sleep(200)
      expect(s.stderr()).toMatch(/^bench-plot: warning: could not open a browser \(xdg-open: .*\); open http:\/\/127\.0\.0\.1:\d+\/ yourself\n$/)
    } finally {
      expect(await s.stop()).toBe(0)
    }
  })

  it('exits 0 on SIGTERM and on SIGINT', async () => {
    const s = await startServer(['sort'], { cwd: dir })
    expect(await s.stop()).toBe(0)
    const t = await startServer(['sort'], { cwd: dir })
    t.proc.kill('SIGINT')
    expect(await t.proc.exited).toBe(0)
    expect(t.stderr()).toBe('')
  })

  it('describes its flags with --help', async () => {
    const r = await runBin(['serve', '--help'])
    expect(r.code).toBe(0)
    for (const f of ['--port', '--host', '--open', '--no-open', '--cachedir', '--db']) expect(r.stdout).toContain(f)
    expect(binPath).toBeTruthy()
  })
})
