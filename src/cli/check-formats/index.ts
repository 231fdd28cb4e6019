/** The output formats of `check` (`--format`, `--output`, `--base-url`): parsed before the store is read, written after. */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { BenchPlotError } from '../../errors'
import type { CheckReport } from '../../model/regression'
import { stringOption, type CommandIO, type OptionSpec, type ParsedArgs } from '../command'
import type { FormatOptions } from './cells'
import { checkGithub } from './github'
import { checkJunit } from './junit'
import { checkMarkdown } from './markdown'

const checkFormats = ['text', 'json', 'markdown', 'junit', 'github'] as const
type CheckFormat = (typeof checkFormats)[number]

/** The flags, for `check`'s option table. */
export const checkFormatOptions = {
  format: { type: 'string', arg: 'F', description: `${checkFormats.join(', ')} (default text; --json is --format json); markdown for a PR comment or $GITHUB_STEP_SUMMARY, junit for test reports, github for annotations` },
  output: { type: 'string', arg: 'FILE', description: 'write the format to FILE (stdout then shows the text verdicts); the exit code is still the gate' },
  'base-url': { type: 'string', arg: 'URL', description: 'markdown, junit, github: link each benchmark to URL/b/<name> (default: the relative link b/<name>; no link in annotations)' },
} satisfies Record<string, OptionSpec>

type CheckOutput = { format: CheckFormat; file: string | null; options: FormatOptions }

/** Read `--format` (and the older `--json`), `--output` and `--base-url`; bad values are usage errors. */
export function checkOutputOf(args: ParsedArgs): CheckOutput {
  const asked = stringOption(args, 'format')
  if (asked !== undefined && !checkFormats.includes(asked as CheckFormat)) throw new BenchPlotError('USAGE', `--format: expected one of ${checkFormats.join(', ')}, got "${asked}"`)
  if (args.values.json && asked !== undefined && asked !== 'json') throw new BenchPlotError('USAGE', `--json and --format ${asked} ask for two formats; give one`)
  const format: CheckFormat = args.values.json ? 'json' : ((asked as CheckFormat | undefined) ?? 'text')
  const output = stringOption(args, 'output')
  let file: string | null = null
  if (output !== undefined) {
    file = resolve(output)
    if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) throw new BenchPlotError('USAGE', `--output ${output}: the folder ${dirname(file)} does not exist`)
    if (existsSync(file) && statSync(file).isDirectory()) throw new BenchPlotError('USAGE', `--output ${output}: is a folder`)
  }
  const options: FormatOptions = {}
  const base = stringOption(args, 'base-url')
  if (base !== undefined) {
    let url: URL
    try {
      url = new URL(base)
    } catch {
      throw new BenchPlotError('USAGE', `--base-url: expected an http or https URL, got "${base}"`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BenchPlotError('USAGE', `--base-url: expected an http or https URL, got "${base}"`)
    options.baseUrl = url.href
  }
  return { format, file, options }
}

/**
 * Print or write the verdicts in the format asked for. `text` and `report` are made on demand, so
 * `check` keeps its own text and JSON renderers. With --output the file is written whole (a temporary
 * file renamed into place) and stdout shows the text verdicts, so the CI log still says what happened.
 */
export function writeCheckOutput(out: CheckOutput, render: { text: () => string; report: () => CheckReport }, io: CommandIO): void {
  const body = renderFormat(out, render)
  if (out.file === null) {
    io.stdout(body.replace(/\n$/, ''))
    return
  }
  const tmp = `${out.file}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, body)
    renameSync(tmp, out.file)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw new BenchPlotError('USAGE', `--output ${out.file}: ${(err as Error).message.split('\n')[0]}`)
  }
  io.stdout(render.text())
}

// --- internal ---

function renderFormat(out: CheckOutput, render: { text: () => string; report: () => CheckReport }): string {
  switch (out.format) {
    case 'text':
      return `${render.text()}\n`
    case 'json':
      return `${JSON.stringify(render.report(), null, 2)}\n`
    case 'markdown':
      return checkMarkdown(render.report(), out.options)
    case 'junit':
      return checkJunit(render.report(), out.options)
    case 'github':
      return checkGithub(render.report(), out.options)
  }
}
