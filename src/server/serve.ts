import type { Elysia } from 'elysia'
import type { Benchmark, Run } from '../model/types'
import { isPostgresUrl, openReadStore, type RunHeader } from '../store'
import { createApp } from './app'
import { codePanels, type PanelsOption } from './code-panels'
import { runWatcher } from './live'
import { normalizeBasePath, underBase } from './base-path'
import { hostPolicy, type HostPolicy } from './guards'
import { openBrowser } from './open-browser'
import { bindPort, type FindFreePortOptions } from './port'
import { memorySource, storeSource } from './source'
import { join, resolve } from 'node:path'

export type ServeOptions = {
  /** Port to listen on; busy means an error. @default a free random port in 49152-65535 */
  port?: number
  /** Bind address; `0.0.0.0` serves other machines and containers' port forwarding. @default '127.0.0.1' */
  host?: string
  /** Open the page in the default browser. A browser that cannot be opened is a warning. @default false */
  open?: boolean
  /** Where warnings go. @default console.warn */
  warn?: (line: string) => void
  /** Names answered besides the loopback ones and `host` (a team server behind a proxy); any other `Host` gets 421. */
  allowHosts?: string[]
  /** Port finder settings (tests). */
  portFinder?: Omit<FindFreePortOptions, 'host'>
  /** Base URL of another `@rerun-io/web-viewer` build (the folder of its index.js) for recordings from a newer rerun. @default the embedded viewer */
  rerunViewerUrl?: string
  /**
   * Pages follow new runs, as bencher's `show="live"`: `GET /api/events` sends an event when a run is
   * recorded and an open page reloads its runs and charts in place. @default false (nothing polls)
   */
  live?: boolean
  /** Serve every page and asset under this prefix (`/bench/`), for a team server behind a reverse proxy. @default '/' */
  basePath?: string
  /** Called with the URL once the port is bound, before the server prepares its first answer: where the CLI prints its "Serving" line. */
  onListen?: (url: string) => void
}

export type StoreLocation = {
  /** Cache directory: the store, media and `rrd/` live there. @default './cachedir' */
  cachedir?: string
  /** The store: a SQLite file, or a `postgres://` URL. @default '<cachedir>/bench-plot.sqlite' */
  db?: string
}

export type PlotServerOptions = ServeOptions &
  StoreLocation & {
    /**
     * Your own panels beside the automatic charts (the run format's panel objects, docs/format.md#panels):
     * a list shown with every run, or a function of the loaded benchmark giving them, called again
     * after a new run is recorded. Checked as the run format's panels; a bad list throws before any port is bound.
     */
    panels?: PanelsOption
  }

/** A running server: a URL a browser on this machine can open, the port, and a way to stop it. */
export type RunningServer = { url: string; port: number; stop(): Promise<void> }

/**
 * Load a benchmark with all its runs from the store (opened read-only).
 * Throws BenchPlotError NOT_FOUND with the store's message when it is not there.
 */
export async function loadBenchmark(name: string, opts: StoreLocation = {}): Promise<Benchmark> {
  const store = await openReadStore(storePaths(opts).db)
  try {
    return await store.loadBenchmark(name)
  } finally {
    await store.close()
  }
}

/**
 * Serve the plots of benchmark `name` from the store, as bencher's `BenchPlotServer.plot_server`;
 * with `name` null, an index of every benchmark. The benchmark is loaded before any port is bound,
 * so a missing one throws NOT_FOUND and nothing listens.
 * @example
 * const server = await plotServer('sort', { cachedir: 'cachedir' })
 * console.log(server.url)
 * await server.stop()
 */
export async function plotServer(name: string | null, cfg: PlotServerOptions = {}): Promise<RunningServer> {
  const { cachedir, db } = storePaths(cfg)
  const store = await openReadStore(db)
  try {
    let runs: Map<string, RunHeader[]> | undefined
    if (name !== null) {
      // Every run's data is checked (not read) before any port is bound. None is read before the first
      // page asks for it: a 10^6 run is 16 MB, tens of ms that need not delay the "Serving" line.
      // The run list read to check it is the first page's: the start reads it once.
      const verified = await store.verifyBenchmark(name)
      for (const { reason } of verified.unreadable) (cfg.warn ?? console.warn)(`bench-plot: warning: ${reason}; the others are served`)
      runs = new Map([[name, verified.runs]])
    }
    const source = storeSource(store, { runs })
    const hosts = hostPolicy(cfg.host ?? '127.0.0.1', cfg.allowHosts)
    const panels = codePanels(cfg.panels, source)
    const live = cfg.live ? runWatcher(source) : undefined
    const basePath = normalizeBasePath(cfg.basePath)
    const app = await createApp({ source, name, cachedir, location: store.location, hosts, storeFile: isPostgresUrl(db) ? null : db, rerunViewerUrl: cfg.rerunViewerUrl, basePath, panels, live })
    // The route the first request will take: the benchmark's page, or the index.
    return await listen(app, cfg, hosts, name === null ? '/' : '/b/:name', async () => {
      live?.close()
      await store.close()
    })
  } catch (err) {
    await store.close()
    throw err
  }
}

/**
 * Serve runs held in memory (no store), as bencher's `BenchPlotServer.serve`: `pages` are the runs
 * shown as tabs of benchmark `name`, oldest first.
 */
export async function serve(name: string, pages: Run[], opts: ServeOptions & { cachedir?: string } = {}): Promise<RunningServer> {
  const source = memorySource([{ name, runs: pages }])
  await source.listRuns(name) // NOT_FOUND when there is nothing to show
  const hosts = hostPolicy(opts.host ?? '127.0.0.1', opts.allowHosts)
  const basePath = normalizeBasePath(opts.basePath)
  const app = await createApp({ source, name, cachedir: opts.cachedir ? resolve(opts.cachedir) : null, hosts, rerunViewerUrl: opts.rerunViewerUrl, basePath })
  return listen(app, opts, hosts, '/b/:name', async () => {})
}

/** The URL a browser on this machine can open for a server bound to `host`. */
export function browsableUrl(host: string, port: number): string {
  let h = host
  if (h === '0.0.0.0' || h === '') h = '127.0.0.1'
  else if (h === '::' || h === '[::]') h = '[::1]'
  else if (h.includes(':') && !h.startsWith('[')) h = `[${h}]`
  return `http://${h}:${port}/`
}

// --- internal ---

function storePaths(opts: StoreLocation): { cachedir: string; db: string } {
  const cachedir = resolve(opts.cachedir ?? 'cachedir')
  if (opts.db !== undefined && isPostgresUrl(opts.db)) return { cachedir, db: opts.db }
  return { cachedir, db: resolve(opts.db ?? join(cachedir, 'bench-plot.sqlite')) }
}

type AnyApp = Elysia<any, any, any, any, any, any, any>

async function listen(app: AnyApp, opts: ServeOptions, hosts: HostPolicy, firstRoute: string | null, onStop: () => Promise<void>): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  const base = normalizeBasePath(opts.basePath)
  const server = await bindPort(
    (port) =>
      Bun.serve({
        hostname: host,
        port,
        // Recordings of hundreds of MB are streamed; do not cut them off.
        idleTimeout: 0,
        fetch: (request) => {
          const routed = underBase(request, base)
          // app.fetch, not app.handle: handle only wraps it in one more promise.
          return routed instanceof Response ? routed : app.fetch(routed)
        },
      }),
    { ...opts.portFinder, host, port: opts.port },
  )
  const port = server.port as number
  hosts.port = port
  const url = `${browsableUrl(host, port)}${base === '' ? '' : `${base.slice(1)}/`}`
  opts.onListen?.(url)
  // Elysia composes its request handler, and each route's handler and query validator, on the first
  // request that needs them. Done now, after the URL is announced, while the client that read it
  // connects; synchronously: a timer gained nothing (a process's first one costs about a millisecond).
  try {
    void app.fetch
    app.routes.find((r) => r.method === 'GET' && r.path === firstRoute)?.compile()
  } catch {
    // Left for the first request to meet, as before.
  }
  if (opts.open) {
    const problem = await openBrowser(url)
    if (problem) (opts.warn ?? console.warn)(`warning: could not open a browser (${problem}); open ${url} yourself`)
  }
  let stopped = false
  return {
    url,
    port,
    async stop() {
      if (stopped) return
      stopped = true
      await server.stop(true)
      await onStop()
    },
  }
}
