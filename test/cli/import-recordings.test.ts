import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runBin, startServer, tempDir, type ServerProcess } from '../helpers/binary'

// A run refers to its recordings by paths under rrd/ (docs/format.md): import checks they exist.

const fixtures = resolve(import.meta.dir, '../fixtures/rerun')
let dir: string
let server: ServerProcess | undefined

const run = (recs: (string | null)[]) => ({
  benchmark: 'scenes',
  repeats: 2,
  inputs: [{ name: 'scene', kind: 'cat', values: ['a', 'b'] }],
  results: [
    { name: 'time', kind: 'float', units: 's' },
    { name: 'rec', kind: 'rerun' },
  ],
  samples: recs.map((rec, k) => ({ inputs: { scene: ['a', 'b'][Math.floor(k / 2)] }, repeat: (k % 2) + 1, results: { time: k + 1, rec } })),
})

beforeAll(() => {
  dir = tempDir()
  mkdirSync(join(dir, 'cachedir', 'rrd', 'scenes'), { recursive: true })
  copyFileSync(join(fixtures, 'oracle_text_log.rrd'), join(dir, 'cachedir', 'rrd', 'scenes', 'a1.rrd'))
  copyFileSync(join(fixtures, 'oracle_text_log.rrd'), join(dir, 'cachedir', 'elsewhere.rrd'))
})

afterAll(async () => {
  await server?.stop()
})

describe('bench-plot import and recordings', () => {
  it('records the run and warns, one line each, of a recording that does not exist and of one outside rrd/', async () => {
    writeFileSync(join(dir, 'run.json'), JSON.stringify(run(['rrd/scenes/a1.rrd', 'rrd/scenes/a2.rrd', 'elsewhere.rrd', null])))
    const r = await runBin(['import', 'run.json'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('recorded run 1 of scenes (2 points x 2 repeats)\n')
    const cachedir = join(dir, 'cachedir/')
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `bench-plot: warning: run.json: benchmark "scenes", result "rec" at scene=a, repeat 2: recording rrd/scenes/a2.rrd does not exist in ${cachedir}; the page shows it as missing`,
      'bench-plot: warning: run.json: benchmark "scenes", result "rec" at scene=b, repeat 1: recording elsewhere.rrd is not under rrd/, the only folder recordings are served from; the page cannot show it',
    ])
  })

  it('is silent when every recording is there', async () => {
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(run(['rrd/scenes/a1.rrd', null, null, 'rrd/scenes/a1.rrd'])))
    const r = await runBin(['import', 'ok.json'], { cwd: dir })
    expect([r.code, r.stderr]).toEqual([0, ''])
  })

  it('the page of the first run shows the missing recording as missing, and the one outside rrd/ as not viewable', async () => {
    server = await startServer(['scenes', '--no-open'], { cwd: dir })
    const html = await (await fetch(`${server.url}b/scenes?run=1`)).text()
    expect(html).toContain('<span class="bp-missing" data-missing="rrd/scenes/a2.rrd">missing: rrd/scenes/a2.rrd</span>')
    expect(html).toContain('data-status="missing"')
    expect(html).toContain('<span class="bp-rerun-note" data-problem="elsewhere.rrd">elsewhere.rrd is not under rrd/, the only folder recordings are served from.</span>')
    expect(html).toContain('<a class="bp-rerun" href="/rrd_static/scenes/a1.rrd">a1.rrd (open recording)</a>')
  })
})
