import { describe, expect, it } from 'bun:test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defaultMaxCells } from '../../src/model/run-format'
import { runBin } from '../helpers/binary'
import { digest, importedStore, oneLineError } from './helpers'

// Point 4 of issue 22: a few bytes may declare a sweep of any size; the size is checked before anything is allocated.
const run = (over: Record<string, unknown>) => JSON.stringify({ benchmark: 'wild', samples: [{ results: { t: 1 } }], ...over })
const twoValues = Array.from({ length: 60 }, (_, i) => ({ name: `x${i}`, values: [0, 1] }))
const googleRepetition = JSON.stringify({
  context: { date: '2026-11-25T18:51:12+00:00', host_name: 'vm', executable: './b', num_cpus: 2, mhz_per_cpu: 2000, cpu_scaling_enabled: false, caches: [], library_build_type: 'release' },
  benchmarks: [{ name: 'BM_X/8', family_index: 0, per_family_instance_index: 0, run_name: 'BM_X/8', run_type: 'iteration', repetitions: 1, repetition_index: 1e9, threads: 1, iterations: 10, real_time: 1.5, cpu_time: 1.5, time_unit: 'ns' }],
})

const wild: Record<string, string> = {
  'repeats 2^31': run({ repeats: 2 ** 31 }),
  'repeats 2^53': run({ repeats: 2 ** 53 }),
  'repeats 1e9': run({ repeats: 1e9 }),
  'repeats 1e300': run({ repeats: 1e300 }),
  'repeats 2e7 in 69 bytes': run({ repeats: 2e7 }),
  'a vec of size 2^31': run({ results: [{ name: 't', kind: 'vec', size: 2 ** 31 }], samples: [{ results: { t: [1, 2] } }] }),
  '60 inputs of 2 values': run({ inputs: twoValues, samples: [{ inputs: Object.fromEntries(twoValues.map((v) => [v.name, 0])), results: { t: 1 } }] }),
  'a sample at repeat 1e9, repeats left out': run({ samples: [{ repeat: 1e9, results: { t: 1 } }] }),
  'a Google Benchmark repetition_index of 1e9': googleRepetition,
}

describe('declared sizes', () => {
  for (const [name, text] of Object.entries(wild)) {
    it(`refuses ${name} in one line, exit 2, the store unchanged`, async () => {
      const { dir, db } = await importedStore()
      const before = digest(db)
      const file = join(dir, 'wild.json')
      writeFileSync(file, text)
      const r = await runBin(['import', file, '--db', db])
      expect(r.code).toBe(2)
      expect(oneLineError(r)).toMatch(/^bench-plot: .*wild\.json: .*cells, over the cap of 10000000; raise it with import --max-cells N$/)
      expect(digest(db)).toBe(before)
    })
  }

  it('documents the cap and lets --max-cells move it both ways', async () => {
    const help = await runBin(['import', '--help'])
    expect(help.stdout).toContain(`--max-cells N`)
    expect(help.stdout).toContain(`(default ${defaultMaxCells})`)
    const { dir, db } = await importedStore()
    const file = join(dir, 'r.json')
    writeFileSync(file, run({ repeats: 20, samples: Array.from({ length: 20 }, (_, i) => ({ repeat: i + 1, results: { t: i } })) }))
    const low = await runBin(['import', file, '--db', db, '--max-cells', '19'])
    expect(low.code).toBe(2)
    expect(oneLineError(low)).toContain('20 cells, over the cap of 19')
    const fits = await runBin(['import', file, '--db', db, '--max-cells', '20'])
    expect(fits.code).toBe(0)
    expect(fits.stdout).toContain('1 points x 20 repeats')
    const bad = await runBin(['import', file, '--db', db, '--max-cells', '-3'])
    expect(bad.code).toBe(2)
    expect(oneLineError(bad)).toContain('--max-cells')
  })

  it('raised, takes a sweep larger than the default cap', async () => {
    const { dir, db } = await importedStore()
    const file = join(dir, 'big.json')
    writeFileSync(file, run({ repeats: defaultMaxCells + 1 }))
    expect((await runBin(['import', file, '--db', db])).code).toBe(2)
    const r = await runBin(['import', file, '--db', db, '--max-cells', String(defaultMaxCells + 1)])
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain(`1 points x ${defaultMaxCells + 1} repeats`)
  }, 60000)
})
