import { describe, expect, it } from 'bun:test'
import { importSource } from '../../src/import'
import { validateRun } from '../../src/model/run-format'
import { fixtureText, importFixture } from './helpers'

describe('bench-plot', () => {
  it('returns the run objects as given', () => {
    const text = fixtureText('bench-plot', 'runs.json')
    const { given, runs } = importFixture('bench-plot', 'runs.json')
    expect(given).toEqual(JSON.parse(text))
    expect(runs.map((r) => r.benchmark)).toEqual(['sort', 'search'])
  })

  it('fills what a run leaves out from the options, and prefixes names when there are several', () => {
    const { given } = importFixture('bench-plot', 'runs.json', { name: 'team', commit: 'fff', time: '2026-02-03T00:00:00Z' })
    expect(given.map((r) => [r.benchmark, r.commit, r.time])).toEqual([
      ['team/sort', 'fff', '2026-02-03T00:00:00Z'],
      ['team/search', 'abc1234', '2026-02-03T00:00:00Z'],
    ])
  })

  it('leaves validation to validateRun, which names the JSON path', () => {
    const [run] = importSource({ name: 'r.json', text: '{"benchmark": "x", "samples": [{"results": {"t": "slow"}}], "results": [{"name": "t", "kind": "float"}]}' })
    expect(() => validateRun(run, { source: 'r.json' })).toThrow(/^r\.json: samples\[0\]\.results\.t: expected a number/)
  })
})
