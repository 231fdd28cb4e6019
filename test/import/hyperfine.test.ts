import { describe, expect, it } from 'bun:test'
import { importFixture, inputsOf, resultsOf, samplesAt } from './helpers'

describe('hyperfine', () => {
  it('types a scanned parameter and makes times the repeats', () => {
    const { given } = importFixture('hyperfine', 'param-scan-lines.json')
    const [run] = given
    expect(run.benchmark).toBe('param-scan-lines')
    expect(inputsOf(run)).toEqual({ lines: ['int', [1000, 3000, 5000]] })
    expect(run.repeats).toBe(5)
    expect(resultsOf(run)).toEqual({
      time: ['s', 'minimize'],
      user: ['s', 'minimize'],
      system: ['s', 'minimize'],
      exit_code: ['', 'none'],
    })
    expect(samplesAt(run, { lines: 1000 }, 'time')).toEqual([0.005724364, 0.004685955, 0.004021726000000001, 0.004279695, 0.0042617720000000005])
    expect(samplesAt(run, { lines: 1000 }, 'user')).toEqual([0.0007913999999999999, undefined, undefined, undefined, undefined])
    expect(samplesAt(run, { lines: 1000 }, 'exit_code')).toEqual([0, 0, 0, 0, 0])
    expect(run.time).toBeUndefined()
  })

  it('makes each -L parameter an input', () => {
    const { given } = importFixture('hyperfine', 'two-params.json', { name: 'head-tail' })
    const [run] = given
    expect(run.benchmark).toBe('head-tail')
    expect(inputsOf(run)).toEqual({ n: ['int', [1000, 5000]], tool: ['cat', ['head', 'tail']] })
    expect(samplesAt(run, { n: 5000, tool: 'head' }, 'time')).toEqual([0.002376979, 0.002273427, 0.0022824300000000002, 0.002345163])
  })

  it('makes the command a categorical input when there are no parameters, and keeps exit codes', () => {
    const commands = importFixture('hyperfine', 'commands.json').given[0]
    expect(inputsOf(commands)).toEqual({ command: ['cat', ['true', 'sleep 0.01']] })
    expect(commands.repeats).toBe(3)
    const exit = importFixture('hyperfine', 'exit-codes.json').given[0]
    expect(samplesAt(exit, { command: 'false' }, 'exit_code')).toEqual([1, 1, 1])
  })

  it('types a --parameter-scan with a decimal step as float', () => {
    const [run] = importFixture('hyperfine', 'parameter-scan.json').given
    expect(inputsOf(run)).toEqual({ delay: ['float', [0, 0.01, 0.02]] })
  })
})
