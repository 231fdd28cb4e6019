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
export function securityHeaders(pathname: string): Record<string, string> {
  const headers: Record<string, string> = { 'x-content-type-options': 'nosniff' }
  if (pathname.startsWith('/media/') || pathname.startsWith('/rrd_static/')) headers['content-security-policy'] = "sandbox; default-src 'none'"
  return headers
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
export const guards = ({ hosts: policy, cachedir, storeFile }: GuardOptions) => (app: Elysia) =>
  app
    .onRequest(({ request, set }) => {
      const path = pathOf(request.url)
      Object.assign(set.headers, securityHeaders(path))
      if (policy && !hostAllowed(request.headers.get('host'), policy)) {
        return plain(421, `This server answers only for ${[...policy.names].join(', ')}; start it with --allow-host NAME to add a name.`)
      }
      if (!decodable(path)) return plain(400, 'Bad request: the path is not valid percent-encoded UTF-8.')
      if (servesStore(request.url, cachedir, storeFile)) return plain(404, 'Not found.')
    })
    .onAfterHandle({ as: 'global' }, ({ request, response }) => {
      if (!(response instanceof Response)) return
      try {
        for (const [k, v] of Object.entries(securityHeaders(pathOf(request.url)))) response.headers.set(k, v)
      } catch {
        // Immutable headers (a fetched Response): `set.headers` from onRequest still apply.
      }
    })

// --- internal ---

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } })
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
