import { existsSync, statSync } from 'node:fs'
import { join, sep } from 'node:path'
import { pointCoordinates } from '../model/sweep'
import type { Run } from '../model/types'

/** A `rerun` result value that the page cannot show: its file is not there, or not under `rrd/`. */
export type RecordingWarning = { result: string; point: string; path: string; reason: 'missing' | 'outside-rrd' }

/**
 * The recordings of a run (values of its `rerun` results, paths relative to the cache directory)
 * that the page cannot show: no such file (shown as missing), or a file outside `rrd/`, which
 * `/rrd_static/` does not serve. Only their existence is checked here; the page checks their content.
 */
export function findRecordingWarnings(run: Run, cachedir: string): RecordingWarning[] {
  const out: RecordingWarning[] = []
  for (const result of run.results) {
    if (result.kind !== 'rerun') continue
    const col = run.data[result.name]
    if (!Array.isArray(col)) continue
    col.forEach((path, k) => {
      if (path === null) return
      const point = describePoint(run, Math.floor(k / run.repeats), k % run.repeats)
      if (!path.startsWith('rrd/')) out.push({ result: result.name, point, path, reason: 'outside-rrd' })
      else if (!isFile(join(cachedir, ...path.split('/')))) out.push({ result: result.name, point, path, reason: 'missing' })
    })
  }
  return out
}

/** One line of stderr per warning (at most `max`, then how many more), each naming the file read. */
export function formatRecordingWarnings(source: string, run: Run, cachedir: string, warnings: RecordingWarning[], max = 10): string[] {
  const lines = warnings.slice(0, max).map((w) => {
    const what = `${source}: benchmark "${run.benchmark}", result "${w.result}"${w.point ? ` at ${w.point}` : ''}`
    if (w.reason === 'outside-rrd') return `bench-plot: warning: ${what}: recording ${w.path} is not under rrd/, the only folder recordings are served from; the page cannot show it`
    return `bench-plot: warning: ${what}: recording ${w.path} does not exist in ${cachedir.endsWith(sep) ? cachedir : cachedir + sep}; the page shows it as missing`
  })
  if (warnings.length > max) lines.push(`bench-plot: warning: ${source}: and ${warnings.length - max} more recordings missing`)
  return lines
}

// --- internal ---

function describePoint(run: Run, point: number, repeat: number): string {
  const c = pointCoordinates(run.inputs, point)
  const where = run.inputs.map((v, i) => `${v.name}=${String(v.values[c[i]])}`).join(', ')
  return run.repeats > 1 ? `${where}${where ? ', ' : ''}repeat ${repeat + 1}` : where
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile()
  } catch {
    return false
  }
}
