/** The `check --json` document and the text cells shared by the CLI and the page. */
import { formatNumber, formatPercent, formatQuantity } from '../../format'
import { describeInputChanges, type RunRef } from '../history'
import type { Direction, InputValue, RegressionMethod } from '../types'
import type { BenchmarkVerdict, PointVerdict, Verdict } from './detect'
import type { RunComparison } from './compare'
import type { Change, Judgement } from './methods'

export type CheckPointJson = {
  inputs: Record<string, InputValue>
  verdict: Verdict | 'missing'
  change_percent: number | null
  baseline: number | null
  current: number | null
  p_value: number | null
}

export type CheckResultJson = {
  name: string
  verdict: Verdict
  change_percent: number | null
  baseline: number | null
  current: number | null
  method: RegressionMethod
  threshold: number | null
  gate_percent: number | null
  blocking: boolean
  fired: string[]
  note: string | null
  units: string
  direction: Direction
  baseline_runs: number
  points: CheckPointJson[]
}

export type CheckBenchmarkJson = {
  name: string
  regressed: boolean
  runs: number
  current: { id: number | null; time: string; label: string }
  input_changes: string[]
  results: CheckResultJson[]
}

/** `bench-plot check --json`: schema_version 1. Every number is finite; NaN and ±Infinity become null. */
export type CheckReport = { schema_version: 1; benchmarks: CheckBenchmarkJson[] }

/** Build the `check --json` document from verdicts. */
export function toCheckReport(verdicts: readonly BenchmarkVerdict[]): CheckReport {
  return {
    schema_version: 1,
    benchmarks: verdicts.map((v) => ({
      name: v.benchmark,
      regressed: v.regressed,
      runs: v.runs,
      current: refJson(v.current),
      input_changes: describeInputChanges(v.inputChanges),
      results: v.results.map((r) => ({
        ...verdictJson(r),
        gate_percent: finiteOrNull(r.judgement.gatePercent),
        blocking: r.blocking,
        fired: r.judgement.fired,
        note: r.note,
        units: r.units,
        direction: r.direction,
        baseline_runs: r.baselineRuns.length,
        points: r.points.map(pointJson),
      })),
    })),
  }
}

// The fields every verdict of a result has in JSON, in check and compare alike.
function verdictJson<V extends string>(r: { result: string; verdict: V; judgement: Judgement }) {
  const j = r.judgement
  return {
    name: r.result,
    verdict: r.verdict,
    change_percent: finiteOrNull(j.changePercent),
    baseline: finiteOrNull(j.baseline),
    current: finiteOrNull(j.current),
    method: j.method,
    threshold: finiteOrNull(j.threshold),
  }
}

/** A number for JSON: null for NaN, ±Infinity and null. */
export function finiteOrNull(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null
}


/** The change cell in the method's own units, as bencher's report: `+x.x%`, `+δ` for delta, `—` for absolute. */
export function formatChange(j: Judgement, units = ''): string {
  if (j.method === 'absolute') return '—'
  if (j.method === 'delta') {
    const d = j.current - j.baseline
    return Number.isFinite(d) ? `${d >= 0 ? '+' : ''}${formatQuantity(d, units)}` : '—'
  }
  return formatPercent(j.changePercent)
}

/** The threshold cell: `±10%`, `3.5σ (gate 10%)`, `±0.5`, `≤ 2` / `≥ 2`. */
export function formatThreshold(j: Judgement, direction: Direction): string {
  if (j.threshold === null) return '—'
  const t = formatNumber(j.threshold)
  switch (j.method) {
    case 'percentage':
      return `±${t}%`
    case 'adaptive':
      return j.gatePercent === null ? `${t}σ` : `${t}σ (gate ${formatNumber(j.gatePercent)}%)`
    case 'delta':
      return `±${t}`
    case 'absolute':
      return direction === 'maximize' ? `≥ ${t}` : `≤ ${t}`
  }
}

/** A run as the CLI and the page name it: `#12 v1.2 (2026-11-25 10:00)`. */
export function formatRunRef(ref: RunRef): string {
  const id = ref.id === null ? '' : `#${ref.id} `
  const date = ref.time.slice(0, 16).replace('T', ' ')
  return ref.label === date || ref.label.startsWith(date) ? `${id}${ref.label}` : `${id}${ref.label} (${date})`
}

/** The points of a result that regressed (or improved), worst change first. */
export function pointsWith(points: readonly PointVerdict[], verdict: Verdict): PointVerdict[] {
  return points.filter((p) => p.verdict === verdict).sort((x, y) => Math.abs(finiteOr(y.changePercent)) - Math.abs(finiteOr(x.changePercent)))
}

/** `bench-plot compare --json`: schema_version 1, finite numbers only. */
export type CompareReport = {
  schema_version: 1
  benchmark: string
  a: { id: number | null; time: string; label: string }
  b: { id: number | null; time: string; label: string }
  same_inputs: boolean
  input_changes: string[]
  regressed: boolean
  results: {
    name: string
    verdict: Change
    change_percent: number | null
    baseline: number | null
    current: number | null
    method: RegressionMethod
    threshold: number | null
    note: string | null
    points: {
      inputs: Record<string, InputValue>
      a: number | null
      b: number | null
      ratio: number | null
      change_percent: number | null
      p_value: number | null
      significant: boolean | null
      verdict: Change | 'missing'
    }[]
  }[]
}

/** Build the `compare --json` document. */
export function toCompareReport(benchmark: string, c: RunComparison): CompareReport {
  return {
    schema_version: 1,
    benchmark,
    a: refJson(c.a),
    b: refJson(c.b),
    same_inputs: c.sameInputs,
    input_changes: describeInputChanges(c.inputChanges),
    regressed: c.regressed,
    results: c.results.map((r) => ({
      ...verdictJson(r),
      note: r.judgement.skipped,
      points: r.points.map((p) => ({
        inputs: p.inputs,
        a: finiteOrNull(p.a.mean),
        b: finiteOrNull(p.b.mean),
        ratio: finiteOrNull(p.ratio),
        change_percent: finiteOrNull(p.changePercent),
        p_value: finiteOrNull(p.pValue),
        significant: p.significant,
        verdict: p.verdict,
      })),
    })),
  }
}

// --- internal ---

function finiteOr(x: number): number {
  return Number.isNaN(x) ? 0 : x
}

function refJson(ref: RunRef): { id: number | null; time: string; label: string } {
  return { id: ref.id, time: ref.time, label: ref.label }
}

function pointJson(p: PointVerdict): CheckPointJson {
  return {
    inputs: p.inputs,
    verdict: p.verdict,
    change_percent: finiteOrNull(p.changePercent),
    baseline: finiteOrNull(p.baseline),
    current: finiteOrNull(p.current),
    p_value: finiteOrNull(p.pValue),
  }
}
