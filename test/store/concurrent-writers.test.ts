import { describe, expect, it } from 'bun:test'
import { Database } from 'bun:sqlite'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunInput } from '../../src/model/run-format'
import { runBin, tempDir } from '../helpers/binary'
import { asAdmin, freshDatabase, testPostgres } from '../helpers/postgres'

// Issue 18, point 3: imports of different runs of one benchmark at the same time all land, numbered
// 1, 2, 3… without gaps or duplicates, and no writer ever sees "database is locked" or a deadlock.
const pg = await testPostgres()

// Run k of benchmark "shared": a sweep of `cells` samples, each run with its own time and values.
function runFile(dir: string, k: number, cells: number): string {
  const a = Array.from({ length: cells }, (_, i) => i)
  const run: RunInput = {
    benchmark: 'shared',
    time: `2026-11-01T10:00:${String(k).padStart(2, '0')}Z`,
    repeats: 1,
    inputs: [{ name: 'a', values: a }],
    samples: a.map((i) => ({ inputs: { a: i }, repeat: 1, results: { t: ((i * 7919 + k) % 1000) / 1000 } })),
  }
  const file = join(dir, `run${k}.json`)
  writeFileSync(file, JSON.stringify(run))
  return file
}

async function importAll(files: string[], db: string): Promise<void> {
  const results = await Promise.all(files.map((f) => runBin(['import', f, '--db', db])))
  for (const r of results) expect(`${r.code} ${r.stderr}`).toBe('0 ')
  const ids = results.map((r) => Number(r.stdout.match(/^recorded run (\d+) of shared/)?.[1]))
  expect(new Set(ids).size).toBe(files.length)
}

describe('many writers at once', () => {
  it('SQLite: four imports while another program holds the write lock longer than the busy timeout all land, numbered 1 to 4', async () => {
    const dir = tempDir()
    const db = join(dir, 'bench-plot.sqlite')
    expect((await runBin(['import', runFile(dir, 0, 10), '--db', db])).code).toBe(0)
    const files = [1, 2, 3, 4].map((k) => runFile(dir, k, 50_000))
    // Another writer holds the lock for 6 s, past SQLite's 5 s busy timeout: without retries the imports would fail.
    const holder = new Database(db)
    holder.run('BEGIN IMMEDIATE')
    const imports = importAll(files, db)
    await Bun.sleep(6000)
    holder.run('COMMIT')
    holder.close()
    await imports
    const check = new Database(db, { readonly: true })
    const seqs = (check.query("SELECT r.seq FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id WHERE b.name = 'shared' ORDER BY r.seq").all() as { seq: number }[]).map((r) => r.seq)
    check.close()
    expect(seqs).toEqual([1, 2, 3, 4, 5])
    const list = JSON.parse((await runBin(['list', '--json', '--db', db])).stdout)
    expect(list).toEqual([{ name: 'shared', runs: 5, latest: '2026-11-01T10:00:04.000Z', title: 'shared' }])
  }, 120_000)

  it.skipIf(pg === null)('PostgreSQL: sixteen imports at once into a new database all land, numbered 1 to 16, without deadlock', async () => {
    const dir = tempDir()
    const url = await freshDatabase(pg as NonNullable<typeof pg>)
    const files = Array.from({ length: 16 }, (_, k) => runFile(dir, k, 20_000))
    // A new database: the sixteen also race to create the schema.
    await importAll(files, url)
    const seqs = await asAdmin(url, (sql) => sql`SELECT r.seq FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id WHERE b.name = 'shared' ORDER BY r.seq`)
    expect(seqs.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1))
    const [{ n }] = await asAdmin(url, (sql) => sql`SELECT count(*)::int AS n FROM columns`)
    expect(n).toBe(16)
    // Every run whole: its samples read back through the executable.
    const check = await runBin(['check', 'shared', '--json', '--db', url])
    const report = JSON.parse(check.stdout).benchmarks[0]
    expect([report.runs, report.results[0].baseline_runs]).toEqual([16, 15])
  }, 180_000)
})
