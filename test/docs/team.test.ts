import { describe, expect, it } from 'bun:test'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runBin, startServer, tempDir } from '../helpers/binary'
import { testPostgres } from '../helpers/postgres'

// Issue 18, point 7: docs/team.md's setup, run as written (names and passwords made unique), gives a
// role CI writes with and one the server reads with and that cannot write.
const pg = await testPostgres()
const doc = readFileSync(resolve(import.meta.dir, '../../docs/team.md'), 'utf8')
const fixture = resolve(import.meta.dir, '../fixtures/pytest-benchmark/codecs-run1.json')

describe.skipIf(pg === null)('docs/team.md', () => {
  it('sets up a writer role for CI and a read-only role for the server', async () => {
    const sql = doc.match(/sudo -u postgres psql -v ON_ERROR_STOP=1 <<'SQL'\n([\s\S]*?)\nSQL\n/)?.[1]
    expect(sql).toBeDefined()
    const tag = crypto.randomUUID().slice(0, 8)
    const names = { bench_ci: `ci_${tag}`, bench_reader: `reader_${tag}`, 'ci-password': `ci-${tag}`, 'reader-password': `rd-${tag}` }
    let script = sql as string
    for (const [from, to] of Object.entries(names)) script = script.replaceAll(from, to)
    script = script.replace(/\bbench\b/g, `bench_${tag}`)
    const file = join(tempDir(), 'setup.sql')
    writeFileSync(file, `${script}\n`)
    const admin = new URL((pg as NonNullable<typeof pg>).admin)
    const psql = Bun.spawnSync(['psql', '-h', admin.hostname, '-p', admin.port, '-U', admin.username, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-f', file], {
      env: { PGPASSWORD: decodeURIComponent(admin.password), PATH: process.env.PATH ?? '/usr/bin:/bin' },
      stderr: 'pipe',
    })
    expect(psql.stderr.toString()).toBe('')
    expect(psql.exitCode).toBe(0)

    const url = (user: string, password: string) => `postgres://${user}:${password}@${admin.host}/bench_${tag}`
    const ci = url(names.bench_ci, names['ci-password'])
    const reader = url(names.bench_reader, names['reader-password'])
    // Nothing yet: the reader says so; CI's first import creates the tables.
    expect((await runBin(['list', '--db', reader])).stderr).toMatch(/^bench-plot: nothing has been recorded yet at postgres:\/\/reader_/)
    const imported = await runBin(['import', fixture, '--db', ci])
    expect(`${imported.code} ${imported.stderr}`).toBe('0 ')
    // The reader reads, through the list and the server.
    const list = await runBin(['list', '--json', '--db', reader])
    expect(JSON.parse(list.stdout).map((b: { name: string }) => b.name)).toEqual(['test_encode', 'test_pack'])
    const server = await startServer(['serve', '--no-open', '--db', reader], { cwd: tempDir() })
    try {
      const page = await fetch(`${server.url}b/test_encode`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('test_encode')
    } finally {
      await server.stop()
    }
    // The reader cannot write, by any command.
    const write = await runBin(['import', fixture, '--db', reader])
    expect(write.code).not.toBe(0)
    expect(write.stderr).toMatch(/^bench-plot: cannot use postgres:\/\/reader_\w+@.*: (the connection is read-only|permission denied .*)\n$/)
    expect(write.stderr).not.toContain(names['reader-password'])
  }, 120_000)
})
