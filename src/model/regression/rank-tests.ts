/** Rank-based tests used by the regression checks. Pure functions over number arrays; NaN values are skipped. */
import { countFinite, finiteValues, median } from '../stats'

export type TestResult = { statistic: number; pValue: number }

/**
 * Two-sided Mann-Whitney U test of `a` against `b`.
 * Exact (enumerated distribution of U) when both samples hold at most 25 values and there are no
 * ties; otherwise the normal approximation with tie correction and continuity correction.
 * `statistic` is U of `a`; the p-value is NaN when either sample is empty.
 */
export function mannWhitneyU(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  // Called at every sweep point: the pooled sample is the only array made.
  const n1 = countFinite(a)
  const n2 = countFinite(b)
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN }
  // Ranks without objects or a comparator: sort the pooled values numerically, then each value's
  // average rank is the middle of its run of equal values (found by binary search).
  const pooled = new Float64Array(n1 + n2)
  appendFinite(pooled, appendFinite(pooled, 0, a), b)
  pooled.sort()
  const tieSizes: number[] = []
  for (let i = 0; i < pooled.length; ) {
    let j = i
    while (j + 1 < pooled.length && pooled[j + 1] === pooled[i]) j++
    if (j > i) tieSizes.push(j - i + 1)
    i = j + 1
  }
  // Ranks are halves of integers, so their sums are exact: rank the smaller sample and take
  // the other's sum from the total n(n+1)/2, with the same result as ranking a.
  const n = n1 + n2
  const r1 = n1 <= n2 ? rankSum(pooled, a) : (n * (n + 1)) / 2 - rankSum(pooled, b)
  const u1 = r1 - (n1 * (n1 + 1)) / 2
  const mu = (n1 * n2) / 2
  if (tieSizes.length === 0 && n1 <= 25 && n2 <= 25) {
    // P(U <= u) from the exact null distribution; two-sided p doubles the smaller tail.
    const { counts: dist, total } = exactUDistribution(n1, n2)
    const u = Math.round(Math.min(u1, n1 * n2 - u1))
    let tail = 0
    for (let k = 0; k <= u; k++) tail += dist[k]
    return { statistic: u1, pValue: Math.min(1, (2 * tail) / total) }
  }
  const tieTerm = tieSizes.reduce((s, t) => s + t ** 3 - t, 0)
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)))
  if (variance <= 0) return { statistic: u1, pValue: 1 }
  const z = (Math.abs(u1 - mu) - 0.5) / Math.sqrt(variance)
  return { statistic: u1, pValue: Math.min(1, 2 * normalSf(Math.max(z, 0))) }
}

/**
 * Two-sided Mann-Kendall trend test of a series in order (Kendall's tau against the index), as
 * scipy's `kendalltau` computes it for bencher: exact when there are no ties and at most 33 values,
 * otherwise the normal approximation with tie correction (no continuity correction).
 * `statistic` is S = Σ sign(x_j − x_i) over i < j.
 */
export function mannKendall(series: ArrayLike<number>): TestResult {
  const x = finiteValues(series)
  const n = x.length
  if (n < 3) return { statistic: 0, pValue: 1 }
  let s = 0
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(x[j] - x[i])
  const sorted = Float64Array.from(x).sort()
  const ties: number[] = []
  for (let i = 0; i < n; ) {
    let j = i
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++
    if (j > i) ties.push(j - i + 1)
    i = j + 1
  }
  if (ties.length === 0 && n <= 33) {
    // S = pairs − 2·inversions, and inversions of a random permutation follow the Mahonian numbers.
    const inv = mahonian(n)
    const total = inv.reduce((a, c) => a + c, 0)
    const pairs = (n * (n - 1)) / 2
    const k = Math.round((pairs - Math.abs(s)) / 2) // inversions at |S| or beyond, one tail
    let tail = 0
    for (let i = 0; i <= k; i++) tail += inv[i]
    return { statistic: s, pValue: Math.min(1, (2 * tail) / total) }
  }
  const tieTerm = ties.reduce((a, t) => a + t * (t - 1) * (2 * t + 5), 0)
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18
  if (variance <= 0) return { statistic: s, pValue: 1 }
  const z = Math.abs(s) / Math.sqrt(variance)
  return { statistic: s, pValue: Math.min(1, 2 * normalSf(z)) }
}

/** Theil-Sen slope of a series against its index: the median of all pairwise slopes. */
export function theilSenSlope(series: ArrayLike<number>): number {
  const x = finiteValues(series)
  const slopes: number[] = []
  for (let i = 0; i < x.length - 1; i++) for (let j = i + 1; j < x.length; j++) slopes.push((x[j] - x[i]) / (j - i))
  return slopes.length === 0 ? 0 : median(slopes)
}

/** Upper tail of the standard normal distribution, P(Z > z). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2)
}

/** The average 1-based rank of `v` among the values of `sorted` (ascending): the middle of its run of equal values. */
export function averageRank(sorted: Float64Array, v: number): number {
  return (countBelow(sorted, v) + countBelow(sorted, v, true) + 1) / 2
}

/** How many values of `sorted` (ascending) are below `v`, or with `orEqual` at most `v`: a binary search. */
export function countBelow(sorted: Float64Array, v: number, orEqual = false): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid] < v || (orEqual && sorted[mid] === v)) lo = mid + 1
    else hi = mid
  }
  return lo
}

// --- internal ---

/** Sum of the average ranks, in the sorted pooled sample, of the finite values of `xs`. */
function rankSum(pooled: Float64Array, xs: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]
    if (Number.isFinite(v)) sum += averageRank(pooled, v)
  }
  return sum
}

/** Copy the finite values of `xs` into `out` from index `at`; returns the index after the last one. */
function appendFinite(out: Float64Array, at: number, xs: ArrayLike<number>): number {
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) out[at++] = xs[i]
  return at
}

// Complementary error function: the Chebyshev fit of Numerical Recipes' erfcc (fractional error < 1.2e-7).
function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? r : 2 - r
}

// Every point of a sweep has the same sample sizes: each distribution is built once per process.
const uDistributions = new Map<string, { counts: number[]; total: number }>()
const mahonianRows = new Map<number, number[]>()

function exactUDistribution(m: number, n: number): { counts: number[]; total: number } {
  const key = `${m},${n}`
  let dist = uDistributions.get(key)
  if (!dist) {
    const counts = buildUDistribution(m, n)
    uDistributions.set(key, (dist = { counts, total: counts.reduce((s, c) => s + c, 0) }))
  }
  return dist
}

function mahonian(n: number): number[] {
  let row = mahonianRows.get(n)
  if (!row) mahonianRows.set(n, (row = buildMahonian(n)))
  return row
}

// Counts of each U value under the null for sample sizes m, n (frequencies over the C(m+n, m) orderings).
function buildUDistribution(m: number, n: number): number[] {
  // f[i][j][u]: number of orderings of i x's and j y's with U = u. Built iteratively over j.
  let prev: number[][] = []
  for (let i = 0; i <= m; i++) prev.push([1]) // j = 0: U is 0
  for (let j = 1; j <= n; j++) {
    const cur: number[][] = [[1]] // i = 0: U is 0
    for (let i = 1; i <= m; i++) {
      const size = i * j + 1
      const row = new Array<number>(size).fill(0)
      // Last element is an x (it beats all j y's) or a y (adds nothing).
      const withX = cur[i - 1]
      for (let u = 0; u < withX.length; u++) row[u + j] += withX[u]
      const withY = prev[i]
      for (let u = 0; u < withY.length; u++) row[u] += withY[u]
      cur.push(row)
    }
    prev = cur
  }
  return prev[m]
}

// Number of permutations of n items by inversion count.
function buildMahonian(n: number): number[] {
  let row = [1]
  for (let k = 2; k <= n; k++) {
    const next = new Array<number>(row.length + k - 1).fill(0)
    for (let i = 0; i < row.length; i++) for (let j = 0; j < k; j++) next[i + j] += row[i]
    row = next
  }
  return row
}
