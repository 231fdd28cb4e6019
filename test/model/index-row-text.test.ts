import { describe, expect, it } from 'bun:test'
import { indexRowText, indexRowVersion, readIndexRowText, sparkPairs, sparkText, summarizeBenchmark, type IndexRow } from '../../src/model/regression'
import { validateRun } from '../../src/model/run-format'

// A benchmark of four runs whose second run has no finite value: its spark point is NaN.
function row(): IndexRow {
  const runs = [1, Number.NaN, 1.02, 1.5].map((x, k) =>
    validateRun({
      benchmark: 'NaN',
      title: 'NaN',
      time: `2026-10-0${k + 1}T00:00:00Z`,
      repeats: 2,
      inputs: [{ name: 'n', kind: 'int', values: [1, 2] }],
      results: [{ name: 'time', kind: 'float', units: 's', direction: 'minimize' }],
      samples: [1, 2].flatMap((n) => [1, 2].map((repeat) => ({ inputs: { n }, repeat, results: { time: Number.isNaN(x) ? null : x * n * (1 + repeat * 1e-3) } }))),
    }),
  )
  return summarizeBenchmark({ name: 'NaN', runs: runs.map((r, i) => ({ ...r, id: i + 1 })) }, { latestChange: true })
}

describe('an index row as stored', () => {
  it('reads back as the same row, NaN and infinities included, and text that says "NaN" still text', () => {
    const r = row()
    r.results[0].changePercent = Number.POSITIVE_INFINITY
    expect(sparkPairs(r.results[0].spark)[1][0]).toBeNaN()
    const back = readIndexRowText('NaN', indexRowText(r))
    expect(back).toEqual(r)
    expect([back?.name, back?.title, back?.results[0].changePercent]).toEqual(['NaN', 'NaN', Number.POSITIVE_INFINITY])
  })

  it('is not read when of another version, of another benchmark, not JSON, or not an index row', () => {
    const stored = indexRowText(row())
    expect(readIndexRowText('NaN', { ...stored, version: indexRowVersion + 1 })).toBeNull()
    expect(readIndexRowText('other', stored)).toBeNull()
    expect(readIndexRowText('NaN', { ...stored, text: stored.text.slice(0, -1) })).toBeNull()
    expect(readIndexRowText('NaN', { ...stored, text: stored.text.replace('"spark":"', '"spark":"x') })).toBeNull()
    expect(readIndexRowText('NaN', { ...stored, text: stored.text.replace('"spark":"', '"spark":"\\"><b>') })).toBeNull()
    // A version 2 row whose sparkline is a version 1 row's: its runs' numbers, not text.
    expect(readIndexRowText('NaN', { ...stored, text: stored.text.replace(/"spark":"[^"]*"/, '"spark":[{"mean":1,"std":0}]') })).toBeNull()
    expect(readIndexRowText('NaN', { ...stored, text: stored.text.replace('"verdict":"', '"verdict":"worse') })).toBeNull()
  })

  it('of version 1 (a sparkline as its runs\' numbers) reads as the row of now, its sparkline as text', () => {
    const r = row()
    // The runs of the row's sparkline as version 1 kept them, the second without a value.
    const points = [{ mean: 1.5, std: 0.01 }, { mean: Number.NaN, std: Number.NaN }, { mean: 1.53, std: 0.02 }, { mean: 2.25, std: 0.05 }]
    const v1 = indexRowText({ ...r, results: r.results.map((res) => ({ ...res, spark: points as unknown as string })) })
    const back = readIndexRowText('NaN', { version: 1, text: v1.text })
    expect(back).toEqual({ ...r, results: r.results.map((res) => ({ ...res, spark: sparkText(points) })) })
    // The band is 1.49 to 2.30: thousandths of it from its bottom.
    expect(sparkPairs(back?.results[0].spark ?? '')).toEqual([[12, 12], [Number.NaN, 0], [49, 25], [938, 62]])
    // A version 1 row whose sparkline is not its runs' numbers is not read.
    expect(readIndexRowText('NaN', { version: 1, text: v1.text.replace('"mean":1.5', '"mean":"x"') })).toBeNull()
    expect(readIndexRowText('NaN', { version: 1, text: indexRowText(r).text })).toBeNull()
  })
})
