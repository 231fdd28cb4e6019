import type { Database, Statement } from 'bun:sqlite'
import { readerTables } from './sqlite-reader-sql'

/** Statements by name, each prepared on its first use; a null SQL text (a table the store's version lacks) stays null. */
export type LazyStatements<T extends Record<string, string | null>> = { readonly [K in keyof T]: null extends T[K] ? Statement | null : Statement }

/**
 * The statements of `sql`, prepared when first used, not all at open: a server answers its first page
 * with a handful of them. Preparing is also what finds a table or column missing, so a store opened
 * this way is checked at once with `checkReaderSchema`.
 */
export function lazyStatements<T extends Record<string, string | null>>(db: Database, sql: T): LazyStatements<T> {
  const out: Record<string, Statement | null> = {}
  for (const [name, text] of Object.entries(sql)) {
    if (text === null) {
      out[name] = null
      continue
    }
    Object.defineProperty(out, name, {
      enumerable: true,
      configurable: true,
      get() {
        const statement = db.query(text)
        Object.defineProperty(out, name, { value: statement, enumerable: true })
        return statement
      },
    })
  }
  return out as LazyStatements<T>
}

/**
 * Every table and column the SQLite reader uses (`readerTables`), named in one statement prepared at open: a store with
 * one missing is refused then, with SQLite's "no such table" or "no such column", as when every
 * statement was prepared at open. `version` is the store's schema version (older stores lack later tables).
 */
export function checkReaderSchema(db: Database, version: number): void {
  // Prepared, never run: SQLite resolves every name when it compiles the statement. Each column is named
  // with its table: SQLite takes a bare double-quoted name that matches no column ("values") for a string,
  // and would let a store without it through.
  const sql = readerTables
    .filter(({ since }) => version >= since)
    .map(({ table, columns }) => `SELECT coalesce(${columns.map((c) => `${table}."${c}"`).join(', ')}) FROM ${table} WHERE 0`)
    .join(' UNION ALL ')
  db.prepare(sql).finalize()
}
