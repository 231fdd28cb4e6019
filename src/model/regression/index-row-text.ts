// An index row as the store keeps it: JSON with non-finite numbers kept, read back only when its
// version is this one and its shape is an index row's (another program may have written the table).
import type { RunRef } from '../history'
import type { IndexRow, SummarizeOptions } from './summary'

/**
 * The version of the stored row's format and of how it is computed: raise it whenever the row's
 * fields or `indexRowOptions` change, and rows written before are computed afresh when read.
 */
export const indexRowVersion = 1

/** How an index row is summarised, at import and when a reader computes one itself: the same row either way. */
export const indexRowOptions: SummarizeOptions = { latestChange: true }

/** The row as stored: JSON, with NaN and ±Infinity written as {"$n":"NaN"} (JSON has no such numbers). */
export function indexRowText(row: IndexRow): { version: number; text: string } {
  return { version: indexRowVersion, text: JSON.stringify(row, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $n: String(v) } : v)) }
}

/** The row of `benchmark` from its stored text, or null when it is of another version, not JSON, or not an index row of that benchmark. */
export function readIndexRowText(benchmark: string, stored: { version: number; text: string }): IndexRow | null {
  if (stored.version !== indexRowVersion) return null
  let row: unknown
  try {
    row = JSON.parse(stored.text, (_key, v) => (isObject(v) && Object.keys(v).length === 1 && typeof v.$n === 'string' ? Number(v.$n) : v))
  } catch {
    return null
  }
  return isIndexRow(row) && row.name === benchmark ? row : null
}

// --- internal ---

type Obj = Record<string, unknown>

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isNumber = (v: unknown): v is number => typeof v === 'number'
const isString = (v: unknown): v is string => typeof v === 'string'
const orNull = (check: (v: unknown) => boolean) => (v: unknown) => v === null || check(v)
const verdicts = new Set(['regressed', 'improved', 'unchanged', 'young'])
const directions = new Set(['minimize', 'maximize', 'none'])

function isRunRef(v: unknown): v is RunRef {
  return isObject(v) && orNull(isNumber)(v.id) && isString(v.time) && orNull(isString)(v.timeLabel) && orNull(isString)(v.commit) && isString(v.label)
}

// What the index row's view and sort read, down to the change point's shifted points.
function isChangePoint(v: unknown): boolean {
  if (!isObject(v) || !isRunRef(v.run) || !isRunRef(v.previous)) return false
  const ci = v.ci === null || (Array.isArray(v.ci) && v.ci.length === 2 && v.ci.every(isNumber))
  const moved = v.moved === null || (isObject(v.moved) && isNumber(v.moved.median) && isNumber(v.moved.min) && isNumber(v.moved.max))
  const points = Array.isArray(v.points) && v.points.every((p) => isObject(p) && isNumber(p.point) && isObject(p.inputs) && isNumber(p.ratio) && typeof p.moved === 'boolean')
  return ci && moved && points && [v.index, v.p, v.ratio, v.tested, v.movedCount].every(isNumber)
}

function isResult(v: unknown): boolean {
  if (!isObject(v)) return false
  const spark = Array.isArray(v.spark) && v.spark.every((p) => isObject(p) && isNumber(p.mean) && isNumber(p.std))
  const change = v.latestChange === undefined || v.latestChange === null || isChangePoint(v.latestChange)
  return isString(v.result) && isString(v.units) && directions.has(v.direction as string) && isNumber(v.latest) && verdicts.has(v.verdict as string) && isNumber(v.changePercent) && spark && change
}

function isIndexRow(v: unknown): v is IndexRow {
  if (!isObject(v)) return false
  const change = v.latestChange === undefined || v.latestChange === null || (isObject(v.latestChange) && isString(v.latestChange.result) && isChangePoint(v.latestChange.changePoint))
  return (
    isString(v.name) && isString(v.title) && isNumber(v.runs) && isNumber(v.historyRuns) && isRunRef(v.latest) &&
    (v.verdict === null || verdicts.has(v.verdict as string)) && Array.isArray(v.results) && v.results.every(isResult) && change
  )
}
