import { describe, expect, it } from 'bun:test'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { formats } from '../../src/import'
import * as benchPlot from '../../src/import/bench-plot'
import * as benchmarkDotnet from '../../src/import/benchmarkdotnet'
import * as criterion from '../../src/import/criterion'
import * as csv from '../../src/import/csv'
import * as goTest from '../../src/import/go-test'
import * as googleBenchmark from '../../src/import/google-benchmark'
import * as hyperfine from '../../src/import/hyperfine'
import * as pytestBenchmark from '../../src/import/pytest-benchmark'
import { fixturesDir, fixtureText } from './helpers'

const textImporters = [benchPlot, googleBenchmark, pytestBenchmark, hyperfine, goTest, benchmarkDotnet, csv]

/** Every fixture file of every text format: [format, file]. */
const cases = textImporters.flatMap((i) =>
  readdirSync(join(fixturesDir, i.format))
    .filter((f) => /\.(json|txt|csv)$/.test(f))
    .map((f) => [i.format, f] as const),
)

describe('format detection', () => {
  it('lists every format, criterion included', () => {
    expect(formats).toEqual(['bench-plot', 'google-benchmark', 'pytest-benchmark', 'hyperfine', 'go-test', 'criterion', 'benchmarkdotnet', 'csv'])
  })

  it.each(cases)('detects %s/%s as its own format and as no other', (format, file) => {
    const text = fixtureText(format, file)
    const detected = textImporters.filter((i) => i.detect(text)).map((i) => i.format)
    expect(detected).toEqual([format])
  })

  it('detects the criterion folder only as criterion', () => {
    expect(criterion.detectDir(join(fixturesDir, 'criterion', 'target', 'criterion'))).toBe(true)
    for (const i of textImporters) expect(criterion.detectDir(join(fixturesDir, i.format))).toBe(false)
  })

  it('never throws from detect on junk', () => {
    for (const i of textImporters) for (const junk of ['', '{', '[1,', '\u0000\u0001', 'a\n"b']) expect(() => i.detect(junk)).not.toThrow()
  })
})
