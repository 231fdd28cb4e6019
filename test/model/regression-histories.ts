// Made-up histories whose verdicts are known, shared by the model, CLI and fragment tests.
// Each is a list of runs in the JSON run format, oldest first: a sweep over n with 5 repeats,
// "time" (minimize) proportional to n and "throughput" (maximize), with seeded noise of ±0.5 %.
import type { RunInput } from '../../src/model/run-format'

export type HistoryCase = 'step' | 'drift' | 'noise' | 'improvement' | 'single' | 'input-change'

export const caseNames: HistoryCase[] = ['step', 'drift', 'noise', 'improvement', 'single', 'input-change']

/** Verdict of "time" each case must give with the default (adaptive) method, and the exit code of `check`. */
export const expected: Record<HistoryCase, { verdict: string; exit: number }> = {
  step: { verdict: 'regressed', exit: 1 },
  drift: { verdict: 'regressed', exit: 1 },
  noise: { verdict: 'unchanged', exit: 0 },
  improvement: { verdict: 'improved', exit: 0 },
  single: { verdict: 'young', exit: 0 },
  'input-change': { verdict: 'young', exit: 0 },
}

/** The runs of a case, for benchmark `name`. */
export function historyCase(kind: HistoryCase, name: string = kind): RunInput[] {
  const random = seeded(kind.length * 7919 + 17)
  const runs: RunInput[] = []
  const add = (ns: number[], scale: (n: number) => number) => runs.push(makeRun(name, runs.length, ns, scale, random))
  const ns = [10, 100, 1000]
  switch (kind) {
    case 'step':
      // Steady for 6 runs, then n=1000 gets 50 % slower; n=10 and n=100 stay put.
      for (let i = 0; i < 6; i++) add(ns, () => 1)
      add(ns, (n) => (n === 1000 ? 1.5 : 1))
      break
    case 'drift':
      // 2 % slower at every run: no single step is large, the trend is.
      for (let i = 0; i < 10; i++) add(ns, () => 1 + 0.02 * i)
      break
    case 'noise':
      for (let i = 0; i < 8; i++) add(ns, () => 1)
      break
    case 'improvement':
      for (let i = 0; i < 6; i++) add(ns, () => 1)
      add(ns, () => 0.7)
      break
    case 'single':
      add(ns, () => 1)
      break
    case 'input-change':
      // Three runs over n ≤ 1000, then a run that adds n=10000 (and is 3x slower): a new history of one run.
      for (let i = 0; i < 3; i++) add(ns, () => 1)
      add([...ns, 10000], () => 3)
      break
  }
  return runs
}

// --- internal ---

function makeRun(name: string, index: number, ns: number[], scale: (n: number) => number, random: () => number): RunInput {
  const samples: RunInput['samples'] = []
  for (const n of ns) {
    for (let repeat = 1; repeat <= 5; repeat++) {
      const noise = 1 + (random() - 0.5) * 0.01
      const time = n * 1e-3 * scale(n) * noise
      samples.push({ inputs: { n }, repeat, results: { time, throughput: n / time } })
    }
  }
  const day = String(index + 1).padStart(2, '0')
  return {
    benchmark: name,
    title: `${name} history`,
    time: `2026-10-${day}T12:00:00Z`,
    time_label: `v1.${index}`,
    commit: `c0ffee${index}`,
    repeats: 5,
    inputs: [{ name: 'n', kind: 'int', values: ns }],
    results: [
      { name: 'time', kind: 'float', units: 's', direction: 'minimize' },
      { name: 'throughput', kind: 'float', units: 'items/s', direction: 'maximize' },
    ],
    samples,
  }
}

// A small LCG so that every run of the suite sees the same "noise".
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}
