import { BenchPlotError } from '../errors'
import { versionLine } from '../version'
import { parseCommandArgs, renderCommandHelp, type Command, type CommandIO } from './command'
import { loadCommand, loadCommands } from './commands'

// console.log and console.error write one string as it is plus a newline, as the streams' write() did,
// without building process.stdout: that stream takes about 2 ms to set up (more where node:stream is not
// loaded yet). For the same reason isTTY is only looked up when a command asks (serve without --open or --no-open).
const defaultIO: CommandIO = {
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
  get isTTY() {
    return Boolean(process.stdout.isTTY)
  },
  env: process.env,
}

/** Run the command line and return its exit code; only bin.ts exits the process. */
export async function main(argv: string[] = process.argv.slice(2), io: CommandIO = defaultIO): Promise<number> {
  try {
    const [first, ...rest] = argv
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.stdout(renderMainHelp(await loadCommands()))
      return first === undefined ? 2 : 0
    }
    if (first === '--version' || first === '-v' || first === 'version') {
      io.stdout(versionLine)
      return 0
    }
    // `bench-plot <name>` is short for `bench-plot serve <name>`.
    let cmd = await loadCommand(first)
    let cmdArgs = rest
    if (!cmd) {
      if (first.startsWith('-')) throw new BenchPlotError('USAGE', `unknown option "${first}" (see bench-plot --help)`)
      cmd = await loadCommand('serve')
      if (!cmd) throw new BenchPlotError('USAGE', `unknown command "${first}" (see bench-plot --help)`)
      cmdArgs = argv
    }
    const args = parseCommandArgs(cmd, cmdArgs)
    if (args.values.help) {
      io.stdout(renderCommandHelp(cmd))
      return 0
    }
    return await cmd.run(args, io)
  } catch (err) {
    if (err instanceof BenchPlotError) {
      io.stderr(`bench-plot: ${err.message.split('\n')[0]}`)
      return err.exitCode
    }
    // One line, as every error: the stack is for whoever debugs bench-plot, on request.
    const detail = io.env.BENCH_PLOT_DEBUG ? ((err as Error)?.stack ?? String(err)) : `${String(err).split('\n')[0]} (BENCH_PLOT_DEBUG=1 shows where)`
    io.stderr(`bench-plot: internal error: ${detail}`)
    return 1
  }
}

function renderMainHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2
  return [
    `bench-plot ${versionLine}: see your benchmark results`,
    '',
    'Usage:',
    '  bench-plot <name> [options]     serve the plots of one benchmark (same as: bench-plot serve <name>)',
    '  bench-plot <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Every command takes --help. The store is <cachedir>/bench-plot.sqlite, cachedir being',
    '--cachedir DIR, $BENCH_PLOT_CACHEDIR or ./cachedir; --db FILE names the file directly, and',
    '--db postgres://user:password@host/db (or $BENCH_PLOT_DB) a PostgreSQL database instead.',
    '',
    'Options:',
    '  -h, --help       show this help',
    '  -v, --version    print the version',
  ].join('\n')
}
