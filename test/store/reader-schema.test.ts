import { Database } from 'bun:sqlite'
import { describe, expect, it } from 'bun:test'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openReadStore } from '../../src/store'
import { migrations, oldestReadable, schemaVersion } from '../../src/store/schema'
import { readerStatements, readerTables, scalarColumnStatements } from '../../src/store/sqlite-reader-sql'
import { madeDir } from '../helpers/temp-dirs'

// The reader prepares its statements on first use and checks at open only the tables and columns
// `readerTables` lists (checkReaderSchema). Here every column of a store of each readable version is
// taken away in turn: whenever that leaves a reader statement unpreparable, the store must be refused
// at open, not at the first page that runs the statement.

const dir = madeDir(mkdtempSync(join(tmpdir(), 'bench-plot-reader-schema-')))
const versions = Array.from({ length: schemaVersion - oldestReadable + 1 }, (_, i) => oldestReadable + i)

describe('the SQLite reader checks at open every column its statements use', () => {
  for (const version of versions) {
    it(`version ${version}: every reader statement prepares on an intact store`, () => {
      expect(unpreparable(storeOfVersion(version), version)).toEqual([])
    })

    it(`version ${version}: a store without a table or column that a statement uses is refused at open`, async () => {
      const used = usesOf(version)
      expect(used.length).toBeGreaterThan(0)
      const missed: string[] = []
      for (const { table, column, path, statements } of used) {
        const what = column === null ? `table ${table}` : `${table}.${column}`
        const refusal = await openReadStore(path).then(
          async (store) => {
            await store.close()
            return null
          },
          (err: Error) => err.message,
        )
        if (refusal === null) missed.push(`${what} (used by ${statements.join(', ')})`)
        else expect(`${what}: ${refusal}`).toMatch(/: .* is not a bench-plot store \(table columns missing: no such (table|column): \S+\)$/)
      }
      // Opened anyway: add these to readerTables (src/store/sqlite-reader-sql.ts).
      expect(missed).toEqual([])
    })

    it(`version ${version}: readerTables lists no column the statements do without`, () => {
      // A listed column no statement uses would refuse, for nothing, a store without it.
      const used = new Set(usesOf(version).map((u) => `${u.table}.${u.column}`))
      const unused = readerTables.filter((t) => t.since <= version).flatMap(({ table, columns }) => columns.map((c) => `${table}.${c}`).filter((c) => !used.has(c)))
      expect(unused).toEqual([])
    })

    it(`version ${version}: every table and column readerTables lists is in a store of that version`, () => {
      const tables = tablesOf(storeOfVersion(version))
      const listed = readerTables.filter((t) => t.since <= version)
      expect(listed.length).toBeGreaterThan(0)
      for (const { table, columns } of listed) {
        expect(`${table}: ${columns.filter((c) => !tables.get(table)?.some((t) => t.name === c)).join(', ')}`).toBe(`${table}: `)
      }
      // A later table is not in the store, so checkReaderSchema must leave it out at this version.
      for (const { table } of readerTables.filter((t) => t.since > version)) expect(tables.has(table)).toBe(false)
    })
  }
})

// --- internal ---

/** A table or column of a store of some version, a copy of that store without it, and the reader's statements that do not prepare there. */
type Use = { table: string; column: string | null; path: string; statements: string[] }

const uses = new Map<number, Use[]>()

/** Every table and column of a store of `version` that some reader statement of that version cannot do without. */
function usesOf(version: number): Use[] {
  const known = uses.get(version)
  if (known) return known
  const base = storeOfVersion(version)
  const out: Use[] = []
  for (const [table, columns] of tablesOf(base)) {
    for (const column of [null, ...columns.map((c) => c.name)]) {
      const path = damagedCopy(base, table, column)
      const statements = unpreparable(path, version)
      if (statements.length > 0) out.push({ table, column, path, statements })
    }
  }
  uses.set(version, out)
  return out
}

const made = new Map<number, string>()

/** An empty store of schema `version`, made by the migrations as a store of that version was made. */
function storeOfVersion(version: number): string {
  const known = made.get(version)
  if (known) return known
  const path = join(dir, `version-${version}.sqlite`)
  const db = new Database(path, { create: true })
  db.transaction(() => {
    for (let v = 0; v < version; v++) migrations[v](db)
    db.run(`PRAGMA user_version = ${version}`)
  })()
  db.close()
  made.set(version, path)
  return path
}

type ColumnInfo = { name: string; type: string }

/** The store's tables and their columns, as SQLite declares them. */
function tablesOf(path: string): Map<string, ColumnInfo[]> {
  const db = new Database(path, { readonly: true })
  try {
    const names = db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
    return new Map(names.map(({ name }) => [name, db.query(`PRAGMA table_info("${name}")`).all() as ColumnInfo[]]))
  } finally {
    db.close()
  }
}

let copies = 0

/** A copy of the store at `base` without `column` of `table`, or without the table when `column` is null. */
function damagedCopy(base: string, table: string, column: string | null): string {
  const path = join(dir, `damaged-${++copies}.sqlite`)
  copyFileSync(base, path)
  const db = new Database(path)
  try {
    db.run('PRAGMA foreign_keys = OFF')
    if (column === null) db.run(`DROP TABLE "${table}"`)
    else {
      try {
        db.run(`ALTER TABLE "${table}" DROP COLUMN "${column}"`)
      } catch {
        // A column in a key, an index or a constraint cannot be dropped: declare the table again without
        // it. The store is empty, so that is the same table less the column.
        const rest = (db.query(`PRAGMA table_info("${table}")`).all() as ColumnInfo[]).filter((c) => c.name !== column)
        db.run(`DROP TABLE "${table}"`)
        db.run(`CREATE TABLE "${table}" (${rest.map((c) => `"${c.name}" ${c.type}`).join(', ')})`)
      }
    }
  } finally {
    db.close()
  }
  return path
}

/** The names of the reader's statements of `version` that do not prepare on the store at `path`. */
function unpreparable(path: string, version: number): string[] {
  const statements = { ...readerStatements(version), ...prefixed('readScalarColumns.', scalarColumnStatements(version)) }
  const db = new Database(path, { readonly: true })
  try {
    return Object.entries(statements).flatMap(([name, sql]) => {
      if (sql === null) return []
      try {
        db.prepare(strictNames(sql)).finalize()
        return []
      } catch {
        return [name]
      }
    })
  } finally {
    db.close()
  }
}

function prefixed(prefix: string, statements: Record<string, string | null>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(statements).map(([name, sql]) => [prefix + name, sql]))
}

// SQLite takes a double-quoted name that matches no column for a string ("values" becomes 'values'), so a
// statement naming a missing column that way still prepares, and reads the string. In backticks a name is
// only ever a name: a statement that uses the column then fails to prepare without it, as it should count.
function strictNames(sql: string): string {
  return sql.replace(/"([^"]*)"/g, '`$1`')
}
