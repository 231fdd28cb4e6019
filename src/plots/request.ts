import { runKinds, type ChartKind } from './kinds'

/**
 * What the page asks for beyond the automatic charts: `?plots=violin,scatter&logx=1&logy=0`.
 * A log scale left out (undefined) is automatic: on where the values span two decades or more
 * (see docs/plots.md); `true` / `false` force it on or off.
 */
export type ChartRequest = { plots: string[]; logx?: boolean; logy?: boolean }

/** Charts drawn only when asked for by name, in the order of the kinds' list (src/plots/kinds). */
export const namedPlots: readonly ChartKind[] = runKinds.filter((k) => k.named).map((k) => k.kind)

const aliases: Record<string, ChartKind> = Object.fromEntries(runKinds.flatMap((k) => (k.aliases ?? []).map((a) => [a, k.kind])))

/**
 * Read a chart request from a URL query. Names are trimmed, lower-cased and de-duplicated;
 * unknown names are kept so the page can say they are unknown.
 * @example parseChartRequest({ plots: 'violin,scatter', logy: '1' }) // { plots: ['violin', 'scatter'], logy: true }
 */
export function parseChartRequest(query: Record<string, string | undefined>): ChartRequest {
  const plots: string[] = []
  for (const raw of (query.plots ?? '').split(',')) {
    const name = raw.trim().toLowerCase()
    if (!name) continue
    const canonical = aliases[name] ?? name
    if (!plots.includes(canonical)) plots.push(canonical)
  }
  const req: ChartRequest = { plots }
  const logx = onOff(query.logx)
  const logy = onOff(query.logy)
  if (logx !== undefined) req.logx = logx
  if (logy !== undefined) req.logy = logy
  return req
}

/** The query string of a request, in a fixed order, so links are stable. Empty when nothing is asked. */
export function formatChartQuery(req: ChartRequest): string {
  const parts: string[] = []
  const known = namedPlots.filter((p) => req.plots.includes(p))
  if (known.length) parts.push(`plots=${known.join(',')}`)
  if (req.logx !== undefined) parts.push(`logx=${req.logx ? 1 : 0}`)
  if (req.logy !== undefined) parts.push(`logy=${req.logy ? 1 : 0}`)
  return parts.length ? `?${parts.join('&')}` : '?'
}

// --- internal ---

// `1`/`on` forces on, `0`/`off` forces off, anything else (or nothing) leaves it automatic.
function onOff(v: string | undefined): boolean | undefined {
  const s = v?.trim().toLowerCase()
  if (s === undefined) return undefined
  if (['1', 'true', 'yes', 'on'].includes(s)) return true
  if (['0', 'false', 'no', 'off'].includes(s)) return false
  return undefined
}
