// A sparkline as the index keeps and sends it: what the drawing needs and nothing more.
import type { SparkPoint } from './summary'

/**
 * The runs of a sparkline as text: per run, its mean and std in whole thousandths of the band the
 * line spans (lowest mean − std to highest mean + std) from the band's bottom, `"412 22,398 35"`;
 * `NaN 0` for a run without a value; '' when no run has one. The drawing depends on nothing else
 * (`sparkGeometry` scales the band to the box), so the server draws from it what the browser draws
 * from `data-spark`; an index row holds its sparklines as a few hundred characters instead of
 * sixty full-precision numbers each.
 */
export function sparkText(points: readonly SparkPoint[]): string {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const p of points) {
    if (!Number.isFinite(p.mean)) continue
    const s = Number.isFinite(p.std) ? p.std : 0
    lo = Math.min(lo, p.mean - s)
    hi = Math.max(hi, p.mean + s)
  }
  if (lo === Number.POSITIVE_INFINITY) return ''
  const scale = hi > lo ? 1000 / (hi - lo) : 0
  return points.map((p) => (Number.isFinite(p.mean) ? `${Math.round((p.mean - lo) * scale)} ${Number.isFinite(p.std) ? Math.round(p.std * scale) : 0}` : 'NaN 0')).join(',')
}

/** The runs of a sparkline's text as [mean, std] pairs (NaN for a run without a value). */
export function sparkPairs(text: string): [number, number][] {
  if (text === '') return []
  return text.split(',').map((p): [number, number] => {
    const [mean, std] = p.split(' ')
    return [Number(mean), Number(std)]
  })
}

/** How many runs a sparkline's text holds. */
export function sparkRunCount(text: string): number {
  if (text === '') return 0
  let n = 1
  for (let i = text.indexOf(','); i !== -1; i = text.indexOf(',', i + 1)) n++
  return n
}

/** Whether `text` is a sparkline's text as `sparkText` writes it (it goes into an attribute as it is). */
export function isSparkText(text: string): boolean {
  return /^((\d+|NaN) \d+(,(\d+|NaN) \d+)*)?$/.test(text)
}
