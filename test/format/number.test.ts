import { beforeAll, describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import { main } from '../../src/cli/main'
import { formatExact, formatInputValue, formatNumber, formatPercent, formatQuantity } from '../../src/format'
import { createApp, storeSource } from '../../src/server'
import { openReadStore, openStore } from '../../src/store'
import { tempDir } from '../helpers/binary'

describe('formatQuantity', () => {
  it.each([
    [0.0005, 's', '500 µs'],
    [685_000, 'ns', '685 µs'],
    [6e9, 'ns', '6 s'],
    [0.12, 'ms', '120 µs'],
    [999.96, 'us', '1 ms'],
    [-0.002, 's', '-2 ms'],
    [1.234e9, 'B/s', '1.234 GB/s'],
    [16384, 'B', '16.38 kB'],
    [16, 'KiB', '16 KiB'],
    [16384, 'KiB', '16 MiB'],
    [0, 'ms', '0 ms'],
    [3, 'ops/s', '3 ops/s'],
    [12.5, '%', '12.5 %'],
    [3, 'min', '3 min'],
    [0.0005, '', '0.0005'],
    [0.0005, 'ul', '0.0005'],
    [1234567, '', '1.235e6'],
    [123456, '', '123456'],
    [0.00001234, '', '1.234e-5'],
    [Number.NaN, 's', '—'],
    [Number.POSITIVE_INFINITY, 's', '∞ s'],
    // Beyond the prefixes: powers of ten of the unit itself (cos 90° × 0.8 m), not "4.899e-5 pm".
    [4.898587196589413e-17, 'm', '4.899e-17 m'],
    [4.9e-17, 'mm', '4.9e-20 m'],
    [3e-13, 's', '0.3 ps'],
    [2.5e22, 'B', '2.5e22 B'],
  ] as const)('%p %s reads %s', (x, unit, text) => {
    expect(formatQuantity(x, unit)).toBe(text)
  })

  it('references nothing outside itself, so the browser can run its source', async () => {
    const copy = new Function(`return (${formatQuantity.toString()})`)() as typeof formatQuantity
    for (const [x, u] of [[0.0005, 's'], [1.5e9, 'B/s'], [20480, 'KiB'], [42, '']] as const) expect(copy(x, u)).toBe(formatQuantity(x, u))
  })

  it('keeps exact values exact: CSV, JSON and input values', async () => {
    expect(formatExact(0.1 + 0.2)).toBe('0.30000000000000004')
    expect(formatInputValue(16384)).toBe('16384')
    expect(formatInputValue(1e-7)).toBe('1e-7')
    expect(formatNumber(null)).toBe('—')
    expect(formatPercent(12.345)).toBe('+12.3%')
  })
})

describe('one text for a number on every surface', () => {
  // Two runs of one point whose time is 0.0005 s at every repeat: every surface must say "500 µs".
  const dir = tempDir('bench-plot-format-')
  const db = join(dir, 'store.sqlite')
  beforeAll(async () => {
    const store = await openStore(db)
    for (const day of [1, 2]) {
      await store.record({
        benchmark: 'fmt',
        time: `2026-10-0${day}T00:00:00Z`,
        results: [{ name: 'time', kind: 'float', units: 's', direction: 'minimize' }],
        samples: [1, 2, 3].map((repeat) => ({ inputs: { n: 16384 }, repeat, results: { time: 0.0005 } })),
      })
    }
    await store.close()
  })
  const io = () => {
    const out: string[] = []
    return { out, io: { stdout: (l: string) => out.push(l), stderr: (l: string) => out.push(l), isTTY: false, env: {} } }
  }

  it('the command line: check and compare', async () => {
    const check = io()
    expect(await main(['check', 'fmt', '--db', db], check.io)).toBe(0)
    expect(check.out.join('\n')).toContain('baseline 500 µs  current 500 µs')
    const compare = io()
    expect(await main(['compare', 'fmt', 'previous', 'latest', '--db', db], compare.io)).toBe(0)
    expect(compare.out.join('\n')).toContain('A 500 µs  B 500 µs')
    expect(compare.out.join('\n')).toMatch(/n=16384\s+500 µs\s+500 µs/)
  })

  it('the page: verdict table, best point, statistics table, samples table and chart tooltips', async () => {
    const read = await openReadStore(db)
    const app = await createApp({ source: storeSource(read), cachedir: dir })
    const page = await (await app.handle(new Request('http://localhost/b/fmt?plots=table'))).text()
    await read.close()
    expect(page).toContain('<td class="num baseline">500 µs</td><td class="num current">500 µs</td>')
    expect(page).toContain('<strong>500 µs</strong>')
    expect(page).toContain('<td class="bp-num">500 µs</td>')
    expect(page).toContain('<td class="num">500 µs</td>')
    // n never varies: it is the run's constant, exact in the header (issue 14), not an axis; tooltips read quantities.
    expect(page).toContain('Same in every sample: <span>n=16384</span>')
    expect(page).toContain('"t":"time: 500 µs\\ncount 3"')
  })
})
