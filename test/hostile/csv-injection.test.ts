import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { startServer, type ServerProcess } from '../helpers/binary'
import { importedStore } from './helpers'

// Point 10 of issue 22: text in samples.csv that a spreadsheet would run as a formula is written as text.
const formulas = ['=1+2', '+cmd|" /C calc"!A0', '-2+3+cmd|"/C calc"!A0', '@SUM(A1:A9)', '=HYPERLINK("http://evil.example","x")', '\t=1+1', '\r=1+1']
const harmless = ['-1', '+2.5', '-3e4', 'plain', 'a=b']

let server: ServerProcess
beforeAll(async () => {
  const values = [...formulas, ...harmless]
  const { db } = await importedStore([
    {
      benchmark: 'cells',
      repeats: 1,
      inputs: [{ name: '=input', kind: 'cat', values }],
      results: [
        { name: 'time', kind: 'float' },
        { name: '@note', kind: 'string' },
      ],
      samples: values.map((v, i) => ({ inputs: { '=input': v }, results: { time: -i - 0.5, '@note': v } })),
    },
  ])
  server = await startServer(['serve', '--db', db, '--no-open'])
})
afterAll(async () => {
  await server?.stop()
})

describe('samples.csv', () => {
  it('starts every text cell a spreadsheet would run with an apostrophe, and leaves numbers and plain text alone', async () => {
    const csv = await (await fetch(`${server.url}api/benchmarks/cells/runs/1/samples.csv`)).text()
    const rows = parseCsv(csv)
    expect(rows[0]).toEqual(["'=input", 'repeat', 'time', "'@note"])
    const body = rows.slice(1)
    expect(body).toHaveLength(formulas.length + harmless.length)
    for (const row of body) {
      for (const cell of [row[0], row[3]]) {
        const original = cell.startsWith("'") ? cell.slice(1) : cell
        expect([...formulas, ...harmless]).toContain(original)
        expect(cell.startsWith("'")).toBe(formulas.includes(original))
      }
      expect(Number(row[2])).toBeLessThan(0) // negative numbers stay numbers
    }
  })
})

// RFC 4180: fields in double quotes may hold commas, quotes (doubled) and line breaks.
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(field), (field = '')
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++
    else field += c
  }
  return rows
}
