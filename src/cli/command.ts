import { parseArgs } from 'node:util'
import { BenchPlotError } from '../errors'

export type OptionSpec = {
  type: 'string' | 'boolean'
  short?: string
  multiple?: boolean
  /** Placeholder shown in help, e.g. `DIR`. */
  arg?: string
  description: string
}

export type ParsedArgs = { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }

/** Where the CLI writes; tests pass their own. */
export type CommandIO = { stdout: (line: string) => void; stderr: (line: string) => void; isTTY: boolean; env: Record<string, string | undefined> }

export type Command = {
  name: string
  /** One line for the command list. */
  summary: string
  /** Usage line after `bench-plot`, e.g. `import FILE... [options]`. */
  usage: string
  options: Record<string, OptionSpec>
  /** Returns the exit code. Throws BenchPlotError for anything the user must fix. */
  run(args: ParsedArgs, io: CommandIO): Promise<number>
}

/** Options every command that touches the store takes. */
export const storeOptions = {
  cachedir: { type: 'string', arg: 'DIR', description: 'cache directory holding bench-plot.sqlite and media (default $BENCH_PLOT_CACHEDIR or ./cachedir)' },
  db: { type: 'string', arg: 'FILE|URL', description: 'the store: a SQLite file instead of <cachedir>/bench-plot.sqlite, or postgres://user:password@host/db (default $BENCH_PLOT_DB)' },
} satisfies Record<string, OptionSpec>

export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    })
    return { values: values as ParsedArgs['values'], positionals }
  } catch (err) {
    throw new BenchPlotError('USAGE', `${(err as Error).message.split('\n')[0]} (see bench-plot ${cmd.name} --help)`)
  }
}

export function renderCommandHelp(cmd: Command): string {
  const rows = Object.entries(cmd.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}`
    return [flag, o.description + (o.multiple ? ' (may be repeated)' : '')]
  })
  rows.push(['-h, --help', 'show this help'])
  const width = Math.max(...rows.map(([f]) => f.length)) + 2
  return [`Usage: bench-plot ${cmd.usage}`, '', cmd.summary, '', 'Options:', ...rows.map(([f, d]) => `  ${f.padEnd(width)}${d}`)].join('\n')
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name]
  return typeof v === 'string' ? v : undefined
}

export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const v = stringOption(args, name)
  if (v === undefined) return undefined
  const n = Number(v)
  if (v.trim() === '' || !Number.isFinite(n)) throw new BenchPlotError('USAGE', `--${name}: expected a number, got "${v}"`)
  return n
}
