import type { Elysia } from 'elysia'
import { servesStore } from './store-refusal'

/**
 * Which `Host` a request may name. A web page whose name rebinds to 127.0.0.1 reaches the server with
 * its own name in `Host`: answering only the names we serve keeps every other site out (DNS rebinding).
 * `port` is filled in once the server is bound.
 */
export type HostPolicy = { names: Set<string>; wildcard: boolean; port: number | null }

/**
 * The names a server bound to `bindHost` answers: the loopback names and addresses, the bind address
 * itself and the `--allow-host` names. Bound to every interface (`0.0.0.0`, `::`), any IP address is
 * answered too, on any port (port forwarding changes it): an address, unlike a name, cannot be rebound.
 */
export function hostPolicy(bindHost: string, allowHosts: readonly string[] = []): HostPolicy {
  const wildcard = ['0.0.0.0', '::', '[::]', ''].includes(bindHost)
  const names = new Set(['127.0.0.1', 'localhost', '[::1]'])
  if (!wildcard) names.add(bracketed(bindHost).toLowerCase())
  for (const name of allowHosts) names.add(bracketed(name.trim()).toLowerCase())
  return { names, wildcard, port: null }
}

/** Whether a `Host` header value is one the policy answers. */
export function hostAllowed(host: string | null, policy: HostPolicy): boolean {
  if (!host) return false
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/i.exec(host.trim())
  if (!m) return false
  const name = m[1].toLowerCase().replace(/\.$/, '')
  if (policy.wildcard && isIpAddress(name)) return true
  if (!policy.names.has(name)) return false
  return policy.wildcard || policy.port === null || m[2] === undefined || Number(m[2]) === policy.port
}

/** Headers every response carries; user files (`/media/`, `/rrd_static/`) may not run script on our origin. */
export function securityHeaders(pathname: string): Readonly<Record<string, string>> {
  return pathname.startsWith('/media/') || pathname.startsWith('/rrd_static/') ? userFileHeaders : everyHeaders
}

export type GuardOptions = {
  /** Null checks no `Host` (route tests calling `app.handle` with no port). */
  hosts: HostPolicy | null
  /** Where `/media/` and `/rrd_static/` files are found, and the store that is never one of them. */
  cachedir: string | null
  storeFile: string | null
}

/**
 * The guards in front of every route: a `Host` the policy refuses gets 421, a path that is not valid
 * percent-encoded UTF-8 gets 400 (route parameters could not be decoded), a user file that is the store
 * gets 404, and every response gets `securityHeaders`.
 */
export const guards = ({ hosts: policy, cachedir, storeFile }: GuardOptions) => (app: Elysia) => {
  // `Host` values answered once the port is known: a browser sends the same one with every request.
  const answered = new Set<string>()
  const allowed = (host: string | null): boolean => {
    if (policy === null || (host !== null && answered.has(host))) return true
    if (!hostAllowed(host, policy)) return false
    if (host !== null && policy.port !== null && answered.size < 64) answered.add(host)
    return true
  }
  return app
    .onRequest(({ request }) => {
      const path = pathOf(request.url)
      if (!allowed(request.headers.get('host'))) {
        const names = (policy as HostPolicy).names
        return plain(421, `This server answers only for ${[...names].join(', ')}; start it with --allow-host NAME to add a name.`, path)
      }
      if (!decodable(path)) return plain(400, 'Bad request: the path is not valid percent-encoded UTF-8.', path)
      if (servesStore(request.url, cachedir, storeFile)) return plain(404, 'Not found.', path)
    })
    // Not `set.headers` in onRequest: any header there makes Elysia copy every returned Response (its
    // headers, and its body into a stream), which was a third of what a cached page cost under load.
    .onAfterHandle({ as: 'global' }, ({ request, response, set }) => {
      const headers = securityHeaders(pathOf(request.url))
      if (response instanceof Response) {
        try {
          for (const k in headers) response.headers.set(k, headers[k])
          return
        } catch {
          // Immutable headers (a fetched Response): Elysia adds `set.headers` to a copy.
        }
      }
      Object.assign(set.headers, headers)
    })
    .onError({ as: 'global' }, ({ request, set }) => {
      // Errors skip onAfterHandle: the error page's Response gets these from `set.headers`.
      Object.assign(set.headers, securityHeaders(pathOf(request.url)))
    })
}

// --- internal ---

const everyHeaders = { 'x-content-type-options': 'nosniff' } as const
const userFileHeaders = { ...everyHeaders, 'content-security-policy': "sandbox; default-src 'none'" } as const

function plain(status: number, text: string, path: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders(path) } })
}

function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  const end = url.indexOf('?', start)
  return start === -1 ? '/' : url.slice(start, end === -1 ? undefined : end)
}

function decodable(path: string): boolean {
  if (!path.includes('%')) return true
  try {
    decodeURIComponent(path)
    return true
  } catch {
    return false
  }
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

function isIpAddress(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || /^\[[0-9a-f:.]+\]$/.test(name)
}
