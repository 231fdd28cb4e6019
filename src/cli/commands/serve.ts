import { normalizeBasePath } from '../../server/base-path'
import { BenchPlotError } from '../../errors'
import { numberOption, storeOptions, stringOption, type Command } from '../command'
import { resolveStorePaths } from '../paths'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the plots of one benchmark, or with no name an index of every benchmark',
  usage: 'serve [name] [--port N] [--host ADDR] [--allow-host NAME]... [--open | --no-open] [--live] [options]',
  options: {
    port: { type: 'string', arg: 'N', description: 'listen on port N (default: a free random port in 49152-65535)' },
    host: { type: 'string', arg: 'ADDR', description: 'bind address (default 127.0.0.1; 0.0.0.0 serves other machines and container port forwarding)' },
    'allow-host': { type: 'string', arg: 'NAME', multiple: true, description: 'also answer requests for host NAME (a team server behind a proxy); others get 421' },
    open: { type: 'boolean', description: 'open the page in the default browser' },
    'no-open': { type: 'boolean', description: 'never open a browser (default: open when stdout is a terminal and a display is there)' },
    live: { type: 'boolean', description: 'pages follow new runs: an open page says "run #N recorded" and reloads its runs and charts in place (served at /api/events)' },
    'base-path': { type: 'string', arg: 'PATH', description: 'serve every page and asset under PATH (e.g. /bench/), for a team server behind a reverse proxy (default /)' },
    'rerun-viewer-url': { type: 'string', arg: 'URL', description: 'view rerun recordings with the @rerun-io/web-viewer build at URL (the folder of its index.js), e.g. for recordings from a newer rerun (default: the viewer inside bench-plot)' },
    ...storeOptions,
  },
  async run(args, io) {
    if (args.positionals.length > 1) throw new BenchPlotError('USAGE', `serve takes one benchmark name, got ${args.positionals.length} (see bench-plot serve --help)`)
    if (args.values.open && args.values['no-open']) throw new BenchPlotError('USAGE', '--open and --no-open cannot be given together')
    const name = args.positionals[0] ?? null
    const port = numberOption(args, 'port')
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
      throw new BenchPlotError('USAGE', `--port: expected a whole number from 1 to 65535, got "${stringOption(args, 'port')}"`)
    }
    const host = stringOption(args, 'host') ?? '127.0.0.1'
    const rerunViewerUrl = parseViewerUrl(stringOption(args, 'rerun-viewer-url'))
    // Checked before the store is opened: a bad flag is the first thing to say.
    const basePath = normalizeBasePath(stringOption(args, 'base-path'))
    const { cachedir, db } = resolveStorePaths(args, io)
    // Loaded here, not at start: other commands need not pay for ECharts, Elysia and the markdown renderer.
    const { openBrowser, plotServer, shouldOpenByDefault } = await import('../../server')
    const open = args.values.open ? true : args.values['no-open'] ? false : shouldOpenByDefault(io.isTTY, io.env)

    const stopSignal = waitForStopSignal()
    const allowHosts = (args.values['allow-host'] as string[] | undefined) ?? []
    if (['0.0.0.0', '::', '[::]'].includes(host)) io.stderr(`bench-plot: warning: --host ${host} serves every network interface: anyone who can reach this machine can read the results`)
    const onListen = (url: string) => io.stdout(`Serving ${name ?? 'all benchmarks'} at ${url}`)
    const server = await plotServer(name, { cachedir, db, port, host, allowHosts, open: false, rerunViewerUrl, live: args.values.live === true, basePath, onListen })
    try {
      if (open) {
        const problem = await openBrowser(server.url)
        if (problem) io.stderr(`bench-plot: warning: could not open a browser (${problem}); open ${server.url} yourself`)
      }
      await stopSignal.promise
    } finally {
      stopSignal.dispose()
      await server.stop()
    }
    return 0
  },
}

// --- internal ---

// An http(s) URL, or a path on this server, naming a folder: index.js is looked up inside it.
function parseViewerUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  const ok = (/^https?:\/\//i.test(raw) && URL.canParse(raw)) || (raw.startsWith('/') && !raw.startsWith('//'))
  if (!ok) throw new BenchPlotError('USAGE', `--rerun-viewer-url: expected an http(s) URL of a @rerun-io/web-viewer build (the folder of its index.js), got "${raw}"`)
  return raw.endsWith('/') ? raw : `${raw}/`
}

function waitForStopSignal(): { promise: Promise<void>; dispose: () => void } {
  let done = () => {}
  const promise = new Promise<void>((resolve) => {
    done = resolve
  })
  const onSignal = () => done()
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    promise,
    dispose: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
