import type { RunInput } from '../model/run-format'
import { buildRuns, fileStem, type RawValue, type Row } from './build-run'
import { expectArray, expectNumber, expectObject, expectString, failFor, isObject, parseJson, sniffJson } from './json'
import type { ParseOptions } from './types'

export const format = 'hyperfine'

/** hyperfine `--export-json`: a `results` array of commands with their `times`. */
export function detect(text: string): boolean {
  const v = sniffJson(text)
  if (!isObject(v) || !Array.isArray(v.results) || v.results.length === 0) return false
  return v.results.every((r) => isObject(r) && typeof r.command === 'string')
}

/** One run per file, named after the file unless --name is given; see docs/importers.md for the mapping. */
export function parse(text: string, opts: ParseOptions = {}): RunInput[] {
  const source = opts.source ?? 'input'
  const fail = failFor(source)
  const root = expectObject(parseJson(text, source), '', fail)
  const entries = expectArray(root.results, 'results', fail).map((r, i) => expectObject(r, `results[${i}]`, fail))
  const withParams = entries.some((r) => isObject(r.parameters) && Object.keys(r.parameters).length > 0)
  const commands = entries.map((r, i) => expectString(r.command, `results[${i}].command`, fail))
  const params = entries.map((r) => (isObject(r.parameters) ? (r.parameters as Record<string, unknown>) : {}))
  // With -L over several command templates the parameters alone do not tell the commands apart.
  const needCommand = !withParams || new Set(params.map((p) => JSON.stringify(p))).size < entries.length

  const templates = withParams && needCommand ? commandTemplates(commands, params as Record<string, string>[]) : []
  const rows: Row[] = []
  entries.forEach((r, i) => {
    const path = `results[${i}]`
    if (!Array.isArray(r.times)) fail(`${path}.times`, 'has no "times" array (was --export-json used?)')
    const inputs: Record<string, RawValue> = {}
    for (const [k, v] of Object.entries(params[i])) inputs[k] = expectString(v, `${path}.parameters.${k}`, fail)
    if (needCommand) inputs.command = withParams ? templates[i] : commands[i]
    const times = expectArray(r.times, `${path}.times`, fail)
    const exits = Array.isArray(r.exit_codes) ? r.exit_codes : []
    const memory = Array.isArray(r.memory_usage_byte) ? r.memory_usage_byte : []
    times.forEach((t, j) => {
      const results: Row['results'] = { time: expectNumber(t, `${path}.times[${j}]`, fail) }
      // user and system are means over the runs: hyperfine exports no per-run values, so they sit on repeat 1.
      if (j === 0) {
        if (typeof r.user === 'number') results.user = r.user
        if (typeof r.system === 'number') results.system = r.system
      }
      if (typeof exits[j] === 'number') results.exit_code = exits[j] as number
      if (typeof memory[j] === 'number') results.memory = memory[j] as number
      rows.push({ inputs, repeat: j + 1, results })
    })
  })
  const meta: Record<string, unknown> = {}
  if (withParams && needCommand) meta.commands = commands
  return buildRuns(
    [
      {
        family: fileStem(source, 'hyperfine'),
        rows,
        results: [
          { name: 'time', units: 's', direction: 'minimize', doc: 'wall-clock time of one run' },
          { name: 'user', units: 's', direction: 'minimize', doc: 'mean user time over the runs (repeat 1 only)' },
          { name: 'system', units: 's', direction: 'minimize', doc: 'mean system time over the runs (repeat 1 only)' },
          { name: 'exit_code', units: '', direction: 'none', doc: 'exit code of the run' },
          { name: 'memory', units: 'B', direction: 'minimize', doc: 'peak memory of the run' },
        ],
        inputDocs: { command: withParams ? 'command template' : 'benchmarked command' },
        meta,
      },
    ],
    opts,
  )
}

// --- internal ---

/**
 * The template of each command: with `-L` over several command templates, the n-th result with a given
 * parameter set comes from template n. Within one template, only the words that differ between its commands
 * hold parameters, so `bs=1K count={size}` keeps its constant `1K` even where size is 1.
 */
function commandTemplates(commands: string[], params: Record<string, string>[]): string[] {
  const seen = new Map<string, number>()
  const templateOf = params.map((p) => {
    const key = JSON.stringify(p)
    const n = seen.get(key) ?? 0
    seen.set(key, n + 1)
    return n
  })
  const out = commands.map((c, i) => substitute(c, params[i]))
  for (const t of new Set(templateOf)) {
    const members = commands.map((_, i) => i).filter((i) => templateOf[i] === t)
    const words = members.map((i) => commands[i].split(/(\s+)/))
    if (members.length < 2 || words.some((w) => w.length !== words[0].length)) continue
    const differs = words[0].map((w, k) => words.some((other) => other[k] !== w))
    members.forEach((i, m) => {
      out[i] = words[m].map((w, k) => (differs[k] ? substitute(w, params[i]) : w)).join('')
    })
  }
  return out
}

/** Each parameter value put back as `{name}`, longest values first. */
function substitute(text: string, params: Record<string, string>): string {
  let out = text
  for (const [k, v] of Object.entries(params).sort((a, b) => b[1].length - a[1].length)) {
    if (v !== '') out = out.split(v).join(`{${k}}`)
  }
  return out
}
