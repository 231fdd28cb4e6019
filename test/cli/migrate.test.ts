import { describe, expect, it } from 'bun:test'
import { join, resolve } from 'node:path'
import { openReadStore } from '../../src/store'
import { runChecksum } from '../../src/store/run-checksum'
import { runBin, tempDir } from '../helpers/binary'
import { freshDatabase, testPostgres } from '../helpers/postgres'

// Issue 18, point 4: `bench-plot migrate --from A --to B` between any two stores, verified, idempotent.
const pg = await testPostgres()
const fixtures = resolve(import.meta.dir, '../fixtures')
const files = ['pytest-benchmark/codecs-run1.json', 'pytest-benchmark/codecs-run2.json', 'google-benchmark/v1.4.1-repetitions.json', 'csv/latency-trials.csv'].map((f) => join(fixtures, f))

// Every run of a store, by benchmark, as checksums in order: what must be equal after a copy.
async function contents(location: string): Promise<Record<string, string[]>> {
  const store = await openReadStore(location)
  const out: Record<string, string[]> = {}
  try {
    for (const b of await store.listBenchmarks()) {
      out[b.name] = []
      for (const h of await store.listRuns(b.name)) out[b.name].push(runChecksum((await store.getRun(h.id)) as NonNullable<Awaited<ReturnType<typeof store.getRun>>>))
    }
  } finally {
    await store.close()
  }
  return out
}

// Each benchmark's run ids, oldest first: the links to its runs, which a copy keeps.
async function ids(location: string): Promise<Record<string, number[]>> {
  const store = await openReadStore(location)
  try {
    const out: Record<string, number[]> = {}
    for (const b of await store.listBenchmarks()) out[b.name] = (await store.listRuns(b.name)).map((h) => h.id)
    return out
  } finally {
    await store.close()
  }
}

async function migrate(from: string, to: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return runBin(['migrate', '--from', from, '--to', to])
}

describe('migrate', () => {
  it('copies a SQLite store into another, then again copies nothing, then copies only a new run', async () => {
    const dir = tempDir()
    const a = join(dir, 'a.sqlite')
    const b = join(dir, 'b.sqlite')
    for (const f of files.slice(0, 3)) expect((await runBin(['import', f, '--db', a])).code).toBe(0)
    const first = await migrate(a, b)
    expect(first.code).toBe(0)
    expect(first.stdout).toBe(`copied 6 runs of 4 benchmarks from ${a} to ${b} (0 already there); verified 6 runs by count and checksum\n`)
    expect(await contents(b)).toEqual(await contents(a))
    // Runs of different benchmarks were imported interleaved; copied benchmark by benchmark, they keep their ids.
    expect(await ids(b)).toEqual(await ids(a))
    const again = await migrate(a, b)
    expect(again.stdout).toBe(`copied 0 runs of 4 benchmarks from ${a} to ${b} (6 already there); verified 6 runs by count and checksum\n`)
    expect(await contents(b)).toEqual(await contents(a))
    expect((await runBin(['import', files[3], '--db', a])).code).toBe(0)
    const more = await migrate(a, b)
    expect(more.stdout).toMatch(/^copied 1 run of 5 benchmarks .* \(6 already there\); verified 7 runs/)
    expect(await contents(b)).toEqual(await contents(a))
  }, 120_000)

  it.skipIf(pg === null)('copies SQLite to PostgreSQL and back, equal run for run, and pages the same', async () => {
    const dir = tempDir()
    const a = join(dir, 'a.sqlite')
    const back = join(dir, 'back.sqlite')
    const url = await freshDatabase(pg as NonNullable<typeof pg>)
    for (const f of files) expect((await runBin(['import', f, '--db', a])).code).toBe(0)
    const there = await migrate(a, url)
    expect(there.code).toBe(0)
    expect(there.stdout).toMatch(/^copied 7 runs of 5 benchmarks from .*a\.sqlite to postgres:\/\/bench_admin@127\.0\.0\.1:\d+\/t_\w+ \(0 already there\); verified 7 runs by count and checksum\n$/)
    expect(there.stdout).not.toContain(new URL(url).password)
    expect(await contents(url)).toEqual(await contents(a))
    expect(await ids(url)).toEqual(await ids(a))
    expect((await migrate(a, url)).stdout).toMatch(/^copied 0 runs .*\(7 already there\)/)
    const home = await migrate(url, back)
    expect(home.code).toBe(0)
    expect(await contents(back)).toEqual(await contents(a))
    expect(await ids(back)).toEqual(await ids(a))
    // Same ids, so the same JSON from the API of each.
    const list = async (db: string) => (await runBin(['list', '--json', '--db', db])).stdout
    expect(await list(url)).toBe(await list(a))
    expect(await list(back)).toBe(await list(a))
    // PostgreSQL numbers the next import past the ids copied in.
    const largest = Math.max(...Object.values(await ids(url)).flat())
    expect((await runBin(['import', join(fixtures, 'hyperfine/parameter-scan.json'), '--db', url])).code).toBe(0)
    expect(Math.max(...Object.values(await ids(url)).flat())).toBe(largest + 1)
  }, 180_000)

  it('says what it needs in one line', async () => {
    const r = await runBin(['migrate', '--from', join(tempDir(), 'a.sqlite')])
    expect(r.stderr).toBe('bench-plot: migrate needs --from and --to (a SQLite file or a postgres:// URL each)\n')
    expect(r.code).not.toBe(0)
    const missing = await runBin(['migrate', '--from', join(tempDir(), 'none.sqlite'), '--to', join(tempDir(), 'b.sqlite')])
    expect(missing.stderr).toMatch(/^bench-plot: nothing has been recorded yet at .*none\.sqlite/)
  })
})
