import { cors } from '@elysiajs/cors'
import { staticPlugin } from '@elysiajs/static'
import { Elysia } from 'elysia'
import { fileETag, pathAfter, resolveInside } from '../safe-path'

/** The headers every `/rrd_static/` response carries, so that the rerun web viewer may fetch recordings. */
const rrdCorsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-allow-headers': '*',
} as const

/**
 * Serve `dir` (the `<cachedir>/rrd` folder) at `/rrd_static/`, as bencher does for rerun recordings.
 * The files are served by `@elysiajs/static` and the CORS headers set by `@elysiajs/cors`; a guard in
 * front refuses every path that could leave `dir` and answers conditional requests from the file's stat.
 * It is its own Elysia app, mounted, so that the CORS hooks touch nothing else.
 */
export async function rrdRoutes(dir: string) {
  const files = new Elysia()
    // @elysiajs/cors only sets Allow-Methods from the preflight's Access-Control-Request-Method; set it for every response first.
    .onRequest(({ set }) => {
      set.headers['access-control-allow-methods'] = rrdCorsHeaders['access-control-allow-methods']
    })
    .use(
      cors({
        origin: '*',
        methods: ['GET', 'OPTIONS'],
        allowedHeaders: '*',
        // Lets the viewer read the range and length of partial responses.
        exposeHeaders: ['Content-Length', 'Content-Range', 'Accept-Ranges', 'ETag'],
        credentials: false,
        maxAge: 0,
        preflight: true,
      }),
    )
    .onRequest(({ request, set }) => {
      // Not a CORS matter: Vary: * would stop browsers revalidating large recordings.
      delete set.headers.vary
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        set.status = 405
        set.headers.allow = 'GET, HEAD, OPTIONS'
        return new Response(null, { status: 405 })
      }
      const rel = pathAfter(request.url, '/rrd_static')
      const file = rel === null ? null : resolveInside(dir, rel)
      if (!file) return notFound()
      const etag = fileETag(file.stat)
      set.headers.etag = etag
      set.headers['cache-control'] = 'no-cache'
      const inm = request.headers.get('if-none-match')
      if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return new Response(null, { status: 304 })
    })
    .use(
      await staticPlugin({
        assets: dir,
        prefix: '/rrd_static',
        // The plugin's ETag is an MD5 of the whole file read into memory: recordings reach hundreds of MB.
        etag: false,
        alwaysStatic: false,
        indexHTML: false,
        silent: true,
      }),
    )
    .onError(({ code }) => (code === 'NOT_FOUND' ? notFound() : undefined))
  return new Elysia().all('/rrd_static/*', ({ request }) => files.handle(request)).all('/rrd_static', () => notFound())
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...rrdCorsHeaders, 'content-type': 'text/plain; charset=utf-8' } })
}
