import { beforeAll, describe, expect, it } from 'bun:test'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { onEachBackend } from '../helpers/backends'
import { binPath, runBin, tempDir } from '../helpers/binary'
import { fixturesDir } from './helpers'

// The compiled executable with real files: warnings are one stderr line each and the import still succeeds;
// on a SQLite store and, with $BENCH_PLOT_TEST_PG, on a PostgreSQL one (issue 18, point 6).

beforeAll(() => {
  if (!existsSync(binPath)) throw new Error('./bench-plot is missing: run `bun run build` (bun run test does)')
})

const fixture = (format: string, file: string) => join(fixturesDir, format, file)

onEachBackend((backend) => {
  // The store of a test's folder: --cachedir for SQLite, a new database (one per folder) for PostgreSQL.
  const stores = new Map<string, string[]>()
  const at = async (dir: string): Promise<string[]> => {
    if (!stores.has(dir)) stores.set(dir, backend.name === 'SQLite' ? ['--cachedir', dir] : ['--db', await backend.fresh()])
    return stores.get(dir) as string[]
  }

  describe('bench-plot import of real files', () => {
    it('keeps a truncated Google Benchmark file\'s complete benchmarks: exit 0 and one warning line', async () => {
      const dir = tempDir()
      const r = await runBin(['import', fixture('google-benchmark', 'truncated.json'), ...(await at(dir))], { cwd: dir })
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('recorded run 1 of BM_Concat (3 points x 1 repeats)')
      expect(r.stderr).toMatch(/^bench-plot: warning: .*truncated\.json: truncated: kept the 3 complete benchmarks, dropped the incomplete one after benchmarks\[2\]\n$/)
    })

    it('says which CSV columns it took as inputs and how to choose them', async () => {
      const dir = tempDir()
      const r = await runBin(['import', fixture('csv', 'sorting-algorithm-size-time.csv'), ...(await at(dir))], { cwd: dir })
      expect(r.code).toBe(0)
      expect(r.stderr).toContain('took Algorithm, Size as inputs and Time as results (a guess: use --inputs and --results to choose)')
      const chosen = await runBin(['import', fixture('csv', 'sorting-algorithm-size-time.csv'), '--inputs', 'Algorithm,Size', '--name', 'chosen', ...(await at(dir))], { cwd: dir })
      expect([chosen.code, chosen.stderr]).toEqual([0, ''])
    })

    it('lines up two runs of a pytest suite with object parameters, so compare judges every point', async () => {
      const dir = tempDir()
      for (const file of ['codecs-run1.json', 'codecs-run2.json']) {
        const r = await runBin(['import', fixture('pytest-benchmark', file), ...(await at(dir))], { cwd: dir })
        expect(r.code).toBe(0)
      }
      const r = await runBin(['compare', 'test_encode', 'previous', 'latest', '--json', ...(await at(dir))], { cwd: dir })
      expect(r.code).toBe(0)
      const report = JSON.parse(r.stdout)
      expect(report.same_inputs).toBe(true)
      const points = report.results[0].points as { inputs: Record<string, unknown> }[]
      expect(points.map((p) => p.inputs)).toEqual([
        { size: 10, codec: 'json' },
        { size: 10, codec: 'pickle' },
        { size: 1000, codec: 'json' },
        { size: 1000, codec: 'pickle' },
      ])
    })
  })
})
