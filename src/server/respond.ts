import { acceptsGzip } from './accept-gzip'
import type { ServerContext } from './context'
import { pageHeaders } from './context'
import { streamPage } from './stream-page'

export type RespondOptions = {
  /** Headers of the body's type. @default pageHeaders (HTML) */
  type?: Record<string, string>
  /** The page's head, sent at once while a page not drawn yet is drawn. */
  head?: () => string
}

/** Whether the browser already holds this version (`If-None-Match` lists the ETag): then the answer is a 304. */
export function matchesETag(request: Request, etag: string): boolean {
  const inm = request.headers.get('if-none-match')
  return inm !== null && inm.split(',').some((t) => t.trim() === etag)
}

/**
 * The one caching rule of every page and chart: a strong ETag per key (a 304 when the browser has
 * it), pages kept rendered in memory, gzip when accepted. `key` must name everything the body
 * depends on (the run ids and the request's state): pages are deterministic functions of it.
 */
export async function respondCached(ctx: ServerContext, request: Request, key: string, render: () => string | Promise<string>, opts: RespondOptions = {}): Promise<Response> {
  const etag = ctx.pages.etag(key)
  const headers = headersOf(opts.type ?? pageHeaders, etag)
  if (matchesETag(request, etag)) return new Response(null, { status: 304, headers: headers.plain })
  let page = ctx.pages.get(key)
  // A page not drawn yet goes out head first, unencoded; it is kept once drawn, and later requests get its bytes.
  if (!page && opts.head) return new Response(streamPage(opts.head(), render, (html) => ctx.pages.set(key, html)), { headers: headers.plain })
  page ??= ctx.pages.set(key, await render())
  // Served from the bytes kept: a repeated request costs no rendering and no encoding.
  if (acceptsGzip(request.headers.get('accept-encoding'))) return new Response(page.gzip(), { headers: headers.gzip })
  return new Response(page.body, { headers: headers.plain })
}

// --- internal ---

type HeaderSet = { plain: Headers; gzip: Headers }

// A response's headers made once per body type and ETag: a Response copies a Headers object about four
// times faster than it reads a plain object's (a microsecond a request under load).
const headerSets = new WeakMap<Record<string, string>, Map<string, HeaderSet>>()

function headersOf(type: Record<string, string>, etag: string): HeaderSet {
  let byTag = headerSets.get(type)
  if (byTag === undefined) headerSets.set(type, (byTag = new Map()))
  let set = byTag.get(etag)
  if (set === undefined) {
    const plain = { ...type, etag, 'cache-control': 'no-cache', vary: 'accept-encoding' }
    set = { plain: new Headers(plain), gzip: new Headers({ ...plain, 'content-encoding': 'gzip' }) }
    // As many as the page cache keeps ETags.
    if (byTag.size >= 800) byTag.clear()
    byTag.set(etag, set)
  }
  return set
}
