import { describe, expect, it } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { commandNames } from '../../src/cli/commands'

const doc = readFileSync(join(import.meta.dir, '../../docs/importers.md'), 'utf8')

describe('docs/importers.md', () => {
  it('names only commands that exist', () => {
    const named = [...doc.matchAll(/`bench-plot ([a-z][a-z-]*)/g)].map((m) => m[1])
    expect(named.length).toBeGreaterThan(0)
    const known: readonly string[] = commandNames
    expect(named.filter((n) => !known.includes(n))).toEqual([])
  })

  it.each([
    ['failures are kept apart from the good benchmarks', 'One failed benchmark never loses the others'],
    ['BenchmarkDotNet Result stage', '`IterationStage: Result`'],
    ['BenchmarkDotNet failed benchmark', '"Statistics": null'],
    ['BenchmarkDotNet statistics per job', '[<FullName> [<job>]]'],
    ['Go configuration blocks', '`note: before` / `note: after`'],
    ['Go Unit metadata', '`Unit <unit> key=value…`'],
    ['Go failures', '`--- FAIL: BenchmarkX/sub`'],
    ['pytest object parameters', '`UNSERIALIZABLE[…]`'],
    ['pytest detached head', '`(detached head)`'],
    ['pytest 2.x', '`params: null`'],
    ['natural order', '`1K < 10K < 50K < 100K`'],
    ['CSV numeric inputs', '`Algorithm,Size,Time`'],
    ['CSV rates', '`Throughput`'],
    ['criterion before 0.3', '`[[iters…], [times…]]`'],
    ['Google Benchmark aggregate-only family', 'only aggregate rows'],
    ['Google Benchmark truncated file', 'keeps its complete benchmarks'],
    ['Google Benchmark before v1.5', 'files before v1.5'],
    ['hyperfine templates', 'template *n*'],
  ])('states the rule: %s', (_, phrase) => {
    expect(doc).toContain(phrase)
  })
})
