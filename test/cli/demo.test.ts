import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { runBin, startServer, tempDir, type ServerProcess } from '../helpers/binary'
import { withLazyParts } from '../helpers/lazy-page'

let server: ServerProcess
let cachedir: string

beforeAll(async () => {
  cachedir = join(tempDir(), 'demo')
  server = await startServer(['demo', '--no-open', '--cachedir', cachedir])
})

afterAll(async () => {
  await server?.stop()
})

describe('bench-plot demo', () => {
  it('records the demo benchmarks into its own store and serves the index', async () => {
    expect(existsSync(join(cachedir, 'bench-plot.sqlite'))).toBe(true)
    const list = await (await fetch(`${server.url}api/benchmarks`)).json()
    expect(list.map((b: { name: string }) => b.name)).toEqual(['arm-reach', 'compress', 'json-parse', 'scene-export', 'sort', 'startup', 'train'])
    expect(list.find((b: { name: string }) => b.name === 'sort').runs).toBe(8)
  })

  it('shows every chart shape, and the regression it plants in sort', async () => {
    const get = async (path: string) => (await fetch(`${server.url}${path.replace(/^\//, '')}`)).text()
    const page = async (name: string) => withLazyParts(await get(`b/${name}`), get)
    expect(await page('sort')).toContain('<strong>1 regression detected</strong>')
    expect(await page('sort')).toContain('data-chart="curve" data-result="time"')
    expect(await page('compress')).toContain('data-chart="line" data-result="ratio"')
    expect(await page('train')).toContain('data-chart="heatmap" data-result="accuracy"')
    expect(await page('startup')).toContain('data-chart="histogram" data-result="startup"')
    expect(await page('json-parse')).toContain('data-chart="box" data-result="throughput"')
    expect(await page('arm-reach')).toContain('data-component')
  })

  it('keeps its store in the user\'s cache folder by default and prints the --cachedir that list and check need', async () => {
    const home = tempDir('bench-plot-home-')
    const demo = await startServer(['demo', '--no-open'], { cwd: home })
    try {
      const expected = join(home, '.cache', 'bench-plot', 'demo')
      const named = demo.stderr().match(/list and check it with --cachedir (\S+)/)?.[1]
      expect(named).toBe(expected)
      expect(existsSync(join(expected, 'bench-plot.sqlite'))).toBe(true)
      const list = await runBin(['list', '--json', '--cachedir', named as string], { cwd: home })
      expect(JSON.parse(list.stdout)).toHaveLength(7)
      expect((await runBin(['check', 'sort', '--cachedir', named as string], { cwd: home })).stdout).toContain('REGRESSED')
    } finally {
      expect(await demo.stop()).toBe(0)
    }
    // $XDG_CACHE_HOME, when set, is the cache folder.
    const xdg = join(home, 'xdg')
    const other = await startServer(['demo', '--no-open'], { cwd: home, env: { XDG_CACHE_HOME: xdg } })
    expect(other.stderr()).toContain(`--cachedir ${join(xdg, 'bench-plot', 'demo')}`)
    expect(await other.stop()).toBe(0)
  })

  it('has a benchmark with real rerun recordings, written beside the store with their licence, each viewable', async () => {
    for (const f of ['text-log.rrd', 'scene.rrd', 'LICENSE.unity-rerun-sdk.Apache-2.0.txt']) expect(existsSync(join(cachedir, 'rrd', 'scene-export', f))).toBe(true)
    const html = await (await fetch(`${server.url}b/scene-export`)).text()
    expect(html.match(/<section class="bp-rerun-viewer"/g)?.length).toBe(1)
    const statuses = [...html.matchAll(/data-status="([a-z-]+)"[^>]*>([^<]*)</g)].map((m) => `${m[2]}: ${m[1]}`)
    expect(statuses).toEqual(['scene=text-log, repeat 1: ok', 'scene=text-log, repeat 2: ok', 'scene=text-log, repeat 3: ok', 'scene=scene, repeat 1: ok', 'scene=scene, repeat 2: ok', 'scene=scene, repeat 3: ok'])
    const rrd = await fetch(`${server.url}rrd_static/scene-export/text-log.rrd`)
    expect(new Uint8Array(await rrd.arrayBuffer()).subarray(0, 4)).toEqual(new TextEncoder().encode('RRF2'))
  })

  it('adds nothing when started again on the same store', async () => {
    const again = await startServer(['demo', '--no-open', '--cachedir', cachedir])
    expect(again.stderr()).toMatch(/0 runs added, 14 already there/)
    expect((await (await fetch(`${again.url}api/benchmarks`)).json()).find((b: { name: string }) => b.name === 'sort').runs).toBe(8)
    expect(await again.stop()).toBe(0)
  })
})
