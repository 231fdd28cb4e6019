import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunInput } from '../../src/model/run-format'
import { sortRun } from '../fixtures/sort-run'
import { runBin, tempDir, type BinResult } from '../helpers/binary'

/** A SHA-256 of a file's bytes, or 'absent'. */
export function digest(path: string): string {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent'
}

/** A store made by the binary itself: `bench-plot import` of the given runs (default: the sort fixture). */
export async function importedStore(runs: RunInput[] = [sortRun()], dir = tempDir('bench-plot-hostile-')): Promise<{ dir: string; db: string }> {
  const file = join(dir, 'runs.json')
  writeFileSync(file, JSON.stringify(runs))
  const db = join(dir, 'cachedir', 'bench-plot.sqlite')
  const r = await runBin(['import', file, '--db', db])
  if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`)
  return { dir, db }
}

/** What every refusal looks like: exit `code`, nothing on stdout's error path, and exactly one stderr line starting `bench-plot:`. */
export function oneLineError(r: BinResult): string {
  const lines = r.stderr.split('\n').filter((l) => l !== '')
  if (lines.length !== 1 || !lines[0].startsWith('bench-plot: ') || /internal error|\n\s+at /.test(r.stderr)) {
    throw new Error(`expected one bench-plot: line, got exit ${r.code}: ${JSON.stringify(r.stderr)}`)
  }
  return lines[0]
}

/** A GET with any Host header (fetch would set its own): a raw HTTP/1.1 exchange on a socket. */
export async function rawGet(port: number, path: string, host: string): Promise<{ status: number; head: string; body: string }> {
  const chunks: Uint8Array[] = []
  await new Promise<void>((resolve, reject) => {
    void Bun.connect({
      hostname: '127.0.0.1',
      port,
      socket: {
        open(s) {
          s.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)
        },
        data(_s, d) {
          chunks.push(new Uint8Array(d))
        },
        close() {
          resolve()
        },
        error(_s, e) {
          reject(e)
        },
      },
    }).catch(reject)
  })
  const text = Buffer.concat(chunks).toString('latin1')
  const split = text.indexOf('\r\n\r\n')
  return { status: Number(text.slice(9, 12)), head: text.slice(0, split).toLowerCase(), body: text.slice(split + 4) }
}
