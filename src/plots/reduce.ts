/**
 * Largest-Triangle-Three-Buckets: the indexes of `threshold` points of (xs, ys) that keep the
 * shape of the line. Points with a NaN y are skipped. Returns every index when there are few.
 */
export function lttbIndexes(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const idx: number[] = []
  for (let i = 0; i < ys.length; i++) if (Number.isFinite(ys[i])) idx.push(i)
  const n = idx.length
  if (threshold >= n || threshold < 3) return idx
  const out = [idx[0]]
  const every = (n - 2) / (threshold - 2)
  let a = 0
  for (let i = 0; i < threshold - 2; i++) {
    const start = Math.floor((i + 1) * every) + 1
    const end = Math.min(Math.floor((i + 2) * every) + 1, n)
    let avgX = 0
    let avgY = 0
    for (let j = start; j < end; j++) {
      avgX += xs[idx[j]]
      avgY += ys[idx[j]]
    }
    const len = Math.max(end - start, 1)
    avgX /= len
    avgY /= len
    const rStart = Math.floor(i * every) + 1
    const rEnd = Math.floor((i + 1) * every) + 1
    const ax = xs[idx[a]]
    const ay = ys[idx[a]]
    let best = rStart
    let bestArea = -1
    for (let j = rStart; j < rEnd; j++) {
      const area = Math.abs((ax - avgX) * (ys[idx[j]] - ay) - (ax - xs[idx[j]]) * (avgY - ay))
      if (area > bestArea) {
        bestArea = area
        best = j
      }
    }
    out.push(idx[best])
    a = best
  }
  out.push(idx[n - 1])
  return out
}

/** Every k-th index of n so that at most `max` remain (a deterministic thinning). */
export function strideIndexes(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i)
  const step = n / max
  return Array.from({ length: max }, (_, i) => Math.floor(i * step))
}
