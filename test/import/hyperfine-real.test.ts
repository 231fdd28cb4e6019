import { describe, expect, it } from 'bun:test'
import { fixtureText, importFixture, inputsOf, samplesAt } from './helpers'

// Made here with hyperfine 1.15.0 (test/fixtures/hyperfine/README.md).

describe('hyperfine: -L over several command templates', () => {
  it('gives one input per parameter and one command value per template', () => {
    const [run] = importFixture('hyperfine', 'two-templates.json').given
    expect(inputsOf(run)).toEqual({
      size: ['int', [1, 10, 100]],
      command: ['cat', ['head -c {size}K /dev/zero', 'dd if=/dev/zero of=/dev/null bs=1K count={size} status=none']],
    })
    // Every result lands on its own point: 2 templates x 3 sizes, 3 runs each, as hyperfine measured them.
    const results = JSON.parse(fixtureText('hyperfine', 'two-templates.json')).results as { command: string; times: number[] }[]
    const dd1 = results.find((r) => r.command === 'dd if=/dev/zero of=/dev/null bs=1K count=1 status=none')
    expect(samplesAt(run, { size: 1, command: 'dd if=/dev/zero of=/dev/null bs=1K count={size} status=none' }, 'time')).toEqual(dd1?.times ?? [])
    expect(run.samples).toHaveLength(18)
  })
})
