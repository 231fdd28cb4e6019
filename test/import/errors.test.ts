import { describe, expect, it } from 'bun:test'
import { BenchPlotError } from '../../src/errors'
import { importSource } from '../../src/import'
import { fixtureText } from './helpers'

/** The error `importSource` throws, for asserting its code and exact one-line message. */
function errorOf(name: string, text: string, format?: string): BenchPlotError {
  try {
    importSource({ name, text }, format ? { format } : {})
  } catch (err) {
    if (err instanceof BenchPlotError) return err
    throw err
  }
  throw new Error('no error thrown')
}

describe('bad files', () => {
  it('names the line of a truncated JSON file', () => {
    const full = fixtureText('hyperfine', 'commands.json')
    const cut = full.slice(0, full.indexOf('"times"') + 20)
    const err = errorOf('cut.json', cut)
    expect(err.code).toBe('PARSE')
    const lines = cut.split('\n')
    expect(err.message).toBe(`cut.json: invalid JSON: unexpected end of file (truncated?) at line ${lines.length}, column ${(lines.at(-1) ?? '').length + 1}`)
  })

  it('names the line of a syntax error and of two documents in one file', () => {
    expect(errorOf('a.json', '{\n  "results": [\n    {"command": "x",}\n  ]\n}').message).toBe('a.json: invalid JSON: expected a quoted key at line 3, column 21')
    const one = fixtureText('hyperfine', 'exit-codes.json').trimEnd()
    const second = one.split('\n').length + 1
    expect(errorOf('two.json', `${one}\n${one}`).message).toBe(
      `two.json: invalid JSON: unexpected text after the JSON value (two documents in one file?) at line ${second}, column 1`,
    )
  })

  it('names the field when a known format has a wrong value', () => {
    const text = fixtureText('google-benchmark', 'memcpy-setinsert.json').replace('"real_time": 1.8657283782604679e+00', '"real_time": "fast"')
    expect(errorOf('gb.json', text).message).toBe('gb.json: benchmarks[0].real_time: expected a number, got "fast"')
    const hf = JSON.stringify({ results: [{ command: 'a', times: [0.1, null] }] })
    expect(errorOf('hf.json', hf).message).toBe('hf.json: results[0].times[1]: expected a number, got null')
  })

  it('says what was expected when --format does not match the content', () => {
    const err = errorOf('gb.json', fixtureText('google-benchmark', 'memcpy-setinsert.json'), 'hyperfine')
    expect(err.code).toBe('PARSE')
    expect(err.message).toBe('gb.json: results: expected an array, got nothing')
    expect(errorOf('x.txt', 'hello', 'nope').message).toMatch(/^x\.txt: unknown format "nope" \(expected one of: bench-plot, /)
  })

  it('reports JSON of no known format and text of no known format as UNKNOWN_FORMAT', () => {
    const json = errorOf('other.json', '{"hello": 1}')
    expect(json.code).toBe('UNKNOWN_FORMAT')
    expect(json.message).toMatch(/^other\.json: JSON of no known format/)
    expect(errorOf('notes.txt', 'just some notes\n').code).toBe('UNKNOWN_FORMAT')
    expect(errorOf('empty.txt', '  \n').message).toBe('empty.txt: empty file')
  })

  it('names the line of a Go result line that is cut short or mixed with junk', () => {
    const text = `${fixtureText('go-test', 'builder.txt')}BenchmarkBuilder/n=10-2   100   12 ns/op  7\n`
    expect(errorOf('go.txt', text).message).toBe('go.txt: line 13: expected "value unit" pairs after the iteration count, got "12 ns/op  7"')
    expect(errorOf('go.txt', 'BenchmarkX 100 abc ns/op 5 B/op\n', 'go-test').message).toBe('go.txt: line 1: "abc" is not a number (before unit "ns/op")')
  })

  it('refuses two samples at the same point and repeat', () => {
    const text = 'n,t\n1,5\n'
    expect(errorOf('dup.csv', 'n,repeat,t\n1,1,5\n1,1,6\n').message).toBe('dup.csv: dup: two samples for n=1, repeat 1')
    expect(() => importSource({ name: 'ok.csv', text })).not.toThrow()
  })
})

describe('determinism', () => {
  it('gives identical objects for the same file imported twice', () => {
    const text = fixtureText('google-benchmark', 'sort-fill-fail.json')
    const a = importSource({ name: 'a.json', text })
    const b = importSource({ name: 'a.json', text })
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    expect(a.every((r) => r.time === '2026-11-25T19:25:30+00:00')).toBe(true)
    const hf = fixtureText('hyperfine', 'commands.json')
    expect(importSource({ name: 'h.json', text: hf })[0].time).toBeUndefined()
  })
})
