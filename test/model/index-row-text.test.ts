import { describe, expect, it } from 'bun:test'
import { indexRowText, indexRowVersion, readIndexRowText, sparkPairs, summarizeBenchmark, type IndexRow } from '../../src/model/regression'
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
    // A sparkline of a version 1 row: its runs' numbers, not text.
    expect(readIndexRowText('NaN', { ...stored, text: stored.text.replace(/"spark":"[^"]*"/, '"spark":[{"mean":1,"std":0}]') })).toBeNull()
    expect(readIndexRowText('NaN', { ...stored, text: stored.text.replace('"verdict":"', '"verdict":"worse') })).toBeNull()
  })
})
