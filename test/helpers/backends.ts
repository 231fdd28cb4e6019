import { Database } from 'bun:sqlite'
import { describe } from 'bun:test'
import { join } from 'node:path'
import { tempDir } from './binary'
import { asAdmin, freshDatabase, testPostgres } from './postgres'

/**
 * One store backend as the tests drive it. A suite written against this runs once per backend
 * (issue 18, point 6): on a new SQLite file, and on a new PostgreSQL database when
 * $BENCH_PLOT_TEST_PG names a server.
 */
export type TestBackend = {
  name: 'SQLite' | 'PostgreSQL'
  /** A new, empty store's location: a file that does not exist yet (in `dir`, else a new folder), or a new database. */
  fresh(dir?: string): Promise<string>
  /** Run SQL on the store directly, as another program would (to damage it, or to look inside): rows as objects. */
  sql<T = Record<string, unknown>>(location: string, text: string, params?: (string | number)[]): Promise<T[]>
  /** A binary literal in this backend's SQL. */
  blob(hex: string): string
  /** What the store holds, to tell whether anything was written: a SQLite file's bytes, a database's rows. */
  snapshot(location: string): Promise<string>
  /** The stored schema version. */
  version(location: string): Promise<number>
  /** Set the stored schema version. */
  setVersion(location: string, version: number): Promise<void>
}

const pg = await testPostgres()

export const sqliteBackend: TestBackend = {
  name: 'SQLite',
  fresh: async (dir) => join(dir ?? tempDir(), 'bench-plot.sqlite'),
  sql: async <T>(path: string, text: string, params: (string | number)[] = []) => {
    const db = new Database(path)
    try {
      return db.query(text).all(...params) as T[]
    } finally {
      db.close()
    }
  },
  blob: (hex) => `x'${hex}'`,
  snapshot: async (path) => new Bun.CryptoHasher('sha256').update(await Bun.file(path).bytes()).digest('hex'),
  version: async (path) => {
    const db = new Database(path, { readonly: true })
    try {
      return (db.query('PRAGMA user_version').get() as { user_version: number }).user_version
    } finally {
      db.close()
    }
  },
  setVersion: async (path, version) => {
    const db = new Database(path)
    db.run(`PRAGMA user_version = ${version}`)
    db.close()
  },
}

export const postgresBackend: TestBackend | null =
  pg === null
    ? null
    : {
        name: 'PostgreSQL',
        fresh: () => freshDatabase(pg),
        sql: (url, text, params = []) => asAdmin(url, async (sql) => [...(await sql.unsafe(text, params))]),
        blob: (hex) => `'\\x${hex}'::bytea`,
        // Every row of every table, in a stable order (columns' bytes by their hash).
        snapshot: (url) =>
          asAdmin(url, async (sql) => {
            const tables = (await sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename COLLATE "C"`) as { tablename: string }[]
            const out: string[] = []
            for (const { tablename } of tables) {
              const rows = await sql.unsafe(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h, count(*)::int AS n FROM "${tablename}" t`)
              out.push(`${tablename} ${rows[0].n} ${rows[0].h}`)
            }
            return out.join('\n')
          }),
        version: (url) => asAdmin(url, async (sql) => ((await sql`SELECT version FROM bench_plot_schema`) as { version: number }[])[0].version),
        setVersion: (url, version) => asAdmin(url, (sql) => sql`UPDATE bench_plot_schema SET version = ${version}`),
      }

/**
 * Run `suite` once per backend, each in a describe block named after it; the PostgreSQL one is
 * skipped (and reported so) without $BENCH_PLOT_TEST_PG.
 */
export function onEachBackend(suite: (backend: TestBackend) => void): void {
  describe('on SQLite', () => suite(sqliteBackend))
  if (postgresBackend) describe('on PostgreSQL', () => suite(postgresBackend))
  // Registered only to be reported as skipped: no test of it runs, so no backend is used.
  else describe.skip('on PostgreSQL', () => suite(sqliteBackend))
}
