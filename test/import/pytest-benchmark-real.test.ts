import { describe, expect, it } from 'bun:test'
import { importSource } from '../../src/import'
import { fixtureText, importFixture, inputsOf, runNamed } from './helpers'

// Real pytest-benchmark files (test/fixtures/pytest-benchmark/SOURCES.md).

type PbCase = { name: string; params: Record<string, unknown> | null; stats: { data?: number[]; rounds: number } | null }
const casesOf = (file: string) => (JSON.parse(fixtureText('pytest-benchmark', file)) as { benchmarks: PbCase[] }).benchmarks

describe('pytest-benchmark: real files', () => {
  it('uses the param id for object parameters, so two runs of one suite have the same inputs', () => {
    const reprs = casesOf('codecs-run1.json').map((c) => String(c.params?.codec ?? c.params?.compress))
    expect(reprs.every((r) => r.startsWith('UNSERIALIZABLE['))).toBe(true)
    const one = importFixture('pytest-benchmark', 'codecs-run1.json').given
    const two = importFixture('pytest-benchmark', 'codecs-run2.json').given
    expect(inputsOf(runNamed(one, 'test_encode'))).toEqual({ size: ['int', [10, 1000]], codec: ['cat', ['json', 'pickle']] })
    expect(inputsOf(runNamed(one, 'test_pack'))).toEqual({ compress: ['cat', ['compress', 'bytes']] })
    for (const name of ['test_encode', 'test_pack']) expect(inputsOf(runNamed(two, name))).toEqual(inputsOf(runNamed(one, name)))
  })

  it('does not take "(detached head)" for a branch', () => {
    expect(JSON.parse(fixtureText('pytest-benchmark', 'codecs-run1.json')).commit_info.branch).toBe('(detached head)')
    const [run] = importFixture('pytest-benchmark', 'codecs-run1.json').given
    expect(run.branch).toBeUndefined()
    expect(run.commit).toMatch(/^[0-9a-f]{40}$/)
  })

  it('keeps the id from the name (test_x[0]) of a pytest-benchmark 2.x file with params null', () => {
    const [raw] = casesOf('v2.5-params-null.json')
    expect([raw.name, raw.params]).toEqual(['test_xfast_parametrized[0]', null])
    const [run] = importFixture('pytest-benchmark', 'v2.5-params-null.json').given
    expect(run.benchmark).toBe('test_xfast_parametrized')
    expect(inputsOf(run)).toEqual({ param: ['int', [0]] })
  })

  it('keeps every raw sample of a file saved with --benchmark-save-data as repeats', () => {
    const cases = casesOf('codecs-saved-data.json')
    const [run] = importFixture('pytest-benchmark', 'codecs-saved-data.json').given.filter((r) => r.benchmark === 'test_encode')
    const big = cases.find((c) => c.name === 'test_encode[1000-pickle]')
    const times = run.samples.filter((s) => s.inputs?.size === 1000 && s.inputs?.codec === 'pickle').map((s) => s.results.time)
    expect(times).toEqual(big?.stats?.data ?? [])
    expect(times).toHaveLength(big?.stats?.rounds ?? -1)
  })

  it('records an entry without stats as a failure and keeps the others', () => {
    // The real file with the stats of one case taken away, as pytest-benchmark leaves a case that never measured.
    const file = JSON.parse(fixtureText('pytest-benchmark', 'codecs-run1.json'))
    file.benchmarks[0].stats = null
    const runs = importSource({ name: 'codecs-run1.json', text: JSON.stringify(file) })
    const encode = runNamed(runs, 'test_encode')
    expect(encode.failures).toEqual([{ inputs: { size: 10, codec: 'json' }, repeat: 1, error: expect.stringContaining('no stats') }])
    expect(encode.samples.some((s) => s.inputs?.size === 10 && s.inputs?.codec === 'pickle')).toBe(true)
  })
})
