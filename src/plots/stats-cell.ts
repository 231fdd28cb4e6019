import { binomialStdErr, mean, quantileSorted, std } from '../model/stats'

/** Summary of one cell's values: what tooltips, bars, curves and boxes show. */
export type CellStats = { n: number; mean: number; std: number; min: number; q1: number; median: number; q3: number; max: number }

export function cellStats(values: number[], bool: boolean): CellStats {
  const sorted = Float64Array.from(values).sort()
  const n = sorted.length
  return {
    n,
    mean: mean(sorted),
    // bencher reduces repeats with the population std, and a bool with the binomial standard error (reference §2.5)
    std: bool ? binomialStdErr(sorted) : std(sorted, 0),
    min: n ? sorted[0] : Number.NaN,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: n ? sorted[n - 1] : Number.NaN,
  }
}

/** Gaussian kernel density of sorted values at `points` evenly spaced heights from min to max, scaled so the peak is 1. */
export function densityCurve(sorted: Float64Array, points: number): { ys: number[]; ds: number[] } {
  const n = sorted.length
  const lo = sorted[0]
  const hi = sorted[n - 1]
  if (n === 0) return { ys: [], ds: [] }
  if (hi === lo) return { ys: [lo, lo], ds: [1, 1] }
  // Silverman's rule; values are pre-binned into 256 bins so that a million samples stay cheap.
  const sd = std(sorted, 1)
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)
  const spread = Math.min(sd, iqr / 1.34) || sd || (hi - lo) / 4
  const bw = Math.max(0.9 * spread * n ** -0.2, (hi - lo) / 200)
  const bins = 256
  const counts = new Float64Array(bins)
  for (const v of sorted) counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]++
  const ys: number[] = []
  const ds: number[] = []
  for (let i = 0; i < points; i++) {
    const y = lo + ((hi - lo) * i) / (points - 1)
    let d = 0
    for (let b = 0; b < bins; b++) {
      if (counts[b] === 0) continue
      const c = lo + ((b + 0.5) / bins) * (hi - lo)
      const z = (y - c) / bw
      d += counts[b] * Math.exp(-0.5 * z * z)
    }
    ys.push(y)
    ds.push(d)
  }
  const peak = Math.max(...ds) || 1
  return { ys, ds: ds.map((d) => d / peak) }
}
