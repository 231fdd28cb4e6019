/** The `check --json` document and the text cells shared by the CLI and the page. */
import { formatNumber, formatPercent, formatQuantity } from '../../format'
import { describeInputChanges, type RunRef } from '../history'
import type { Direction, InputValue, RegressionMethod } from '../types'
import type { RunChangePoint, ResultChangePoint, ResultChangePoints } from './change-points'
import type { BenchmarkVerdict, PointVerdict, ResultVerdict, Verdict } from './detect'
import { describeMovement, describePoints, type Movement, type PointGroup } from './where-moved'
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

/** `bench-plot check --json --schema 1`: the first form, kept for consumers written against it. Every number is finite; NaN and ±Infinity become null. */
export type CheckReportV1 = { schema_version: 1; benchmarks: CheckBenchmarkJson[] }

/** A change point in JSON: the run after the change, its size after/before with an interval, and the p-value. */
export type ChangePointJson = {
  run: number | null
  time: string
  label: string
  commit: string | null
  /** The last run before the change. */
  previous: { run: number | null; time: string; label: string }
  ratio: number | null
  ci: [number, number] | null
  p: number
}

/** A change point of a result over all inputs: which points moved there. */
export type ResultChangePointJson = ChangePointJson & {
  points_tested: number
  points_moved: number
  /** The moved points in words (`algo=heap at every n`), null when none moved on its own. */
  moved: string | null
  /** Median, smallest and largest ratio over the moved points. */
  moved_ratio: { median: number | null; min: number | null; max: number | null } | null
  moved_points: Record<string, InputValue>[]
}

export type PointGroupJson = { points: number; description: string; min_percent: number | null; max_percent: number | null }

export type CheckPointJsonV2 = CheckPointJson & { change_points: ChangePointJson[] | null }

export type CheckResultJsonV2 = Omit<CheckResultJson, 'points'> & {
  /** The change over points: median, smallest and largest (null without points). */
  per_point: { median_percent: number | null; smallest_percent: number | null; largest_percent: number | null; measured: number } | null
  /** Which points regressed, improved, or stayed (null for a verdict none of the points has). */
  regressed_points: PointGroupJson | null
  improved_points: PointGroupJson | null
  unchanged_points: PointGroupJson | null
  /** Over the history, oldest first; null when they were not looked for. */
  change_points: ResultChangePointJson[] | null
  points: CheckPointJsonV2[]
}

export type CheckBenchmarkJsonV2 = Omit<CheckBenchmarkJson, 'results'> & { results: CheckResultJsonV2[] }

/** `bench-plot check --json`: schema_version 2, version 1 plus where (points) and when (change points) each result moved. Every number is finite. */
export type CheckReportV2 = { schema_version: 2; benchmarks: CheckBenchmarkJsonV2[] }

export type CheckReport = CheckReportV1 | CheckReportV2

export type CheckReportOptions = {
  /** The `schema_version` to write. @default 2 */
  schema?: 1 | 2
}

/** The schema versions `check --json` can write. */
export const checkSchemas = [1, 2] as const

/** Build the `check --json` document from verdicts (version 2 unless asked for 1). */
export function toCheckReport(verdicts: readonly BenchmarkVerdict[], opts?: { schema?: 2 }): CheckReportV2
export function toCheckReport(verdicts: readonly BenchmarkVerdict[], opts: { schema: 1 }): CheckReportV1
export function toCheckReport(verdicts: readonly BenchmarkVerdict[], opts?: CheckReportOptions): CheckReport
export function toCheckReport(verdicts: readonly BenchmarkVerdict[], opts: CheckReportOptions = {}): CheckReport {
  const v1: CheckReportV1 = {
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
  if ((opts.schema ?? 2) === 1) return v1
  return {
    schema_version: 2,
    benchmarks: v1.benchmarks.map((b, i) => ({ ...b, results: b.results.map((r, j) => resultJsonV2(r, verdicts[i].results[j])) })),
  }
}

/** A change point as the CLI and the page name it: `#46 c046 (2026-10-16 12:00): +25.0% (95% CI +24.6% to +25.4%), p=0.001`. */
export function formatChangePoint(cp: RunChangePoint, confidence = 0.95): string {
  const ci = cp.ci ? ` (${Math.round(confidence * 100)}% CI ${formatPercent((cp.ci[0] - 1) * 100)} to ${formatPercent((cp.ci[1] - 1) * 100)})` : ''
  return `${formatRunRef(cp.run)}: ${formatPercent((cp.ratio - 1) * 100)}${ci}, p=${formatNumber(cp.p)}`
}

/**
 * Where a result moved, in words: the median change over points with the smallest and largest,
 * then the points that moved and those that did not (nothing without a measured point).
 * @example formatMovement(m) // ['per point: median +0.4% (smallest -1.5%, largest +25.6%) over 12 points', 'moved: algo=heap at every n +23.1% to +25.6% (4 of 12); algo=quick or merge at every n within ±1.5%']
 */
export function formatMovement(m: Movement): string[] {
  if (m.measured === 0) return []
  const lines = [`per point: median ${formatPercent(m.medianPercent)} (smallest ${formatPercent(m.smallestPercent)}, largest ${formatPercent(m.largestPercent)}) over ${m.measured} point${m.measured === 1 ? '' : 's'}`]
  const moved = [m.regressed, m.improved].filter((g) => g !== null)
  if (moved.length === 0) return lines
  const range = (g: PointGroup) => (g.maxPercent === g.minPercent ? formatPercent(g.minPercent) : `${formatPercent(g.minPercent)} to ${formatPercent(g.maxPercent)}`)
  const parts = moved.map((g) => `${g.description} ${range(g)} (${g.points.length} of ${g.of})`)
  const widest = m.unchanged ? Math.max(Math.abs(m.unchanged.minPercent), Math.abs(m.unchanged.maxPercent)) : Number.NaN
  if (m.unchanged) parts.push(Number.isFinite(widest) ? `${m.unchanged.description} within ±${widest.toFixed(1)}%` : `${m.unchanged.description} unchanged`)
  lines.push(`moved: ${parts.join('; ')}`)
  return lines
}

/** Which points moved at a result's change point, in words: `at 4 of 12 points: algo=heap at every n`. */
export function formatMovedAt(cp: ResultChangePoint): string {
  if (cp.movedCount === 0) return `no single point of ${cp.tested} moved on its own`
  const moved = cp.points.filter((s) => s.moved)
  return `at ${cp.movedCount} of ${cp.tested} point${cp.tested === 1 ? '' : 's'}: ${describePoints(cp.points, moved)}`
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

function resultJsonV2(r: CheckResultJson, verdict: ResultVerdict): CheckResultJsonV2 {
  const m = verdict.points.length === 0 ? null : describeMovement(verdict.points)
  const cps = verdict.changePoints
  return {
    ...r,
    per_point: m && {
      median_percent: finiteOrNull(m.medianPercent),
      smallest_percent: finiteOrNull(m.smallestPercent),
      largest_percent: finiteOrNull(m.largestPercent),
      measured: m.measured,
    },
    regressed_points: groupJson(m?.regressed ?? null),
    improved_points: groupJson(m?.improved ?? null),
    unchanged_points: groupJson(m?.unchanged ?? null),
    change_points: cps && cps.changePoints.map(resultChangePointJson),
    points: r.points.map((p, k) => ({ ...p, change_points: pointChangePoints(cps, verdict.points[k].point) })),
  }
}

function pointChangePoints(cps: ResultChangePoints | null, point: number): ChangePointJson[] | null {
  // Points are listed in sweep order: found by position, as a search per point is quadratic in 10⁵ points.
  const own = cps?.points[point]
  return own && own.point === point ? own.changePoints.map(changePointJson) : null
}

function changePointJson(cp: RunChangePoint): ChangePointJson {
  return {
    run: cp.run.id,
    time: cp.run.time,
    label: cp.run.label,
    commit: cp.run.commit,
    previous: { run: cp.previous.id, time: cp.previous.time, label: cp.previous.label },
    ratio: finiteOrNull(cp.ratio),
    ci: cp.ci && Number.isFinite(cp.ci[0]) && Number.isFinite(cp.ci[1]) ? [cp.ci[0], cp.ci[1]] : null,
    p: cp.p,
  }
}

function resultChangePointJson(cp: ResultChangePoint): ResultChangePointJson {
  const moved = cp.points.filter((s) => s.moved)
  return {
    ...changePointJson(cp),
    points_tested: cp.tested,
    points_moved: cp.movedCount,
    moved: moved.length === 0 ? null : describePoints(cp.points, moved),
    moved_ratio: cp.moved && { median: finiteOrNull(cp.moved.median), min: finiteOrNull(cp.moved.min), max: finiteOrNull(cp.moved.max) },
    moved_points: moved.map((s) => s.inputs),
  }
}

function groupJson(g: PointGroup | null): PointGroupJson | null {
  return g && { points: g.points.length, description: g.description, min_percent: finiteOrNull(g.minPercent), max_percent: finiteOrNull(g.maxPercent) }
}

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
