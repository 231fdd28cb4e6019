import { sparkPairs } from '../../model/regression'
import { escapeHtml } from '../../format'

export type SparklineOptions = {
  /** @default 120 */
  width?: number
  /** @default 28 */
  height?: number
  /** Accessible name, e.g. `time over the last 12 runs`. @default 'history' */
  label?: string
  /** Colour of the newest node (a verdict colour, `#rgb` or `#rrggbb`). @default the line colour */
  lastColor?: string
}

/**
 * A small inline SVG of a history from its sparkline text (`sparkText`, as an index row keeps it), as
 * bencher's `sparkline_svg`: a ±std band (#94a3b8, 25 %), the mean line (#475569), a node per run and a
 * right-hand column of faint dots, one per run's mean. Missing runs (NaN) are skipped. The browser draws
 * the same from a placeholder's `data-spark`. Returns '' when there is nothing to draw.
 */
export function sparklineSvg(text: string, opts: SparklineOptions = {}): string {
  const width = opts.width ?? 120
  const height = opts.height ?? 28
  const inner = sparkGeometry(sparkPairs(text), width, height, opts.lastColor ?? '')
  return inner === '' ? '' : `${svgOpen(width, height, opts)}>${inner}</svg>`
}

/**
 * The same sparkline for the browser to draw (`sparkGeometry`, in /assets/pages.js) once it is
 * scrolled near: an empty SVG with its accessible name and its runs as text (`data-spark`, as
 * `sparkText` writes them: the drawing depends on nothing else). An index of a thousand rows sends
 * a twentieth of the bytes, and the browser draws only what is seen. '' when there is nothing to draw.
 */
export function sparklinePlaceholder(text: string, opts: SparklineOptions = {}): string {
  if (text === '') return ''
  const last = opts.lastColor ? ` data-last="${escapeHtml(opts.lastColor)}"` : ''
  return `${svgOpen(opts.width ?? 120, opts.height ?? 28, opts)} data-spark="${text}"${last}></svg>`
}

/**
 * The inside of a sparkline's SVG from its runs' [mean, std] (NaN means skipped): band, line, nodes
 * and dot column. Self-contained (it is also sent to the browser as its source text): numbers and
 * fixed colours only; `lastColor` is used only when it is a hex colour. '' when no mean is finite.
 */
export function sparkGeometry(points: readonly (readonly [number, number])[], width: number, height: number, lastColor: string): string {
  const data = points.map((p, i) => ({ mean: p[0], std: Number.isFinite(p[1]) ? p[1] : 0, i })).filter((p) => Number.isFinite(p.mean))
  if (data.length === 0) return ''
  const lo = Math.min(...data.map((p) => p.mean - p.std))
  const hi = Math.max(...data.map((p) => p.mean + p.std))
  const pad = 2
  const column = 8 // right margin holding the dot column
  const plotW = width - column - 2 * pad
  const span = hi - lo || Math.abs(hi) || 1
  const x = (i: number) => pad + (points.length <= 1 ? plotW / 2 : (i / (points.length - 1)) * plotW)
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (v - (hi - lo === 0 ? lo - span / 2 : lo)) / span)
  const f = (v: number) => Number(v.toFixed(2))
  const last = /^#[0-9a-fA-F]{3,6}$/.test(lastColor) ? lastColor : '#475569'
  // Each coordinate rounded once (the first screen's sparklines are drawn on the server's first request).
  const at = data.map((p) => ({ x: f(x(p.i)), mean: f(y(p.mean)), upper: f(y(p.mean + p.std)), lower: f(y(p.mean - p.std)) }))
  const dotX = f(width - column / 2)
  const upper = at.map((a) => `${a.x},${a.upper}`)
  const lower = at.map((a) => `${a.x},${a.lower}`).reverse()
  const line = at.map((a) => `${a.x},${a.mean}`).join(' ')
  const nodes = at.map((a, k) => `<circle cx="${a.x}" cy="${a.mean}" r="1.2" fill="${k === at.length - 1 ? last : '#475569'}"/>`)
  const dots = at.map((a) => `<circle cx="${dotX}" cy="${a.mean}" r="1.5" fill="#475569" fill-opacity="0.3"/>`)
  return [
    `<polygon points="${[...upper, ...lower].join(' ')}" fill="#94a3b8" fill-opacity="0.25" stroke="none"/>`,
    `<polyline points="${line}" fill="none" stroke="#475569" stroke-width="1"/>`,
    ...nodes,
    ...dots,
  ].join('')
}

// --- internal ---

function svgOpen(width: number, height: number, opts: SparklineOptions): string {
  return `<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(opts.label ?? 'history')}"`
}
