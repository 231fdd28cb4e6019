import { describe, expect, it } from 'bun:test'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openStore } from '../../src/store'
import { mediaRun, sortRun } from '../fixtures/sort-run'
import { runBin, tempDir } from '../helpers/binary'
import { freshDatabase, testPostgres } from '../helpers/postgres'

// `bench-plot export` from PostgreSQL (issue 18, points 2 and 6): the same runs, copied there by
// the same imports, give the same report, file for file and byte for byte, as from the SQLite store.
const pg = await testPostgres()
const fixtures = resolve(import.meta.dir, '../fixtures')

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(root, f)).isFile())
    .map((f) => f.split('\\').join('/'))
    .sort()
}

// Runs with panels, media and a hostile name through the library, then real result files through the executable.
async function fill(location: string, dir: string): Promise<void> {
  const store = await openStore(location)
  for (let i = 0; i < 3; i++) await store.record(sortRun({ time: `2026-11-2${i}T10:00:00Z`, time_label: `v${i + 1}`, panels: [{ kind: 'markdown', text: `run *${i}*` }] } as Parameters<typeof store.record>[0]))
  await store.record(mediaRun({ time: '2026-11-23T10:00:00Z' }))
  await store.close()
  for (const f of ['pytest-benchmark/codecs-run1.json', 'pytest-benchmark/codecs-run2.json']) expect((await runBin(['import', join(fixtures, f), '--db', location], { cwd: dir })).code).toBe(0)
}

describe.skipIf(pg === null)('export from PostgreSQL', () => {
  it('writes the report, and the single file, the export from SQLite of the same runs writes', async () => {
    const dir = tempDir()
    const cachedir = join(dir, 'cachedir')
    mkdirSync(join(cachedir, 'rrd'), { recursive: true })
    copyFileSync(join(fixtures, 'rerun', 'oracle_text_log.rrd'), join(cachedir, 'rrd', 'text.rrd'))
    writeFileSync(join(cachedir, 'plot.png'), Buffer.from('89504e470d0a1a0a', 'hex'))
    const sqlite = join(cachedir, 'bench-plot.sqlite')
    const url = await freshDatabase(pg as NonNullable<typeof pg>)
    // The same runs in the same order into each store, so that runs have the same ids and pages the same names
    // (migrate copies benchmark by benchmark, which numbers interleaved runs differently).
    for (const location of [sqlite, url]) await fill(location, dir)

    const fromSqlite = await runBin(['export', '--out', 'from-sqlite'], { cwd: dir })
    const fromPostgres = await runBin(['export', '--out', 'from-postgres', '--db', url], { cwd: dir })
    for (const r of [fromSqlite, fromPostgres]) expect(`${r.code} ${r.stderr}`).toBe('0 ')
    expect(fromPostgres.stdout.replace('from-postgres', 'REPORT')).toBe(fromSqlite.stdout.replace('from-sqlite', 'REPORT'))
    const a = join(dir, 'from-sqlite')
    const b = join(dir, 'from-postgres')
    expect(files(b)).toEqual(files(a))
    // Something real was written: every benchmark's pages, the media and the history of the real runs.
    for (const f of ['index.html', 'b/sort/run-3.html', 'b/sort/history.html', 'b/test_encode/compare-5-7.html', 'media/plot.png', 'rrd/text.rrd']) expect(files(a)).toContain(f)
    expect(readFileSync(join(a, 'b/sort/run-3.html'), 'utf8')).toContain('run <em>2</em>')
    for (const f of files(a)) expect(`${f}: ${readFileSync(join(b, f)).equals(readFileSync(join(a, f)))}`).toBe(`${f}: true`)
    // The password never reaches a file of the report.
    const password = new URL(url).password
    for (const f of files(b).filter((f) => /\.(html|json|csv|js)$/.test(f))) expect(readFileSync(join(b, f), 'utf8')).not.toContain(password)

    const single = await Promise.all([
      runBin(['export', 'test_encode', '--single-file', 'sqlite.html'], { cwd: dir }),
      runBin(['export', 'test_encode', '--single-file', 'postgres.html', '--db', url], { cwd: dir }),
    ])
    for (const r of single) expect(`${r.code} ${r.stderr}`).toBe('0 ')
    expect(readFileSync(join(dir, 'postgres.html'), 'utf8')).toBe(readFileSync(join(dir, 'sqlite.html'), 'utf8'))
    expect(readFileSync(join(dir, 'sqlite.html'), 'utf8')).toContain('<svg')
  }, 180_000)
})
