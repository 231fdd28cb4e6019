import { binomialStdErr, mean, quantileSorted, std } from '../model/stats'

/** Summary of one cell's values: what tooltips, bars, curves and boxes show. */
export type CellStats = { n: number; mean: number; std: number; min: number; q1: number; median: number; q3: number; max: number }

/** Statistics of a cell's values (any order, all finite); the values are left as they are. */
export function cellStats(values: ArrayLike<number>, bool: boolean): CellStats {
  return sortedCellStats(Float64Array.from(values).sort(), bool)
}

/** Statistics of values already in ascending order, as `sortValues` leaves them: no copy, no sort. */
export function sortedCellStats(sorted: Float64Array, bool: boolean): CellStats {
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

/**
 * Sort finite values in place, ascending, into exactly the order `Float64Array.prototype.sort`
 * gives (-0 before 0), and return them. The charts show sums taken over sorted values, so the
 * order must be the same; the speed must be better, because sorting is most of what a chart of
 * a big sweep costs. Bun's native sort is fast from 8192 values up and pays about 40 ns a value
 * below; a bucket pass in between is about four times faster on measured values.
 */
export function sortValues(xs: Float64Array): Float64Array {
  return sortRange(xs, 2)
}

const insertionMax = 16
const nativeMin = 8192
let scratch = new Float64Array(0)
let bucketEnds = new Int32Array(0)

// `depth` bounds how often a crowded bucket is bucketed again (values spread over many orders of
// magnitude crowd the first bucket); past it the native sort takes over.
function sortRange(xs: Float64Array, depth: number): Float64Array {
  const n = xs.length
  if (n <= insertionMax) return insertionSort(xs, 0, n)
  if (n >= nativeMin || depth < 0) return xs.sort()
  let lo = xs[0]
  let hi = xs[0]
  for (let i = 1; i < n; i++) {
    const v = xs[i]
    if (v < lo) lo = v
    else if (v > hi) hi = v
  }
  const scale = n / (hi - lo)
  // All equal (infinite scale), or a span beyond the largest double (zero scale): nothing to spread.
  if (!(scale > 0 && scale < Number.POSITIVE_INFINITY) || !Number.isFinite(hi - lo)) return xs.sort()
  const big = bucketPass(xs, lo, scale)
  for (let i = 0; i < big.length; i += 2) sortRange(xs.subarray(big[i], big[i + 1]), depth - 1)
  return xs
}

/**
 * Move the values into n buckets of equal width by value (a monotone map, so buckets are in
 * order), insertion-sort the small buckets and return the others as [start, end) pairs. The
 * scratch arrays are reused across calls, and are free again when this returns.
 */
function bucketPass(xs: Float64Array, lo: number, scale: number): number[] {
  const n = xs.length
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length))
  if (bucketEnds.length < n + 1) bucketEnds = new Int32Array(Math.max(n + 1, 2 * bucketEnds.length))
  const ends = bucketEnds
  ends.fill(0, 0, n + 1)
  for (let i = 0; i < n; i++) ends[bucketOf(xs[i], lo, scale, n) + 1]++
  for (let b = 0; b < n; b++) ends[b + 1] += ends[b]
  // After this pass ends[b] is where bucket b ends (it started where bucket b - 1 ends).
  for (let i = 0; i < n; i++) {
    const v = xs[i]
    scratch[ends[bucketOf(v, lo, scale, n)]++] = v
  }
  xs.set(scratch.subarray(0, n))
  const big: number[] = []
  let start = 0
  for (let b = 0; b < n; b++) {
    const end = ends[b]
    if (end - start > insertionMax) big.push(start, end)
    else if (end - start > 1) insertionSort(xs, start, end)
    start = end
  }
  return big
}

function bucketOf(v: number, lo: number, scale: number, n: number): number {
  const b = ((v - lo) * scale) | 0
  return b < n ? b : n - 1
}

function insertionSort(xs: Float64Array, from: number, to: number): Float64Array {
  for (let i = from + 1; i < to; i++) {
    const v = xs[i]
    let j = i - 1
    while (j >= from && after(xs[j], v)) {
      xs[j + 1] = xs[j]
      j--
    }
    xs[j + 1] = v
  }
  return xs
}

function after(a: number, b: number): boolean {
  return a > b || (a === 0 && b === 0 && 1 / a > 1 / b)
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
