import { describe, expect, it } from 'bun:test'
import { BenchPlotError } from '../../src/errors'
import { parseRunsJson, readCell, runToInput, validateRun } from '../../src/model/run-format'
import { cellIndex, pointIndex, sweepSentence } from '../../src/model/sweep'
import type { Run } from '../../src/model/types'
import { sortRun } from '../fixtures/sort-run'

const errorOf = (f: () => unknown): string => {
  try {
    f()
  } catch (err) {
    expect(err).toBeInstanceOf(BenchPlotError)
    return (err as Error).message
  }
  throw new Error('expected an error')
}

describe('validateRun', () => {
  it('builds dense columns over (inputs, repeat) from the example run', () => {
    const run = validateRun(sortRun())
    expect(run.repeats).toBe(3)
    expect(run.data.time).toBeInstanceOf(Float64Array)
    expect(run.data.time.length).toBe(3 * 2 * 3)
    const p = pointIndex(run.inputs, [2, 1]) // n=1000, algo=heap
    expect(readCell(run.data.time, run.results[0], cellIndex(p, 1, 3))).toBeCloseTo(0.2 + 1e-6)
    expect(readCell(run.data.time, run.results[0], cellIndex(p, 2, 3))).toBeNull()
    expect(readCell(run.data.ok, run.results[1], cellIndex(0, 1, 3))).toBe(true)
    expect(run.failures).toEqual([{ inputs: { n: 1000, algo: 'heap' }, repeat: 2, error: 'timeout\nstack line' }])
    expect(run.time).toBe('2026-11-25T10:00:00.000Z')
    expect(sweepSentence(run)).toBe('Sweeping n by algo by repeat to generate a 3x2x3 result dataset containing time, ok')
  })

  it('infers kind, values, units, direction, repeats and time', () => {
    const now = new Date('2026-01-02T03:04:05Z')
    const run = validateRun(
      {
        benchmark: 'b',
        samples: [
          { inputs: { x: 0.5, mode: 'a', flag: true }, results: { t: 1, ok: false, v: [1, 2], s: 'hi' } },
          { inputs: { x: 0.25, mode: 'b', flag: false }, results: { t: 2 } },
          { inputs: { x: 0.5, mode: 'a', flag: true }, results: { t: 3 } },
        ],
      },
      { now },
    )
    expect(run.inputs.map((v) => [v.name, v.kind, v.values])).toEqual([
      ['x', 'float', [0.25, 0.5]],
      ['mode', 'cat', ['a', 'b']],
      ['flag', 'bool', [true, false]],
    ])
    expect(run.results.map((r) => [r.name, r.kind, r.direction, r.size])).toEqual([
      ['t', 'float', 'minimize', undefined],
      ['ok', 'bool', 'minimize', undefined],
      ['v', 'vec', 'minimize', 2],
      ['s', 'string', 'none', undefined],
    ])
    expect(run.repeats).toBe(2) // the point x=0.5 was given twice without a repeat number
    expect(run.time).toBe(now.toISOString())
    expect(run.title).toBe('b')
  })

  it('keeps null and missing results as missing, never zero', () => {
    const run = validateRun({ benchmark: 'b', results: [{ name: 't' }, { name: 'u' }], samples: [{ inputs: {}, results: { t: null } }] })
    expect(Number.isNaN(run.data.t[0] as number)).toBe(true)
    expect(Number.isNaN(run.data.u[0] as number)).toBe(true)
  })

  it('round-trips through runToInput', () => {
    const run = validateRun(sortRun())
    const again = validateRun(runToInput(run))
    expect(Array.from(again.data.time as Float64Array)).toEqual(Array.from(run.data.time as Float64Array))
    expect(again.inputs).toEqual(run.inputs)
  })

  it('gives the same fingerprint to the same input and another to a changed one', () => {
    expect(validateRun(sortRun()).fingerprint).toBe(validateRun(sortRun()).fingerprint as string)
    expect(validateRun(sortRun({ tag: 'other' })).fingerprint).not.toBe(validateRun(sortRun()).fingerprint as string)
  })

  it('reads a well-formed run the same as a run it has to check field by field', () => {
    // Without a `repeats` declaration the one-pass reading steps aside and the checked passes read the run.
    const { fingerprint: _one, data: onePassData, ...onePass } = validateRun(sortRun())
    const { fingerprint: _checked, data: checkedData, ...checked } = validateRun({ ...sortRun(), repeats: undefined })
    expect(checked).toEqual(onePass)
    // As plain arrays: toEqual does not take NaN (a missing cell) as equal inside a Float64Array.
    const plain = (data: Run['data']) => Object.fromEntries(Object.entries(data).map(([name, column]) => [name, Array.from<unknown>(column)]))
    expect(plain(checkedData)).toEqual(plain(onePassData))
    const withText = (note: unknown) => ({ ...sortRun({ results: [{ name: 'note', kind: 'string' }] }), samples: [{ inputs: { n: 10, algo: 'quick' }, repeat: 2, results: { note } }] })
    expect(validateRun(withText('slow')).data.note).toEqual([null, 'slow', null, ...new Array(15).fill(null)])
    expect(validateRun(withText(null)).data.note).toEqual(new Array(18).fill(null))
  })

  it('names the same problem first however many samples are wrong: every sample\'s fields and inputs before any results', () => {
    const samples = sortRun().samples.map((s) => ({ ...s }))
    samples[1] = { ...samples[1], results: { time: 'slow' } }
    samples[4] = { ...samples[4], inputs: { n: 10, algo: 'merge' } }
    expect(errorOf(() => validateRun({ ...sortRun(), samples }, { source: 'runs.json' }))).toBe('runs.json: samples[4].inputs.algo: "merge" is not among the declared values of "algo"')
    samples[4] = { ...samples[4], inputs: { n: 10, algo: 'heap' } }
    expect(errorOf(() => validateRun({ ...sortRun(), samples }, { source: 'runs.json' }))).toBe('runs.json: samples[1].results.time: expected a number, got "slow"')
    samples[7] = 42 as never
    expect(errorOf(() => validateRun({ ...sortRun(), samples, inputs: 'n' as never }, { source: 'runs.json' }))).toBe('runs.json: samples[7]: expected an object, got 42')
  })

  it.each([
    ['an unknown kind', sortRun({ inputs: [{ name: 'n', kind: 'integer' as never, values: [10, 100, 1000] }, { name: 'algo', values: ['quick', 'heap'] }] }), /^runs\.json: inputs\[0\]\.kind: expected one of float, int, cat, bool, got "integer"$/],
    ['an undeclared input', { ...sortRun(), samples: [{ inputs: { n: 10, algo: 'quick', z: 1 }, repeat: 1, results: {} }] }, /^runs\.json: samples\[0\]\.inputs\.z: input "z" is not declared in inputs$/],
    ['an undeclared result', { ...sortRun(), samples: [{ inputs: { n: 10, algo: 'quick' }, repeat: 1, results: { mem: 1 } }] }, /^runs\.json: samples\[0\]\.results\.mem: result "mem" is not declared in results$/],
    ['a value of the wrong type', { ...sortRun(), samples: [{ inputs: { n: 10, algo: 'quick' }, repeat: 1, results: { time: 'abc' } }] }, /^runs\.json: samples\[0\]\.results\.time: expected a number, got "abc"$/],
    ['a categorical value not declared', { ...sortRun(), samples: [{ inputs: { n: 10, algo: 'merge' }, repeat: 1, results: {} }] }, /^runs\.json: samples\[0\]\.inputs\.algo: "merge" is not among the declared values of "algo"$/],
    ['a repeat out of range', { ...sortRun(), samples: [{ inputs: { n: 10, algo: 'quick' }, repeat: 4, results: {} }] }, /^runs\.json: samples\[0\]\.repeat: repeat 4 is out of range 1\.\.3$/],
    ['a repeat of zero', { ...sortRun(), samples: [{ inputs: { n: 10, algo: 'quick' }, repeat: 0, results: {} }] }, /^runs\.json: samples\[0\]\.repeat: expected a whole number of at least 1, got 0$/],
    ['two samples for one point and repeat', { ...sortRun(), samples: [{ inputs: { n: 10, algo: 'quick' }, repeat: 1, results: {} }, { inputs: { algo: 'quick', n: 10 }, repeat: 1, results: {} }] }, /^runs\.json: samples\[1\]: same inputs and repeat 1 as samples\[0\]$/],
    ['a missing input', { ...sortRun(), samples: [{ inputs: { n: 10 }, repeat: 1, results: {} }] }, /^runs\.json: samples\[0\]\.inputs: missing input "algo"$/],
    ['a media path leaving the cache', { benchmark: 'b', results: [{ name: 'img', kind: 'image' }], samples: [{ inputs: {}, results: { img: '../etc/passwd' } }] }, /^runs\.json: samples\[0\]\.results\.img: expected a path relative to the cache directory/],
    ['a bad time', sortRun({ time: 'yesterday' }), /^runs\.json: time: expected an ISO 8601 time, got "yesterday"$/],
    ['an unknown field', { ...sortRun(), colour: 'red' }, /^runs\.json: colour: unknown field/],
  ])('rejects %s with the file and JSON path', (_what, input, message) => {
    expect(errorOf(() => validateRun(input, { source: 'runs.json' }))).toMatch(message)
  })
})

describe('parseRunsJson', () => {
  it('names the file when the JSON is invalid', () => {
    expect(errorOf(() => parseRunsJson('{"benchmark": ', { source: 'runs.json' }))).toMatch(/^runs\.json: invalid JSON: /)
  })
  it('prefixes paths with the index of a run in an array', () => {
    const text = JSON.stringify([sortRun(), { ...sortRun(), samples: [{ inputs: { n: 10, algo: 'quick' }, repeat: 1, results: { time: 'abc' } }] }])
    expect(errorOf(() => parseRunsJson(text, { source: 'runs.json' }))).toBe('runs.json: [1].samples[0].results.time: expected a number, got "abc"')
  })
})
