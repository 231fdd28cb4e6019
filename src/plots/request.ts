import { runKinds, type ChartKind } from './kinds'

/** What the page asks for beyond the automatic charts: `?plots=violin,scatter&logx=1&logy=1`. */
export type ChartRequest = { plots: string[]; logx: boolean; logy: boolean }

/** Charts drawn only when asked for by name, in the order of the kinds' list (src/plots/kinds). */
export const namedPlots: readonly ChartKind[] = runKinds.filter((k) => k.named).map((k) => k.kind)

const aliases: Record<string, ChartKind> = Object.fromEntries(runKinds.flatMap((k) => (k.aliases ?? []).map((a) => [a, k.kind])))

/**
 * Read a chart request from a URL query. Names are trimmed, lower-cased and de-duplicated;
 * unknown names are kept so the page can say they are unknown.
 * @example parseChartRequest({ plots: 'violin,scatter', logy: '1' }) // { plots: ['violin', 'scatter'], logx: false, logy: true }
 */
export function parseChartRequest(query: Record<string, string | undefined>): ChartRequest {
  const plots: string[] = []
  for (const raw of (query.plots ?? '').split(',')) {
    const name = raw.trim().toLowerCase()
    if (!name) continue
    const canonical = aliases[name] ?? name
    if (!plots.includes(canonical)) plots.push(canonical)
  }
  return { plots, logx: isOn(query.logx), logy: isOn(query.logy) }
}

/** The query string of a request, in a fixed order, so links are stable. Empty when nothing is asked. */
export function formatChartQuery(req: ChartRequest): string {
  const parts: string[] = []
  const known = namedPlots.filter((p) => req.plots.includes(p))
  if (known.length) parts.push(`plots=${known.join(',')}`)
  if (req.logx) parts.push('logx=1')
  if (req.logy) parts.push('logy=1')
  return parts.length ? `?${parts.join('&')}` : '?'
}

// --- internal ---

function isOn(v: string | undefined): boolean {
  return v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.trim().toLowerCase())
}
