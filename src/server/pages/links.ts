/** The page of a benchmark. */
export function benchmarkPath(name: string): string {
  return `/b/${encodeURIComponent(name)}`
}

/** The JSON of a benchmark and its runs. */
export function benchmarkApiPath(name: string): string {
  return `/api/benchmarks/${encodeURIComponent(name)}`
}

/** Every sample of a run as CSV or JSON. */
export function samplesPath(name: string, runId: number, ext: 'csv' | 'json'): string {
  return `${benchmarkApiPath(name)}/runs/${runId}/samples.${ext}`
}

/** `path` with the query `base` changed by `changes` (undefined removes a key); other parameters (?plots=, ?logx=) are kept. */
export function withQuery(path: string, base: Record<string, string | undefined>, changes: Record<string, string | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries({ ...base, ...changes })) if (v !== undefined) q.set(k, v)
  const s = q.toString()
  return s ? `${path}?${s}` : path
}

/** A stored ISO time as `2026-11-25 10:00:00` (UTC), as bencher labels time points. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  return new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '').replace(/Z$/, '')
}

/** A tab label: the title, then the time label or time; newlines removed, at most 60 characters. */
export function tabLabel(title: string, timeLabel: string | null, time: string): { title: string; when: string } {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 3)}...` : s)
  return { title: cut(title.replace(/\s*\n\s*/g, ' '), 60), when: cut((timeLabel ?? formatTime(time)).replace(/\s*\n\s*/g, ' '), 40) }
}

/** The compare page of two runs of a benchmark. */
export function comparePath(name: string, a: number, b: number): string {
  return `${benchmarkPath(name)}/compare?a=${a}&b=${b}`
}

/** Text for an attribute value: @kitajs/html escapes only `"` there, so `&` (which could start an entity), `<` and `>` are escaped here. */
export function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
