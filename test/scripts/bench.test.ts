import { afterAll, describe, expect, it } from 'bun:test'
import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseOptions } from '../../scripts/bench'
import { sizeLabel, sweepColumns, sweepShape } from '../../scripts/bench/generate'
import { tempDir } from '../helpers/binary'

// Only checks that `bun run bench` still runs end to end on the smallest size; never its timings,
// which depend on the machine (issue 7: targets are measured by the benchmark, not asserted by tests).
const root = resolve(import.meta.dir, '../..')
const dir = tempDir('bench-plot-bench-test-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('scripts/bench.ts', () => {
  it(
    'measures the 1e3 store end to end and writes every figure as a finite positive number',
    async () => {
      const out = join(dir, 'results.json')
      // --load bun: the fallback client that CI machines, which have no wrk, depend on.
      // --no-export: exporting the 10-run benchmark and asking a server for the same files takes minutes on a loaded machine.
      // Two small wide stores (a growth between them) and a second of load for the memory figure.
      // --no-demo: the browser figures are taken on the 1e3 pages only (the demo's pages add minutes).
      const args = ['--sizes', '1e3', '--out', out, '--reps', '2', '--repeat-requests', '2', '--duration', '1', '--load', 'bun', '--no-export', '--no-demo', '--browser-loads', '3', '--wide', '10,20', '--wide-runs', '5', '--soak', '1', '--cold-starts', '3']
      const proc = Bun.spawn([process.execPath, 'scripts/bench.ts', ...args], { cwd: root, stdout: 'pipe', stderr: 'pipe' })
      const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
      if (code !== 0) throw new Error(`bench exited with ${code}:\n${stderr}`)

      const results = JSON.parse(readFileSync(out, 'utf8'))
      expect(results.bun).toBe(Bun.version)
      expect(results.commit.sha).toMatch(/^[0-9a-f]{40}$|^unknown$/)
      expect(results.machine.cores).toBeGreaterThan(0)
      expect(Object.keys(results.sizes)).toEqual(['1e3'])
      expect(results.sizes['1e3'].pagePath).toStartWith('/')

      const measurements = Object.entries(results.measurements) as [string, number][]
      expect(measurements.length).toBeGreaterThan(20)
      const bad = measurements.filter(([, v]) => !(typeof v === 'number' && Number.isFinite(v) && v > 0))
      expect(bad).toEqual([])

      expect(results.targets.map((t: { name: string }) => t.name)).toContain('first page vs SELECT')
      // Issue 20's wide stores, memory after load and cold start against the Elysia floor: measured and judged.
      expect(Object.keys(results.wide)).toEqual(['10', '20'])
      expect(measurements.filter(([k]) => k.startsWith('wide.')).length).toBe(10)
      expect(measurements.filter(([k]) => k.startsWith('1e3.soak.')).length).toBe(6)
      // Cold starts alternated with the Elysia hello world and the floor probe: wall and CPU of each.
      expect(measurements.filter(([k]) => k.startsWith('1e3.coldStarts.')).map(([k]) => k).sort()).toEqual(
        ['benchPlot', 'elysiaHello', 'floorProbe'].flatMap((w) => [`1e3.coldStarts.${w}.cpu`, `1e3.coldStarts.${w}.wall`]),
      )
      const coldTarget = results.targets.find((t: { name: string }) => t.name === 'cold start vs Elysia hello world')
      expect(coldTarget.value).toBe(results.sizes['1e3'].coldStarts.benchPlot.wall)
      expect(stdout).toContain('Cold starts alternated (3 each')
      // bench-plot against the Elysia hello world is quoted from the alternated starts only, not from the separate ones.
      expect(stdout).toContain('Elysia hello world (compiled;')
      expect(stdout).not.toContain('× the Elysia one')
      expect(results.targets.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['wide index (first request) vs SELECT', 'wide list --json vs SELECT', 'growth of wide index', 'RSS after 1 s of load vs after warm-up', 'cold start vs Elysia hello world']))
      expect(stdout).toContain('| wide store (5 runs each) | 10 benchmarks | 20 benchmarks |')
      for (const t of results.targets) expect(typeof t.met).toBe('boolean')
      expect(stdout).toContain('| target |')
      expect(results.targets.map((t: { name: string }) => t.name)).not.toContain('export vs server, same files')

      // Charts drawn in Chromium: the page and the page asking for every kind, each with its static reference.
      expect(results.browser.map((p: { label: string }) => p.label)).toEqual(['1e3', '1e3 ?plots=all'])
      for (const p of results.browser) expect(p.charts).toBeGreaterThanOrEqual(p.firstScreenCharts)
      expect(results.targets.map((t: { name: string }) => t.name)).toContain('browser: whole page vs static')
      expect(measurements.filter(([k]) => k.startsWith('browser.1e3 ?plots=all.')).length).toBe(8)
      expect(stdout).toContain('| page | charts (first screen) |')
    },
    300_000,
  )
})

describe('bench options and data', () => {
  it('reads --sizes as whole numbers in any notation, smallest first', () => {
    expect(parseOptions(['--sizes', '1e6,1000,1e5'])?.sizes).toEqual([1000, 100000, 1000000])
  })

  it.each([
    [['--sizes', '1e3,2.5'], '--sizes'],
    [['--sizes', '150'], 'not a multiple of 20'],
    [['--reps', '0'], '--reps'],
    [['--load', 'ab'], '--load'],
    [['--wide', '10,x'], '--wide'],
    [['--soak', '-1'], '--soak'],
    [['--cold-starts', 'x'], '--cold-starts'],
  ])('refuses %p naming the flag', (argv, flag) => {
    expect(() => parseOptions(argv)).toThrow(flag)
  })

  it.each([
    [1000, '1e3', 5, 10],
    [100000, '1e5', 50, 100],
    [1000000, '1e6', 200, 250],
  ])('sweeps %d samples as a × b × 4 categories × 5 repeats', (samples, label, na, nb) => {
    const shape = sweepShape(samples)
    expect([shape.name, shape.a.length, shape.b.length, shape.cat.length * shape.repeats]).toEqual([`sweep-${label}`, na, nb, 20])
    expect(sizeLabel(samples)).toBe(label)
  })

  it('generates the same columns every time, different ones per run of history', () => {
    const shape = sweepShape(1000)
    expect(sweepColumns(shape, 3).time).toEqual(sweepColumns(shape, 3).time)
    expect(sweepColumns(shape, 3).time).not.toEqual(sweepColumns(shape, 4).time)
    expect(sweepColumns(shape, 0).memory.every((x) => Number.isFinite(x) && x > 0)).toBe(true)
  })
})
