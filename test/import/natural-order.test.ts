import { describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import { importSource } from '../../src/import'
import { naturalOrder } from '../../src/import/natural-order'
import { fixturesDir, importFixture, inputsOf } from './helpers'

describe('natural order of input values', () => {
  it('orders sizes and counts by magnitude; names keep their order', () => {
    expect(naturalOrder(['100K', '1K', '50K', '10K'])).toEqual(['1K', '10K', '50K', '100K'])
    expect(naturalOrder(['256B', '16B', '64B'])).toEqual(['16B', '64B', '256B'])
    expect(naturalOrder(['100_keys', '10_keys'])).toEqual(['10_keys', '100_keys'])
    expect(naturalOrder(['1MiB', '512B', '4KiB'])).toEqual(['512B', '4KiB', '1MiB'])
    expect(naturalOrder(['n=10K', 'n=1K'])).toEqual(['n=1K', 'n=10K'])
    expect(naturalOrder(['text', 'json'])).toEqual(['text', 'json'])
    expect(naturalOrder(['py3.10', 'py3.9'])).toEqual(['py3.10', 'py3.9'])
    expect(naturalOrder(['10_keys', '1K'])).toEqual(['10_keys', '1K'])
  })

  it('hyperfine: -L values given out of order come in numeric order (made with hyperfine 1.15.0)', () => {
    const [run] = importFixture('hyperfine', 'sizes-unordered.json').given
    expect(inputsOf(run).size).toEqual(['cat', ['1K', '4K', '16K', '64K']])
  })

  it('criterion: values are not in directory order (1KiB < 4KiB < 16KiB < 64KiB)', () => {
    const dir = join(fixturesDir, 'criterion', 'v0.2', 'target')
    const [run] = importSource({ name: 'v0.2/target', dir })
    expect(inputsOf(run).value).toEqual(['cat', ['1KiB', '4KiB', '16KiB', '64KiB']])
  })
})
