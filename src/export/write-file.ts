// One file written whole or not at all: a temporary file beside it, renamed into place.
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { BenchPlotError } from '../errors'

/** Write `text` to `file`; an existing file is replaced only with `force`, and a folder never. */
export function writeFileAtomically(file: string, force: boolean, text: string): void {
  const target = resolve(file)
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new BenchPlotError('USAGE', `--single-file ${file}: is a folder`)
    if (!force) throw new BenchPlotError('USAGE', `--single-file ${file}: the file exists (--force replaces it)`)
  }
  const tmp = join(dirname(target), `.${basename(target)}.partial-${process.pid}`)
  try {
    writeFileSync(tmp, text)
    renameSync(tmp, target)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw err
  }
}
