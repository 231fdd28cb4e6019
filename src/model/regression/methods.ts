/**
 * The four regression tests of bencher's `regression.py`, direction aware, on one series:
 * the earlier runs' values (one per run) against the newest run's samples.
 */
import { countFinite, mad, mean, median, type NumberList } from '../stats'
import type { Direction, RegressionMethod } from '../types'
import { mannKendall, theilSenSlope } from './rank-tests'

export type Change = 'regressed' | 'improved' | 'unchanged'

export type JudgeOptions = {
  method: RegressionMethod
  direction: Direction
  /** The method's threshold. @default percentage 10 (%), adaptive 3.5 (σ); delta and absolute have none and are skipped without one */
  threshold?: number
  /** adaptive only: the change must also clear this percentage (dual band). @default 10 */
  gatePercent?: number
  /** Write `details`; per-point tests of big sweeps leave it out. @default true */
  explain?: boolean
}

export type Judgement = {
  change: Change
  method: RegressionMethod
  /** The threshold applied (null when the check was skipped for want of one). */
  threshold: number | null
  /** adaptive only: the percentage gate. */
  gatePercent: number | null
  /** What the current value was compared with (NaN for absolute). */
  baseline: number
  /** Mean of the current samples. */
  current: number
  /** (current − baseline) / |baseline| · 100; ±Infinity for a zero baseline, NaN without one. */
  changePercent: number
  /** Which adaptive tests fired in the direction of the verdict: `step`, `drift`. */
  fired: ('step' | 'drift')[]
  /** adaptive with fewer than 4 earlier runs: judged by percentage at the gate instead. */
  fallback: boolean
  /** Acceptance band of the method around the baseline (both sides; -/+Infinity for an open side). */
  band: [number, number] | null
  /** adaptive: the percentage gate's band. */
  percentBand: [number, number] | null
  /** One line on how the verdict was reached. */
  details: string
  /** Why no verdict could be reached (no threshold, no value…); the change is then `unchanged`. */
  skipped: string | null
}

/**
 * Every earlier sample, for adaptive's fallback: the values, or a function giving them. A function
 * is called only when the fallback runs, so callers need not gather millions of samples that are
 * not used (the fallback needs fewer than 4 earlier runs).
 */
export type HistorySamples = NumberList | (() => NumberList)

/** Default threshold of each method; null means the method needs one. */
export const defaultThresholds: Record<RegressionMethod, number | null> = { adaptive: 3.5, percentage: 10, delta: null, absolute: null }

/** adaptive: the percentage gate used by default. */
export const defaultGatePercent = 10

/** Methods that need earlier runs; `absolute` judges the current value alone. */
export function needsHistory(method: RegressionMethod): boolean {
  return method !== 'absolute'
}

/**
 * Judge the current samples against the earlier runs' values.
 * `history` holds one value per earlier run (oldest first); `historySamples`, when given, every
 * earlier sample, used by adaptive's fallback to percentage exactly as bencher does.
 */
export function judge(history: readonly number[], current: ArrayLike<number>, opts: JudgeOptions, historySamples?: HistorySamples): Judgement {
  const hist = history.filter(Number.isFinite)
  const curr = mean(current)
  const threshold = opts.threshold ?? defaultThresholds[opts.method]
  const base: Judgement = {
    change: 'unchanged',
    method: opts.method,
    threshold,
    gatePercent: null,
    baseline: Number.NaN,
    current: curr,
    changePercent: Number.NaN,
    fired: [],
    fallback: false,
    band: null,
    percentBand: null,
    details: '',
    skipped: null,
  }
  if (!Number.isFinite(curr)) return { ...base, skipped: 'no value in the newest run' }
  if (threshold === null) return { ...base, skipped: `the ${opts.method} method needs a threshold` }
  if (needsHistory(opts.method) && hist.length === 0) return { ...base, skipped: 'no earlier run to compare with' }
  switch (opts.method) {
    case 'percentage':
      return percentage(base, hist, curr, threshold, opts.direction)
    case 'delta':
      return delta(base, hist, curr, threshold, opts.direction)
    case 'absolute':
      return absolute(base, curr, threshold, opts.direction)
    case 'adaptive':
      return adaptive(base, hist, curr, threshold, opts.gatePercent ?? defaultGatePercent, opts.direction, historySamples, opts.explain ?? true)
  }
}

/** (current − baseline) / |baseline| · 100, with ±Infinity for a zero baseline (0 when both are 0). */
export function changePercentOf(current: number, baseline: number): number {
  if (baseline === 0) return current === 0 ? 0 : current > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
  return ((current - baseline) / Math.abs(baseline)) * 100
}

// --- internal ---

const madToSigma = 1.4826
const driftFraction = 0.85
const hampelK = 5
const mkAlpha = 0.1

/** Is a move of sign `x` the bad way for this direction? `none`: any move is bad. */
function isBad(x: number, direction: Direction): boolean {
  if (direction === 'minimize') return x > 0
  if (direction === 'maximize') return x < 0
  return x !== 0
}

function isGood(x: number, direction: Direction): boolean {
  if (direction === 'minimize') return x < 0
  if (direction === 'maximize') return x > 0
  return false
}

/** Does `x` go beyond `t` the bad way (regressed) or the good way (improved)? */
function beyond(x: number, t: number, direction: Direction): Change {
  if (direction === 'none') return Math.abs(x) > t ? 'regressed' : 'unchanged'
  if (isBad(x, direction) && Math.abs(x) > t) return 'regressed'
  if (isGood(x, direction) && Math.abs(x) > t) return 'improved'
  return 'unchanged'
}

function fmt(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x)
}

function signed(x: number, digits = 2): string {
  return Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(digits)}` : String(x)
}

function percentage(base: Judgement, hist: NumberList, curr: number, t: number, direction: Direction): Judgement {
  const baseline = mean(hist)
  const changePercent = changePercentOf(curr, baseline)
  return {
    ...base,
    baseline,
    changePercent,
    change: beyond(changePercent, t, direction),
    band: [baseline * (1 - t / 100), baseline * (1 + t / 100)].sort((a, b) => a - b) as [number, number],
    details: `change ${signed(changePercent)}% vs threshold ${fmt(t)}%`,
  }
}

function delta(base: Judgement, hist: number[], curr: number, t: number, direction: Direction): Judgement {
  const baseline = mean(hist)
  const d = curr - baseline
  return {
    ...base,
    baseline,
    changePercent: changePercentOf(curr, baseline),
    change: beyond(d, t, direction),
    band: [baseline - t, baseline + t],
    details: `delta ${signed(d, 4)} vs threshold ±${fmt(t)}`,
  }
}

function absolute(base: Judgement, curr: number, limit: number, direction: Direction): Judgement {
  if (direction === 'none') return { ...base, skipped: 'the absolute method needs a direction (minimize or maximize)' }
  const over = direction === 'minimize' ? curr > limit : curr < limit
  return {
    ...base,
    change: over ? 'regressed' : 'unchanged',
    band: direction === 'minimize' ? [Number.NEGATIVE_INFINITY, limit] : [limit, Number.POSITIVE_INFINITY],
    details: `current ${fmt(curr)} vs limit ${direction === 'minimize' ? '≤' : '≥'} ${fmt(limit)}`,
  }
}

function adaptive(base: Judgement, hist: number[], curr: number, t: number, pct: number, direction: Direction, historySamples: HistorySamples | undefined, explain: boolean): Judgement {
  if (hist.length < 4) {
    // Too little history for a robust scale: bencher falls back to percentage at the gate, on every earlier sample.
    // The mean skips missing samples itself, so they are not copied out first.
    const samples = typeof historySamples === 'function' ? historySamples() : historySamples
    const p = percentage(base, samples && countFinite(samples) > 0 ? samples : hist, curr, pct, direction)
    return {
      ...p,
      method: 'adaptive',
      threshold: t,
      gatePercent: pct,
      fallback: true,
      percentBand: p.band,
      details: `fewer than 4 earlier runs: percentage test, ${p.details}`,
    }
  }
  const baseline = median(hist)
  const sigma = madToSigma * mad(hist)
  const noise = Math.max(sigma, 1e-6 * Math.abs(baseline), 1e-12)
  const changePercent = changePercentOf(curr, baseline)

  // Step: the current mean against the robust baseline, in noise units, confirmed by the percentage gate.
  const zStep = (curr - baseline) / noise
  const stepMad = beyond(zStep, t, direction)
  const stepPct = beyond(changePercent, pct, direction)
  const step: Change = stepMad === stepPct ? stepMad : 'unchanged'

  // Drift: Theil-Sen slope over the Hampel-filtered series (earlier runs then the current one), scaled by the
  // step-to-step noise so that a drift cannot hide in its own spread; Mann-Kendall must confirm the trend.
  const series = [...hist, curr]
  const kept = series.filter((x) => Math.abs(x - baseline) <= hampelK * Math.max(sigma, 1e-12))
  const filtered = kept.length >= 4 ? kept : series
  const driftNoise = Math.max(residualSigma(filtered), 1e-6 * Math.abs(baseline), 1e-12)
  const driftTotal = theilSenSlope(filtered) * (filtered.length - 1)
  const zDrift = driftTotal / driftNoise
  const mkP = mannKendall(filtered).pValue
  const driftPercent = changePercentOf(baseline + driftTotal, baseline)
  const driftMad = mkP < mkAlpha ? beyond(zDrift, driftFraction * t, direction) : 'unchanged'
  const driftPct = beyond(driftPercent, pct, direction)
  const drift: Change = driftMad === driftPct ? driftMad : 'unchanged'

  const change: Change = step === 'regressed' || drift === 'regressed' ? 'regressed' : step === 'improved' || drift === 'improved' ? 'improved' : 'unchanged'
  const fired: ('step' | 'drift')[] = []
  if (change !== 'unchanged' && step === change) fired.push('step')
  if (change !== 'unchanged' && drift === change) fired.push('drift')
  return {
    ...base,
    threshold: t,
    gatePercent: pct,
    baseline,
    changePercent,
    change,
    fired,
    band: [baseline - t * noise, baseline + t * noise],
    percentBand: [baseline * (1 - pct / 100), baseline * (1 + pct / 100)].sort((a, b) => a - b) as [number, number],
    details: !explain
      ? ''
      : `fired=${fired.join('+') || 'none'}, z_step=${signed(zStep)} (|z|>${fmt(t)}), z_drift=${signed(zDrift)} (|z|>${fmt(driftFraction * t)}), ` +
      `mk_p=${fmt(mkP)} (<${mkAlpha}), baseline=${fmt(baseline)}, noise=${fmt(noise)}, gate=${fmt(pct)}% (change ${signed(changePercent)}%, drift ${signed(driftPercent)}%)`,
  }
}

/** Step-to-step noise: 1.4826 · MAD of the first differences / √2, robust to a trend. */
function residualSigma(values: number[]): number {
  if (values.length < 2) return 0
  const diffs = values.slice(1).map((x, i) => x - values[i])
  return (madToSigma * mad(diffs)) / Math.SQRT2
}
