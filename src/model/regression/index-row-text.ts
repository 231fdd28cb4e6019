// An index row as the store keeps it: JSON with non-finite numbers kept, read back only when its
// version is this one and its shape is an index row's (another program may have written the table).
import type { RunRef } from '../history'
import { isSparkText, sparkText } from './spark-text'
import type { IndexRow, SparkPoint, SummarizeOptions } from './summary'

/**
 * The version of the stored row's format and of how it is computed: raise it whenever the row's
 * fields or `indexRowOptions` change, and rows written before are computed afresh when read.
 * 2: a sparkline is its text (`sparkText`), no longer its runs' full-precision means and stds.
 */
export const indexRowVersion = 2

/** How an index row is summarised, at import and when a reader computes one itself: the same row either way. */
export const indexRowOptions: SummarizeOptions = { latestChange: true }

/** The row as stored: JSON, with NaN and ±Infinity written as the strings "NaN", "Infinity", "-Infinity" (JSON has no such numbers). */
export function indexRowText(row: IndexRow): { version: number; text: string } {
  return { version: indexRowVersion, text: JSON.stringify(row, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) }
}

/**
 * The row of `benchmark` from its stored text, or null when it is of another version, not JSON, or not
 * an index row of that benchmark. A version 1 row is read too: its sparklines' runs become their text,
 * the same text the summary gives now, so a store written before does not compute every row afresh.
 */
export function readIndexRowText(benchmark: string, stored: { version: number; text: string }): IndexRow | null {
  if (stored.version !== indexRowVersion && stored.version !== 1) return null
  let row: unknown
  try {
    // No reviver: it would take ten times the parse. The check below turns the non-finite numbers back, field by field.
    row = JSON.parse(stored.text)
  } catch {
    return null
  }
  if (stored.version === 1 && !sparksAsText(row)) return null
  return isIndexRow(row) && row.name === benchmark ? row : null
}

// --- internal ---

type Obj = Record<string, unknown>

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isString = (v: unknown): v is string => typeof v === 'string'
const nonFinite: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY }
const verdicts = new Set(['regressed', 'improved', 'unchanged', 'young'])
const directions = new Set(['minimize', 'maximize', 'none'])

// Whether o[key] is a number, after turning a non-finite one written as text back into it.
function isNumberAt(o: Obj | unknown[], key: string | number): boolean {
  const v = (o as Obj)[key]
  if (typeof v === 'number') return true
  if (typeof v !== 'string' || !(v in nonFinite)) return false
  ;(o as Obj)[key] = nonFinite[v]
  return true
}

function isRunRef(v: unknown): v is RunRef {
  return isObject(v) && (v.id === null || isNumberAt(v, 'id')) && isString(v.time) && (v.timeLabel === null || isString(v.timeLabel)) && (v.commit === null || isString(v.commit)) && isString(v.label)
}

// What the index row's view and sort read, down to the change point's shifted points.
function isChangePoint(v: unknown): boolean {
  if (!isObject(v) || !isRunRef(v.run) || !isRunRef(v.previous)) return false
  const ci = v.ci === null || (Array.isArray(v.ci) && v.ci.length === 2 && isNumberAt(v.ci, 0) && isNumberAt(v.ci, 1))
  const moved = v.moved === null || (isObject(v.moved) && ['median', 'min', 'max'].every((k) => isNumberAt(v.moved as Obj, k)))
  const points = Array.isArray(v.points) && v.points.every((p) => isObject(p) && isNumberAt(p, 'point') && isObject(p.inputs) && isNumberAt(p, 'ratio') && isNumberAt(p, 'p') && typeof p.moved === 'boolean')
  return ci && moved && points && ['index', 'p', 'ratio', 'tested', 'movedCount'].every((k) => isNumberAt(v, k))
}

function isResult(v: unknown): boolean {
  if (!isObject(v)) return false
  const spark = isString(v.spark) && isSparkText(v.spark)
  const change = v.latestChange === undefined || v.latestChange === null || isChangePoint(v.latestChange)
  return isString(v.result) && isString(v.units) && directions.has(v.direction as string) && isNumberAt(v, 'latest') && verdicts.has(v.verdict as string) && isNumberAt(v, 'changePercent') && spark && change
}

// A version 1 row's sparklines ({ mean, std } per run, non-finite ones as text) turned into their text, in place.
function sparksAsText(v: unknown): boolean {
  if (!isObject(v) || !Array.isArray(v.results)) return false
  for (const r of v.results) {
    if (!isObject(r) || !Array.isArray(r.spark)) return false
    const points: unknown[] = r.spark
    if (!points.every((p) => isObject(p) && isNumberAt(p, 'mean') && isNumberAt(p, 'std'))) return false
    r.spark = sparkText(points as SparkPoint[])
  }
  return true
}

function isIndexRow(v: unknown): v is IndexRow {
  if (!isObject(v)) return false
  const change = v.latestChange === undefined || v.latestChange === null || (isObject(v.latestChange) && isString(v.latestChange.result) && isChangePoint(v.latestChange.changePoint))
  return (
    isString(v.name) && isString(v.title) && isNumberAt(v, 'runs') && isNumberAt(v, 'historyRuns') && isRunRef(v.latest) &&
    (v.verdict === null || verdicts.has(v.verdict as string)) && Array.isArray(v.results) && v.results.every(isResult) && change
  )
}
