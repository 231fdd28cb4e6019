import { beforeAll, describe, expect, it } from 'bun:test'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { onEachBackend } from '../helpers/backends'
import { binPath, runBin, tempDir } from '../helpers/binary'
import { sortRun } from '../fixtures/sort-run'

beforeAll(() => {
  if (!existsSync(binPath)) throw new Error('./bench-plot is missing: run `bun run build` (bun run test does)')
})

describe('the executable', () => {
  it('prints its version with --version', async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dir, '../../package.json'), 'utf8'))
    // Outside a git checkout (a source tarball) the build says `unknown`.
    const head = Bun.spawnSync(['git', 'rev-parse', '--short=12', 'HEAD'], { cwd: join(import.meta.dir, '../..') }).stdout.toString().trim() || 'unknown'
    const r = await runBin(['--version'])
    expect(r.code).toBe(0)
    // The commit it was built from: HEAD, or HEAD-dirty when built from a changed tree.
    expect(r.stdout.trim()).toMatch(new RegExp(`^${pkg.version.replaceAll('.', '\\.')} \\(commit ${head}(-dirty)?\\)$`))
  })

  it("reads no bunfig.toml or .env of the folder it runs in: a project's preload scripts do not run, its .env sets nothing", async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'bunfig.toml'), 'preload = ["./preload.ts"]\n')
    writeFileSync(join(dir, 'preload.ts'), 'console.log("the project preload ran")\n')
    writeFileSync(join(dir, '.env'), `BENCH_PLOT_CACHEDIR=${join(dir, 'from-dotenv')}\n`)
    const r = await runBin(['list'], { cwd: dir })
    expect(r.stdout).not.toContain('the project preload ran')
    // The store looked for is ./cachedir's, not the one .env names.
    expect(r.stderr.trim()).toBe(`bench-plot: nothing has been recorded yet at ${join(dir, 'cachedir', 'bench-plot.sqlite')} (record results with: bench-plot import FILE)`)
    expect(r.code).not.toBe(0)
  })

  it('lists every command with --help', async () => {
    const r = await runBin(['--help'])
    expect(r.code).toBe(0)
    for (const cmd of ['import', 'list', 'serve', 'check', 'compare', 'migrate', 'demo']) expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'))
  })

  it.each([
    ['import', ['--format', '--name', '--time', '--time-label', '--commit', '--branch', '--inputs', '--results', '--cachedir', '--db']],
    ['list', ['--json', '--cachedir', '--db']],
  ])('describes every flag of %s with --help', async (cmd, flags) => {
    const r = await runBin([cmd, '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toStartWith(`Usage: bench-plot ${cmd}`)
    for (const f of flags) expect(r.stdout).toContain(f)
  })

  it('refuses an unknown flag with exit 2 and one line', async () => {
    const r = await runBin(['list', '--colour'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^bench-plot: .*--colour.*\n$/)
  })
})

// The store's commands on a new SQLite file at the default place (./cachedir/bench-plot.sqlite) and,
// with $BENCH_PLOT_TEST_PG, on a new PostgreSQL database given with --db (issue 18, point 6).
onEachBackend((backend) => {
  /** A folder to run in, the flags that name the store from there, and the store's location. */
  const place = async () => {
    const dir = tempDir()
    if (backend.name === 'SQLite') return { dir, db: [] as string[], location: join(dir, 'cachedir', 'bench-plot.sqlite') }
    const url = await backend.fresh()
    return { dir, db: ['--db', url], location: url }
  }

  describe('import and list', () => {
    it('records a run, lists it, and skips the same file imported again', async () => {
      const { dir, db, location } = await place()
      writeFileSync(join(dir, 'runs.json'), JSON.stringify(sortRun()))
      const first = await runBin(['import', 'runs.json', ...db], { cwd: dir })
      expect(first).toMatchObject({ code: 0, stderr: '' })
      expect(first.stdout).toBe('recorded run 1 of sort (3x2 points x 3 repeats, 1 failed)\n')
      expect(await backend.sql(location, 'SELECT CAST(count(*) AS integer) AS n FROM runs')).toEqual([{ n: 1 }])

      const again = await runBin(['import', 'runs.json', ...db], { cwd: dir })
      expect(again.code).toBe(0)
      expect(again.stderr).toBe('bench-plot: skipped sort: identical to run 1 already stored\n')

      const list = await runBin(['list', '--json', ...db], { cwd: dir })
      expect(list.code).toBe(0)
      expect(JSON.parse(list.stdout)).toEqual([{ name: 'sort', runs: 1, latest: '2026-11-25T10:00:00.000Z', title: 'Sorting' }])
      const text = await runBin(['list', ...db], { cwd: dir })
      expect(text.stdout).toMatch(/^NAME +RUNS +LATEST +TITLE\nsort +1 +2026-11-25T10:00:00.000Z +Sorting\n$/)
    })

    it('appends a run per import, newest last in the count', async () => {
      const { dir, db } = await place()
      writeFileSync(join(dir, 'a.json'), JSON.stringify(sortRun({ time: '2026-11-01T00:00:00Z', title: 'old' })))
      writeFileSync(join(dir, 'b.json'), JSON.stringify([sortRun({ time: '2026-11-02T00:00:00Z', title: 'new' }), { benchmark: 'other', samples: [{ inputs: {}, results: { t: 1 } }] }]))
      expect((await runBin(['import', 'a.json', ...db], { cwd: dir })).code).toBe(0)
      const r = await runBin(['import', 'b.json', ...db], { cwd: dir })
      expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(2)
      const list = JSON.parse((await runBin(['list', '--json', ...db], { cwd: dir })).stdout)
      expect(list).toEqual([
        { name: 'other', runs: 1, latest: expect.any(String), title: 'other' },
        { name: 'sort', runs: 2, latest: '2026-11-02T00:00:00.000Z', title: 'new' },
      ])
    })
  })

  describe('bad input', () => {
    const bad = (mutate: (run: ReturnType<typeof sortRun>) => unknown) => JSON.stringify(mutate(sortRun()))
    const cases: [string, string, RegExp][] = [
      ['invalid JSON', '{"benchmark": "sort", "samples": [', /^bench-plot: bad\.json: invalid JSON: .+$/],
      ['an unknown kind', bad((r) => ({ ...r, results: [{ name: 'time', kind: 'number' }, { name: 'ok' }] })), /^bench-plot: bad\.json: results\[0\]\.kind: expected one of float, bool, vec, string, image, video, path, rerun, got "number"$/],
      ['an undeclared variable', bad((r) => ({ ...r, samples: [{ inputs: { n: 10, algo: 'quick', size: 3 }, repeat: 1, results: {} }] })), /^bench-plot: bad\.json: samples\[0\]\.inputs\.size: input "size" is not declared in inputs$/],
      ['a value of the wrong type', bad((r) => { r.samples[12].results.time = 'abc'; return r }), /^bench-plot: bad\.json: samples\[12\]\.results\.time: expected a number, got "abc"$/],
      ['a categorical value not declared', bad((r) => { r.samples[0].inputs = { n: 10, algo: 'bogo' }; return r }), /^bench-plot: bad\.json: samples\[0\]\.inputs\.algo: "bogo" is not among the declared values of "algo"$/],
      ['a repeat out of range', bad((r) => { r.samples[3].repeat = 7; return r }), /^bench-plot: bad\.json: samples\[3\]\.repeat: repeat 7 is out of range 1\.\.3$/],
      ['two samples for one point and repeat', bad((r) => { r.samples.push({ ...r.samples[0] }); return r }), /^bench-plot: bad\.json: samples\[17\]: same inputs and repeat 1 as samples\[0\]$/],
    ]

    it.each(cases)('rejects %s with one line naming file and path, exit 2, store unchanged', async (_what, text, message) => {
      const { dir, db, location } = await place()
      writeFileSync(join(dir, 'good.json'), JSON.stringify(sortRun({ title: 'first' })))
      expect((await runBin(['import', 'good.json', ...db], { cwd: dir })).code).toBe(0)
      const before = await backend.snapshot(location)
      writeFileSync(join(dir, 'bad.json'), text)
      writeFileSync(join(dir, 'good2.json'), JSON.stringify(sortRun({ title: 'second' })))
      // A good file before the bad one is rolled back with it: one transaction per command.
      const r = await runBin(['import', 'good2.json', 'bad.json', ...db], { cwd: dir })
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.split('\n')).toHaveLength(2) // one line and its newline
      expect(r.stderr.trimEnd()).toMatch(message)
      expect(await backend.snapshot(location)).toBe(before)
      expect(JSON.parse((await runBin(['list', '--json', ...db], { cwd: dir })).stdout)[0].runs).toBe(1)
    })

    it('imports other tools\' files, and a truncated one among them writes nothing', async () => {
      const { dir, db } = await place()
      const fixtures = join(import.meta.dir, '..', 'fixtures')
      const gbench = readFileSync(join(fixtures, 'google-benchmark', 'memcpy-setinsert.json'), 'utf8')
      writeFileSync(join(dir, 'gbench.json'), gbench)
      // Cut inside the first benchmark: a Google Benchmark file cut after complete benchmarks keeps them (issue 13).
      writeFileSync(join(dir, 'truncated.json'), gbench.slice(0, gbench.indexOf('"benchmarks"') + 60))
      const bad = await runBin(['import', 'gbench.json', join(fixtures, 'hyperfine', 'parameter-scan.json'), 'truncated.json', ...db], { cwd: dir })
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(/^bench-plot: truncated\.json: .*line \d+/)
      // Not even an empty store was made.
      expect((await runBin(['list', ...db], { cwd: dir })).stderr).toStartWith('bench-plot: nothing has been recorded yet at ')
      expect(existsSync(join(dir, 'cachedir'))).toBe(false)
      const good = await runBin(['import', 'gbench.json', join(fixtures, 'hyperfine', 'parameter-scan.json'), join(fixtures, 'go-test', 'builder.txt'), ...db], { cwd: dir })
      expect(good.code).toBe(0)
      const names = JSON.parse((await runBin(['list', '--json', ...db], { cwd: dir })).stdout).map((b: { name: string }) => b.name)
      expect(names).toContain('BM_Memcpy')
      expect(names).toContain('BenchmarkBuilder')
      expect(names.length).toBeGreaterThanOrEqual(4)
    })

    it('fills time, time label, commit and branch from the flags where a file says nothing, never over it', async () => {
      const { dir, db, location } = await place()
      const { time: _t, time_label: _l, ...bare } = sortRun()
      writeFileSync(join(dir, 'bare.json'), JSON.stringify({ ...bare, commit: 'fromfile' }))
      const hyperfine = join(import.meta.dir, '..', 'fixtures', 'hyperfine', 'parameter-scan.json')
      const flags = ['--time', '2026-01-02T03:04:05Z', '--time-label', 'v9', '--commit', 'abc123', '--branch', 'dev']
      expect((await runBin(['import', 'bare.json', hyperfine, ...flags, ...db], { cwd: dir })).code).toBe(0)
      const rows = await backend.sql(location, 'SELECT time, time_label, git_commit, git_branch FROM runs ORDER BY id')
      expect(rows).toEqual([
        { time: '2026-01-02T03:04:05.000Z', time_label: 'v9', git_commit: 'fromfile', git_branch: 'dev' },
        { time: '2026-01-02T03:04:05.000Z', time_label: 'v9', git_commit: 'abc123', git_branch: 'dev' },
      ])
    })
  })
})

// Where the store is and what a command leaves on disk: only a SQLite file has a place in a folder.
describe('the SQLite store\'s place', () => {
  it('is ./cachedir/bench-plot.sqlite, made by the first import', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'runs.json'), JSON.stringify(sortRun()))
    expect((await runBin(['import', 'runs.json'], { cwd: dir })).code).toBe(0)
    expect(existsSync(join(dir, 'cachedir', 'bench-plot.sqlite'))).toBe(true)
  })

  it('reads stdin with -, and honours --cachedir, BENCH_PLOT_CACHEDIR and --db', async () => {
    const dir = tempDir()
    const run = JSON.stringify(sortRun())
    expect((await runBin(['import', '-', '--cachedir', 'a'], { cwd: dir, stdin: run })).code).toBe(0)
    expect((await runBin(['import', '-'], { cwd: dir, stdin: run, env: { BENCH_PLOT_CACHEDIR: join(dir, 'b') } })).code).toBe(0)
    expect((await runBin(['import', '-', '--db', 'c.sqlite'], { cwd: dir, stdin: run })).code).toBe(0)
    expect(existsSync(join(dir, 'a', 'bench-plot.sqlite'))).toBe(true)
    expect(existsSync(join(dir, 'b', 'bench-plot.sqlite'))).toBe(true)
    expect(existsSync(join(dir, 'c.sqlite'))).toBe(true)
    const list = await runBin(['list', '--json', '--db', join(dir, 'b', 'bench-plot.sqlite')], { cwd: dir })
    expect(JSON.parse(list.stdout)[0].runs).toBe(1)
  })

  it('says nothing has been recorded yet, with exit 1, and creates nothing when listing an empty place', async () => {
    const dir = tempDir()
    const r = await runBin(['list'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`bench-plot: nothing has been recorded yet at ${join(dir, 'cachedir', 'bench-plot.sqlite')} (record results with: bench-plot import FILE)\n`)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('a file that cannot be read', () => {
  it('is named', async () => {
    const r = await runBin(['import', 'nope.json'], { cwd: tempDir() })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('bench-plot: nope.json: cannot read: ENOENT\n')
  })
})
