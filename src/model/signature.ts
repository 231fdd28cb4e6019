import type { InputKind, ResultKind, Run } from './types'

/** What a run's shape looks like to the chart chooser: bencher's `PltCntCfg` (reference §3.1). */
export type SweepSignature = {
  /** Names of the float-like inputs (`float`, `int`), in declared order. */
  floatInputs: string[]
  /** Names of the categorical inputs (`cat`, `bool`), in declared order. */
  catInputs: string[]
  /** Names of the inputs with one value in this run: constants of the run, never an axis or a facet. */
  constantInputs: string[]
  repeats: number
  /** Number of sweep points (product of every input's value count). */
  points: number
  results: { name: string; kind: ResultKind; size?: number }[]
  /** The one short line shown on the page. */
  text: string
}

/** Whether an input kind is drawn on a numeric axis. */
function isFloatLike(kind: InputKind): boolean {
  return kind === 'float' || kind === 'int'
}

/**
 * The signature of a run: float-like and categorical inputs, repeats and result kinds.
 * @example sweepSignature(run).text // "2 float inputs, 1 categorical, 3 repeats; results: time (float), ok (bool)"
 */
export function sweepSignature(run: Pick<Run, 'inputs' | 'repeats' | 'results'>): SweepSignature {
  const floatInputs = run.inputs.filter((v) => isFloatLike(v.kind)).map((v) => v.name)
  const catInputs = run.inputs.filter((v) => !isFloatLike(v.kind)).map((v) => v.name)
  const constantInputs = run.inputs.filter((v) => v.values.length === 1).map((v) => v.name)
  const results = run.results.map((r) => (r.kind === 'vec' ? { name: r.name, kind: r.kind, size: r.size ?? 1 } : { name: r.name, kind: r.kind }))
  const points = run.inputs.reduce((n, v) => n * v.values.length, 1)
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  const parts = [
    plural(floatInputs.length, 'float input', 'float inputs'),
    `${catInputs.length} categorical`,
    plural(run.repeats, 'repeat', 'repeats'),
  ]
  const kinds = results.map((r) => `${r.name} (${r.kind === 'vec' ? `vec${r.size}` : r.kind})`)
  const text = `${parts.join(', ')}; results: ${kinds.length ? kinds.join(', ') : 'none'}`
  return { floatInputs, catInputs, constantInputs, repeats: run.repeats, points, results, text }
}
