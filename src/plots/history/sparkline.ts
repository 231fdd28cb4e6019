import type { SparkPoint } from '../../model/regression'
import { escapeHtml } from '../../format'

export type SparklineOptions = {
  /** @default 120 */
  width?: number
  /** @default 28 */
  height?: number
  /** Accessible name, e.g. `time over the last 12 runs`. @default 'history' */
  label?: string
  /** Colour of the newest node (a verdict colour). @default the line colour */
  lastColor?: string
}

/**
 * A small inline SVG of a history, as bencher's `sparkline_svg`: a ±std band (#94a3b8, 25 %),
 * the mean line (#475569), a node per run and a right-hand column of faint dots, one per run's mean.
 * Missing runs (NaN) are skipped. Returns '' when there is nothing to draw.
 */
export function sparklineSvg(points: readonly (SparkPoint | number)[], opts: SparklineOptions = {}): string {
  const width = opts.width ?? 120
  const height = opts.height ?? 28
  const data = points.map((p) => (typeof p === 'number' ? { mean: p, std: 0 } : p)).map((p, i) => ({ ...p, i })).filter((p) => Number.isFinite(p.mean))
  if (data.length === 0) return ''
  const std = (p: { std: number }) => (Number.isFinite(p.std) ? p.std : 0)
  const lo = Math.min(...data.map((p) => p.mean - std(p)))
  const hi = Math.max(...data.map((p) => p.mean + std(p)))
  const pad = 2
  const column = 8 // right margin holding the dot column
  const plotW = width - column - 2 * pad
  const span = hi - lo || Math.abs(hi) || 1
  const x = (i: number) => pad + (points.length <= 1 ? plotW / 2 : (i / (points.length - 1)) * plotW)
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (v - (hi - lo === 0 ? lo - span / 2 : lo)) / span)
  const f = (v: number) => Number(v.toFixed(2))
  const upper = data.map((p) => `${f(x(p.i))},${f(y(p.mean + std(p)))}`)
  const lower = data.map((p) => `${f(x(p.i))},${f(y(p.mean - std(p)))}`).reverse()
  const line = data.map((p) => `${f(x(p.i))},${f(y(p.mean))}`).join(' ')
  const nodes = data.map((p, k) => `<circle cx="${f(x(p.i))}" cy="${f(y(p.mean))}" r="1.2" fill="${k === data.length - 1 && opts.lastColor ? escapeHtml(opts.lastColor) : '#475569'}"/>`)
  const dots = data.map((p) => `<circle cx="${f(width - column / 2)}" cy="${f(y(p.mean))}" r="1.5" fill="#475569" fill-opacity="0.3"/>`)
  return [
    `<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(opts.label ?? 'history')}">`,
    `<polygon points="${[...upper, ...lower].join(' ')}" fill="#94a3b8" fill-opacity="0.25" stroke="none"/>`,
    `<polyline points="${line}" fill="none" stroke="#475569" stroke-width="1"/>`,
    ...nodes,
    ...dots,
    '</svg>',
  ].join('')
}
