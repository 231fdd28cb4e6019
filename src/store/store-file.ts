import { constants, Database } from 'bun:sqlite'
import { accessSync, constants as fsConstants, existsSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { BenchPlotError } from '../errors'

/**
 * Refuse, before SQLite opens it, a store path that is not a regular file: opening a FIFO waits
 * forever for a writer, and a folder or device is no store.
 */
export function checkStoreFile(path: string): void {
  if (path === ':memory:' || !existsSync(path)) return
  const stat = statSync(path)
  if (stat.isFile()) return
  const what = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : 'not a regular file'
  throw new BenchPlotError('STORE', `${path} is not a bench-plot store (${what})`)
}

/**
 * Open a store for reading without ever changing its bytes or needing to write its folder.
 * A read-write handle with query_only removes the -wal and -shm files it needed when it closes;
 * where the folder or file cannot be written (a CI artifact, a read-only mount, another user's
 * store) SQLite cannot make those files, and the file is opened immutable instead: nothing can
 * change it while we read, as nothing here can write it.
 */
export function openForReading(path: string): Database {
  if (path !== ':memory:' && !canWrite(path)) return new Database(immutableUri(path), constants.SQLITE_OPEN_READONLY | constants.SQLITE_OPEN_URI)
  // A -wal file there (a writer at work, or one that was killed) would be checkpointed into the store
  // when a read-write handle closes: a read-only handle reads it and leaves every file as it was.
  if (path !== ':memory:' && existsSync(`${path}-wal`)) {
    try {
      const db = new Database(path, { readonly: true })
      db.query('SELECT count(*) FROM sqlite_master').get()
      return db
    } catch {
      // No -shm to read it through: the read-write handle below recovers the WAL.
    }
  }
  try {
    const db = new Database(path, { readwrite: true, create: false })
    db.run('PRAGMA query_only = ON')
    return db
  } catch {
    return new Database(path, { readonly: true })
  }
}

/** Whether `err` is SQLite's, and what it says about the store: one line for the user, or undefined when it is not a file problem. */
export function storeProblem(err: unknown, path: string): BenchPlotError | undefined {
  if (!(err instanceof Error) || err.name !== 'SQLiteError') return undefined
  const code = (err as Error & { code?: string }).code ?? ''
  if (code.startsWith('SQLITE_NOTADB')) return new BenchPlotError('STORE', `${path} is not a bench-plot store (not an SQLite database)`, { cause: err })
  if (code.startsWith('SQLITE_CORRUPT') || /disk image is malformed|malformed database schema/.test(err.message)) {
    return new BenchPlotError('STORE', `${path} is damaged (${err.message}); restore it from a copy or record the results again`, { cause: err })
  }
  if (/^no such (table|column)/.test(err.message)) return notOurs(path, `table columns missing: ${err.message}`, err)
  return undefined
}

/** The error for a file SQLite reads but bench-plot did not write. */
export function notOurs(path: string, why: string, cause?: unknown): BenchPlotError {
  return new BenchPlotError('STORE', `${path} is not a bench-plot store (${why})`, { cause })
}

/** Whether a store at version 0 (never migrated) already holds another program's tables. */
export function hasForeignTables(db: Database): boolean {
  return (db.query("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }).n > 0
}

// --- internal ---

// A file: URI for SQLite: `?` and `#` and `%` in a path must not start a query, a fragment or an escape.
function immutableUri(path: string): string {
  return `file:${path.replace(/[%?#]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}?immutable=1`
}

// A reader needs the file and its folder writable for the -wal and -shm files of WAL mode.
function canWrite(path: string): boolean {
  try {
    accessSync(path, fsConstants.W_OK)
    accessSync(dirname(path), fsConstants.W_OK)
    return true
  } catch {
    return false
  }
}
