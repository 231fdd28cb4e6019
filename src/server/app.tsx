import { html } from '@elysiajs/html'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Elysia } from 'elysia'
import { BenchPlotError, type ErrorCode } from '../errors'
import { pageHeaders, type ServerContext } from './context'
import { createHistoryCache } from './history-cache'
import { guards, type HostPolicy } from './guards'
import { createPageCache } from './page-cache'
import { ErrorPage, NotFoundPage } from '../view/not-found-page'
import { serverLinks } from '../view/links'
import type { CodePanels } from './code-panels'
import type { RunWatcher } from './live'
import { prefixLinks } from './base-path'
import { apiRoutes } from './routes/api'
import { eventRoutes } from './routes/events'
import { assetRoutes } from './routes/assets'
import { mediaRoutes } from './routes/media'
import { pageRoutes } from './routes/pages'
import { recordingChecker, rerunRoutes, type RerunOptions } from './rerun'
import { resolveInside } from './safe-path'
import type { BenchmarkSource } from './source'

export type CreateAppOptions = {
  source: BenchmarkSource
  /** The benchmark `/` redirects to; null or absent serves the index of every benchmark. */
  name?: string | null
  /** Where media paths resolve and `<cachedir>/rrd` is looked for; null serves no files. */
  cachedir?: string | null
  /** Named on the empty index page. @default cachedir */
  location?: string
  /** The `Host` names answered (guards.ts); null or absent answers any, for route tests without a port. */
  hosts?: HostPolicy | null
  /** The store file, never served as a user file whatever its name or link. */
  storeFile?: string | null
  /** Base URL of another `@rerun-io/web-viewer` build for the pages' viewer; null uses the embedded one. @default null */
  rerunViewerUrl?: string | null
  /** Panels given from code, shown with each run's own (src/server/code-panels.ts). */
  panels?: CodePanels
  /** Pages follow new runs: `/api/events` is served and pages load /assets/live.js. Without it nothing polls. */
  live?: RunWatcher
  /** The prefix every URL of the pages carries (normalizeBasePath: `/bench`), for a server behind a proxy; requests reach the app without it. @default '' */
  basePath?: string
}

const httpStatus = { NOT_FOUND: 404, USAGE: 400, PARSE: 400, UNKNOWN_FORMAT: 400, STORE: 500, SERVE: 500, REGRESSION: 500 } satisfies Record<ErrorCode, number>

/**
 * The whole web app: pages, JSON API, assets, media and (when `<cachedir>/rrd` exists now) the
 * rerun recordings. Route tests call `app.handle(new Request(...))` on it with no port.
 */
export async function createApp(opts: CreateAppOptions) {
  const cachedir = opts.cachedir ?? null
  const rrdDir = cachedir === null ? null : join(cachedir, 'rrd')
  const hasRrd = rrdDir !== null && existsSync(rrdDir) && statSync(rrdDir).isDirectory()
  const rerun: RerunOptions = { viewerUrl: opts.rerunViewerUrl ?? null, rrdDir: hasRrd ? rrdDir : null, basePath: opts.basePath ?? '' }
  const ctx: ServerContext = {
    source: opts.source,
    name: opts.name ?? null,
    cachedir,
    location: opts.location ?? cachedir ?? 'memory',
    pages: createPageCache(),
    histories: createHistoryCache(opts.source),
    links: prefixLinks(serverLinks, opts.basePath ?? ''),
    exists: (rel) => cachedir !== null && resolveInside(cachedir, rel.split('/').map(encodeURIComponent).join('/')) !== null,
    recordings: recordingChecker(cachedir, rerun),
    panels: opts.panels,
    live: opts.live !== undefined,
  }
  const app = new Elysia()
    .use(guards({ hosts: opts.hosts ?? null, cachedir, storeFile: opts.storeFile ?? null }))
    .use(html())
    .error({ BenchPlotError })
    .onError(({ code, error, request }) => {
      const api = new URL(request.url).pathname.startsWith('/api/')
      // Elysia reports a BenchPlotError's own code ('NOT_FOUND', …), so test the class first.
      const ours = error instanceof BenchPlotError
      if (ours || code === 'NOT_FOUND') {
        const status = ours ? httpStatus[error.code] : 404
        const message = ours ? error.message : `No page at ${decodeSafe(new URL(request.url).pathname)}.`
        if (api) return Response.json({ error: message }, { status })
        return new Response(status === 404 ? NotFoundPage({ links: ctx.links, message }) : ErrorPage({ links: ctx.links, status, message }), { status, headers: pageHeaders })
      }
      if (code === 'PARSE' || code === 'VALIDATION') {
        // A parameter's schema names what it takes (src/server/query-params.ts); Elysia's own messages are JSON, not for people.
        const own = code === 'VALIDATION' && typeof error.customError === 'string' ? error.customError : null
        const message = own ? `Bad request: ${own}.` : 'Bad request.'
        if (api) return Response.json({ error: own ?? 'bad request' }, { status: 400 })
        return new Response(ErrorPage({ links: ctx.links, status: 400, message }), { status: 400, headers: pageHeaders })
      }
      console.error(error)
      const message = 'Internal error: see the server log.'
      if (api) return Response.json({ error: message }, { status: 500 })
      return new Response(ErrorPage({ links: ctx.links, status: 500, message }), { status: 500, headers: pageHeaders })
    })
  // The route groups are functions of the app that add their routes to it: Elysia adds a plugin
  // instance's routes twice (to the plugin, then to the app), which took a millisecond of a start.
  if (opts.live) app.use(eventRoutes(opts.live))
  app.use(pageRoutes(ctx)).use(apiRoutes(ctx)).use(assetRoutes()).use(mediaRoutes(cachedir)).use(rerunRoutes(rerun))
  if (hasRrd) {
    // Imported only when there are recordings: @elysiajs/static and @elysiajs/cors add about a millisecond to a start.
    const { rrdRoutes } = await import('./routes/rrd')
    app.use(await rrdRoutes(rrdDir))
  }
  return app
}

// --- internal ---

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
