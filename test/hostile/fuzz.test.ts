import { describe, expect, it } from 'bun:test'
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runBin } from '../helpers/binary'
import { digest, importedStore } from './helpers'

// Point 11 of issue 22: a seeded fuzz run over every format. Each case is a real fixture, mutated;
// `bench-plot import` must exit 0 or 2, never say "internal error", say what is wrong in one line
// on 2 and leave the store as it was, byte for byte.
const fixtures = resolve(import.meta.dir, '../fixtures')
const casesPerFormat = 64 // 8 formats: 512 cases
const seed = 0x22_2026

const formats: Record<string, string[]> = {
  'bench-plot': ['bench-plot/runs.json'],
  'google-benchmark': ['google-benchmark/memcpy-setinsert.json', 'google-benchmark/sort-fill-fail.json', 'google-benchmark/aggregates-only.json'],
  'pytest-benchmark': ['pytest-benchmark/groups.json', 'pytest-benchmark/strings.json', 'pytest-benchmark/groups-nodata.json'],
  hyperfine: ['hyperfine/parameter-scan.json', 'hyperfine/two-params.json', 'hyperfine/commands.json', 'hyperfine/exit-codes.json'],
  'go-test': ['go-test/builder.txt', 'go-test/encode.txt'],
  benchmarkdotnet: ['benchmarkdotnet/SortBench-report-brief.json', 'benchmarkdotnet/SortBench-report-full.json'],
  csv: ['csv/sweep.csv', 'csv/families.csv', 'csv/all-numeric.csv'],
  criterion: ['criterion/target'],
}

const wildNumbers = ['2147483648', '9007199254740992', '1e9', '1e300', '-1', '0', '-0', '1e-320', '99999999999999999999', 'NaN', 'Infinity', '0.5', '1e21', '-2147483649']
const wildTexts = ['', ' ', '<script>alert(1)</script>', '../../etc/passwd', '%ff%fe', '\\u0000', '"', '=1+2', '__proto__', 'constructor', '\\ud800', 'x'.repeat(5000), '😀'.repeat(50), 'repeat', 'a,b\\nc']

describe('seeded fuzz of import', () => {
  for (const [format, files] of Object.entries(formats)) {
    it(`${format}: ${casesPerFormat} mutated files, each exit 0 or 2, one line on 2, store unchanged on 2`, async () => {
      const random = mulberry32(seed ^ hash(format))
      const { dir, db } = await importedStore()
      const outcomes = { 0: 0, 2: 0 }
      for (let n = 0; n < casesPerFormat; n++) {
        const source = join(fixtures, files[Math.floor(random() * files.length)])
        const isFolder = statSync(source).isDirectory()
        const target = join(dir, `case-${n}${isFolder ? '' : source.slice(source.lastIndexOf('.'))}`)
        let mutation: string
        if (isFolder) {
          cpSync(source, target, { recursive: true })
          const jsons = listFiles(target).filter((f) => f.endsWith('.json'))
          const file = jsons[Math.floor(random() * jsons.length)]
          const m = mutate(readFileSync(file, 'utf8'), random)
          writeFileSync(file, m.text)
          mutation = `${file.slice(target.length)}: ${m.what}`
        } else {
          const m = mutate(readFileSync(source, 'utf8'), random)
          writeFileSync(target, m.text)
          mutation = m.what
        }
        const before = digest(db)
        const r = await runBin(['import', target, '--db', db])
        const label = `case ${n} (${source.slice(fixtures.length + 1)}, ${mutation}): exit ${r.code}`
        expect(`${label} ${r.stdout}${r.stderr}`).not.toContain('internal error')
        expect(`${label} ${[0, 2].includes(r.code)}`).toBe(`${label} true`)
        if (r.code === 2) {
          expect(`${label} ${r.stderr}`).toMatch(/^[^\n]+ bench-plot: [^\n]+\n$/)
          expect(`${label} ${digest(db)}`).toBe(`${label} ${before}`)
        }
        outcomes[r.code as 0 | 2]++
      }
      // A fuzz run that only ever fails (or only ever passes) tests little: both must occur.
      expect(outcomes[0]).toBeGreaterThan(0)
      expect(outcomes[2]).toBeGreaterThan(0)
    }, 300_000)
  }
})

// --- helpers ---

function mutate(text: string, random: () => number): { text: string; what: string } {
  const at = Math.floor(random() * text.length)
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]
  switch (Math.floor(random() * 7)) {
    case 0: {
      // A number somewhere replaced by a wild one: sizes, repeats, indexes, times.
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g)]
      if (numbers.length === 0) break
      const m = pick(numbers)
      const wild = pick(wildNumbers)
      return { text: text.slice(0, m.index) + wild + text.slice((m.index as number) + m[0].length), what: `number ${m[0]} -> ${wild}` }
    }
    case 1: {
      // A string somewhere replaced by a hostile one.
      const strings = [...text.matchAll(/"([^"\\\n]{1,40})"/g)]
      if (strings.length === 0) break
      const m = pick(strings)
      const wild = pick(wildTexts)
      return { text: `${text.slice(0, (m.index as number) + 1)}${wild}${text.slice((m.index as number) + m[0].length - 1)}`, what: `string ${m[1]} -> ${wild.slice(0, 20)}` }
    }
    case 2:
      return { text: text.slice(0, at), what: `truncated at ${at}` }
    case 3: {
      const c = pick(['"', '{', '}', '[', ']', ',', '\n', ':', '\u0000', '\t', '-', 'e', ' ', '\\'])
      return { text: text.slice(0, at) + c + text.slice(at), what: `inserted ${JSON.stringify(c)} at ${at}` }
    }
    case 4: {
      const len = Math.floor(random() * 200)
      return { text: text.slice(0, at) + text.slice(at + len), what: `deleted ${len} at ${at}` }
    }
    case 5: {
      const len = Math.floor(random() * 400)
      const copies = 1 + Math.floor(random() * 20)
      return { text: text.slice(0, at) + text.slice(at, at + len).repeat(copies) + text.slice(at), what: `repeated ${len} bytes ${copies} times at ${at}` }
    }
    default: {
      const keys = [...text.matchAll(/"([a-z_]+)"\s*:/g)]
      if (keys.length === 0) break
      const m = pick(keys)
      const wild = pick(['__proto__', 'constructor', 'prototype', 'repeat', 'inputs', 'samples', 'results', 'benchmarks', ''])
      return { text: `${text.slice(0, m.index)}"${wild}"${text.slice((m.index as number) + m[1].length + 2)}`, what: `key ${m[1]} -> ${wild}` }
    }
  }
  return { text: text.slice(0, at), what: `truncated at ${at}` }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
}

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hash(s: string): number {
  let h = 2166136261
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619)
  return h >>> 0
}
