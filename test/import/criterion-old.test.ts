import { describe, expect, it } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { importSource } from '../../src/import'
import { validateRun } from '../../src/model/run-format'
import { fixturesDir, samplesAt } from './helpers'

// Laid out as criterion.rs 0.2.11 writes it (test/fixtures/criterion/README.md): sample.json is [[iters], [times]].
const dir = join(fixturesDir, 'criterion', 'v0.2', 'target')

describe('criterion before 0.3', () => {
  it('imports a folder whose sample.json is the pair [[iters], [times]]', () => {
    const [run] = importSource({ name: 'v0.2/target', dir })
    validateRun(run, { source: 'v0.2/target' })
    expect(run.benchmark).toBe('copy')
    const [iters, times] = JSON.parse(readFileSync(join(dir, 'criterion/copy/memcpy/4KiB/new/sample.json'), 'utf8')) as number[][]
    const got = samplesAt(run, { function: 'memcpy', value: '4KiB' }, 'time') as number[]
    expect(got).toHaveLength(iters.length)
    got.forEach((t, i) => expect(t).toBeCloseTo(times[i] / iters[i], 9))
    expect(run.results?.map((r) => r.name)).toEqual(['time', 'bytes_per_second'])
  })
})
