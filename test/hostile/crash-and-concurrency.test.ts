import { describe, expect, it } from 'bun:test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunInput } from '../../src/model/run-format'
import { openReadStore } from '../../src/store'
import { binPath, runBin, tempDir } from '../helpers/binary'

// Point 11 of issue 22 (keep what holds): an import killed at any moment loses nothing stored before it
// and leaves no half-written run; writers at the same time all get their runs in.
function sweep(benchmark: string, time: string, points: number): RunInput {
  const a = Array.from({ length: 500 }, (_, i) => i)
  const b = Array.from({ length: Math.ceil(points / 500) }, (_, i) => i)
  return {
    benchmark,
    time,
    repeats: 1,
    inputs: [
      { name: 'a', values: a },
      { name: 'b', values: b },
    ],
    samples: Array.from({ length: a.length * b.length }, (_, i) => ({ inputs: { a: i % 500, b: Math.floor(i / 500) }, repeat: 1, results: { t: (i * 7919) % 1000, m: i } })),
  }
}

/** Every run of the store read back in full: id, time and samples; throws when any is damaged. */
async function readBack(db: string): Promise<{ id: number; time: string; samples: number }[]> {
  const store = await openReadStore(db)
  try {
    const out: { id: number; time: string; samples: number }[] = []
    for (const b of await store.listBenchmarks()) {
      for (const r of (await store.loadBenchmark(b.name)).runs) out.push({ id: r.id as number, time: r.time, samples: (r.data.m as Float64Array).filter((x) => !Number.isNaN(x)).length })
    }
    return out
  } finally {
    await store.close()
  }
}

describe('SIGKILL during import', () => {
  it('leaves the store with every earlier run whole and the killed one either whole or absent', async () => {
    const dir = tempDir()
    const db = join(dir, 'bench-plot.sqlite')
    const points = 100_000
    const files = Array.from({ length: 13 }, (_, k) => {
      const file = join(dir, `run-${k}.json`)
      writeFileSync(file, JSON.stringify(sweep('killed', `2026-11-${String(k + 1).padStart(2, '0')}T10:00:00Z`, points)))
      return file
    })
    // One import whole, timed only to spread the kills over its length.
    const t0 = performance.now()
    expect((await runBin(['import', files[0], '--db', db])).code).toBe(0)
    const took = performance.now() - t0
    let stored = 1
    for (let k = 1; k < files.length; k++) {
      const proc = Bun.spawn([binPath, 'import', files[k], '--db', db], { stdout: 'ignore', stderr: 'ignore', env: { PATH: '/nonexistent' } })
      await Bun.sleep((took * k) / files.length)
      proc.kill('SIGKILL')
      const code = await proc.exited
      const runs = await readBack(db)
      // Killed before the commit: the run is absent; after: whole. Never anything in between.
      expect(runs.length === stored || runs.length === stored + 1).toBe(true)
      for (const r of runs) expect(r.samples).toBe(points)
      if (runs.length === stored + 1) stored++
      // Finished before the kill, or killed: never an error exit of its own.
      expect(code === 0 || proc.signalCode === 'SIGKILL').toBe(true)
    }
    // The store still takes runs afterwards.
    const after = await runBin(['import', files[files.length - 1], '--db', db, '--name', 'after'])
    expect(after.code).toBe(0)
    expect((await readBack(db)).length).toBe(stored + 1)
  }, 300_000)
})

describe('concurrent writers', () => {
  it('four imports at once, three times over: every run recorded, none damaged', async () => {
    const dir = tempDir()
    const db = join(dir, 'bench-plot.sqlite')
    const points = 20_000
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        [0, 1, 2, 3].map((w) => {
          const file = join(dir, `w${w}-r${round}.json`)
          writeFileSync(file, JSON.stringify(sweep(`writer-${w}`, `2026-11-${String(round + 1).padStart(2, '0')}T10:00:0${w}Z`, points)))
          return runBin(['import', file, '--db', db])
        }),
      )
      for (const r of results) expect(`${r.code} ${r.stderr}`).toBe('0 ')
    }
    const runs = await readBack(db)
    expect(runs).toHaveLength(12)
    for (const r of runs) expect(r.samples).toBe(points)
  }, 300_000)
})
