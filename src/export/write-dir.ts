// A report's folder is written whole or not at all: into a temporary folder beside it, moved into place at the end.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { BenchPlotError } from '../errors'

/** Whether `out` may be written: absent, or an empty folder, or anything with `force`. Throws USAGE otherwise. */
export function checkOutput(out: string, force: boolean): void {
  if (!existsSync(out)) return
  if (!statSync(out).isDirectory()) {
    if (force) throw new BenchPlotError('USAGE', `--out ${out}: is a file, not a folder; --force replaces folders only`)
    throw new BenchPlotError('USAGE', `--out ${out}: is a file, not a folder`)
  }
  if (!force && readdirSync(out).length > 0) throw new BenchPlotError('USAGE', `--out ${out}: the folder is not empty (--force replaces it)`)
}

/**
 * Fill a temporary folder beside `out` with `fill`, then put it in `out`'s place (the old `out`, if
 * any, is removed only after). A failure removes the temporary folder and leaves `out` as it was.
 */
export async function writeDirAtomically(out: string, force: boolean, fill: (tmp: string) => Promise<void>): Promise<void> {
  const target = resolve(out)
  checkOutput(target, force)
  mkdirSync(dirname(target), { recursive: true })
  const tmp = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now().toString(36)}`)
  mkdirSync(tmp)
  try {
    await fill(tmp)
    if (existsSync(target)) {
      const old = join(dirname(target), `.${basename(target)}.old-${process.pid}-${Date.now().toString(36)}`)
      renameSync(target, old)
      renameSync(tmp, target)
      rmSync(old, { recursive: true, force: true })
    } else renameSync(tmp, target)
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true })
    throw err
  }
}

/** `rel` (a report's `/`-separated path) inside `dir`, or a thrown error: no report file may land outside its folder. */
export function inside(dir: string, rel: string): string {
  const path = resolve(dir, ...rel.split('/'))
  const r = relative(dir, path)
  if (r === '' || r.startsWith(`..${sep}`) || r === '..' || resolve(r) === r) throw new BenchPlotError('USAGE', `refusing to write ${rel}: it is not inside the report`)
  return path
}
