/** Summary statistics that skip missing values (NaN). Pure functions over number arrays. */

export type NumberList = ArrayLike<number>

/** The finite values of a list, as a new sorted Float64Array. */
export function sortedFinite(xs: NumberList): Float64Array {
  // Counted first so the array has its exact size: a subarray view costs more than the count
  // on the small lists the per-point tests sort by the hundred thousand.
  const out = new Float64Array(countFinite(xs))
  let n = 0
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) out[n++] = xs[i]
  return out.sort()
}

/** The finite values of a list, in order, as a plain array. */
export function finiteValues(xs: NumberList): number[] {
  const out: number[] = []
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) out.push(xs[i])
  return out
}

export function countFinite(xs: NumberList): number {
  let n = 0
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) n++
  return n
}

export function mean(xs: NumberList): number {
  let sum = 0
  let n = 0
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i])) {
      sum += xs[i]
      n++
    }
  }
  return n === 0 ? Number.NaN : sum / n
}

/** Standard deviation; `ddof` 0 is the population form bencher uses, 1 the sample form. */
export function std(xs: NumberList, ddof = 0): number {
  const m = mean(xs)
  let ss = 0
  let n = 0
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i])) {
      ss += (xs[i] - m) ** 2
      n++
    }
  }
  return n - ddof <= 0 ? (n === 0 ? Number.NaN : 0) : Math.sqrt(ss / (n - ddof))
}

/** Quantile q in [0, 1] of an already sorted list, linearly interpolated (numpy's default). */
export function quantileSorted(sorted: NumberList, q: number): number {
  if (sorted.length === 0) return Number.NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

function quantile(xs: NumberList, q: number): number {
  return quantileSorted(sortedFinite(xs), q)
}

export function median(xs: NumberList): number {
  return quantile(xs, 0.5)
}

/** Median absolute deviation from the median (unscaled). */
export function mad(xs: NumberList): number {
  const m = median(xs)
  const dev = Array.from(sortedFinite(xs), (x) => Math.abs(x - m))
  return median(dev)
}

export function min(xs: NumberList): number {
  let m = Number.POSITIVE_INFINITY
  for (let i = 0; i < xs.length; i++) if (xs[i] < m) m = xs[i]
  return m === Number.POSITIVE_INFINITY ? Number.NaN : m
}

export function max(xs: NumberList): number {
  let m = Number.NEGATIVE_INFINITY
  for (let i = 0; i < xs.length; i++) if (xs[i] > m) m = xs[i]
  return m === Number.NEGATIVE_INFINITY ? Number.NaN : m
}

/** Binomial standard error `sqrt(p(1-p)/n)` of 0/1 values, which bencher uses as the spread of a bool result. */
export function binomialStdErr(xs: NumberList): number {
  const n = countFinite(xs)
  if (n === 0) return Number.NaN
  const p = mean(xs)
  return Math.sqrt((p * (1 - p)) / n)
}
