import { describe, expect, it } from 'bun:test'
import { validateRun } from '../../src/model/run-format'
import { sweepSignature } from '../../src/model/signature'

describe('sweepSignature', () => {
  it('counts float-like and categorical inputs, repeats and result kinds', () => {
    const run = validateRun({
      benchmark: 'b',
      repeats: 3,
      inputs: [
        { name: 'n', kind: 'int', values: [1, 2] },
        { name: 'x', kind: 'float', values: [0.5] },
        { name: 'algo', kind: 'cat', values: ['a'] },
        { name: 'warm', kind: 'bool', values: [true, false] },
      ],
      results: [{ name: 'time', kind: 'float' }, { name: 'ok', kind: 'bool' }, { name: 'pos', kind: 'vec', size: 3 }, { name: 'shot', kind: 'image' }],
      samples: [],
    })
    const sig = sweepSignature(run)
    expect(sig.floatInputs).toEqual(['n', 'x'])
    expect(sig.catInputs).toEqual(['algo', 'warm'])
    expect(sig.points).toBe(4)
    expect(sig.text).toBe('2 float inputs, 2 categorical, 3 repeats; results: time (float), ok (bool), pos (vec3), shot (image)')
  })

  it('reads a run with no inputs and one repeat in the singular', () => {
    const run = validateRun({ benchmark: 'b', samples: [{ results: { t: 1 } }] })
    expect(sweepSignature(run).text).toBe('0 float inputs, 0 categorical, 1 repeat; results: t (float)')
  })
})
