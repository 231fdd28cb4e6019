import { BenchPlotError } from '../errors'
import type { Links } from '../view'

/**
 * A team server behind a reverse proxy answers under a prefix (`--base-path /bench/`). The app's
 * routes stay as they are: requests have the prefix taken off before routing, and every URL a page
 * holds comes from Links, which get the prefix put on here.
 */

/** `/bench/`, `/bench` → `/bench`; `/` or '' → '' (no prefix). Throws USAGE for anything but a plain path. */
export function normalizeBasePath(raw: string | undefined): string {
  if (raw === undefined || raw === '' || raw === '/') return ''
  const path = raw.replace(/\/+$/, '')
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(path) || path.split('/').some((seg) => seg === '.' || seg === '..')) {
    throw new BenchPlotError('USAGE', `--base-path: expected a path such as /bench/ (letters, digits, . _ ~ -), got "${raw}"`)
  }
  return path
}

/** The same links with `base` before every path that starts at the site's root. */
export function prefixLinks(links: Links, base: string): Links {
  if (base === '') return links
  const out: Record<string, unknown> = { dynamic: links.dynamic }
  for (const [key, f] of Object.entries(links)) {
    if (typeof f !== 'function') continue
    out[key] = (...args: unknown[]) => {
      const url = (f as (...a: unknown[]) => string)(...args)
      return url.startsWith('/') && !url.startsWith('//') ? `${base}${url}` : url
    }
  }
  // The viewer page takes the recording's own URL in its query: that one gets the prefix too.
  out.recordingViewer = (rel: string, embed?: boolean) => `${base}/rerun/view?url=${encodeURIComponent(`${base}${links.recording(rel)}`)}${embed ? '&embed=1' : ''}`
  return out as Links
}

/**
 * The request as the app routes it: its path without `base`. The bare prefix is redirected to
 * itself with a slash; a path outside the prefix is a 404 (the proxy sends nothing else).
 */
export function underBase(request: Request, base: string): Request | Response {
  if (base === '') return request
  const url = new URL(request.url)
  if (url.pathname === base) return new Response(null, { status: 308, headers: { location: `${base}/${url.search}` } })
  if (!url.pathname.startsWith(`${base}/`)) return new Response(`Not found: this server answers under ${base}/\n`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  url.pathname = url.pathname.slice(base.length)
  return new Request(url, request)
}
