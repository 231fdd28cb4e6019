/** The cells every CI format shows for a result, read from the `check --json` report. */
import { formatInputs } from '../../model/history'
import { formatNumber, formatPercent, formatRunRef, type CheckBenchmarkJson, type CheckResultJson } from '../../model/regression'

export type Benchmark = CheckBenchmarkJson
export type Result = CheckResultJson

/** Options the CI formats share. */
export type FormatOptions = {
  /** Where the benchmark pages live (a served or exported report); links are relative without it. */
  baseUrl?: string
}

/** The link of a benchmark's page: `<base>/b/<name>`, or `b/<name>` relative to where the text is read. */
export function benchmarkLink(name: string, opts: FormatOptions): string {
  // The route of the benchmark page (benchmarkPath in src/server/pages/links.ts, which the pages own).
  const path = `/b/${encodeURIComponent(name)}`
  return opts.baseUrl === undefined ? path.slice(1) : `${opts.baseUrl.replace(/\/+$/, '')}${path}`
}

/** The change in the method's own units, as the text output: `+12.3%`, `+0.5` for delta, `—` for absolute. */
export function changeCell(r: Result): string {
  if (r.method === 'absolute') return '—'
  if (r.method === 'delta') {
    if (r.baseline === null || r.current === null) return '—'
    const d = r.current - r.baseline
    return `${d >= 0 ? '+' : ''}${formatNumber(d)}`
  }
  return formatPercent(r.change_percent)
}

/** The threshold as the text output writes it: `±10%`, `3.5σ (gate 10%)`, `±0.5`, `≤ 2`. */
export function thresholdCell(r: Result): string {
  if (r.threshold === null) return '—'
  const t = formatNumber(r.threshold)
  switch (r.method) {
    case 'percentage':
      return `±${t}%`
    case 'adaptive':
      return r.gate_percent === null ? `${t}σ` : `${t}σ (gate ${formatNumber(r.gate_percent)}%)`
    case 'delta':
      return `±${t}`
    case 'absolute':
      return r.direction === 'maximize' ? `≥ ${t}` : `≤ ${t}`
  }
}

/** A value with its units: `1.23 s`, `—` when missing. */
export function valueCell(x: number | null, units: string): string {
  return x === null ? '—' : `${formatNumber(x)}${units ? ` ${units}` : ''}`
}

/** How a result fares in one line, e.g. `time regressed: +49.9% (baseline 1 s, current 1.5 s; adaptive 3.5σ (gate 10%))`. */
export function resultSentence(r: Result): string {
  if (r.verdict === 'young' && r.baseline === null) return `${r.name} is young: current ${valueCell(r.current, r.units)}${r.note ? `; ${r.note}` : ''}`
  const numbers = `${changeCell(r)} (baseline ${valueCell(r.baseline, r.units)}, current ${valueCell(r.current, r.units)}; ${r.method} ${thresholdCell(r)})`
  return `${r.name} ${r.verdict === 'young' ? 'is young' : r.verdict}: ${numbers}${r.note ? `; ${r.note}` : ''}`
}

/** The sweep points that regressed or improved, worst first, at most `limit`: `n=1000 (+49.9%, p=0.0079)`. */
export function pointsSentence(r: Result, verdict: 'regressed' | 'improved', limit = 5): string | null {
  const points = r.points.filter((p) => p.verdict === verdict).sort((a, b) => Math.abs(b.change_percent ?? 0) - Math.abs(a.change_percent ?? 0))
  // A sweep of one point says nothing the result's own line does not.
  if (points.length === 0 || r.points.length === 1) return null
  const shown = points.slice(0, limit).map((p) => `${formatInputs(p.inputs)} (${formatPercent(p.change_percent)}${p.p_value === null ? '' : `, p=${formatNumber(p.p_value)}`})`)
  return `${verdict} at ${shown.join('; ')}${points.length > limit ? `; and ${points.length - limit} more` : ''}`
}

/** The newest run as the text output names it: `#12 v1.2 (2026-11-25 10:00)`. */
export function runCell(run: Benchmark['current']): string {
  return formatRunRef({ ...run, timeLabel: null, commit: null })
}

/** A result that was not judged (no threshold, no value…): its note says why. Young results are judged, just not gating. */
export function notJudged(r: Result): boolean {
  return r.verdict === 'unchanged' && r.note !== null
}
