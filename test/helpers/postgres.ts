import { SQL } from 'bun'

/** A PostgreSQL server the tests may create databases on: its admin URL. */
export type TestPostgres = { admin: string }

let saidSkipped = false

/**
 * The PostgreSQL server of the tests: $BENCH_PLOT_TEST_PG, an admin URL (.ci/run starts a throwaway
 * cluster with scripts/postgres-cluster.ts and sets it; docs/team.md says how to do so by hand).
 * Null without it: the PostgreSQL tests are then skipped, said once on stderr.
 */
export async function testPostgres(): Promise<TestPostgres | null> {
  const given = process.env.BENCH_PLOT_TEST_PG
  if (given) return { admin: given }
  if (!saidSkipped) console.error('PostgreSQL tests skipped: BENCH_PLOT_TEST_PG is not set (see docs/team.md, "Testing on PostgreSQL")')
  saidSkipped = true
  return null
}

/** A new empty database on the server, and its URL (same login): each test gets its own, so none collide. */
export async function freshDatabase(pg: TestPostgres): Promise<string> {
  const name = `t_${crypto.randomUUID().replace(/-/g, '')}`
  const admin = new SQL(pg.admin)
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`)
  } finally {
    await admin.close()
  }
  const url = new URL(pg.admin)
  url.pathname = `/${name}`
  return url.toString()
}

/** Run SQL as the admin on the database at `url`. */
export async function asAdmin<T>(url: string, f: (sql: SQL) => Promise<T>): Promise<T> {
  const sql = new SQL(url)
  try {
    return await f(sql)
  } finally {
    await sql.close()
  }
}
