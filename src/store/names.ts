/** Up to `limit` names, closest to `wanted` first (edit distance, then name). */
export function closestNames(wanted: string, names: readonly string[], limit: number): string[] {
  const w = wanted.toLowerCase()
  return names
    .map((name) => ({ name, d: editDistance(w, name.toLowerCase()) - (name.toLowerCase().includes(w) ? w.length : 0) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((x) => x.name)
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]
}
