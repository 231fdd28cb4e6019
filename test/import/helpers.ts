import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { importSource, type ImportOptions } from '../../src/import'
import { validateRun, type RunInput } from '../../src/model/run-format'
import type { InputValue, Run } from '../../src/model/types'

export const fixturesDir = join(import.meta.dir, '..', 'fixtures')

/** The text of `test/fixtures/<format>/<file>`. */
export function fixtureText(format: string, file: string): string {
  return readFileSync(join(fixturesDir, format, file), 'utf8')
}

/** Import a fixture file, check each run with `validateRun`, and return both forms. */
export function importFixture(format: string, file: string, opts: ImportOptions = {}): { given: RunInput[]; runs: Run[] } {
  const name = `${format}/${file}`
  const given = importSource({ name, text: fixtureText(format, file) }, opts)
  return { given, runs: given.map((r) => validateRun(r, { source: name, now: new Date('2000-01-01T00:00:00Z') })) }
}

/** The run named `benchmark`, failing loudly when it is missing. */
export function runNamed<T extends { benchmark: string }>(runs: T[], benchmark: string): T {
  const run = runs.find((r) => r.benchmark === benchmark)
  if (!run) throw new Error(`no run ${benchmark} in ${runs.map((r) => r.benchmark).join(', ')}`)
  return run
}

/** The sample values of one result at one sweep point, repeat by repeat (undefined where missing). */
export function samplesAt(run: RunInput, inputs: Record<string, InputValue>, result: string): (number | string | undefined)[] {
  const same = (a: Record<string, InputValue> | undefined) => JSON.stringify(a) === JSON.stringify(inputs)
  const at = run.samples.filter((s) => same(s.inputs))
  const repeats = run.repeats ?? 1
  return Array.from({ length: repeats }, (_, i) => at.find((s) => s.repeat === i + 1)?.results[result] as number | undefined)
}

/** `{ name: kind[values] }` of a run's inputs, for compact exact assertions. */
export function inputsOf(run: RunInput): Record<string, [string | undefined, InputValue[] | undefined]> {
  return Object.fromEntries((run.inputs ?? []).map((v) => [v.name, [v.kind, v.values]]))
}

/** `{ name: [units, direction] }` of a run's results. */
export function resultsOf(run: RunInput): Record<string, [string | undefined, string | undefined]> {
  return Object.fromEntries((run.results ?? []).map((r) => [r.name, [r.units, r.direction]]))
}
