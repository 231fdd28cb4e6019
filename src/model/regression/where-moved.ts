/**
 * Where a result moved: which sweep points changed and which did not, summarised robustly (the
 * median change over points, with the smallest and largest beside it) and put in words such as
 * `algo=heap at every n`. Plain data for the CLI, the JSON report and the page.
 */
import { formatInputs } from '../history'
import { max, median, min } from '../stats'
import type { InputValue } from '../types'
import type { PointVerdict } from './detect'

/** Some sweep points, described by their inputs. */
export type PointGroup = {
  points: number[]
  /** How many points there are in all. */
  of: number
  /** `algo=heap at every n`, `every point`, or up to three points listed. */
  description: string
  /** Smallest and largest change of the group, in percent (NaN without one). */
  minPercent: number
  maxPercent: number
}

export type Movement = {
  /** Points with a finite change. */
  measured: number
  /** The headline change: the median over points, with the smallest and largest beside it. */
  medianPercent: number
  smallestPercent: number
  largestPercent: number
  regressed: PointGroup | null
  improved: PointGroup | null
  unchanged: PointGroup | null
}

/**
 * Which points of a result moved and by how much, from its per-point verdicts.
 * @example
 * const m = describeMovement(verdict.results[0].points)
 * m.regressed?.description // 'algo=heap at every n'
 */
export function describeMovement(points: readonly PointVerdict[]): Movement {
  const changes = points.map((p) => p.changePercent).filter((x) => Number.isFinite(x))
  const group = (verdict: PointVerdict['verdict']): PointGroup | null => {
    const members = points.filter((p) => p.verdict === verdict)
    if (members.length === 0) return null
    const pcts = members.map((p) => p.changePercent).filter((x) => Number.isFinite(x))
    return {
      points: members.map((p) => p.point),
      of: points.length,
      description: describePoints(points, members),
      minPercent: min(pcts),
      maxPercent: max(pcts),
    }
  }
  return {
    measured: changes.length,
    medianPercent: median(changes),
    smallestPercent: min(changes),
    largestPercent: max(changes),
    regressed: group('regressed'),
    improved: group('improved'),
    unchanged: group('unchanged'),
  }
}

/**
 * Some points of a sweep in words: when they are every combination of some values of some inputs
 * (a box of the sweep), those values and `at every <input>` for the inputs they span, else up to
 * three points and how many more.
 * @example describePoints(all, heapPoints) // 'algo=heap at every n'
 */
export function describePoints(all: readonly { inputs: Record<string, InputValue> }[], members: readonly { inputs: Record<string, InputValue> }[]): string {
  if (members.length === 0) return 'no point'
  if (members.length === all.length) return all.length === 1 ? formatInputs(all[0].inputs) : 'every point'
  const names = Object.keys(all[0]?.inputs ?? {})
  const valuesOf = (list: readonly { inputs: Record<string, InputValue> }[], name: string) => [...new Set(list.map((p) => p.inputs[name]))]
  const spans = names.map((name) => ({ name, all: valuesOf(all, name), some: valuesOf(members, name) }))
  const boxSize = spans.reduce((n, s) => n * s.some.length, 1)
  // A box is said by its values while they are few; `n=0 or 2 or 4 or 6 or 8` says less than a list.
  if (boxSize === members.length && spans.every((s) => s.some.length === s.all.length || s.some.length <= 3)) {
    // Values in the sweep's order, not the members'.
    const restricted = spans.filter((s) => s.some.length < s.all.length).map((s) => `${s.name}=${s.all.filter((v) => s.some.includes(v)).map(String).join(' or ')}`)
    const free = spans.filter((s) => s.some.length === s.all.length && s.all.length > 1).map((s) => s.name)
    return `${restricted.join(', ')}${free.length > 0 ? ` at every ${free.join(' and ')}` : ''}`
  }
  const shown = members.slice(0, 3).map((p) => formatInputs(p.inputs))
  return `${shown.join('; ')}${members.length > 3 ? ` and ${members.length - 3} more` : ''}`
}
