// Made-up histories of known shape for the change-point tests (model and CLI): where a change
// happened is known, so the test can say whether it was found at the right run.
// A sweep over algo × n (12 points) with 3 repeats; "time" (minimize) grows with n and has
// seeded noise: 1 % from run to run at each point, 0.5 % between repeats.
import { gaussian, seededRandom } from '../../src/model/random'
import { runToInput, type RunInput } from '../../src/model/run-format'
import type { Run } from '../../src/model/types'

export type ShapeName = 'step' | 'step-one-algo' | 'step-one-point' | 'drift' | 'noise' | 'recovers'

export const algos = ['heap', 'quick', 'merge']
export const ns = [10, 100, 1000, 10000]

/** Each shape: its runs, the factor applied to "time" at run `i` (from 0) and sweep point, and the runs (from 0) where it changes. */
export const shapes: Record<ShapeName, { runs: number; factor: (i: number, algo: string, n: number) => number; changesAt: number[] }> = {
  // Every point 25 % slower from run #46 (index 45) on.
  step: { runs: 60, factor: (i) => (i >= 45 ? 1.25 : 1), changesAt: [45] },
  // The case: only algo=heap became 25 % slower, at every n.
  'step-one-algo': { runs: 60, factor: (i, algo) => (i >= 45 && algo === 'heap' ? 1.25 : 1), changesAt: [45] },
  // One point of twelve, 30 % slower from run #30 (index 29).
  'step-one-point': { runs: 60, factor: (i, algo, n) => (i >= 29 && algo === 'quick' && n === 1000 ? 1.3 : 1), changesAt: [29] },
  // 0.5 % slower at every run: no step, 30 % over the history.
  drift: { runs: 60, factor: (i) => 1 + 0.005 * i, changesAt: [] },
  noise: { runs: 60, factor: () => 1, changesAt: [] },
  // 25 % slower from run #20 (index 19), back from run #40 (index 39).
  recovers: { runs: 60, factor: (i) => (i >= 19 && i < 39 ? 1.25 : 1), changesAt: [19, 39] },
}

/** The runs of a shape (JSON run format, oldest first), for benchmark `name`: what a user would import. */
export function shapeHistory(shape: ShapeName, seed = 1, name: string = shape, runs = shapes[shape].runs): RunInput[] {
  return shapeRuns(shape, seed, name, runs).map((run) => runToInput(run))
}

/**
 * The same runs as `Run` values, built directly (1,000 histories are made per test): ids from 1,
 * a day apart, labelled c001, c002… The column is point-major: algo × n, then repeats.
 */
export function shapeRuns(shape: ShapeName, seed = 1, name: string = shape, runs = shapes[shape].runs): Run[] {
  const random = seededRandom(seed)
  const { factor } = shapes[shape]
  const out: Run[] = []
  for (let i = 0; i < runs; i++) {
    const time = new Float64Array(algos.length * ns.length * 3)
    let cell = 0
    for (const algo of algos) {
      for (const n of ns) {
        const runNoise = 1 + 0.01 * gaussian(random)
        for (let repeat = 1; repeat <= 3; repeat++) time[cell++] = n * 1e-6 * (1 + algos.indexOf(algo) * 0.2) * factor(i, algo, n) * runNoise * (1 + 0.005 * gaussian(random))
      }
    }
    const label = `c${String(i + 1).padStart(3, '0')}`
    out.push({
      id: i + 1,
      benchmark: name,
      title: `${name} (made up)`,
      description: '',
      postDescription: '',
      tag: '',
      time: new Date(Date.UTC(2026, 8, 1, 12) + i * 86_400_000).toISOString(),
      timeLabel: label,
      commit: `${label}0000000`,
      branch: null,
      repeats: 3,
      inputs: [
        { name: 'algo', kind: 'cat', units: '', doc: '', values: algos },
        { name: 'n', kind: 'int', units: '', doc: '', values: ns },
      ],
      consts: [],
      results: [{ name: 'time', kind: 'float', units: 's', doc: '', direction: 'minimize' }],
      data: { time },
      failures: [],
      meta: {},
    })
  }
  return out
}
