import type { RunInput } from '../model/run-format'
import { benchmarkName } from './build-run'
import { isObject, parseJson, sniffJson } from './json'
import type { ParseOptions } from './types'

export const format = 'bench-plot'

/** The native run format (docs/format.md): an object with `benchmark` and `samples`, or an array of them. */
export function detect(text: string): boolean {
  const v = sniffJson(text)
  const isRun = (x: unknown) => isObject(x) && 'benchmark' in x && 'samples' in x
  return Array.isArray(v) ? v.length > 0 && v.every(isRun) : isRun(v)
}

/**
 * The objects as given; `validateRun` checks them later and names the JSON path of a problem.
 * The options fill only what a run leaves out.
 */
export function parse(text: string, opts: ParseOptions = {}): RunInput[] {
  const value = parseJson(text, opts.source ?? 'input')
  const runs = (Array.isArray(value) ? value : [value]) as RunInput[]
  return runs.map((run) => {
    if (!isObject(run)) return run
    const out: RunInput = { ...run }
    if (opts.name && typeof run.benchmark === 'string') out.benchmark = benchmarkName(run.benchmark, opts.name, runs.length)
    if (out.time === undefined && opts.time !== undefined) out.time = opts.time
    if (out.time_label === undefined && opts.timeLabel !== undefined) out.time_label = opts.timeLabel
    if (out.commit === undefined && opts.commit !== undefined) out.commit = opts.commit
    if (out.branch === undefined && opts.branch !== undefined) out.branch = opts.branch
    return out
  })
}
