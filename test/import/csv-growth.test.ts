import { describe, expect, it } from 'bun:test'
import { importSource } from '../../src/import'

// Issue 22.5: CSV import must grow linearly with the rows. Compared as a ratio of two sizes measured in one run,
// never against an absolute time. 4x the rows take 4-6x as long here (the garbage collector works harder on a
// bigger heap); a quadratic import takes 16x or more (26x measured before the fix: 20,000 rows 4.4 s, 80,000 rows 116 s).

function sweepCsv(rows: number): string {
  const lines = ['n,algo,repeat,time (ms)']
  for (let i = 0; i < rows; i++) {
    lines.push(`${Math.floor(i / 40) * 10},${['quick', 'merge', 'heap', 'radix'][i % 4]},${1 + (Math.floor(i / 4) % 10)},${(i % 97) / 10 + 1}`)
  }
  return `${lines.join('\n')}\n`
}

/** CPU time (user + system, of this process only) of one import; a full GC first, so no import pays for another's garbage. */
function importCpu(text: string): number {
  Bun.gc(true)
  const start = process.cpuUsage()
  const runs = importSource({ name: 'sweep.csv', text })
  const used = process.cpuUsage(start)
  expect(runs[0].samples.length).toBe(text.split('\n').length - 2)
  return used.user + used.system
}

describe('csv import growth', () => {
  it('takes less than 10x as long for 4x the rows (linear, not quadratic)', () => {
    const small = sweepCsv(10000)
    const large = sweepCsv(40000)
    importCpu(sweepCsv(2000)) // warm up the JIT
    // The two sizes alternate and the least of each counts: other work on a shared machine lengthens wall time,
    // much less this process's own CPU time, and the least of several is the least disturbed.
    let bestSmall = Number.POSITIVE_INFINITY
    let bestLarge = Number.POSITIVE_INFINITY
    for (let t = 0; t < 4; t++) {
      bestSmall = Math.min(bestSmall, importCpu(small))
      bestLarge = Math.min(bestLarge, importCpu(large))
    }
    expect(bestLarge / bestSmall).toBeLessThan(10)
  }, 60000)
})
