import { describe, expect, it } from 'bun:test'
import { join, resolve } from 'node:path'
import { runBin, startServer, tempDir } from '../helpers/binary'
import { freshDatabase, testPostgres } from '../helpers/postgres'

// Every command through the executable, on a SQLite file and on a PostgreSQL database: the same
// real result files give the same output, pages and API answers from both (issue 18, points 2 and 6).
const pg = await testPostgres()
const fixtures = resolve(import.meta.dir, '../fixtures')
// Files that carry their own times (hyperfine's do not: it would be stamped with the import's time).
const files = ['pytest-benchmark/codecs-run1.json', 'pytest-benchmark/codecs-run2.json', 'google-benchmark/v1.4.1-repetitions.json'].map((f) => join(fixtures, f))
const hyperfine = join(fixtures, 'hyperfine/two-params.json')

type Session = { location: string; shown: string; outputs: Record<string, string> }

// Import, list, check, compare and serve against one store; every answer kept, with the store's name made neutral.
async function session(location: string, shown: string, env: Record<string, string> = {}): Promise<Session> {
  const dir = tempDir()
  const outputs: Record<string, string> = {}
  const neutral = (s: string) => s.split(shown).join('<STORE>').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<TIME>')
  const db = env.BENCH_PLOT_DB ? [] : ['--db', location]
  for (const [i, file] of files.entries()) {
    const r = await runBin(['import', file, ...db], { cwd: dir, env })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    outputs[`import ${i}`] = r.stdout
  }
  const again = await runBin(['import', files[0], ...db], { cwd: dir, env })
  expect(again.stderr).toBe('bench-plot: skipped test_encode: identical to run 1 already stored\nbench-plot: skipped test_pack: identical to run 2 already stored\n')
  const list = await runBin(['list', '--json', ...db], { cwd: dir, env })
  expect(list.code).toBe(0)
  outputs.list = neutral(list.stdout)
  const names = (JSON.parse(list.stdout) as { name: string }[]).map((b) => b.name)
  const codec = 'test_encode'
  expect(names).toContain(codec)
  const check = await runBin(['check', codec, '--json', ...db], { cwd: dir, env })
  expect([0, 1]).toContain(check.code)
  outputs.check = check.stdout
  const compare = await runBin(['compare', codec, 'previous', 'latest', ...db], { cwd: dir, env })
  expect([0, 1]).toContain(compare.code)
  outputs.compare = compare.stdout
  const server = await startServer(['serve', '--no-open', ...db], { cwd: dir, env })
  try {
    for (const path of ['', `b/${encodeURIComponent(codec)}`, `b/${encodeURIComponent(codec)}?view=history`, `b/${encodeURIComponent(codec)}/compare`, 'api/benchmarks', `api/benchmarks/${encodeURIComponent(codec)}`, `api/benchmarks/${encodeURIComponent(codec)}/runs/1/samples.csv`]) {
      const res = await fetch(`${server.url}${path}`)
      expect(res.status).toBe(200)
      outputs[`GET /${path}`] = neutral(await res.text())
    }
  } finally {
    await server.stop()
  }
  return { location, shown, outputs }
}

describe.skipIf(pg === null)('every command on PostgreSQL as on SQLite', () => {
  it('imports real result files, lists, checks, compares and serves the same', async () => {
    const file = join(tempDir(), 'store.sqlite')
    const url = await freshDatabase(pg as NonNullable<typeof pg>)
    const shownUrl = url.replace(/:[^:@/]*@/, '@')
    const sqlite = await session(file, file)
    const postgres = await session(url, shownUrl)
    expect(Object.keys(postgres.outputs)).toEqual(Object.keys(sqlite.outputs))
    for (const key of Object.keys(sqlite.outputs)) expect(`${key}: ${postgres.outputs[key]}`).toBe(`${key}: ${sqlite.outputs[key]}`)
    // The pages showed something real: the history and the run page hold charts.
    expect(sqlite.outputs['GET /b/test_encode?view=history']).toContain('<svg')
    // The password never reaches a page.
    for (const text of Object.values(postgres.outputs)) expect(text).not.toContain(new URL(url).password)
  }, 180_000)

  it('takes the database from BENCH_PLOT_DB', async () => {
    const url = await freshDatabase(pg as NonNullable<typeof pg>)
    const dir = tempDir()
    expect((await runBin(['import', hyperfine], { cwd: dir, env: { BENCH_PLOT_DB: url } })).code).toBe(0)
    const list = await runBin(['list', '--json', '--db', url], { cwd: dir })
    expect(JSON.parse(list.stdout).map((b: { name: string }) => b.name)).toEqual(['two-params'])
  })

  it('says in one line, exit 3 or 4, when the database cannot be used', async () => {
    const url = new URL(await freshDatabase(pg as NonNullable<typeof pg>))
    const wrong = new URL(url)
    wrong.password = 'wrong-password'
    for (const args of [['list'], ['import', hyperfine], ['check', 'x'], ['serve', '--no-open']]) {
      const r = await runBin([...args, '--db', wrong.toString()], { cwd: tempDir() })
      expect(r.stderr).toMatch(/^bench-plot: cannot use postgres:\/\/bench_admin@127\.0\.0\.1:\d+\/t_\w+: the server refused the login \(.*\)\n$/)
      expect(r.stderr).not.toContain('wrong-password')
      expect(r.code).not.toBe(0)
    }
    const empty = await runBin(['list', '--db', url.toString()], { cwd: tempDir() })
    expect(empty.stderr).toMatch(/^bench-plot: nothing has been recorded yet at postgres:\/\/bench_admin@/)
  })
})
