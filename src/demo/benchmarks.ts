import { gaussian, seededRandom } from '../model/random'
import type { RunInput } from '../model/run-format'

/**
 * The bundled demo: made-up but plausible sweeps of every shape bench-plot draws,
 * with a history of runs, a regression and some failures. Deterministic (seeded).
 */
export function demoRuns(): RunInput[] {
  return [...sortHistory(), compression(), learningRate(), startup(), parsers(), robotArm(), sceneExport()]
}

// --- internal ---

const commits = ['3f9a1c2', 'b41d7e0', '9c02aa5', '51e8f3b', 'e7a6d14', '08bc9f1', 'c3d5e72', 'a1b2c3d']

function sortHistory(): RunInput[] {
  const ns = [16, 64, 256, 1024, 4096, 16384]
  const algos = ['quick', 'merge', 'heap']
  const cost: Record<string, number> = { quick: 9e-9, merge: 1.2e-8, heap: 1.6e-8 }
  return commits.map((commit, k) => {
    const rand = seededRandom(100 + k)
    // The last commit makes heap sort 30 % slower: the regression the demo shows.
    const slow = (algo: string) => (k === commits.length - 1 && algo === 'heap' ? 1.3 : 1)
    const samples: RunInput['samples'] = []
    const failures: NonNullable<RunInput['failures']> = []
    for (const n of ns) {
      for (const algo of algos) {
        for (let repeat = 1; repeat <= 5; repeat++) {
          if (k === 5 && n === 16384 && algo === 'merge' && repeat === 4) {
            failures.push({ inputs: { n, algo }, repeat, error: 'MemoryError: allocation of 131072 bytes failed\n  at merge (sort.py:41)' })
            continue
          }
          const t = cost[algo] * n * Math.log2(n) * slow(algo) * (1 + 0.04 * gaussian(rand))
          samples.push({ inputs: { n, algo }, repeat, results: { time: t, comparisons: Math.round(n * Math.log2(n) * (algo === 'heap' ? 2 : 1)) } })
        }
      }
    }
    return {
      benchmark: 'sort',
      title: 'Sorting algorithms',
      description: 'Time to sort `n` random 64-bit integers. Each point is measured **5 times**.',
      post_description: 'Measured on the demo machine; the last commit slows heap sort down on purpose.',
      tag: 'demo',
      time: new Date(Date.UTC(2026, 10, 10 + 2 * k, 9, 30)).toISOString(),
      time_label: commit,
      commit,
      branch: 'main',
      repeats: 5,
      inputs: [
        { name: 'n', kind: 'int', units: 'items', values: ns, doc: 'number of items sorted' },
        { name: 'algo', kind: 'cat', values: algos, doc: 'sorting algorithm' },
      ],
      consts: [{ name: 'seed', value: 42 }, { name: 'dtype', value: 'int64' }],
      results: [
        { name: 'time', kind: 'float', units: 's', direction: 'minimize', doc: 'wall-clock time of one sort' },
        { name: 'comparisons', kind: 'float', units: '', direction: 'minimize', doc: 'element comparisons' },
      ],
      samples,
      failures,
    }
  })
}

function compression(): RunInput {
  const levels = [1, 2, 3, 4, 5, 6, 7, 8, 9]
  const types = ['text', 'json', 'binary', 'image']
  const base: Record<string, number> = { text: 2.8, json: 4.1, binary: 1.6, image: 1.05 }
  const samples = levels.flatMap((level) =>
    types.map((type) => ({
      inputs: { level, filetype: type },
      results: { ratio: base[type] * (1 + 0.06 * Math.log(level)), speed: 420 / (0.6 + level * 0.35) * (type === 'image' ? 1.4 : 1) },
    })),
  )
  return {
    benchmark: 'compress',
    title: 'Compression level by file type',
    description: 'Ratio and speed of one compressor over its levels.',
    time: '2026-11-20T12:00:00Z',
    time_label: 'v2.4.0',
    inputs: [
      { name: 'level', kind: 'int', values: levels },
      { name: 'filetype', kind: 'cat', values: types },
    ],
    results: [
      { name: 'ratio', kind: 'float', units: '', direction: 'maximize', doc: 'input size / output size' },
      { name: 'speed', kind: 'float', units: 'MB/s', direction: 'maximize' },
    ],
    samples,
  }
}

function learningRate(): RunInput {
  const rand = seededRandom(7)
  const lrs = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1]
  const batches = [16, 32, 64, 128, 256]
  const samples: RunInput['samples'] = []
  for (const lr of lrs) {
    for (const batch of batches) {
      for (let repeat = 1; repeat <= 3; repeat++) {
        const x = Math.log10(lr) + 2.5 - Math.log2(batch / 64) * 0.15
        const accuracy = 0.93 - 0.05 * x * x - 0.002 * Math.abs(Math.log2(batch / 64)) + 0.004 * gaussian(rand)
        samples.push({ inputs: { lr, batch }, repeat, results: { accuracy: Math.min(0.99, accuracy), converged: accuracy > 0.85 } })
      }
    }
  }
  return {
    benchmark: 'train',
    title: 'Accuracy over learning rate and batch size',
    time: '2026-11-21T08:00:00Z',
    repeats: 3,
    inputs: [
      { name: 'lr', kind: 'float', values: lrs, doc: 'learning rate' },
      { name: 'batch', kind: 'int', units: 'samples', values: batches },
    ],
    results: [
      { name: 'accuracy', kind: 'float', direction: 'maximize', doc: 'validation accuracy' },
      { name: 'converged', kind: 'bool', direction: 'maximize' },
    ],
    samples,
  }
}

function startup(): RunInput {
  const rand = seededRandom(11)
  return {
    benchmark: 'startup',
    title: 'Cold start',
    description: 'No inputs: one number measured 60 times.',
    time: '2026-11-22T08:00:00Z',
    results: [{ name: 'startup', kind: 'float', units: 'ms', direction: 'minimize' }],
    samples: Array.from({ length: 60 }, (_, i) => ({ inputs: {}, repeat: i + 1, results: { startup: 38 + 4 * gaussian(rand) + (rand() < 0.1 ? 12 : 0) } })),
  }
}

function parsers(): RunInput {
  const rand = seededRandom(13)
  const names = ['simdjson', 'serde', 'rapidjson', 'stdlib']
  const docs = ['twitter', 'canada', 'citm']
  const speed: Record<string, number> = { simdjson: 2.4, serde: 0.9, rapidjson: 1.1, stdlib: 0.3 }
  const samples: RunInput['samples'] = []
  for (const parser of names) {
    for (const doc of docs) {
      for (let repeat = 1; repeat <= 10; repeat++) {
        samples.push({ inputs: { parser, document: doc }, repeat, results: { throughput: speed[parser] * (doc === 'canada' ? 0.6 : 1) * (1 + 0.08 * gaussian(rand)) } })
      }
    }
  }
  return {
    benchmark: 'json-parse',
    title: 'JSON parsers',
    time: '2026-11-22T09:00:00Z',
    repeats: 10,
    inputs: [
      { name: 'parser', kind: 'cat', values: names },
      { name: 'document', kind: 'cat', values: docs },
    ],
    results: [{ name: 'throughput', kind: 'float', units: 'GB/s', direction: 'maximize' }],
    samples,
  }
}

function robotArm(): RunInput {
  const angles = [0, 15, 30, 45, 60, 75, 90]
  return {
    benchmark: 'arm-reach',
    title: 'Robot arm reach',
    description: 'A vector result (end-effector position) and a text note per angle.',
    time: '2026-11-23T10:00:00Z',
    inputs: [{ name: 'angle', kind: 'int', units: 'deg', values: angles }],
    results: [
      { name: 'position', kind: 'vec', size: 2, units: 'm', direction: 'none' },
      { name: 'note', kind: 'string' },
    ],
    samples: angles.map((a) => ({
      inputs: { angle: a },
      results: { position: [Math.cos((a * Math.PI) / 180) * 0.8, Math.sin((a * Math.PI) / 180) * 0.8], note: a === 90 ? 'at the joint limit' : 'ok' },
    })),
  }
}

// Its recordings are real files (recordings.ts), written by `bench-plot demo` under rrd/scene-export/.
function sceneExport(): RunInput {
  const scenes = ['text-log', 'scene']
  const rand = seededRandom(7)
  const base: Record<string, number> = { 'text-log': 0.004, scene: 0.21 }
  return {
    benchmark: 'scene-export',
    title: 'Exporting scenes to rerun',
    description:
      'Time to export a scene as a [rerun](https://rerun.io) recording, 3 repeats, with the recording of each export: ' +
      'load the viewer below the table to see one. Recordings from `JianbinLiu-CFLab/unity-rerun-sdk` (Apache-2.0).',
    time: '2026-11-24T10:00:00Z',
    repeats: 3,
    inputs: [{ name: 'scene', kind: 'cat', values: scenes, doc: 'what is exported' }],
    results: [
      { name: 'time', kind: 'float', units: 's', direction: 'minimize', doc: 'wall-clock time of one export' },
      { name: 'recording', kind: 'rerun', doc: 'the exported recording' },
    ],
    samples: scenes.flatMap((s) =>
      [1, 2, 3].map((repeat) => ({
        inputs: { scene: s },
        repeat,
        results: { time: base[s] * (1 + 0.05 * gaussian(rand)), recording: `rrd/scene-export/${s}.rrd` },
      })),
    ),
  }
}
