import { beforeAll, describe, expect, it } from 'bun:test'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createApp, storeSource } from '../../src/server'
import { acceptsGzip } from '../../src/server/accept-gzip'
import { rerunViewerVersion } from '../../src/server/rerun/viewer-version'
import { openReadStore, openStore } from '../../src/store'
import { tempDir } from '../helpers/binary'

type App = Awaited<ReturnType<typeof createApp>>
const req = (app: App, path: string, init?: RequestInit) => app.handle(new Request(`http://localhost${path}`, init))
const root = resolve(import.meta.dir, '../..')
const pkg = join(root, 'node_modules/@rerun-io/web-viewer')
const fixtures = join(import.meta.dir, '../fixtures/rerun')
const sha = (bytes: Uint8Array | ArrayBuffer) => new Bun.CryptoHasher('sha256').update(bytes).digest('hex')

let app: App
let other: App

beforeAll(async () => {
  const cachedir = join(tempDir(), 'cachedir')
  const rrd = join(cachedir, 'rrd', 'scenes')
  mkdirSync(rrd, { recursive: true })
  copyFileSync(join(fixtures, 'oracle_text_log.rrd'), join(rrd, 'text.rrd'))
  copyFileSync(join(fixtures, 'old_0.20.1.rrd'), join(rrd, 'old.rrd'))
  writeFileSync(join(rrd, 'cut.rrd'), readFileSync(join(fixtures, 'oracle_text_log.rrd')).subarray(0, 2000))
  writeFileSync(join(rrd, 'noise.rrd'), 'this is not a recording')
  const newer = new Uint8Array(readFileSync(join(fixtures, 'oracle_text_log.rrd')))
  newer[5] = 40
  writeFileSync(join(rrd, 'new.rrd'), newer)
  const store = await openStore(join(cachedir, 'bench-plot.sqlite'))
  const scenes = ['text', 'old', 'cut', 'noise', 'new', 'gone']
  await store.record({
    benchmark: 'scenes',
    inputs: [{ name: 'scene', kind: 'cat', values: scenes }],
    results: [
      { name: 'time', kind: 'float', units: 's' },
      { name: 'rec', kind: 'rerun' },
    ],
    samples: scenes.map((s, i) => ({ inputs: { scene: s }, repeat: 1, results: { time: i + 1, rec: `rrd/scenes/${s}.rrd` } })),
  })
  await store.close()
  const source = storeSource(await openReadStore(join(cachedir, 'bench-plot.sqlite')))
  app = await createApp({ source, name: null, cachedir })
  other = await createApp({ source, name: null, cachedir, rerunViewerUrl: 'http://viewer.example:9000/rerun/' })
})

describe('the embedded viewer at /rerun/', () => {
  it('is the pinned version: package.json pins it exactly, it is installed, and the embedded paths name it', async () => {
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies['@rerun-io/web-viewer']).toBe(rerunViewerVersion)
    expect(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version).toBe(rerunViewerVersion)
    const files = readFileSync(join(root, 'src/server/rerun/viewer-files.ts'), 'utf8')
    const paths = [...files.matchAll(/\.cache\/rerun-web-viewer\/([^/]+)\//g)].map((m) => m[1])
    expect(paths.length).toBe(3)
    expect(new Set(paths)).toEqual(new Set([rerunViewerVersion]))
  })

  it.each([
    ['index.js', 'index.js', 'text/javascript; charset=utf-8'],
    ['re_viewer', 're_viewer.js', 'text/javascript; charset=utf-8'],
    ['re_viewer.js', 're_viewer.js', 'text/javascript; charset=utf-8'],
    ['re_viewer_bg.wasm', 're_viewer_bg.wasm', 'application/wasm'],
  ])('/rerun/%s is the package file %s, gzipped, as %s', async (path, file, type) => {
    const r = await req(app, `/rerun/${path}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe(type)
    expect(r.headers.get('content-encoding')).toBe('gzip')
    expect(r.headers.get('vary')).toBe('accept-encoding')
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
    const body = new Uint8Array(await r.arrayBuffer())
    expect(Number(r.headers.get('content-length'))).toBe(body.length)
    const original = readFileSync(join(pkg, file))
    expect(body.length).toBeLessThan(original.length * 0.4)
    expect(sha(Bun.gunzipSync(body))).toBe(sha(original))
  })

  it.each([
    ['no Accept-Encoding', undefined],
    ['gzip refused with q=0', 'gzip;q=0, *;q=1'],
    ['only br', 'br'],
  ])('a client with %s gets the wasm unpacked, byte for byte', async (_, enc) => {
    const r = await req(app, '/rerun/re_viewer_bg.wasm', { headers: enc === undefined ? {} : { 'accept-encoding': enc } })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-encoding')).toBeNull()
    expect(r.headers.get('content-type')).toBe('application/wasm')
    expect(r.headers.get('vary')).toBe('accept-encoding')
    expect(sha(await r.arrayBuffer())).toBe(sha(readFileSync(join(pkg, 're_viewer_bg.wasm'))))
  })

  it('answers a repeated request with 304, per encoding', async () => {
    const gz = await req(app, '/rerun/index.js', { headers: { 'accept-encoding': 'gzip' } })
    const plain = await req(app, '/rerun/index.js')
    expect(gz.headers.get('etag')).not.toBe(plain.headers.get('etag'))
    const again = await req(app, '/rerun/index.js', { headers: { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.get('etag') as string } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('has nothing else: 404 names the files it has', async () => {
    const r = await req(app, '/rerun/package.json')
    expect(r.status).toBe(404)
    expect(await r.text()).toContain('index.js, re_viewer, re_viewer.js, re_viewer_bg.wasm')
  })
})

describe('the full-page viewer /rerun/view', () => {
  it('starts the viewer on a good recording, allowing wasm and nothing from another host', async () => {
    const r = await req(app, `/rerun/view?url=${encodeURIComponent('/rrd_static/scenes/text.rrd')}`)
    expect(r.status).toBe(200)
    const csp = r.headers.get('content-security-policy') as string
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';")
    expect(csp).toContain("connect-src 'self';")
    const html = await r.text()
    expect(html).toContain('id="bp-rerun-view" data-url="/rrd_static/scenes/text.rrd"')
    expect(html).toContain('<script type="module" src="/rerun/view.js"></script>')
    expect(html).toContain('written by rerun 0.31.4')
    expect(html).toMatch(/<p id="bp-rerun-problem" role="alert" hidden>\s*<\/p>/)
  })

  it.each([
    ['old', 'was written by rerun 0.20.1, older than this viewer reads (rerun 0.23 to 0.33)'],
    ['cut', 'is truncated: it ends inside a message'],
    ['noise', 'is not a rerun recording: it does not start with the RRF2 header.'],
    ['gone', 'rrd/scenes/gone.rrd is missing: there is no such file in the cache directory.'],
  ])('shows why %s.rrd cannot be viewed, and starts no viewer', async (name, message) => {
    const html = await (await req(app, `/rerun/view?url=/rrd_static/scenes/${name}.rrd`)).text()
    expect(html).toContain(message)
    // The script only tells the page around the frame; with no viewer element it loads no viewer.
    expect(html).not.toContain('id="bp-rerun-view"')
  })

  it('starts the viewer on a newer recording, with the warning', async () => {
    const html = await (await req(app, '/rerun/view?url=/rrd_static/scenes/new.rrd')).text()
    expect(html).toContain('newer than this viewer (rerun 0.23 to 0.33)')
    expect(html).toContain('id="bp-rerun-view"')
  })

  it('refuses a URL that is neither under /rrd_static/ nor http(s)', async () => {
    for (const url of ['javascript:alert(1)', '/media/x.rrd', '']) {
      const r = await req(app, `/rerun/view?url=${encodeURIComponent(url)}`)
      expect(r.status).toBe(400)
    }
  })

  it('lets the viewer fetch a recording from another host when given its URL', async () => {
    const r = await req(app, `/rerun/view?url=${encodeURIComponent('http://127.0.0.1:5555/rrd_static/a.rrd')}`)
    expect(r.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:5555;")
  })

  it('view.js imports the embedded viewer and starts it with no welcome screen (which would fetch from rerun.io)', async () => {
    const js = await (await req(app, '/rerun/view.js')).text()
    expect(js).toContain('import("/rerun/index.js")')
    expect(js).toMatch(/hide_welcome_screen: ?(!0|true)/)
  })
})

describe('--rerun-viewer-url (createApp rerunViewerUrl)', () => {
  it('view.js imports that build, the page may load it, and a newer recording is no longer flagged', async () => {
    expect(await (await req(other, '/rerun/view.js')).text()).toContain('import("http://viewer.example:9000/rerun/index.js")')
    const r = await req(other, '/rerun/view?url=/rrd_static/scenes/new.rrd')
    const csp = r.headers.get('content-security-policy') as string
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' http://viewer.example:9000;")
    expect(csp).toContain("connect-src 'self' http://viewer.example:9000;")
    const html = await r.text()
    expect(html).not.toContain('newer than this viewer')
    expect(html).toContain('id="bp-rerun-view"')
  })
})

describe('the run page', () => {
  it('holds one inline viewer of the recordings, each with its check, and no viewer file until asked', async () => {
    const html = await (await req(app, '/b/scenes')).text()
    expect(html.match(/<section class="bp-rerun-viewer"/g)?.length).toBe(1)
    expect(html).toContain('<script type="module" src="/rerun/embed.js"></script>')
    expect(html).not.toContain('re_viewer')
    expect(html).not.toContain('/rerun/index.js')
    const options = [...html.matchAll(/<option value="\d+"[^>]*data-viewable="(true|false)" data-status="([a-z-]+)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[3], m[2], m[1]])
    expect(options).toEqual([
      ['scene=text', 'ok', 'true'],
      ['scene=old (too old)', 'too-old', 'false'],
      ['scene=cut (truncated)', 'truncated', 'false'],
      ['scene=noise (not a recording)', 'not-rrd', 'false'],
      ['scene=new (newer than the viewer)', 'too-new', 'true'],
      ['scene=gone (missing)', 'missing', 'false'],
    ])
    expect(html).toContain('data-frame-url="/rerun/view?url=%2Frrd_static%2Fscenes%2Ftext.rrd&amp;embed=1"')
    expect(html).toContain('class="bp-rerun-newtab" href="/rerun/view?url=%2Frrd_static%2Fscenes%2Ftext.rrd"')
  })

  it('keeps the link to each file, with what is wrong beside it, for a reader without JavaScript', async () => {
    const html = await (await req(app, '/b/scenes')).text()
    expect(html).toContain('<a class="bp-rerun" href="/rrd_static/scenes/text.rrd">text.rrd (open recording)</a>')
    expect(html).toContain('<a class="bp-rerun" href="/rrd_static/scenes/cut.rrd">cut.rrd (open recording)</a> <span class="bp-rerun-note" data-problem="rrd/scenes/cut.rrd">rrd/scenes/cut.rrd is truncated')
    expect(html).toContain('missing: rrd/scenes/gone.rrd')
    // The controls that need the script are hidden without it.
    expect(html).toMatch(/<button type="button" class="bp-rerun-load" data-needs-script hidden>/)
  })
})

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br, zstd', true],
    ['br;q=1.0, gzip;q=0.5', true],
    ['*', true],
    ['GZIP', true],
    ['gzip;q=0', false],
    ['*;q=1, gzip;q=0', false],
    ['identity', false],
    ['br', false],
    ['', false],
  ])('%p → %p', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected)
  })
})
