import { afterAll } from 'bun:test'
import { SQL } from 'bun'
import { startCluster } from '../../scripts/postgres-cluster'

/** A PostgreSQL server the tests may create databases on: its admin URL. */
export type TestPostgres = { admin: string }

/**
 * The PostgreSQL server of this test file: $BENCH_PLOT_TEST_PG (an admin URL; .ci/run starts a
 * cluster and sets it), else a throwaway cluster started here and stopped after the file. Null,
 * with the reason on stderr, only when no server can be started (PostgreSQL not installed):
 * the PostgreSQL tests are then skipped.
 */
export async function testPostgres(): Promise<TestPostgres | null> {
  const given = process.env.BENCH_PLOT_TEST_PG
  if (given) return { admin: given }
  try {
    const cluster = await startCluster()
    afterAll(() => cluster.stop())
    return { admin: cluster.url }
  } catch (err) {
    console.error(`PostgreSQL tests skipped: ${(err as Error).message}`)
    return null
  }
}

/** A new empty database on the server, and its URL (same login). */
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
