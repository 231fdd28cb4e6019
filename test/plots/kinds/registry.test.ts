// The list of chart kinds is the one place a kind is registered: every module of src/plots/kinds is
// in it, each has its test and its section of docs/plots.md, and the functions sent to the browser
// work from their source text alone.
import { describe, expect, it } from 'bun:test'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chartKinds, kindLabel, namedPlots, runKinds } from '../../../src/plots'
import { renderItems } from '../../../src/plots/render-items'

const root = join(import.meta.dir, '../../..')

describe('the chart kinds list', () => {
  it('holds every kind module, each with its test and named in docs/plots.md', () => {
    const modules = readdirSync(join(root, 'src/plots/kinds')).filter((f) => !f.startsWith('_') && f !== 'index.ts')
    expect(modules.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(chartKinds.map((k) => k.kind).sort())
    const tests = readdirSync(import.meta.dir)
    const docs = readFileSync(join(root, 'docs/plots.md'), 'utf8')
    for (const k of chartKinds) {
      expect(tests).toContain(`${k.kind}.test.ts`)
      expect(docs).toContain(`\`${k.kind}\``)
    }
  })

  it('names each kind once, and the kinds drawn on request in the controls\' order', () => {
    expect(new Set(chartKinds.map((k) => k.kind)).size).toBe(chartKinds.length)
    expect(namedPlots).toEqual(runKinds.filter((k) => k.named).map((k) => k.kind))
    expect(kindLabel('nope')).toBe('nope')
  })

  it('sends CSV rows and renderItems that need nothing but their arguments', () => {
    const fromSource = (f: Function) => new Function(`return (${f.toString()})`)() as (...args: unknown[]) => unknown
    const samples: [unknown, number, string, string[] | null, string[] | null][] = [
      [[0, 2, 3.5, 1, 4, 5], 0, 's', ['a', 'b'], ['c', 'd']],
      [7, 1, 's', ['a', 'b'], null],
      [[1.5, 2], 0, 's', null, null],
    ]
    // Some samples do not fit some kinds (a box row needs an array): the copy must then fail as the original does.
    const result = (f: (...args: any[]) => unknown, args: unknown[]) => {
      try {
        return f(...args)
      } catch (err) {
        return `throws ${(err as Error).name}`
      }
    }
    for (const k of chartKinds) for (const args of samples) expect(result(fromSource(k.csv.row), args)).toEqual(result(k.csv.row, args))
    const api = { value: (i: number) => [1, 0.3, 2, 1, 3, 0.5, 0.2, 2.5, 1][i], coord: (p: number[]) => [p[0] * 10, p[1] * 10], visual: () => '#123456' }
    for (const f of Object.values(renderItems)) expect(fromSource(f)({ seriesIndex: 0 }, api)).toEqual(f({ seriesIndex: 0 }, api))
  })
})
