import { Database } from 'bun:sqlite'
import { describe, expect, it } from 'bun:test'
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sortRun } from '../fixtures/sort-run'
import { binPath, runBin, startServer, tempDir } from '../helpers/binary'
import { digest, importedStore, oneLineError } from './helpers'

// Points 6, 7 and 8 of issue 22: damaged, foreign and read-only stores.
const readers = (db: string) => [
  ['list', '--db', db],
  ['check', 'sort', '--db', db],
  ['compare', 'sort', '1', '2', '--db', db],
  ['serve', 'sort', '--db', db, '--no-open', '--port', '1'],
]
const runsFile = (dir: string) => {
  const file = join(dir, 'more.json')
  writeFileSync(file, JSON.stringify(sortRun({ time: '2026-11-28T10:00:00Z', title: 'later' })))
  return file
}

/** Stores bench-plot must refuse, each made from a real one, and the words its refusal must say. */
const broken: Record<string, { make: (db: string) => void; says: RegExp }> = {
  'a table missing': { make: (db) => sql(db, 'DROP TABLE failures'), says: /is not a bench-plot store \(table columns missing: no such table: failures\)$/ },
  'a column missing': { make: (db) => sql(db, 'ALTER TABLE runs DROP COLUMN meta'), says: /is not a bench-plot store \(table columns missing: no such column: .*meta\)$/ },
  'a corrupt page': { make: (db) => corruptSchema(db), says: /is damaged \(.*malformed.*\); restore it from a copy or record the results again$/ },
  "another program's SQLite file": { make: (db) => fresh(db, 'CREATE TABLE notes (body TEXT)'), says: /is not a bench-plot store \(it holds tables of another program\)$/ },
  'a file that is not SQLite': { make: (db) => writeFileSync(db, 'name,time\nsort,1\n'.repeat(100)), says: /is not a bench-plot store \(not an SQLite database\)$/ },
}

describe('a damaged or foreign store', () => {
  for (const [what, { make, says }] of Object.entries(broken)) {
    it(`with ${what}: one line, exit 1, on every command, and import writes nothing`, async () => {
      const { dir, db } = await importedStore([sortRun(), sortRun({ time: '2026-11-27T10:00:00Z' })])
      make(db)
      const before = digest(db)
      for (const args of [...readers(db), ['import', runsFile(dir), '--db', db]]) {
        const r = await runBin(args)
        expect(`${args[0]} ${r.code}`).toBe(`${args[0]} 1`)
        expect(oneLineError(r)).toMatch(says)
        expect(digest(db)).toBe(before)
      }
    })
  }

  it('at a FIFO: one line, exit 1, no wait', async () => {
    const dir = tempDir()
    const db = join(dir, 'fifo.sqlite')
    expect(Bun.spawnSync(['mkfifo', db]).exitCode).toBe(0)
    for (const args of [...readers(db), ['import', runsFile(dir), '--db', db]]) {
      const r = await runBin(args)
      expect(r.code).toBe(1)
      expect(oneLineError(r)).toMatch(/fifo\.sqlite is not a bench-plot store \(a FIFO\)$/)
    }
  })
})

describe('a refused store is never rewritten', () => {
  it('newer user_version: import checks first and writes nothing, not even its header', async () => {
    const { dir, db } = await importedStore()
    sql(db, 'PRAGMA journal_mode = DELETE')
    sql(db, 'PRAGMA user_version = 99')
    const before = digest(db)
    const r = await runBin(['import', runsFile(dir), '--db', db])
    expect(r.code).toBe(1)
    expect(oneLineError(r)).toMatch(/has schema version 99, newer than this bench-plot reads \(\d+\); upgrade bench-plot$/)
    expect(digest(db)).toBe(before)
  })

  it('read-only commands never change the bytes of a store', async () => {
    const { dir, db } = await importedStore([sortRun(), sortRun({ time: '2026-11-27T10:00:00Z' })])
    const before = digest(db)
    // check exits 1 on the regression the fixture's second run shows; what matters is that it read the store.
    for (const args of readers(db).slice(0, 3)) expect(await runBin(args)).toMatchObject({ code: args[0] === 'check' ? 1 : 0, stderr: '' })
    const server = await startServer(['serve', 'sort', '--db', db, '--no-open'])
    for (const path of ['b/sort', 'api/benchmarks/sort', 'api/benchmarks/sort/runs/1/samples.csv']) expect((await fetch(server.url + path)).status).toBe(200)
    await server.stop()
    expect(digest(db)).toBe(before)
    expect(dir).toBeTruthy()
  })
})

describe('a store with a -wal left by a writer that was killed', () => {
  it('is read with what the -wal holds, and neither the store nor its -wal changes', async () => {
    const { dir, db } = await importedStore()
    // A writer commits into the WAL and dies before any checkpoint.
    const writer = join(dir, 'writer.ts')
    writeFileSync(
      writer,
      `import { Database } from 'bun:sqlite'
const db = new Database(process.argv[2])
db.run('PRAGMA wal_autocheckpoint = 0')
db.run("UPDATE runs SET title = 'only in the wal'")
process.kill(process.pid, 'SIGKILL')`,
    )
    Bun.spawnSync([process.execPath, writer, db])
    const before = [digest(db), digest(`${db}-wal`)]
    expect(before[1]).not.toBe('absent')
    const list = await runBin(['list', '--db', db])
    expect(list.stdout).toContain('only in the wal')
    expect((await runBin(['check', 'sort', '--db', db])).stderr).toBe('')
    const server = await startServer(['serve', 'sort', '--db', db, '--no-open'])
    expect(await (await fetch(`${server.url}b/sort`)).text()).toContain('only in the wal')
    await server.stop()
    expect([digest(db), digest(`${db}-wal`)]).toEqual(before)
  })
})

describe('a store in a folder the reader cannot write', () => {
  it('is read by list, check, compare and serve, as another user, and left as it was', async () => {
    const { dir, db } = await importedStore([sortRun(), sortRun({ time: '2026-11-27T10:00:00Z' })])
    // Root writes anywhere: run as root, the reader is `nobody` and the store and its folder root's, readable
    // by all. Run as anyone else, the permissions alone stop the writes.
    const shared = join(tempDir(), 'artifact')
    mkdirSync(shared)
    copyFileSync(db, join(shared, 'bench-plot.sqlite'))
    const bin = join(dir, 'bench-plot')
    cpSync(binPath, bin)
    for (const p of [dir, bin, join(shared, '..')]) chmodSync(p, 0o755)
    chmodSync(shared, 0o555)
    chmodSync(join(shared, 'bench-plot.sqlite'), 0o444)
    const store = join(shared, 'bench-plot.sqlite')
    const before = digest(store)
    const asReader = process.getuid?.() === 0 ? ['/usr/bin/setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', bin] : [bin]
    const asNobody = (args: string[]) => Bun.spawnSync([...asReader, ...args], { env: { PATH: '/nonexistent', HOME: '/nonexistent' } })
    expect(asNobody(['list', '--db', store]).stdout.toString()).toContain('sort')
    for (const args of readers(store).slice(1, 3)) {
      const r = asNobody(args)
      expect(`${args[0]} ${r.exitCode} ${r.stderr.toString()}`).toBe(`${args[0]} ${args[0] === 'check' ? 1 : 0} `)
      expect(r.stdout.toString()).toContain('sort: ')
    }
    const serve = Bun.spawn([...asReader, 'serve', 'sort', '--db', store, '--no-open'], { stdout: 'pipe', stderr: 'pipe', env: { PATH: '/nonexistent', HOME: '/nonexistent' } })
    const reader = serve.stdout.getReader()
    const line = new TextDecoder().decode((await reader.read()).value)
    const url = (line.match(/at (http:\/\/\S+)/) as RegExpMatchArray)[1]
    const page = await fetch(`${url}b/sort`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Sorting')
    serve.kill()
    await serve.exited
    expect(digest(store)).toBe(before)
  })
})

describe('a run whose stored JSON is bad', () => {
  it('is left out of the page, which shows the others, and the server says which run it is', async () => {
    const { db } = await importedStore([sortRun({ title: 'first try' }), sortRun({ time: '2026-11-27T10:00:00Z', title: 'second try' }), sortRun({ time: '2026-11-28T10:00:00Z', title: 'third try' })])
    sql(db, "UPDATE runs SET meta = '{not json' WHERE id = 2")
    sql(db, `UPDATE inputs SET "values" = '[1, 2' WHERE run_id = 3 AND position = 0`)
    const server = await startServer(['serve', 'sort', '--db', db, '--no-open'])
    try {
      expect(server.stderr()).toMatch(/^bench-plot: warning: run 2 of "sort" is unreadable \(bad JSON in runs\.meta: [^\n]*\); the others are served\nbench-plot: warning: run 3 of "sort" is unreadable \(bad JSON in inputs\.values: /)
      for (const path of ['', 'b/sort', 'api/benchmarks', 'api/benchmarks/sort', 'api/benchmarks/sort/runs/1/samples.csv', 'api/benchmarks/sort/runs/1/samples.json']) {
        const res = await fetch(server.url + path)
        expect(`${path} ${res.status}`).toBe(`${path} 200`)
        const text = await res.text()
        if (path === 'api/benchmarks/sort') expect((JSON.parse(text).runs as { title: string }[]).map((r) => r.title)).toEqual(['first try'])
      }
      for (const path of ['api/benchmarks/sort/runs/2/samples.csv', 'api/benchmarks/sort/runs/3/samples.json']) expect((await fetch(server.url + path)).status).toBe(404)
      expect(server.stderr()).not.toMatch(/\n\s+at /)
    } finally {
      await server.stop()
    }
  })
})

// --- helpers ---

function sql(db: string, statement: string): void {
  const d = new Database(db)
  d.run(statement)
  d.close()
}

function fresh(db: string, statement: string): void {
  writeFileSync(db, '')
  sql(db, statement)
}

// Overwrite the stored CREATE statements (page 1, after the header) with noise: SQLite reports the schema malformed.
function corruptSchema(db: string): void {
  sql(db, 'PRAGMA journal_mode = DELETE')
  const bytes = readFileSync(db)
  const at = bytes.indexOf('CREATE TABLE')
  for (let i = at; i < at + 400; i++) bytes[i] = 0x41 + (i % 23)
  writeFileSync(db, bytes)
}
