import { NotFoundError, type Elysia } from 'elysia'
import { matchesETag } from '../respond'
import { fileETag, pathAfter, resolveInside } from '../safe-path'

/**
 * `/media/<path>`: image, video and file results, paths relative to cachedir. Same refusals as
 * `/rrd_static/` (nothing outside cachedir, no symbolic link out of it), and the store itself is never served.
 * Files are streamed by Bun with Range support.
 */
export const mediaRoutes = (cachedir: string | null) => (app: Elysia) =>
  app.get('/media/*', ({ request }) => {
    const rel = pathAfter(request.url, '/media')
    const file = cachedir === null || rel === null ? null : resolveInside(cachedir, rel)
    if (!file || /\.sqlite(-wal|-shm|-journal)?$/.test(file.path)) throw new NotFoundError()
    const etag = fileETag(file.stat)
    const headers = { etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }
    if (matchesETag(request, etag)) return new Response(null, { status: 304, headers })
    return new Response(Bun.file(file.path), { headers })
  })
